/* SPDX-License-Identifier: MIT */
/*
 * TDMR layout.  docs/reference/tdx-abi.md §6.2 step 8b: TDMRs sorted, disjoint, base and
 * size 1 GiB aligned, at most MAX_TDMRS.  The PAMT is sized from the whole
 * TDMR (the module checks size >= tdmr_size / page_size * entry), so every
 * GiB a TDMR covers costs 4 MiB + 12 KiB of PAMT whether it holds RAM or
 * not.
 *
 * Linux (docs/reference/landscape.md §1.4 step 6) makes one TDMR per memory region rounded
 * out to 1 GiB, never splits, never merges, and gives up with "TDMRs
 * exhausted" or "reserved areas exhausted".  Here:
 *   1. runs: the GiBs that hold TDX memory, one run per stretch of
 *      consecutive GiBs on one node -- empty GiBs are skipped;
 *   2. split: each run is cut greedily (longest prefix that needs at most
 *      layout_rsvd areas; the area count of a sub-range never exceeds that
 *      of the range, so greedy gives the fewest pieces); a single GiB over
 *      the limit is coalesced or is the "reserved areas exhausted" error;
 *   3. merge: while there are more pieces than MAX_TDMRS, join the two
 *      neighbours with the smallest gap (fewest empty GiBs paid for) whose
 *      union still fits the area limit.  Choosing the k smallest gaps is
 *      optimal for PAMT bytes when every join is allowed; otherwise "TDMRs
 *      exhausted".
 */
#include "core/plan_int.h"

#include "lib/mem.h"

#define PIECE_DEAD 1u    /* aux: merged into the piece before it */
#define PIECE_MIXED 2u   /* aux: may hold RAM of more than one node (plan_span.node
			    is the node of all its RAM otherwise) */
#define PIECE_NONE 0xffffffffu

static tb_status tdmr_push(struct plan_ctx *c, struct plan_span *v,
			   uint32_t *n, const struct plan_span *p)
{
	if (*n >= PLAN_SPAN_CAP) {
		tb_err_set(c->err, "planner: more than %u TDMR candidates (tdxboot's limit)",
			   (unsigned)PLAN_SPAN_CAP);
		return TB_ENOMEM;
	}
	v[(*n)++] = *p;
	return TB_OK;
}

static bool tdmr_fits(const struct plan_ctx *c, uint64_t a, uint64_t b)
{
	return b - a <= c->max_tdmr_size && rsvd_count(c, a, b) <= c->layout_rsvd;
}

static tb_status tdmr_fail_rsvd(struct plan_ctx *c, uint64_t a, uint64_t b)
{
	c->fail = FAIL_RSVD;
	c->fail_base = a;
	c->fail_end = b;
	c->fail_need = rsvd_count(c, a, b);
	return TB_ENOSPC;
}

/* Makes the GiB at a fit the area limit, by coalescing when allowed. */
static tb_status tdmr_fix_gib(struct plan_ctx *c, uint64_t a)
{
	tb_status st;

	if (rsvd_count(c, a, a + PLAN_1G) <= c->layout_rsvd)
		return TB_OK;
	if (!c->in->policy.coalesce)
		return tdmr_fail_rsvd(c, a, a + PLAN_1G);
	st = coalesce_gib(c, a, c->layout_rsvd);
	if (st != TB_OK)
		return st;
	if (rsvd_count(c, a, a + PLAN_1G) > c->layout_rsvd)
		return tdmr_fail_rsvd(c, a, a + PLAN_1G);
	return TB_OK;
}

/* The end of the longest TDMR from pos, within [pos, end), that fits. */
static uint64_t tdmr_longest(const struct plan_ctx *c, uint64_t pos, uint64_t end)
{
	uint64_t ok = 1, bad;

	if (end - pos > c->max_tdmr_size)
		end = pos + c->max_tdmr_size;
	if (tdmr_fits(c, pos, end))
		return end;
	bad = (end - pos) / PLAN_1G;
	while (bad - ok > 1) {
		uint64_t mid = ok + (bad - ok) / 2;

		if (tdmr_fits(c, pos, pos + mid * PLAN_1G))
			ok = mid;
		else
			bad = mid;
	}
	return pos + ok * PLAN_1G;
}

