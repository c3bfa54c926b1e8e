/* SPDX-License-Identifier: MIT */
/*
 * The firmware watchdog's budget for the TDX run, computed from the work
 * (docs/initializer.md, "The watchdog"): long enough that a slow but
 * healthy run is never reset, short enough that a hang ends in a reset
 * within minutes instead of never.
 */
#ifndef TDXBOOT_CORE_WATCHDOG_H
#define TDXBOOT_CORE_WATCHDOG_H

#include <stdint.h>

struct watchdog_work {
	uint32_t n_cpus;
	uint64_t ram_bytes;       /* the memory TDMRs will cover */
	uint32_t ap_timeout_ms;   /* how long one dispatch may wait for an AP */
};

struct watchdog_budget {
	uint64_t tdmr_init_calls; /* what the memory implies, 4 MB a call */
	uint32_t seconds;         /* the budget; at least the fixed part */
};

void watchdog_budget_compute(const struct watchdog_work *w, struct watchdog_budget *out);

#endif
