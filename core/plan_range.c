/* SPDX-License-Identifier: MIT */
/*
 * Sorted-span helpers for the planner: binary searches over sorted,
 * disjoint [base, end) arrays and an in-place heapsort.  Heapsort because
 * core/ has no heap and no libc qsort, and it is O(n log n) in the worst
 * case: a 10 000-entry map must plan in well under a millisecond
 * (issue 4), whatever its order.
 */
#include "core/plan_int.h"

#include "lib/mem.h"

uint64_t range_bytes_in(const struct plan_span *v, size_t n, uint64_t a,
			uint64_t b)
{
	uint64_t sum = 0;

	for (size_t i = range_find(v, n, a); i < n && v[i].base < b; i++) {
		uint64_t lo = v[i].base > a ? v[i].base : a;
		uint64_t hi = v[i].end < b ? v[i].end : b;

		if (hi > lo)
			sum += hi - lo;
	}
	return sum;
}

static bool span_less(const struct plan_span *x, const struct plan_span *y)
{
	if (x->base != y->base)
		return x->base < y->base;
	if (x->end != y->end)
		return x->end < y->end;
	return x->node < y->node;
}

static void span_sift(struct plan_span *v, size_t root, size_t n)
{
	for (;;) {
		size_t child = 2 * root + 1;
		struct plan_span t;

		if (child >= n)
			return;
		if (child + 1 < n && span_less(&v[child], &v[child + 1]))
			child++;
		if (!span_less(&v[root], &v[child]))
			return;
		t = v[root];
		v[root] = v[child];
		v[child] = t;
		root = child;
	}
}

static bool span_sorted(const struct plan_span *v, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (span_less(&v[i], &v[i - 1]))
			return false;
	return true;
}

/* Sorts by (base, end, node): a total order, so the result is deterministic. */
void range_sort(struct plan_span *v, size_t n)
{
	if (span_sorted(v, n))
		return;
	for (size_t i = n / 2; i-- > 0;)
		span_sift(v, i, n);
	for (size_t i = n; i-- > 1;) {
		struct plan_span t = v[0];

		v[0] = v[i];
		v[i] = t;
		span_sift(v, 0, i);
	}
}

/*
 * Sorts by base only, stably (equal bases keep their input order), through
 * buf (n entries): an LSD radix sort, a byte at a time, skipping bytes all
 * keys share.  For the memory map's events: comparison sorts spend
 * milliseconds in mispredicted branches on a shuffled 10 000-entry map;
 * this is a few linear passes.
 */
void range_sort_buf(struct plan_span *v, size_t n, struct plan_span *buf)
{
	struct plan_span *src = v, *dst = buf;
	size_t i = 1;

	while (i < n && v[i].base >= v[i - 1].base)
		i++;
	if (i >= n)
		return;     /* maps usually come sorted: one linear check */
	for (unsigned shift = 0; shift < 64; shift += 8) {
		uint32_t count[256] = { 0 }, pos = 0;   /* n <= PLAN_MEM_CAP */
		struct plan_span *t;

		for (i = 0; i < n; i++)
			count[(src[i].base >> shift) & 0xff]++;
		if (count[(src[0].base >> shift) & 0xff] == n)
			continue;   /* every key has this byte: nothing to do */
		for (unsigned d = 0; d < 256; d++) {
			uint32_t c = count[d];

			count[d] = pos;
			pos += c;
		}
		for (i = 0; i < n; i++)
			dst[count[(src[i].base >> shift) & 0xff]++] = src[i];
		t = src;
		src = dst;
		dst = t;
	}
	if (src != v)
		memcpy(v, src, n * sizeof(*v));
}

/* Merges overlapping or touching spans of a sorted array; returns the count. */
size_t range_merge(struct plan_span *v, size_t n)
{
	size_t out = 0;

	for (size_t i = 0; i < n; i++) {
		if (out && v[i].base <= v[out - 1].end) {
			if (v[i].end > v[out - 1].end)
				v[out - 1].end = v[i].end;
			continue;
		}
		v[out++] = v[i];
	}
	return out;
}
