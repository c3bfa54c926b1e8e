/* SPDX-License-Identifier: MIT */
/*
 * ivset: sets of physical addresses as sorted, disjoint, non-adjacent
 * half-open intervals; the judge's arithmetic.  Host test code.
 */
#ifndef TDXBOOT_TESTS_PLAN_IVSET_H
#define TDXBOOT_TESTS_PLAN_IVSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct iv {
	uint64_t lo, hi; /* [lo, hi) */
};

struct ivset {
	struct iv *v;
	size_t n, cap;
};

void ivset_free(struct ivset *s);
/* Adds [lo, hi) (empty ranges ignored); call ivset_norm before queries. */
void ivset_add(struct ivset *s, uint64_t lo, uint64_t hi);
/* Sorts and merges overlapping and touching intervals. */
void ivset_norm(struct ivset *s);
/* a \ b into out (all normalized; out is overwritten). */
void ivset_sub(const struct ivset *a, const struct ivset *b, struct ivset *out);
/* Does [lo, hi) meet the set? */
bool ivset_meets(const struct ivset *s, uint64_t lo, uint64_t hi, struct iv *hit);
/* Is [lo, hi) inside one interval of the set? */
bool ivset_holds(const struct ivset *s, uint64_t lo, uint64_t hi);
uint64_t ivset_bytes(const struct ivset *s);

#endif
