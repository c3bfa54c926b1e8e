/* SPDX-License-Identifier: MIT */
/*
 * Reserved areas.  What must be reserved inside a TDMR ("holes"):
 *   - every byte outside the CMRs (docs/reference/tdx-abi.md §6.2 step 11: non-reserved
 *     TDMR parts must be inside CMRs);
 *   - every PAMT byte (step 9: PAMTs must not overlap a non-reserved part
 *     of any TDMR);
 *   - RAM islands given up by coalesce.
 * What may be reserved: anything that is not TDX memory.  Reserved areas
 * need not be inside CMRs (§6.2 step 6).
 *
 * Linux (docs/reference/landscape.md §1.4 step 8) reserves every memblock hole plus each
 * PAMT, one slot each, never merged: on Emerald/Granite Rapids maps that is
 * more than 16 below 2 GiB.  The LKML patch "Reduce TDMR's reserved areas
 * by using CMRs to find memory holes" takes holes from the CMRs instead.
 * The planner goes one step further: two holes with no TDX memory between
 * them (only firmware-reserved, ACPI or absent memory) share one area, so a
 * TDMR needs one area per run of holes between two pieces of RAM.
 *
 * scratch.hole[] is sorted and disjoint; link_sum[] counts, as a prefix
 * sum, the neighbouring pairs with no RAM between them, so the number of
 * areas of any TDMR is two binary searches away.
 */
#include "core/plan_int.h"

#include "lib/mem.h"

/*
 * The CMR holes below 2^52, linked where the CMR between two of them holds
 * no RAM: exactly one merged CMR lies between neighbouring CMR holes, and
 * all RAM lies in CMRs, so that CMR's mark (cmr[].aux, set by ram_build)
 * says whether RAM lies between them.  One pass over cmr[], no search of
 * ram[]: plan_build() calls this once per attempt.
 */
void rsvd_init(struct plan_ctx *c)
{
	struct plan_scratch *s = c->s;
	const struct plan_span *cmr = s->cmr, *cmr_end = cmr + s->n_cmr;
	uint32_t *ls = s->link_sum;
	uint64_t pos = 0;
	uint32_t n = 0, links = 0, dry = 0;  /* dry: the CMR below holds no RAM */

	for (; cmr < cmr_end; cmr++) {
		if (cmr->base > pos) {
			links += n ? dry : 0;
			ls[n] = links;
			s->hole[n++] = (struct plan_span){ pos, cmr->base, 0, HOLE_CMR };
		}
		dry = !cmr->aux;
		pos = cmr->end;
	}
	if (pos < PLAN_PA_END) {
		ls[n] = links + (n ? dry : 0);
		s->hole[n++] = (struct plan_span){ pos, PLAN_PA_END, 0, HOLE_CMR };
	}
	ls[0] = 0;
	s->n_hole = n;
}

/*
 * A hole put in at index at changes only the links of its two neighbour
 * pairs; the prefix sums after it shift by one place and by the change
 * (linear, no binary searches: relinking all holes per PAMT was most of
 * the placement's work on many-node maps).
 */
tb_status rsvd_insert(struct plan_ctx *c, uint64_t base, uint64_t end,
		      uint32_t kind)
{
	const struct plan_scratch *s = c->s;
	size_t at = range_find(s->hole, s->n_hole, base);
	bool lo = at > 0 && !range_any_in(s->ram, s->n_ram, s->hole[at - 1].end, base);
	bool hi = at < s->n_hole && !range_any_in(s->ram, s->n_ram, end, s->hole[at].base);

	return rsvd_insert_at(c, at, (struct plan_span){ base, end, 0, kind }, lo, hi);
}

/* rsvd_insert() where the caller knows the place and the links already
 * (PAMT placement: its pamt_cost() worked them out). */
tb_status rsvd_insert_at(struct plan_ctx *c, size_t at, struct plan_span h,
			 bool link_lo, bool link_hi)
{
	struct plan_scratch *s = c->s;
	uint32_t *ls = s->link_sum;
	size_t n;
	uint32_t old_at;

	if (s->n_hole >= PLAN_HOLE_CAP) {
		tb_err_set(c->err, "planner: more than %u reserved pieces (tdxboot's limit)",
			   (unsigned)PLAN_HOLE_CAP);
		return TB_ENOMEM;
	}
	old_at = at < s->n_hole ? ls[at] : 0;
	memmove(&s->hole[at + 1], &s->hole[at], (s->n_hole - at) * sizeof(s->hole[0]));
	if (at + 1 < s->n_hole)
		memmove(&ls[at + 2], &ls[at + 1], (s->n_hole - at - 1) * sizeof(ls[0]));
	s->hole[at] = h;
	n = ++s->n_hole;
	ls[0] = 0;
	if (at)
		ls[at] = ls[at - 1] + link_lo;
	if (at + 1 < n) {
		uint32_t next = ls[at] + link_hi;

		for (size_t k = at + 2; k < n; k++)
			ls[k] = ls[k] - old_at + next;
		ls[at + 1] = next;
	}
	return TB_OK;
}