/* Step 2 for a run that does not fit as a whole: greedy pieces, each
 * first GiB coalesced when it alone needs too many areas. */
static tb_status tdmr_split_long(struct plan_ctx *c, const struct plan_span *r)
{
	struct plan_scratch *s = c->s;
	uint64_t pos = r->base;
	tb_status st = TB_OK;

	while (pos < r->end && st == TB_OK) {
		struct plan_span p = *r;

		st = tdmr_fix_gib(c, pos);
		if (st != TB_OK)
			break;
		p.base = pos;
		p.end = tdmr_longest(c, pos, r->end);
		st = tdmr_push(c, s->piece, &s->n_piece, &p);
		pos = p.end;
	}
	return st;
}

/* Whether run r fits as one TDMR.  Then its first GiB fits too (a
 * sub-range needs no more areas), so there is nothing to coalesce.  *at
 * is rsvd_count_at()'s cursor: runs are checked in address order. */
static bool tdmr_run_fits(const struct plan_ctx *c, const struct plan_span *r,
			  size_t *at)
{
	return r->end - r->base <= c->max_tdmr_size &&
	       rsvd_count_at(c, r->base, r->end, at) <= c->layout_rsvd;
}

/*
 * Step 2: each run cut into pieces, each with the run's node and
 * PIECE_MIXED flag (a sub-range of a one-node run holds that node's RAM
 * only).  Runs are checked in place; from the first that does not fit,
 * they move to tmp[] and come back piece by piece, in the same order, so
 * coalescing sees the holes as a run-by-run split would.
 */
static tb_status tdmr_split(struct plan_ctx *c)
{
	struct plan_scratch *s = c->s;
	uint32_t i = 0, n;
	size_t at = 0;
	tb_status st = TB_OK;

	/* A TDMR needs at most one area per hole it meets, so with no more
	 * holes in all than the limit, and no size limit below the whole
	 * address space (runs end at or below PLAN_PA_END), every run fits:
	 * the loop below would keep them all. */
	if (s->n_hole <= c->layout_rsvd && c->max_tdmr_size >= PLAN_PA_END)
		return TB_OK;
	while (i < s->n_piece && tdmr_run_fits(c, &s->piece[i], &at))
		i++;
	if (i == s->n_piece)
		return TB_OK;
	n = s->n_piece - i;
	memcpy(s->tmp, &s->piece[i], n * sizeof(s->tmp[0]));
	s->n_piece = i;
	for (uint32_t k = 0; k < n && st == TB_OK; k++)
		st = tdmr_run_fits(c, &s->tmp[k], &at) ?
		     tdmr_push(c, s->piece, &s->n_piece, &s->tmp[k]) :
		     tdmr_split_long(c, &s->tmp[k]);
	return st;
}

/*
 * Step 1: GiB runs of TDX memory (and, in the same sweep, the bytes of
 * TDX memory, for plan_finish()), broken where the node changes (one TDMR
 * per node keeps each PAMT on its own node).  When the change is inside a
 * GiB, the break is at that GiB's start and the GiB goes with the new
 * node's run, which then holds both nodes' RAM (PIECE_MIXED), as does a
 * run extended by another node's RAM.  Merging undoes a break for free
 * (gap 0) when TDMRs run short.
 */
static tb_status tdmr_runs(struct plan_ctx *c)
{
	struct plan_scratch *s = c->s;
	struct plan_span *p = NULL;
	uint64_t bytes = 0;

	s->n_piece = 0;
	for (uint32_t i = 0; i < s->n_ram; i++) {
		uint64_t gs = range_align_down(s->ram[i].base, PLAN_1G);
		uint64_t ge = range_align_up(s->ram[i].end, PLAN_1G);
		bool same = p && s->ram[i].node == s->ram[i - 1].node;
		struct plan_span run = { gs, ge, s->ram[i].node, 0 };

		bytes += s->ram[i].end - s->ram[i].base;

		if (p && gs < p->end && !same && gs > p->base) {
			p->end = gs;    /* that GiB goes with the new node's run */
			run.aux = PIECE_MIXED;
		}
		if (p && (gs < p->end || (gs == p->end && same))) {
			if (ge > p->end)
				p->end = ge;
			if (!same)
				p->aux |= PIECE_MIXED;
		} else if (tdmr_push(c, s->piece, &s->n_piece, &run) != TB_OK) {
			return TB_ENOMEM;
		} else {
			p = &s->piece[s->n_piece - 1];
		}
	}
	c->ram_bytes = bytes;
	return TB_OK;
}

