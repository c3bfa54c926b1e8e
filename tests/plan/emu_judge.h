/* SPDX-License-Identifier: MIT */
/*
 * The second judge: the emulated TDX module's own TDH.SYS.CONFIG (emu/),
 * run on the plan as TDMR_INFO entries, after TDH.SYS.INIT and
 * TDH.SYS.LP.INIT on a one-LP platform whose CMRs are the input's.  It
 * checks what the module checks (docs/reference/tdx-abi.md §6.2); the coverage judge
 * (judge.h) checks what only the planner's contract says.  Host test code.
 */
#ifndef TDXBOOT_TESTS_PLAN_EMU_JUDGE_H
#define TDXBOOT_TESTS_PLAN_EMU_JUDGE_H

#include <stddef.h>

#include "core/plan.h"

enum emu_judge_verdict {
	EMU_JUDGE_ACCEPT,
	EMU_JUDGE_REJECT,   /* why: the status, by name, and its detail */
	EMU_JUDGE_SKIP,     /* the plan or platform does not fit the ABI */
};

enum emu_judge_verdict emu_judge_plan(const struct plan_input *in,
				      const struct plan_output *out,
				      char *why, size_t why_size);

#endif
