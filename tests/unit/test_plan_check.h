/* SPDX-License-Identifier: MIT */
/*
 * A private, brute-force validity check of a plan for the planner's unit
 * tests (the project's independent judge lives elsewhere).  It re-derives
 * everything from the raw input by walking elementary intervals, so it
 * shares no logic with core/plan*.c.  Meant for small maps.
 */
#ifndef TDXBOOT_TESTS_UNIT_TEST_PLAN_CHECK_H
#define TDXBOOT_TESTS_UNIT_TEST_PLAN_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "core/plan.h"

#define KiB 0x400ull
#define MiB 0x100000ull
#define GiB 0x40000000ull

/* Returns NULL when the plan is valid, else a description of the first
 * violation (static buffer). */
const char *plan_check(const struct plan_input *in, const struct plan_output *out);

/* Only the TDH.SYS.CONFIG rules (docs/reference/tdx-abi.md §6.2), no RAM coverage: fast
 * enough for big maps. */
const char *plan_check_module(const struct plan_input *in,
			      const struct plan_output *out);

/* Default limits: 64 TDMRs, 16 areas, 16-byte entries. */
struct plan_limits plan_test_limits(void);

/* A heap-allocated output (the scratch is large); free() it. */
struct plan_output *plan_test_out(void);

/* A small builder for maps. */
struct plan_test_map {
	struct plan_mem mem[512];
	size_t n_mem;
	struct plan_range cmr[128];
	size_t n_cmr;
	struct plan_numa numa[64];
	size_t n_numa;
};

void ptm_mem(struct plan_test_map *m, uint64_t base, uint64_t end, uint32_t kind);
void ptm_cmr(struct plan_test_map *m, uint64_t base, uint64_t end);
void ptm_node(struct plan_test_map *m, uint64_t base, uint64_t end, uint32_t node);
struct plan_input ptm_input(const struct plan_test_map *m);

/* Areas of the TDMR's reserved list overlapping [a, b). */
uint64_t plan_test_rsvd_bytes(const struct plan_tdmr *t, uint64_t a, uint64_t b);

#endif
