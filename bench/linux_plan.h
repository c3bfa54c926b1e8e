/* SPDX-License-Identifier: MIT */
/*
 * The baseline for make bench: Linux's TDMR/PAMT algorithm as
 * docs/reference/landscape.md §1.4 steps 4-8 describe it (build_tdx_memlist,
 * fill_out_tdmrs, tdmrs_set_up_pamt_all, tdmrs_populate_rsvd_areas_all),
 * written from that description, on the planner's own input, so that one
 * command compares their instruction counts.  Host only, bench only.
 */
#ifndef TDXBOOT_BENCH_LINUX_PLAN_H
#define TDXBOOT_BENCH_LINUX_PLAN_H

#include "core/plan.h"

struct linux_plan {
	uint32_t n_tdmrs;
	struct plan_tdmr tdmrs[PLAN_TDMR_CAP];
	uint64_t pamt_bytes;
};

/* 0 on success; -1 "TDMRs exhausted", -2 "reserved areas exhausted",
 * -3 no contiguous free memory for a PAMT, -4 a table of the baseline full. */
int linux_plan_build(const struct plan_input *in, struct linux_plan *out);

#endif
