/* SPDX-License-Identifier: MIT */
/*
 * More, smaller TDMRs, so that TDH.SYS.TDMR.INIT spreads over the LPs
 * (policy.parallel_lps; docs/planner.md §3a).
 *
 * TDMR.INIT is serialized per TDMR: each call holds the TDMR's lock,
 * initializes the PAMT of a fixed slice (4 MiB of TDMR in 1.5) and returns
 * the next address (docs/reference/tdx-abi.md §4-§5).  The init sequence runs the TDMRs
 * as a work queue over all LPs (core/init_tdmr.c), so its critical path is
 * at least the largest TDMR.  The layout (plan_tdmr.c) makes few, large
 * TDMRs -- the fewest areas and empty GiBs -- about one per node: on 8
 * nodes the busiest LP makes 1/8 of all calls, however many LPs there are.
 *
 * Cutting a TDMR at GiB boundaries keeps every rule the layout met
 * (docs/reference/tdx-abi.md §6.2):
 *   - the pieces tile the TDMR: 1 GiB aligned, sorted, disjoint, the same
 *     bytes covered, so the same CMR holes to reserve;
 *   - a piece needs at most the TDMR's areas: its holes are the TDMR's,
 *     clipped, and a group of holes across the cut is one area on each
 *     side, one in either (rsvd_count of a sub-range never exceeds the
 *     range's);
 *   - PAMT entries add up to the TDMR's; only the 4 KiB rounding of each
 *     level of each piece is new (under 12 KiB a piece).
 * What a split spends is TDMR slots, and one PAMT chunk per piece that may
 * cost an area where it lands.  Placement checks that as always, and
 * plan_attempts() splits half as much when a split plan cannot be placed.
 *
 * Which cuts: the TDMR whose largest piece is largest gets one more piece
 * (ties: the lower address), its GiBs shared out evenly; that gives the
 * smallest largest piece for a number of TDMRs.  It stops at MAX_TDMRS
 * (or split_extra more TDMRs than the layout made), or when no piece is
 * over total / parallel_lps, rounded up to a GiB: that share is the
 * critical path's other bound, and smaller pieces would not shorten it.
 * So it adds at most about parallel_lps TDMRs.
 */
#include "core/plan_int.h"

/* GiBs in the largest of k even pieces of g GiBs. */
static uint64_t split_piece_gibs(uint64_t g, uint32_t k)
{
	return (g + k - 1) / k;
}

static uint64_t split_tdmr_gibs(const struct plan_output *o, uint32_t i)
{
	return o->tdmrs[i].size / PLAN_1G;
}

/* One LP's share of all GiBs, rounded up: no piece need be smaller. */
static uint64_t split_goal_gibs(const struct plan_ctx *c)
{
	const struct plan_output *o = c->out;
	uint64_t total = 0, lps = c->in->policy.parallel_lps;

	for (uint32_t i = 0; i < o->n_tdmrs; i++)
		total += split_tdmr_gibs(o, i);
	return total > lps ? (total + lps - 1) / lps : 1;
}

/* The TDMR whose largest piece is largest; ties go to the lower address. */
static uint32_t split_pick_tdmr(const struct plan_output *o, const uint32_t *k)
{
	uint64_t best_g = 0;
	uint32_t best = 0;

	for (uint32_t i = 0; i < o->n_tdmrs; i++) {
		uint64_t g = split_piece_gibs(split_tdmr_gibs(o, i), k[i]);

		if (g > best_g) {
			best_g = g;
			best = i;
		}
	}
	return best;
}

/* Pieces per TDMR into k[]; returns how many TDMRs that adds. */
static uint32_t split_count_pieces(const struct plan_ctx *c, uint32_t *k)
{
	const struct plan_output *o = c->out;
	uint64_t goal = split_goal_gibs(c);
	uint32_t cap = c->max_tdmrs, added = 0;

	if (cap - o->n_tdmrs > c->split_extra)
		cap = o->n_tdmrs + c->split_extra;
	for (uint32_t i = 0; i < o->n_tdmrs; i++)
		k[i] = 1;
	while (o->n_tdmrs + added < cap) {
		uint32_t i = split_pick_tdmr(o, k);

		/* goal >= 1 GiB, so no TDMR gets more pieces than GiBs */
		if (split_piece_gibs(split_tdmr_gibs(o, i), k[i]) <= goal)
			break;
		k[i]++;
		added++;
	}
	return added;
}

/* The TDMRs as their pieces, written from the last one so that nothing is
 * overwritten before it is read.  A piece's node is that of most of its
 * RAM, as for any TDMR. */
static void split_write_pieces(struct plan_ctx *c, const uint32_t *k, uint32_t added)
{
	struct plan_output *o = c->out;
	uint32_t dst = o->n_tdmrs + added;

	for (uint32_t i = o->n_tdmrs; i-- > 0;) {
		uint64_t base = o->tdmrs[i].base, g = split_tdmr_gibs(o, i);

		if (k[i] == 1) {
			/* what tdmr_emit() wrote: not the whole slot (its
			 * areas are not written yet) */
			o->tdmrs[--dst].base = base;
			o->tdmrs[dst].size = o->tdmrs[i].size;
			o->tdmrs[dst].pamt_node = o->tdmrs[i].pamt_node;
			continue;
		}
		for (uint32_t j = k[i]; j-- > 0;) {
			uint64_t a = base + g * j / k[i] * PLAN_1G;
			uint64_t b = base + g * (j + 1) / k[i] * PLAN_1G;
			struct plan_tdmr *t = &o->tdmrs[--dst];

			t->base = a;
			t->size = b - a;
			t->pamt_node = tdmr_node(c, a, b);
		}
	}
	o->n_tdmrs += added;
}

/* Called when policy.parallel_lps is 2 or more (plan_attempts()). */
uint32_t split_tdmrs(struct plan_ctx *c)
{
	uint32_t k[PLAN_TDMR_CAP], added;

	if (!c->split_extra ||
	    c->out->n_tdmrs >= c->max_tdmrs)
		return 0;
	added = split_count_pieces(c, k);
	if (added)
		split_write_pieces(c, k, added);
	return added;
}
