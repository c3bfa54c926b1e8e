/* SPDX-License-Identifier: MIT */
/*
 * Sorted-span helpers for the planner: binary searches over sorted,
 * disjoint [base, end) arrays and an in-place heapsort.  Heapsort because
 * core/ has no heap and no libc qsort, and it is O(n log n) in the worst
 * case: a 10 000-entry map must plan in well under a millisecond
 * (issue 4), whatever its order.
 */
#include "core/plan_int.h"

/* base + size, saturated: input ranges may wrap 2^64 (issue 4, robustness). */
uint64_t range_end(uint64_t base, uint64_t size)
{
	uint64_t end = base + size;

	return end < base ? UINT64_MAX : end;
}

uint64_t range_align_down(uint64_t x, uint64_t a)
{
	return x & ~(a - 1);
}

/* Rounds up; saturates to the last multiple of a below 2^64. */
uint64_t range_align_up(uint64_t x, uint64_t a)
{
	uint64_t r = x + (a - 1);

	if (r < x)
		return range_align_down(UINT64_MAX, a);
	return range_align_down(r, a);
}

/* First span whose end is above addr, or n. */
size_t range_find(const struct plan_span *v, size_t n, uint64_t addr)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].end > addr)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* Last span whose base is below addr, or n when there is none. */
size_t range_find_before(const struct plan_span *v, size_t n, uint64_t addr)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].base < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? lo - 1 : n;
}

bool range_any_in(const struct plan_span *v, size_t n, uint64_t a, uint64_t b)
{
	size_t i = range_find(v, n, a);

	return a < b && i < n && v[i].base < b;
}

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

static uint64_t mem_key(const struct plan_mem *m, bool by_end)
{
	return by_end ? range_end(m->base, m->size) : m->base;
}

static bool idx_less(uint32_t x, uint32_t y, const struct plan_mem *mem,
		     bool by_end)
{
	uint64_t kx = mem_key(&mem[x], by_end), ky = mem_key(&mem[y], by_end);

	return kx != ky ? kx < ky : x < y;
}

static void idx_sift(uint32_t *idx, size_t root, size_t n,
		     const struct plan_mem *mem, bool by_end)
{
	for (;;) {
		size_t child = 2 * root + 1;
		uint32_t t;

		if (child >= n)
			return;
		if (child + 1 < n && idx_less(idx[child], idx[child + 1], mem, by_end))
			child++;
		if (!idx_less(idx[root], idx[child], mem, by_end))
			return;
		t = idx[root];
		idx[root] = idx[child];
		idx[child] = t;
		root = child;
	}
}

/* Sorts map-entry indices by base (or end).  Maps usually come sorted:
 * that case is one linear check. */
void range_sort_mem(uint32_t *idx, size_t n, const struct plan_mem *mem,
		    bool by_end)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (idx_less(idx[i], idx[i - 1], mem, by_end))
			break;
	if (i >= n)
		return;
	for (i = n / 2; i-- > 0;)
		idx_sift(idx, i, n, mem, by_end);
	for (i = n; i-- > 1;) {
		uint32_t t = idx[0];

		idx[0] = idx[i];
		idx[i] = t;
		idx_sift(idx, 0, i, mem, by_end);
	}
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
