/* SPDX-License-Identifier: MIT */
/*
 * A complete, plausible handoff record for tests, the fuzz seed corpus and
 * the tdxboot-inspect test: two packages, 8 LPs, 3 TDMRs on 2 nodes with
 * reserved areas, excluded memory, SEAMLDR and timings.
 */
#ifndef TDXBOOT_TESTS_UNIT_HANDOFF_FIXTURE_H
#define TDXBOOT_TESTS_UNIT_HANDOFF_FIXTURE_H

#include <stddef.h>

#include "core/handoff_build.h"

/* A record and the plan it points to, owned together (the plan is large). */
struct handoff_fixture {
	struct handoff_record rec;
	struct plan_output *plan;
	struct seamldr_info seamldr;
	struct plan_range cmrs[3];
	uint32_t apic_ids[8];
	struct plan_range released[3 * 3];
};

/* Heap-allocated, filled as a successful run; NULL if out of memory. */
struct handoff_fixture *handoff_fixture_new(void);
void handoff_fixture_free(struct handoff_fixture *fx);

/* Turns the fixture into a run that failed at TDH.SYS.KEY.CONFIG on LP 5
 * and was rolled back: no plan published, its PAMTs listed as RELEASED. */
void handoff_fixture_set_failed(struct handoff_fixture *fx);

/* Builds the fixture's table into a new 8-aligned buffer (free() it). */
void *handoff_fixture_build(const struct handoff_fixture *fx, size_t *len);

#endif
