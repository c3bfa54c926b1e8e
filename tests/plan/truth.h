/* SPDX-License-Identifier: MIT */
/*
 * A machine's ground truth, as tests/plan/gen_corpus.py writes it beside
 * each corpus log (NAME.truth): the RAM to cover, the CMRs, the NUMA
 * ranges and the module limits, computed from the machine itself.  The
 * judge reads this instead of the log, so a bug in the product's log
 * parser (core/platlog.c) shows up as a plan that misses RAM.  Host test
 * code: it allocates.
 */
#ifndef TDXBOOT_TESTS_PLAN_TRUTH_H
#define TDXBOOT_TESTS_PLAN_TRUTH_H

#include <stdbool.h>
#include <stddef.h>

#include "core/plan.h"

struct truth {
	struct plan_input in;   /* points into the arrays below */
	struct plan_mem *mem;
	struct plan_range *cmrs;
	struct plan_numa *numa;
};

/*
 * Reads the truth text (NUL-terminated) into t.  False on a malformed line,
 * with why[] naming it.  truth_release() frees t on every path.
 */
bool truth_read(const char *text, struct truth *t, char *why, size_t why_size);
void truth_release(struct truth *t);

#endif
