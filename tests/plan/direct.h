/* SPDX-License-Identifier: MIT */
/*
 * The planner's rules (docs/planner.md §1-§4) written directly, as plainly
 * as bench/linux_plan.c writes Linux's, for the maps that need none of
 * plan_build()'s general machinery.  Two uses, host only:
 *   - an oracle: plan-prop checks that plan_build() gives the very plan the
 *     rules give on every random machine this planner can plan (the judges
 *     check that a plan is valid; this checks that it is the one the rules
 *     choose: which spot a PAMT takes, which areas a TDMR gets);
 *   - a floor: make plan-bench counts its instructions beside plan_build()'s
 *     and the Linux baseline's (docs/tdxboot-plan.md, "Benchmark").
 * It shares no code with core/plan*.c, only the types of core/plan.h.
 */
#ifndef TDXBOOT_TESTS_PLAN_DIRECT_H
#define TDXBOOT_TESTS_PLAN_DIRECT_H

#include "core/plan.h"

enum direct_result {
	DIRECT_PLAN = 0,     /* *out holds the plan (the fields plan-bench compares) */
	DIRECT_GENERAL = 1,  /* the map needs what only plan_build() does */
};

enum direct_result direct_build(const struct plan_input *in, struct plan_output *out);

/* Whether two plans are the same, field by field (not the padding); if not,
 * why names the first difference. */
bool direct_same_plan(const struct plan_output *a, const struct plan_output *b,
		      char *why, size_t len);

#endif
