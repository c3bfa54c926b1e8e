/* SPDX-License-Identifier: MIT */
/*
 * Coalesce (policy flag): the last resort when even a single GiB needs more
 * reserved areas than MAX_RESERVED_PER_TDMR -- a TDMR cannot be smaller
 * than 1 GiB (docs/reference/tdx-abi.md §6.2 step 8b.4), so no split helps.
 *
 * Between two neighbouring areas lies an island with RAM in it (that is why
 * they are two).  Giving the island up -- reserving it, and having the boot
 * component take its RAM out of the OS's memory map -- joins the two areas
 * into one.  Every island given up saves exactly one area, whichever it is,
 * so taking the (count - limit) islands with the least RAM loses the fewest
 * bytes possible; ties go to the lower address, for determinism.
 */
#include "core/plan_int.h"

/* Islands between the area groups of [a, b) into isl[]; RAM bytes in aux. */
static uint32_t coalesce_islands(struct plan_ctx *c, uint64_t a, uint64_t b)
{
	struct plan_scratch *s = c->s;
	uint32_t n = 0;
	bool first = true;
	uint64_t prev_hi = 0;

	for (size_t i = range_find(s->hole, s->n_hole, a);
	     i < s->n_hole && s->hole[i].base < b; i++) {
		uint64_t lo = s->hole[i].base > a ? s->hole[i].base : a;

		while (i + 1 < s->n_hole && s->hole[i + 1].base < b &&
		       s->link_sum[i + 1] != s->link_sum[i])
			i++;
		if (!first) {
			uint64_t bytes = range_bytes_in(s->ram, s->n_ram, prev_hi, lo);

			s->isl[n++] = (struct plan_span){ prev_hi, lo, 0, (uint32_t)bytes };
		}
		first = false;
		prev_hi = s->hole[i].end < b ? s->hole[i].end : b;
	}
	return n;
}

static bool coalesce_less(const struct plan_span *x, const struct plan_span *y)
{
	return x->aux != y->aux ? x->aux < y->aux : x->base < y->base;
}

/* Insertion sort: islands of one GiB are few (at most the CMR holes). */
static void coalesce_sort(struct plan_span *v, uint32_t n)
{
	for (uint32_t i = 1; i < n; i++) {
		struct plan_span t = v[i];
		uint32_t j = i;

		for (; j && coalesce_less(&t, &v[j - 1]); j--)
			v[j] = v[j - 1];
		v[j] = t;
	}
}

static tb_status coalesce_give_up(struct plan_ctx *c, const struct plan_span *isl)
{
	struct plan_scratch *s = c->s;
	tb_status st = TB_OK;

	for (size_t k = range_find(s->ram, s->n_ram, isl->base);
	     k < s->n_ram && s->ram[k].base < isl->end && st == TB_OK; k++) {
		uint64_t lo = s->ram[k].base > isl->base ? s->ram[k].base : isl->base;
		uint64_t hi = s->ram[k].end < isl->end ? s->ram[k].end : isl->end;

		st = plan_add_excluded(c, lo, hi);
	}
	c->out->excluded_coalesce_bytes += isl->aux;
	if (st == TB_OK)
		st = rsvd_insert(c, isl->base, isl->end, HOLE_ISLAND);
	return st;
}

tb_status coalesce_gib(struct plan_ctx *c, uint64_t a, uint32_t limit)
{
	uint32_t need = rsvd_count(c, a, a + PLAN_1G), n, drop;
	uint64_t lost = 0;
	tb_status st = TB_OK;

	if (need <= limit)
		return TB_OK;
	n = coalesce_islands(c, a, a + PLAN_1G);
	drop = need - limit;
	if (drop > n)
		return TB_OK;   /* cannot happen: need areas have need-1 islands */
	coalesce_sort(c->s->isl, n);
	for (uint32_t k = 0; k < drop && st == TB_OK; k++) {
		lost += c->s->isl[k].aux;
		st = coalesce_give_up(c, &c->s->isl[k]);
	}
	if (st == TB_OK)
		plan_warn(c, "coalesce: TDMR [0x%llx, 0x%llx) needed %u reserved areas; gave up %llu KiB of RAM in %u islands",
			  (unsigned long long)a, (unsigned long long)(a + PLAN_1G), need,
			  (unsigned long long)(lost >> 10), drop);
	return st;
}
