/* SPDX-License-Identifier: MIT */
/*
 * The planner's internals, shared by core/plan*.c only.  docs/planner.md
 * explains the algorithm; each file owns one step:
 *
 *   plan_range.c     sorted-span helpers (search, sort)
 *   plan_ram.c       TDX memory: RAM runs, 4K trim, 1 MiB, NUMA split, CMRs
 *   plan_rsvd.c      must-reserve pieces ("holes") and reserved-area counting
 *   plan_tdmr.c      TDMR layout: runs, split, merge
 *   plan_split.c     more, smaller TDMRs for a parallel TDMR.INIT
 *   plan_coalesce.c  giving up RAM islands when one GiB has too many holes
 *   plan_pamt.c      PAMT sizing and placement
 *   plan.c           plan_build(): the order of the steps, the retries
 */
#ifndef TDXBOOT_CORE_PLAN_INT_H
#define TDXBOOT_CORE_PLAN_INT_H

#include "core/plan.h"

#define PLAN_4K      0x1000ull
#define PLAN_1M      0x100000ull
#define PLAN_1G      0x40000000ull
/* Physical addresses stop at 2^52 (docs/reference/tdx-abi.md §6.2: TDMR and PAMT bases and
 * last bytes must be below it); nothing above can be TDX memory. */
#define PLAN_PA_END  (1ull << 52)

#define PLAN_NODE_NONE 0xffffffffu

/* What a hole piece is (plan_span.aux of scratch.hole[]). */
enum plan_hole_kind { HOLE_CMR = 0, HOLE_PAMT = 1, HOLE_ISLAND = 2 };

/* Why a layout or placement failed, so plan_build() knows what to retry. */
enum plan_fail { FAIL_NONE = 0, FAIL_RSVD, FAIL_SPACE, FAIL_OTHER };

struct plan_ctx {
	const struct plan_input *in;
	struct plan_output *out;
	struct plan_scratch *s;
	struct tb_err *err;
	uint32_t max_tdmrs;      /* min(MAX_TDMRS, PLAN_TDMR_CAP) */
	uint32_t max_rsvd;       /* min(MAX_RESERVED_PER_TDMR, PLAN_RSVD_CAP) */
	uint32_t layout_rsvd;    /* areas the layout allows a TDMR (<= max_rsvd) */
	uint64_t max_tdmr_size;  /* layout: largest TDMR (PAMT contiguity) */
	uint32_t split_extra;    /* split: most TDMRs it may add; lowered when a
				    split plan cannot be placed */
	uint32_t n_excl_noncmr;  /* excluded[] entries from the CMR check */
	uint64_t ram_bytes;      /* tdmr_layout (tdmr_runs): bytes in ram[],
				    for plan_finish's tdx_memory_bytes */
	enum plan_fail fail;
	uint64_t fail_base, fail_end; /* the TDMR a failure names */
	uint32_t fail_need;
	uint64_t fail_bytes;     /* FAIL_SPACE: the PAMT that found no room */
};

/* plan_range.c; the searches and roundings are inline: every pass of the
 * planner calls them per element, and a call costs as much as the work. */
/* base + size, saturated: input ranges may wrap 2^64 (issue 4, robustness). */
static inline uint64_t range_end(uint64_t base, uint64_t size)
{
	uint64_t end = base + size;

	return end < base ? UINT64_MAX : end;
}

static inline uint64_t range_align_down(uint64_t x, uint64_t a)
{
	return x & ~(a - 1);
}

/* Rounds up; saturates to the last multiple of a below 2^64. */
static inline uint64_t range_align_up(uint64_t x, uint64_t a)
{
	uint64_t r = x + (a - 1);

	if (r < x)
		return range_align_down(UINT64_MAX, a);
	return range_align_down(r, a);
}

/* First span whose end is above addr, or n. */
static inline size_t range_find(const struct plan_span *v, size_t n, uint64_t addr)
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
static inline size_t range_find_before(const struct plan_span *v, size_t n, uint64_t addr)
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

/* Whether span s lies at or past addr: its base (by_base) at or above addr,
 * else its end above addr.  Both are monotone over a sorted, disjoint array. */
static inline bool range_past(const struct plan_span *s, uint64_t addr, bool by_base)
{
	return by_base ? s->base >= addr : s->end > addr;
}

/*
 * First span at or after k that lies past addr (range_past), or n; the
 * spans before k must not.  Galloping from k (steps 1, 2, 4, ... then a
 * binary search) costs O(log distance): a pass whose queries only move
 * forward pays about one comparison per query where a binary search from
 * 0 would pay log n (plan_rsvd.c and plan_tdmr.c, cursors over hole[] and
 * ram[]).
 */
static inline size_t range_gallop(const struct plan_span *v, size_t n, size_t k,
				  uint64_t addr, bool by_base)
{
	size_t lo = k + 1, hi = k + 1, step = 2;

	if (k >= n || range_past(&v[k], addr, by_base))
		return k;   /* the usual answer of a forward pass: no search */
	while (hi < n && !range_past(&v[hi], addr, by_base)) {
		lo = hi + 1;
		hi += step;
		step *= 2;
	}
	if (hi > n)
		hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (range_past(&v[mid], addr, by_base))
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

static inline bool range_any_in(const struct plan_span *v, size_t n, uint64_t a, uint64_t b)
{
	size_t i = range_find(v, n, a);

	return a < b && i < n && v[i].base < b;
}

uint64_t range_bytes_in(const struct plan_span *v, size_t n, uint64_t a,
			uint64_t b);
void range_sort(struct plan_span *v, size_t n);
void range_sort_buf(struct plan_span *v, size_t n, struct plan_span *buf);
size_t range_merge(struct plan_span *v, size_t n);

/* plan_ram.c */
tb_status ram_build(struct plan_ctx *c);

/* plan_rsvd.c */
void rsvd_init(struct plan_ctx *c);
tb_status rsvd_insert(struct plan_ctx *c, uint64_t base, uint64_t end,
		      uint32_t kind);
tb_status rsvd_insert_at(struct plan_ctx *c, size_t at, struct plan_span h,
			 bool link_lo, bool link_hi);
uint32_t rsvd_count(const struct plan_ctx *c, uint64_t a, uint64_t b);
uint32_t rsvd_count_at(const struct plan_ctx *c, uint64_t a, uint64_t b, size_t *at);
tb_status rsvd_fill(struct plan_ctx *c);

/* plan_tdmr.c */
tb_status tdmr_layout(struct plan_ctx *c);
uint32_t tdmr_node(const struct plan_ctx *c, uint64_t a, uint64_t b);

/* plan_split.c */
uint32_t split_tdmrs(struct plan_ctx *c);

/* plan_coalesce.c */
tb_status coalesce_gib(struct plan_ctx *c, uint64_t a, uint32_t limit);

/* plan_pamt.c */
tb_status pamt_size(const struct plan_limits *lim, uint64_t tdmr_size,
		    uint64_t size[3]);
tb_status pamt_place_all(struct plan_ctx *c);

/* plan.c */
void plan_warn(struct plan_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
tb_status plan_add_excluded(struct plan_ctx *c, uint64_t base, uint64_t end);

#endif
