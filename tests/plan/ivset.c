/* SPDX-License-Identifier: MIT */
#include "tests/plan/ivset.h"

#include <stdlib.h>

void ivset_free(struct ivset *s)
{
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

void ivset_add(struct ivset *s, uint64_t lo, uint64_t hi)
{
	if (hi <= lo)
		return;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = realloc(s->v, s->cap * sizeof(*s->v));
		if (!s->v)
			abort();
	}
	s->v[s->n++] = (struct iv){ lo, hi };
}

static int iv_cmp(const void *a, const void *b)
{
	const struct iv *x = a, *y = b;

	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

void ivset_norm(struct ivset *s)
{
	size_t w = 0;

	if (!s->n)
		return;
	qsort(s->v, s->n, sizeof(*s->v), iv_cmp);
	for (size_t i = 1; i < s->n; i++) {
		if (s->v[i].lo <= s->v[w].hi) {
			if (s->v[i].hi > s->v[w].hi)
				s->v[w].hi = s->v[i].hi;
		} else {
			s->v[++w] = s->v[i];
		}
	}
	s->n = w + 1;
}

void ivset_sub(const struct ivset *a, const struct ivset *b, struct ivset *out)
{
	size_t j = 0;

	out->n = 0;
	for (size_t i = 0; i < a->n; i++) {
		uint64_t lo = a->v[i].lo, hi = a->v[i].hi;

		while (j < b->n && b->v[j].hi <= lo)
			j++;
		for (size_t k = j; k < b->n && b->v[k].lo < hi && lo < hi; k++) {
			if (b->v[k].lo > lo)
				ivset_add(out, lo, b->v[k].lo);
			if (b->v[k].hi > lo)
				lo = b->v[k].hi;
		}
		if (lo < hi)
			ivset_add(out, lo, hi);
	}
}

/* The first interval whose end is above lo (binary search). */
static size_t ivset_find(const struct ivset *s, uint64_t lo)
{
	size_t a = 0, b = s->n;

	while (a < b) {
		size_t m = a + (b - a) / 2;

		if (s->v[m].hi <= lo)
			a = m + 1;
		else
			b = m;
	}
	return a;
}

bool ivset_meets(const struct ivset *s, uint64_t lo, uint64_t hi, struct iv *hit)
{
	size_t i = ivset_find(s, lo);

	if (i < s->n && s->v[i].lo < hi && lo < hi) {
		if (hit) {
			hit->lo = s->v[i].lo > lo ? s->v[i].lo : lo;
			hit->hi = s->v[i].hi < hi ? s->v[i].hi : hi;
		}
		return true;
	}
	return false;
}

bool ivset_holds(const struct ivset *s, uint64_t lo, uint64_t hi)
{
	size_t i = ivset_find(s, lo);

	return i < s->n && s->v[i].lo <= lo && hi <= s->v[i].hi;
}

uint64_t ivset_bytes(const struct ivset *s)
{
	uint64_t sum = 0;

	for (size_t i = 0; i < s->n; i++)
		sum += s->v[i].hi - s->v[i].lo;
	return sum;
}