/* The holes from i0 (the first to end above a) that start below b: their
 * end index.  Galloping from i0, as a TDMR holds few holes. */
static size_t rsvd_window_end(const struct plan_scratch *s, size_t i0, uint64_t b)
{
	return range_gallop(s->hole, s->n_hole, i0, b, true);
}

/* Areas of the holes [i0, i1): one per run of linked holes. */
static uint32_t rsvd_areas(const struct plan_scratch *s, size_t i0, size_t i1)
{
	if (i1 <= i0)
		return 0;
	return (uint32_t)((i1 - i0) - (s->link_sum[i1 - 1] - s->link_sum[i0]));
}

/* Reserved areas the TDMR [a, b) needs with the holes as they are now. */
uint32_t rsvd_count(const struct plan_ctx *c, uint64_t a, uint64_t b)
{
	const struct plan_scratch *s = c->s;
	size_t i0 = range_find(s->hole, s->n_hole, a);

	return rsvd_areas(s, i0, rsvd_window_end(s, i0, b));
}

/* rsvd_count() for a pass whose TDMRs only move up (the layout's runs):
 * *at is a hole index at or below the first hole that ends above a, and
 * is left there for the next call (an insert in between only moves that
 * hole up).  Plain forward scans: such a pass reads each hole about once,
 * where two searches per TDMR would cost more on the few holes of a map. */
uint32_t rsvd_count_at(const struct plan_ctx *c, uint64_t a, uint64_t b, size_t *at)
{
	const struct plan_scratch *s = c->s;
	size_t i0 = *at, i1;

	while (i0 < s->n_hole && s->hole[i0].end <= a)
		i0++;
	for (i1 = i0; i1 < s->n_hole && s->hole[i1].base < b; i1++)
		;
	*at = i0;
	return rsvd_areas(s, i0, i1);
}

/*
 * Every TDMR's reserved areas: one per run of linked holes, clipped
 * (docs/planner.md §2).  The TDMRs are sorted and disjoint (tdmr_layout,
 * split_tdmrs), so one forward sweep over the holes serves them all: the
 * holes a TDMR meets start at or after the last hole the one before it met
 * -- that hole itself when it reaches past the boundary (sorted, disjoint
 * holes: no earlier one can).
 */
tb_status rsvd_fill(struct plan_ctx *c)
{
	const struct plan_span *h = c->s->hole;
	const uint32_t *ls = c->s->link_sum;
	struct plan_tdmr *t = c->out->tdmrs, *t_end = t + c->out->n_tdmrs;
	size_t i = 0, n_hole = c->s->n_hole;
	uint32_t max = c->max_rsvd;

	for (; t < t_end; t++) {
		uint64_t a = t->base, b = t->base + t->size;
		uint32_t n = 0;

		if (i && h[i - 1].end > a)
			i--;
		while (i < n_hole && h[i].end <= a)
			i++;
		for (; i < n_hole && h[i].base < b; i++) {
			uint64_t lo = h[i].base > a ? h[i].base : a;
			uint64_t hi = h[i].end < b ? h[i].end : b;

			/* linked to the hole before, met by this TDMR too (n) */
			if (n && ls[i] != ls[i - 1]) {
				t->rsvd[n - 1].size = hi - a - t->rsvd[n - 1].base;
				continue;
			}
			if (n >= max) {
				t->n_rsvd = n;
				tb_err_set(c->err, "TDMR [0x%llx, 0x%llx): reserved areas exhausted.",
					   (unsigned long long)a, (unsigned long long)b);
				return TB_ENOSPC;
			}
			t->rsvd[n++] = (struct plan_range){ lo - a, hi - lo };
		}
		/* Slots past n stay as they are: TDMR_INFO's null entries come
		 * from tdmr_info_from_plan(), which starts from a zeroed
		 * TDMR_INFO. */
		t->n_rsvd = n;
	}
	return TB_OK;
}