/* Merge candidates: the pair (i, next[i]), keyed by the gap, then address. */
static bool tdmr_heap_less(const struct plan_scratch *s, uint32_t x, uint32_t y)
{
	uint64_t gx = s->piece[s->piece_next[x]].base - s->piece[x].end;
	uint64_t gy = s->piece[s->piece_next[y]].base - s->piece[y].end;

	return gx != gy ? gx < gy : s->piece[x].base < s->piece[y].base;
}

static void tdmr_heap_push(struct plan_scratch *s, uint32_t *n, uint32_t v)
{
	uint32_t i = (*n)++;

	s->heap[i] = v;
	while (i && tdmr_heap_less(s, s->heap[i], s->heap[(i - 1) / 2])) {
		uint32_t p = (i - 1) / 2, t = s->heap[p];

		s->heap[p] = s->heap[i];
		s->heap[i] = t;
		i = p;
	}
}

static uint32_t tdmr_heap_pop(struct plan_scratch *s, uint32_t *n)
{
	uint32_t top = s->heap[0], i = 0;

	s->heap[0] = s->heap[--(*n)];
	for (;;) {
		uint32_t l = 2 * i + 1, m = i, t;

		if (l < *n && tdmr_heap_less(s, s->heap[l], s->heap[m]))
			m = l;
		if (l + 1 < *n && tdmr_heap_less(s, s->heap[l + 1], s->heap[m]))
			m = l + 1;
		if (m == i)
			return top;
		t = s->heap[m];
		s->heap[m] = s->heap[i];
		s->heap[i] = t;
		i = m;
	}
}

/* Step 3: join neighbours, smallest gap first, until MAX_TDMRS fits. */
static tb_status tdmr_merge(struct plan_ctx *c)
{
	struct plan_scratch *s = c->s;
	uint32_t count = s->n_piece, nh = 0;
	uint64_t paid = 0;

	if (count <= c->max_tdmrs)
		return TB_OK;
	for (uint32_t i = 0; i < s->n_piece; i++) {
		s->piece_next[i] = i + 1 < s->n_piece ? i + 1 : PIECE_NONE;
		if (i + 1 < s->n_piece)
			tdmr_heap_push(s, &nh, i);
	}
	while (count > c->max_tdmrs && nh) {
		uint32_t i = tdmr_heap_pop(s, &nh), j;

		if (s->piece[i].aux & PIECE_DEAD)
			continue;
		j = s->piece_next[i];
		if (!tdmr_fits(c, s->piece[i].base, s->piece[j].end))
			continue;  /* unions only grow: it never fits later */
		paid += s->piece[j].base - s->piece[i].end;
		s->piece[i].end = s->piece[j].end;
		if (s->piece[j].node != s->piece[i].node)
			s->piece[i].aux |= PIECE_MIXED;
		s->piece[i].aux |= s->piece[j].aux & PIECE_MIXED;
		s->piece_next[i] = s->piece_next[j];
		s->piece[j].aux |= PIECE_DEAD;
		count--;
		if (s->piece_next[i] != PIECE_NONE)
			tdmr_heap_push(s, &nh, i);
	}
	if (count > c->max_tdmrs) {
		c->fail = FAIL_OTHER;
		tb_err_set(c->err, "TDMRs exhausted: %u TDMRs needed, the module allows %u",
			   count, c->max_tdmrs);
		return TB_ENOSPC;
	}
	count = 0;
	for (uint32_t i = 0; i < s->n_piece; i++)
		if (!(s->piece[i].aux & PIECE_DEAD))
			s->piece[count++] = s->piece[i];
	s->n_piece = count;
	if (paid)
		plan_warn(c, "TDMRs cover %llu GiB without TDX memory to fit MAX_TDMRS (%u)",
			  (unsigned long long)(paid / PLAN_1G), c->max_tdmrs);
	return TB_OK;
}

