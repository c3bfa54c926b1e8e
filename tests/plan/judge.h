/* SPDX-License-Identifier: MIT */
/*
 * The coverage judge: decides whether a plan is one the TDX module accepts
 * and one that covers all RAM, from the rules alone (docs/reference/planner-input.md §1.6,
 * docs/reference/tdx-abi.md §6).  It shares no code with the planner (core/plan*.c) on
 * purpose: two independent readings of the rules, so a bug in one shows up
 * as a disagreement.  Host test code: it allocates.
 */
#ifndef TDXBOOT_TESTS_PLAN_JUDGE_H
#define TDXBOOT_TESTS_PLAN_JUDGE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/plan.h"

/*
 * True if out is a valid plan for in.  Otherwise false, and why[] names the
 * first rule broken and where ("TDMR 2: reserved area 3 ...").
 */
bool judge_plan(const struct plan_input *in, const struct plan_output *out,
		char *why, size_t why_size);

/*
 * judge_plan() and the figures the JSON output does not carry:
 * pamt_nodes[] adds up to pamt_bytes, and tdx_memory_bytes is the RAM
 * left after PAMTs and exclusions.
 */
bool judge_plan_totals(const struct plan_input *in, const struct plan_output *out,
		       char *why, size_t why_size);

/*
 * Is some RAM to cover outside all CMRs?  Then "no plan" is the right
 * answer under PLAN_NONCMR_FAIL; the property tests use it to tell a
 * justified refusal from a planner giving up.
 */
bool judge_ram_outside_cmrs(const struct plan_input *in);

/*
 * Is there one free block inside a CMR big enough for the PAMTs of any
 * cover of the RAM?  Then "no free memory for the PAMT" is not a
 * justified refusal.
 */
bool judge_pamt_surely_fits(const struct plan_input *in);

/*
 * A sufficient (not necessary) condition for some valid plan to exist:
 * then any refusal is a planner weakness.  See judge.c for the argument.
 */
bool judge_plan_surely_exists(const struct plan_input *in);

#endif
