/* SPDX-License-Identifier: MIT */
/*
 * The planner unit tests' fixture: a map to fill, the input built from it,
 * one output (the scratch is large, so it is allocated once for the run
 * and reused: plan_build() needs no cleared output), and the error.  It
 * replaces the preamble every test repeated (issue 16).
 *
 *   struct plan_fx *f = pfx_begin();
 *   pfx_ram(f, MiB, 2 * GiB, PLAN_MEM_FREE);      (RAM inside a CMR)
 *   pfx_input(f)->limits.max_rsvd_per_tdmr = 3;   (optional tweaks)
 *   REQUIRE_PLAN(f);                              (a plan plan_check accepts)
 *   CHECK_INT_EQ(f->o->n_tdmrs, 2);
 */
#ifndef TDXBOOT_TESTS_UNIT_TEST_PLAN_FIXTURE_H
#define TDXBOOT_TESTS_UNIT_TEST_PLAN_FIXTURE_H

#include <stdbool.h>

#include "tests/unit/test.h"
#include "tests/unit/test_plan_check.h"

struct plan_fx {
	struct plan_test_map m;
	struct plan_input in;
	bool in_built;            /* in made from m (pfx_input) */
	struct plan_output *o;
	struct tb_err err;
};

/* The fixture, emptied: no map entries, no input, the error cleared. */
struct plan_fx *pfx_begin(void);

/* RAM [base, end) of kind, and a CMR over it: the usual shape. */
void pfx_ram(struct plan_fx *f, uint64_t base, uint64_t end, uint32_t kind);

/* The input from the map, built once; returned so a test can change it. */
struct plan_input *pfx_input(struct plan_fx *f);

/* plan_build() on the input (built if not yet); the error in f->err. */
tb_status pfx_build(struct plan_fx *f);

/* NULL when plan_build() succeeds and plan_check() accepts the plan, else
 * why not. */
const char *pfx_plan(struct plan_fx *f);

#define REQUIRE_PLAN(f)                                                   \
	do {                                                              \
		const char *why_ = pfx_plan(f);                           \
		if (why_) {                                               \
			test_fail(__FILE__, __LINE__, "no valid plan: %s", why_); \
			longjmp(test_abort_jmp, 1);                       \
		}                                                         \
	} while (0)

#endif