/* tdmr_node() with k0 the first RAM piece that ends above a.  Two passes
 * over the TDMR's RAM pieces, so only the entries of nodes present are
 * cleared, never the whole node array.  The second keeps the lowest id
 * among the nodes at the top: a node's bytes only grow, so each node that
 * ends at the top is weighed at its last addition, after which the top
 * no longer rises. */
static uint32_t tdmr_node_from(const struct plan_ctx *c, size_t k0, uint64_t a,
			       uint64_t b)
{
	struct plan_scratch *s = c->s;
	uint32_t first, best = PLAN_NODE_NONE;
	uint64_t top = 0;
	size_t k;

	if (k0 >= s->n_ram || s->ram[k0].base >= b)
		return 0;
	for (k = k0; k < s->n_ram && s->ram[k].base < b; k++)
		s->node_bytes[s->ram[k].node % PLAN_NODE_CAP] = 0;
	for (k = k0; k < s->n_ram && s->ram[k].base < b; k++) {
		uint64_t lo = s->ram[k].base > a ? s->ram[k].base : a;
		uint64_t hi = s->ram[k].end < b ? s->ram[k].end : b;
		uint32_t node = s->ram[k].node;
		uint64_t *n = &s->node_bytes[node % PLAN_NODE_CAP];

		*n += hi - lo;
		if (*n > top) {
			top = *n;
			best = node;
		} else if (*n == top && node < best) {
			best = node;
		}
	}
	/* The first region's node on a tie, as Linux; else the lowest id. */
	first = s->ram[k0].node;
	return s->node_bytes[first % PLAN_NODE_CAP] == top ? first : best;
}

/* The node holding most of the TDMR's memory (Linux takes the first
 * region's node, docs/reference/landscape.md §1.4 step 7; most bytes is the better guess
 * for a TDMR that spans two nodes). */
uint32_t tdmr_node(const struct plan_ctx *c, uint64_t a, uint64_t b)
{
	return tdmr_node_from(c, range_find(c->s->ram, c->s->n_ram, a), a, b);
}

/* The TDMRs from the pieces.  A one-node piece's node is known from its
 * run; a mixed one is weighed, with a cursor into ram[]: pieces are
 * sorted. */
static void tdmr_emit(struct plan_ctx *c)
{
	struct plan_output *o = c->out;
	const struct plan_scratch *s = c->s;
	size_t k = 0;

	o->n_tdmrs = s->n_piece;
	/* Linux warns the same way when fewer than TDMR_NR_WARN (4) are left
	 * (docs/reference/landscape.md §1.4, fill_out_tdmrs()) */
	if (c->max_tdmrs - s->n_piece < 4)
		plan_warn(c, "consumed TDMRs reaching limit: %u used out of %u",
			  s->n_piece, c->max_tdmrs);
	for (uint32_t i = 0; i < s->n_piece; i++) {
		const struct plan_span *p = &s->piece[i];
		struct plan_tdmr *t = &o->tdmrs[i];

		/* the scalars only: placement writes the PAMT fields and
		 * rsvd_fill() the areas and their count */
		t->base = p->base;
		t->size = p->end - p->base;
		t->pamt_node = p->node;
		if (p->aux & PIECE_MIXED) {
			k = range_gallop(s->ram, s->n_ram, k, p->base, false);
			t->pamt_node = tdmr_node_from(c, k, p->base, p->end);
		}
	}
}

tb_status tdmr_layout(struct plan_ctx *c)
{
	tb_status st = tdmr_runs(c);

	if (st == TB_OK)
		st = tdmr_split(c);
	if (st == TB_OK)
		st = tdmr_merge(c);
	if (st == TB_OK)
		tdmr_emit(c);
	return st;
}
