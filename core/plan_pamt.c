/* SPDX-License-Identifier: MIT */
/*
 * PAMTs: size and place.
 *
 * Size (docs/reference/tdx-abi.md §7, docs/reference/landscape.md §2.1): per level ALIGN_4K(entries *
 * entry_size) with entries = tdmr_size >> 12 / 21 / 30 -- the module checks
 * the PAMT against the WHOLE TDMR size (§6.2 step 8b.7), so that is also
 * the minimum.  With Dynamic PAMT the 4K level is a bitmap of
 * dpamt_bits_per_4k bits a 4K page (1 when the module reports 0: the
 * module's own check is tdmr_size / 4K / 8), ALIGN_4K(DIV_ROUND_UP(pages *
 * bits, 8)) as in the DPAMT series; the 2M and 1G levels are unchanged.
 *
 * Place: one contiguous chunk per TDMR, 4K then 2M then 1G (Linux's layout,
 * docs/reference/landscape.md §1.4 step 7), 4K aligned, in PLAN_MEM_FREE memory inside one
 * CMR, overlapping no other PAMT.  A PAMT inside a TDMR must be reserved
 * there (§6.2 step 9), which in Linux costs one area almost every time.
 * Candidates here, best first (pamt_better()):
 *   1. the node of the TDMR's memory (Linux: the node of its first region);
 *   2. no new reserved area where areas are scarce (a TDMR over half
 *      full): areas are what "reserved areas exhausted" runs out of;
 *   3. not below 4 GiB (DMA32, crash kernel, SWIOTLB need low memory;
 *      Linux's allocation can land there too);
 *   4. fewest new reserved areas: a chunk that touches an existing area
 *      across non-RAM costs none (top of a node's memory under the CMR
 *      hole above it, next to an earlier PAMT: the PAMTs of one node end
 *      up stacked into one area);
 *   5. the highest address (as memblock's top-down allocation).
 * Zero-cost spots are only ever next to a hole, so those are tried first
 * (two per hole); the free map is scanned, from the top of the node, only
 * when none of them is local, free of cost and above 4 GiB.
 * Largest PAMTs are placed first: they are the hardest to fit.
 */
#include "core/plan_int.h"

#include "lib/mem.h"

struct pamt_pick {
	bool ok;
	bool local;
	bool scarce;    /* takes an area where fewer than half are left */
	bool low;       /* below 4 GiB */
	int cost;
	uint64_t base;
	uint32_t node;
	uint32_t free;  /* the free[] stretch it lies in */
	uint32_t hole;  /* the first hole above it */
	uint32_t tdmr;  /* the first TDMR ending above its base */
	bool below;     /* no RAM between it and hole - 1 */
	bool above;     /* no RAM between it and hole */
};

/* What pamt_place_all() keeps from one job to the next. */
struct pamt_across {
	uint32_t r0, r1;        /* the last job's run of heap[] (pamt_node_pieces()) */
	bool counted;           /* pamt_areas[] taken (pamt_tdmr_areas()) */
};

struct pamt_job {
	struct pamt_across *across;
	uint32_t tdmr;
	uint32_t want_node;
	uint64_t size;
	uint32_t r0, r1;        /* scratch.heap[r0, r1): want_node's RAM pieces */
	bool space_seen;        /* some spot had room but no reserved area */
	bool local_full;        /* ... and some of those were on want_node */
	uint64_t over_base, over_end;
	struct pamt_pick best;
	bool top_done;          /* pamt_try_top() ran ... */
	uint32_t top_free;      /* ... on this free stretch (or none) */
};

static tb_status pamt_level(uint64_t pages, uint64_t entry, uint64_t *out)
{
	uint64_t bytes;

	if (__builtin_mul_overflow(pages, entry, &bytes))
		return TB_ERANGE;
	*out = range_align_up(bytes, PLAN_4K);
	return TB_OK;
}

tb_status pamt_size(const struct plan_limits *lim, uint64_t tdmr_size,
		    uint64_t size[3])
{
	uint64_t pages = tdmr_size >> 12;
	tb_status st;

	if (lim->dpamt) {
		uint64_t bits, b = lim->dpamt_bits_per_4k ? lim->dpamt_bits_per_4k : 1;

		if (__builtin_mul_overflow(pages, b, &bits))
			return TB_ERANGE;
		size[PLAN_PAMT_4K] = range_align_up(bits / 8 + (bits % 8 ? 1 : 0), PLAN_4K);
		st = TB_OK;
	} else {
		st = pamt_level(pages, lim->pamt_entry_size[PLAN_PAMT_4K],
				&size[PLAN_PAMT_4K]);
	}
	if (st == TB_OK)
		st = pamt_level(tdmr_size >> 21, lim->pamt_entry_size[PLAN_PAMT_2M],
				&size[PLAN_PAMT_2M]);
	if (st == TB_OK)
		st = pamt_level(tdmr_size >> 30, lim->pamt_entry_size[PLAN_PAMT_1G],
				&size[PLAN_PAMT_1G]);
	return st;
}

/* First TDMR whose end is above addr.  Most chunks lie in the TDMR whose
 * PAMT they are (hint): that one is checked first (TDMRs are sorted and
 * disjoint, so a TDMR holding addr is the first ending above it). */
static uint32_t pamt_first_tdmr(const struct plan_output *o, uint64_t addr,
				uint32_t hint)
{
	uint32_t lo = 0, hi = o->n_tdmrs;

	if (o->tdmrs[hint].base <= addr && addr - o->tdmrs[hint].base < o->tdmrs[hint].size)
		return hint;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (o->tdmrs[mid].base + o->tdmrs[mid].size > addr)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* rsvd_count() of every TDMR in one merge: TDMRs and holes are sorted, so
 * the window of holes meeting a TDMR only moves up. */
static void pamt_areas_all(const struct plan_ctx *c)
{
	const struct plan_output *o = c->out;
	struct plan_scratch *s = c->s;
	const uint32_t *ls = s->link_sum;
	size_t i0 = 0, i1 = 0;

	for (uint32_t k = 0; k < o->n_tdmrs; k++) {
		uint64_t a = o->tdmrs[k].base, b = a + o->tdmrs[k].size;

		while (i0 < s->n_hole && s->hole[i0].end <= a)
			i0++;   /* the first hole ending above a */
		while (i1 < s->n_hole && s->hole[i1].base < b)
			i1++;   /* one past the last hole starting below b */
		s->pamt_areas[k] = i1 > i0 ? (uint32_t)((i1 - i0) - (ls[i1 - 1] - ls[i0])) : 0;
	}
}

/*
 * Reserved areas the TDMR k needs now.  All are counted in one merge when
 * a job first needs one (a placement whose chunks all cost no area never
 * does); the merge reads the holes as they are then, the PAMTs put in so
 * far included, so it gives the counts the updates would have kept.  From
 * then on a PAMT put in changes only the count of the TDMRs it overlaps
 * (pamt_areas_update()), and one that overlaps several leaves theirs to
 * be counted again here.
 */
static uint32_t pamt_tdmr_areas(const struct plan_ctx *c, const struct pamt_job *j,
				uint32_t k)
{
	const struct plan_tdmr *t = &c->out->tdmrs[k];
	uint32_t *n = &c->s->pamt_areas[k];

	if (!j->across->counted) {
		pamt_areas_all(c);
		j->across->counted = true;
	}
	if (*n == UINT32_MAX)
		*n = rsvd_count(c, t->base, t->base + t->size);
	return *n;
}

/*
 * New reserved areas the chunk [c0, c1) costs, or false when some TDMR
 * would need more than MAX_RESERVED_PER_TDMR.  h is the first hole ending
 * above c0 (none overlaps the chunk), so h - 1 and h are its neighbours;
 * r is the RAM piece holding the chunk.  Per TDMR: +1, -1 for a neighbour
 * inside the TDMR with no RAM between it and the chunk.
 * A TDMR's count can only pass the limit where the chunk adds an area:
 * every TDMR fits the limit before (layout, and each earlier PAMT), so
 * its count is needed only then.
 */
static bool pamt_cost(const struct plan_ctx *c, struct pamt_job *j,
		      uint64_t c0, uint64_t c1, size_t h, size_t r,
		      struct pamt_pick *p)
{
	const struct plan_output *o = c->out;
	const struct plan_scratch *s = c->s;
	const struct plan_span *ram = &s->ram[r];
	bool below = h > 0 && (s->hole[h - 1].end == c0 ||
			       (ram->base >= c0 &&
				(!r || ram[-1].end <= s->hole[h - 1].end)));
	bool above = h < s->n_hole && (s->hole[h].base == c1 ||
				       (ram->end <= c1 &&
					(r + 1 >= s->n_ram || ram[1].base >= s->hole[h].base)));

	p->cost = 0;
	p->scarce = false;
	p->hole = (uint32_t)h;
	p->below = below;
	p->above = above;
	p->tdmr = pamt_first_tdmr(o, c0, j->tdmr);
	for (uint32_t k = p->tdmr; k < o->n_tdmrs && o->tdmrs[k].base < c1; k++) {
		uint64_t a = o->tdmrs[k].base, b = a + o->tdmrs[k].size;
		int d = 1 - (below && s->hole[h - 1].end > a) -
			(above && s->hole[h].base < b);
		int after;

		p->cost += d;
		if (d <= 0)
			continue;
		after = (int)pamt_tdmr_areas(c, j, k) + d;
		if (after > (int)c->max_rsvd) {
			j->space_seen = true;
			j->over_base = a;
			j->over_end = b;
			return false;
		}
		if (after > (int)c->max_rsvd / 2)
			p->scarce = true;
	}
	return true;
}

/*
 * Which spot is better.  Local node first.  Then reserved areas: a spot
 * that costs an area where they are scarce (over half used) loses to any
 * that does not -- the areas are what "reserved areas exhausted" runs out
 * of.  Where areas are plentiful, low memory matters more: a spot below
 * 4 GiB (DMA32, crash kernel, SWIOTLB) loses.  Then fewer new areas, then
 * the higher address.
 */
static bool pamt_better(const struct pamt_pick *x, const struct pamt_pick *y)
{
	if (!y->ok)
		return true;
	if (x->local != y->local)
		return x->local;
	if (x->scarce != y->scarce)
		return !x->scarce;
	if (x->low != y->low)
		return !x->low;
	if (x->cost != y->cost)
		return x->cost < y->cost;
	return x->base > y->base;
}

/*
 * Whether a spot can still beat the best, from what is known before its
 * areas are counted (most of the cost): its node, height and address, and
 * cost_min, the fewest new areas it can cost.  At best it spends no scarce
 * area and costs cost_min; when even that is not better than the best in
 * pamt_better()'s order, it is dropped.
 */
static bool pamt_hopeless(const struct pamt_job *j, bool local, bool low,
			  int cost_min, uint64_t base)
{
	const struct pamt_pick *b = &j->best;

	if (!b->ok)
		return false;
	if (b->local != local)
		return b->local;
	if (b->scarce)
		return false;
	if (b->low != low)
		return low;
	if (b->cost != cost_min)
		return cost_min > b->cost;
	return base <= b->base;
}

/*
 * Tries the chunk at c0 in free stretch f for job j, with h the first hole
 * ending above c0 when the chunk overlaps none (a chunk that overlaps hole
 * h - 1 or h is no candidate).  cost_min as for pamt_hopeless().
 */
static void pamt_consider(const struct plan_ctx *c, struct pamt_job *j,
			  uint64_t c0, size_t f, size_t h, int cost_min)
{
	const struct plan_scratch *s = c->s;
	uint64_t c1 = c0 + j->size;
	struct pamt_pick p;

	if (f >= s->n_free)
		return;
	/* Both tests only drop the spot: the cheap one first, as most spots
	 * tried lose to the best. */
	p.node = s->free[f].node;
	p.local = p.node == j->want_node;
	p.low = c0 < 4 * PLAN_1G;
	if (pamt_hopeless(j, p.local, p.low, cost_min, c0))
		return;
	if (c1 < c0 || c1 > PLAN_PA_END || (c0 & (PLAN_4K - 1)))
		return;
	if (s->free[f].base > c0 || s->free[f].end < c1)
		return;
	if ((h && s->hole[h - 1].end > c0) || (h < s->n_hole && s->hole[h].base < c1))
		return;
	if (!pamt_cost(c, j, c0, c1, h, s->free[f].aux, &p)) {
		j->local_full |= p.local;
		return;
	}
	p.ok = true;
	p.base = c0;
	p.free = (uint32_t)f;
	if (pamt_better(&p, &j->best))
		j->best = p;
}

/* pamt_consider() where the neighbouring holes are not known yet. */
static void pamt_consider_in(const struct plan_ctx *c, struct pamt_job *j,
			     uint64_t c0, size_t f)
{
	pamt_consider(c, j, c0, f, range_find(c->s->hole, c->s->n_hole, c0), -1);
}

/*
 * The spots next to hole i, without the job's size: the RAM just above it
 * and the end of the RAM just below it, each with the free stretch that
 * must hold a chunk there (for the spot below: the one holding its last
 * byte; a chunk that ends there lies in that stretch or in none).  They
 * depend on ram[] and free[] only, not on other holes, so they are found
 * once per placement and once per hole put in, not once per job.
 */
#define PAMT_NO_FREE UINT32_MAX

/* First free stretch from k on whose end is above addr: a binary search
 * from the cursor, so a merge with few holes skips long runs of stretches
 * at once. */
static size_t pamt_free_from(const struct plan_scratch *s, size_t k, uint64_t addr)
{
	return k + range_find(s->free + k, s->n_free - k, addr);
}

/*
 * The spots of every hole: above hole i, the RAM piece ending above it
 * (from the later of the piece's base and the hole's end) and the first
 * free stretch ending above that; below it, the last RAM piece starting
 * below it (up to the earlier of its end and the hole's base) and the
 * free stretch holding the byte before.  One merge of the sorted holes,
 * RAM and free stretches instead of four binary searches a hole: each of
 * them only moves up as the holes do.
 */
static void pamt_spots_all(struct plan_scratch *s)
{
	size_t ru = 0, rd = 0, fu = 0, fd = 0;

	for (uint32_t i = 0; i < s->n_hole; i++) {
		const struct plan_span *h = &s->hole[i];
		struct plan_hole_spot sp = { 0, 0, PAMT_NO_FREE, PAMT_NO_FREE };

		while (ru < s->n_ram && s->ram[ru].end <= h->end)
			ru++;
		if (ru < s->n_ram) {
			sp.up = s->ram[ru].base > h->end ? s->ram[ru].base : h->end;
			fu = pamt_free_from(s, fu, sp.up);
			sp.up_free = (uint32_t)fu;
		}
		while (rd < s->n_ram && s->ram[rd].base < h->base)
			rd++;   /* rd - 1: the last RAM piece starting below the hole */
		if (rd) {
			sp.down = s->ram[rd - 1].end < h->base ? s->ram[rd - 1].end : h->base;
			if (sp.down) {
				fd = pamt_free_from(s, fd, sp.down - 1);
				sp.down_free = (uint32_t)fd;
			}
		}
		s->spot[i] = sp;
	}
}

/*
 * The spots of the PAMT hole [c0, c1) just put in at index at, cut from
 * free stretch f of RAM piece r, as pamt_spots_all() defines them but
 * without a search: above it, the rest of r, else the next RAM piece, and
 * stretch f, else the next one (a stretch that ends at c1 is followed by
 * the first one ending above c1); below it, the rest of r, else the end
 * of the piece before, and the stretch before f when that one reaches the
 * spot (it can only end there), else f.
 */
static void pamt_spots_insert(struct plan_scratch *s, size_t at, uint64_t c0,
			      uint64_t c1, uint32_t f)
{
	const struct plan_span *r = &s->ram[s->free[f].aux];
	struct plan_hole_spot sp = { 0, 0, PAMT_NO_FREE, PAMT_NO_FREE };

	if (c1 < r->end || r + 1 < s->ram + s->n_ram) {
		sp.up = c1 < r->end ? c1 : r[1].base;
		sp.up_free = c1 < s->free[f].end ? f : f + 1;
	}
	if (c0 > r->base || r > s->ram) {
		sp.down = c0 > r->base ? c0 : r[-1].end;
		sp.down_free = f && s->free[f - 1].end >= sp.down ? f - 1 : f;
	}
	memmove(&s->spot[at + 1], &s->spot[at], (s->n_hole - 1 - at) * sizeof(s->spot[0]));
	s->spot[at] = sp;
}

/* The spot just above hole i (at the RAM that follows it). */
static void pamt_hole_above(const struct plan_ctx *c, struct pamt_job *j, size_t i)
{
	const struct plan_hole_spot *sp = &c->s->spot[i];

	if (sp->up_free != PAMT_NO_FREE)
		pamt_consider_in(c, j, sp->up, sp->up_free);
}

/* The spot just below hole i (ending at the RAM that precedes it). */
static void pamt_hole_below(const struct plan_ctx *c, struct pamt_job *j, size_t i)
{
	const struct plan_hole_spot *sp = &c->s->spot[i];

	if (sp->down_free != PAMT_NO_FREE && sp->down >= j->size)
		pamt_consider_in(c, j, sp->down - j->size, sp->down_free);
}

/* Spots next to each hole, bottom up: the reference search, whose failure
 * names the last TDMR found full. */
static void pamt_try_holes(const struct plan_ctx *c, struct pamt_job *j)
{
	for (uint32_t i = 0; i < c->s->n_hole; i++) {
		pamt_hole_above(c, j, i);
		pamt_hole_below(c, j, i);
	}
}

static void pamt_try_top(const struct plan_ctx *c, struct pamt_job *j);

/*
 * The fewest new areas the chunk at c0 can cost when it lies just above
 * hole i, across no RAM, and does not fill its gap (pamt_try_gap()): it
 * touches no hole above it then (pamt_cost()'s above is false; touching
 * both is filling).  Each TDMR it overlaps needs an area, but the first
 * one when hole i reaches into it: there the chunk joins the hole's area
 * (the other TDMRs lie above that one, so above the hole).  So 1 when
 * hole i ends at or below the base of the first TDMR the chunk overlaps,
 * else 0 (also when it overlaps none).
 */
static int pamt_spot_floor(const struct plan_ctx *c, const struct pamt_job *j,
			   uint64_t c0, size_t i)
{
	const struct plan_output *o = c->out;
	uint32_t k = pamt_first_tdmr(o, c0, j->tdmr);

	if (k >= o->n_tdmrs || (o->tdmrs[k].base > c0 && o->tdmrs[k].base - c0 >= j->size))
		return 0;
	return c->s->hole[i].end <= o->tdmrs[k].base;
}

/*
 * The spot of gap g at the bottom of its RAM (just above hole g - 1),
 * local, not filling the gap, tried with pamt_spot_floor() as its fewest
 * areas.  The usual such spot on a machine with several nodes is the
 * base of a node's memory, just above the PAMT of the node below (placed
 * earlier, in the TDMR below): it costs an area, and so does the top of
 * the node's free memory (where the next node's memory starts, no hole),
 * which lies higher and wins.  So when the spot costs an area at least,
 * can still win, and the node's RAM goes on above it, the top of the
 * node's free memory is tried first (pamt_try_top()): the spot is then
 * dropped at once (pamt_hopeless()) where it would be evaluated in full
 * only to lose.
 */
static void pamt_spot_above(const struct plan_ctx *c, struct pamt_job *j,
			    uint64_t c0, size_t f, size_t g)
{
	const struct plan_span *fs = &c->s->free[f];
	bool low = c0 < 4 * PLAN_1G;
	int floor;

	/* pamt_consider() drops it too when it cannot win or does not fit
	 * in its free stretch (which ends above c0): both before its floor */
	if (pamt_hopeless(j, true, low, 0, c0) || fs->base > c0 || fs->end - c0 < j->size)
		return;
	floor = pamt_spot_floor(c, j, c0, g - 1);
	if (floor > 0 && !j->top_done && !pamt_hopeless(j, true, low, floor, c0) &&
	    c0 + j->size < c->s->ram[c->s->heap[j->r1 - 1]].end)
		pamt_try_top(c, j);
	pamt_consider(c, j, c0, f, g, floor);
}

/*
 * The same spots by gap: gap g lies between holes g - 1 and g (0 and
 * n_hole: below the first, above the last).  Its spots are the top of the
 * RAM in it (hole g's spot below) and the bottom (hole g - 1's spot
 * above), each hole spot in exactly one gap, and a chunk at either has h
 * = g: no range_find.  A spot that lies outside its gap (no RAM in the
 * gap: the spot is that of the next hole too, or overlaps a hole) is
 * rejected by pamt_consider()'s hole check, as pamt_consider_in() rejects
 * or repeats it.  A chunk at a spot touches hole g - 1 across no RAM
 * exactly when it starts at the bottom spot, and hole g when it ends at
 * the top spot (pamt_cost()'s below and above), so it can cost -1 only
 * when the two are one chunk (it fills the gap's RAM), else 0 at least.
 */
static void pamt_try_gap(const struct plan_ctx *c, struct pamt_job *j, size_t g,
			 bool local_only)
{
	const struct plan_scratch *s = c->s;
	const struct plan_hole_spot *lo = g ? &s->spot[g - 1] : NULL;
	const struct plan_hole_spot *hi = g < s->n_hole ? &s->spot[g] : NULL;
	bool top = hi && hi->down_free < s->n_free && hi->down >= j->size;
	bool bottom = lo && lo->up_free < s->n_free;
	bool fill = top && bottom && hi->down - j->size == lo->up;

	if (top && (!local_only || s->free[hi->down_free].node == j->want_node))
		pamt_consider(c, j, hi->down - j->size, hi->down_free, g, fill ? -1 : 0);
	if (bottom && !fill && !local_only)
		pamt_consider(c, j, lo->up, lo->up_free, g, 0);
	else if (bottom && !fill && s->free[lo->up_free].node == j->want_node)
		pamt_spot_above(c, j, lo->up, lo->up_free, g);
}

/*
 * Whether no spot of gap g or of a lower one can beat the best.  Gaps are
 * tried top down, and the spots of gap g lie below hole g, so below every
 * spot tried so far.  With a best that is local and spends no scarce
 * area, a lower spot can only win by costing fewer areas or by not being
 * low: nothing costs fewer than -1, and a spot that ends under hole g
 * starts below 4 GiB when hole g starts below 4 GiB + the chunk.
 */
static bool pamt_gaps_done(const struct plan_ctx *c, const struct pamt_job *j, size_t g)
{
	const struct pamt_pick *b = &j->best;

	return b->ok && b->local && !b->scarce && g < c->s->n_hole &&
	       (b->cost < 0 || (!b->low && c->s->hole[g].base < 4 * PLAN_1G + j->size));
}

/* The gaps [g0, g1), top down: high spots come first and make the low
 * ones hopeless at once (the best is the maximum of a total order, so the
 * order changes only the work).  local_only: the spots on want_node only.
 * False when the gaps below g0 need not be tried either. */
static bool pamt_try_gaps(const struct plan_ctx *c, struct pamt_job *j,
			  size_t g0, size_t g1, bool local_only)
{
	for (size_t g = g1; g-- > g0;) {
		if (pamt_gaps_done(c, j, g))
			return false;
		pamt_try_gap(c, j, g, local_only);
	}
	return true;
}

/*
 * scratch.heap[] (the layout's merge heap, unused while PAMTs are placed)
 * := the indices of ram[] ordered by (node, address), so a node's RAM
 * pieces are one binary search away.  A node's free stretches are those
 * of its RAM pieces (free[].aux), in the same order.
 */
static bool pamt_idx_less(const struct plan_scratch *s, uint32_t x, uint32_t y)
{
	if (s->ram[x].node != s->ram[y].node)
		return s->ram[x].node < s->ram[y].node;
	return x < y;
}

static void pamt_idx_sift(struct plan_scratch *s, uint32_t root, uint32_t n)
{
	uint32_t *v = s->heap;

	for (;;) {
		uint32_t child = 2 * root + 1, t;

		if (child >= n)
			return;
		if (child + 1 < n && pamt_idx_less(s, v[child], v[child + 1]))
			child++;
		if (!pamt_idx_less(s, v[root], v[child]))
			return;
		t = v[root];
		v[root] = v[child];
		v[child] = t;
		root = child;
	}
}

static void pamt_index_nodes(struct plan_scratch *s)
{
	uint32_t n = s->n_ram, i;
	bool sorted = true;

	for (i = 0; i < n; i++) {
		s->heap[i] = i;
		if (i && s->ram[i].node < s->ram[i - 1].node)
			sorted = false;
	}
	if (sorted)
		return;
	for (i = n / 2; i-- > 0;)
		pamt_idx_sift(s, i, n);
	for (i = n; i-- > 1;) {
		uint32_t t = s->heap[0];

		s->heap[0] = s->heap[i];
		s->heap[i] = t;
		pamt_idx_sift(s, 0, i);
	}
}

/* Whether the wanted node's run of scratch.heap[] starts at x. */
static bool pamt_run_starts(const struct plan_scratch *s, uint32_t x, uint32_t node)
{
	return x < s->n_ram && s->ram[s->heap[x]].node == node &&
	       (!x || s->ram[s->heap[x - 1]].node != node);
}

/*
 * [j->r0, j->r1) of scratch.heap[]: the RAM pieces of the wanted node.
 * On entry j->r0 and j->r1 hold the previous job's run: jobs mostly come
 * in node order (TDMRs by address, largest first), so the wanted run is
 * that one or the one after it, checked before a binary search.  The end
 * of the run by galloping (steps 1, 2, 4, ...), as a node has few pieces.
 */
static void pamt_node_pieces(const struct plan_scratch *s, struct pamt_job *j)
{
	uint32_t lo = 0, hi = s->n_ram, node = j->want_node, step = 1;

	if (pamt_run_starts(s, j->r0, node) || pamt_run_starts(s, j->r1, node)) {
		lo = pamt_run_starts(s, j->r0, node) ? j->r0 : j->r1;
	} else {
		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;

			if (s->ram[s->heap[mid]].node < node)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
	j->r0 = lo;
	hi = lo;
	while (hi < s->n_ram && s->ram[s->heap[hi]].node == node) {
		lo = hi + 1;
		hi = s->n_ram - hi > step ? hi + step : s->n_ram;
		step *= 2;
	}
	while (lo < hi) {   /* heap[lo - 1] is on the node, heap[hi] is not (or hi = n_ram) */
		uint32_t mid = lo + (hi - lo) / 2;

		if (s->ram[s->heap[mid]].node == node)
			lo = mid + 1;
		else
			hi = mid;
	}
	j->r1 = lo;
}

/*
 * The hole spots on the wanted node's RAM: for each of its RAM pieces,
 * top down, the gaps it meets (from the one holding its base to the one
 * holding its end), each gap once; all gaps when there are fewer holes
 * than the node has pieces.  Of those, the spots whose free stretch is
 * on the node: every local spot, so the same best when one fits.
 */
static void pamt_try_gaps_local(const struct plan_ctx *c, struct pamt_job *j)
{
	const struct plan_scratch *s = c->s;
	size_t next = s->n_hole + 1;   /* gaps from here up are done */

	if (j->r1 - j->r0 >= s->n_hole) {
		pamt_try_gaps(c, j, 0, next, true);
		return;
	}
	for (uint32_t k = j->r1; k-- > j->r0;) {
		const struct plan_span *r = &s->ram[s->heap[k]];
		size_t g0, g1;

		if (next && pamt_gaps_done(c, j, next - 1))
			return;
		g0 = range_find(s->hole, next < s->n_hole ? next : s->n_hole, r->base);
		g1 = g0;

		while (g1 < s->n_hole && s->hole[g1].base < r->end)
			g1++;
		if (!pamt_try_gaps(c, j, g0, g1 + 1 < next ? g1 + 1 : next, true))
			return;
		next = g0 < next ? g0 : next;
	}
}

/* Whether the chunk ending at hi in free stretch f is gap g's top spot. */
static bool pamt_is_top(const struct plan_ctx *c, size_t g, uint64_t hi, size_t f)
{
	const struct plan_hole_spot *sp;

	if (g >= c->s->n_hole)
		return false;
	sp = &c->s->spot[g];
	return sp->down == hi && sp->down_free == f;
}

/* Whether the chunk at lo in free stretch f is gap g's bottom spot. */
static bool pamt_is_bottom(const struct plan_ctx *c, size_t g, uint64_t lo, size_t f)
{
	const struct plan_hole_spot *sp;

	if (!g)
		return false;
	sp = &c->s->spot[g - 1];
	return sp->up == lo && sp->up_free == f;
}

/*
 * The top and bottom candidates of part [lo, hi) of free stretch f, in gap
 * g.  With spots_done, the hole spots of gap g have been tried already:
 * an end that is one is skipped (trying it again cannot change the best),
 * and every other end touches no hole across no RAM (that would make it a
 * spot, pamt_try_gap()), so it costs an area in each TDMR it overlaps: at
 * least 1 (free RAM is TDX memory, inside a TDMR).
 */
static void pamt_try_part(const struct plan_ctx *c, struct pamt_job *j, size_t f,
			  size_t g, uint64_t lo, uint64_t hi, bool spots_done)
{
	bool top, bottom;

	if (!spots_done) {
		pamt_consider(c, j, hi - j->size, f, g, -1);
		pamt_consider(c, j, lo, f, g, -1);
		return;
	}
	top = pamt_is_top(c, g, hi, f);
	bottom = pamt_is_bottom(c, g, lo, f);
	if (hi - j->size == lo) {
		if (!top && !bottom)
			pamt_consider(c, j, lo, f, g, 1);
		return;
	}
	if (!top)
		pamt_consider(c, j, hi - j->size, f, g, 1);
	if (!bottom)
		pamt_consider(c, j, lo, f, g, 1);
}

/* Whether no candidate of pamt_try_part() (spots_done) below end, on a
 * node that is local or not, can win: at best it is the chunk ending at
 * end, costing 1. */
static bool pamt_parts_hopeless(const struct pamt_job *j, bool local, uint64_t end)
{
	return pamt_hopeless(j, local, end - j->size < 4 * PLAN_1G, 1, end - j->size);
}

/* Candidates in the free stretch f: the top and bottom of each part of it
 * between holes (PAMTs and islands placed inside it), each part in the gap
 * above the hole below it. */
static void pamt_try_free(const struct plan_ctx *c, struct pamt_job *j,
			  size_t fi, bool spots_done)
{
	const struct plan_scratch *s = c->s;
	const struct plan_span *f = &s->free[fi];
	uint64_t hi = f->end;
	size_t h;

	if (f->end - f->base < j->size)
		return;
	if (spots_done && pamt_parts_hopeless(j, f->node == j->want_node, f->end))
		return;
	h = range_find_before(s->hole, s->n_hole, f->end);
	for (;;) {
		bool in = h < s->n_hole && s->hole[h].end > f->base;
		uint64_t lo = in ? s->hole[h].end : f->base;

		if (hi > lo && hi - lo >= j->size)
			pamt_try_part(c, j, fi, h < s->n_hole ? h + 1 : 0, lo, hi, spots_done);
		if (!in)
			return;
		hi = s->hole[h].base;
		h = h ? h - 1 : s->n_hole;
	}
}

/*
 * The first free stretch pamt_scan_local() tries (the last one of the
 * node's top RAM piece), ahead of the hole spots (pamt_spot_above()).
 * Which candidate wins does not depend on the order they are tried in
 * (the best is the maximum of a total order); the stretch's spots are
 * left to the hole spots as in pamt_scan_local(), and its other ends cost
 * an area at least, so they cannot make the best pamt_settled(), nor beat
 * a best that is: the decisions the search makes after the hole spots see
 * the same best.  pamt_scan_local() skips the stretch then.
 */
static void pamt_try_top(const struct plan_ctx *c, struct pamt_job *j)
{
	const struct plan_scratch *s = c->s;
	uint32_t r = s->heap[j->r1 - 1];
	size_t f = range_find_before(s->free, s->n_free, s->ram[r].end);

	j->top_done = true;
	if (f >= s->n_free || s->free[f].aux != r)
		return;
	j->top_free = (uint32_t)f;
	pamt_try_free(c, j, f, true);
}

/* The wanted node's free stretches, top down (its RAM pieces top down,
 * each one's stretches top down: free[] is by address, aux its piece),
 * stopping once no lower stretch can beat the best. */
static void pamt_scan_local(const struct plan_ctx *c, struct pamt_job *j, bool spots_done)
{
	const struct plan_scratch *s = c->s;

	if (spots_done && j->r1 > j->r0 &&
	    pamt_parts_hopeless(j, true, s->ram[s->heap[j->r1 - 1]].end))
		return;   /* all of the node's free memory lies below its top piece's end */
	for (uint32_t k = j->r1; k-- > j->r0;) {
		uint32_t r = s->heap[k];
		size_t f = range_find_before(s->free, s->n_free, s->ram[r].end);

		for (; f < s->n_free && s->free[f].aux == r; f = f ? f - 1 : s->n_free) {
			/* Stretches come top down, so once the top of one cannot
			 * beat the best, nothing below can: pamt_parts_hopeless()
			 * only grows as the end goes down.  (Stopping at the first
			 * best that spends no scarce area was wrong when that best
			 * was a hole spot lower down: a 4.8 GiB PAMT went to 1 MiB,
			 * against rule 3 of docs/planner.md §4.) */
			if (spots_done && pamt_parts_hopeless(j, true, s->free[f].end))
				return;
			if (!spots_done || f != j->top_free)
				pamt_try_free(c, j, f, spots_done);
		}
	}
}

/* Every other node's free stretches, top down. */
static void pamt_scan_other(const struct plan_ctx *c, struct pamt_job *j, bool spots_done)
{
	const struct plan_scratch *s = c->s;

	for (uint32_t k = s->n_free; k-- > 0;)
		if (s->free[k].node != j->want_node)
			pamt_try_free(c, j, k, spots_done);
}

static bool pamt_settled(const struct pamt_job *j)
{
	return j->best.ok && j->best.local && j->best.cost == 0 && !j->best.low;
}

/*
 * The search, as specified: every hole spot; then, unless the best is
 * local, free of cost and above 4 GiB, the free stretches top down: first
 * those of the wanted node, then, only if the node has no fit at all, all
 * of them.
 */
static void pamt_search_all(const struct plan_ctx *c, struct pamt_job *j)
{
	pamt_try_holes(c, j);
	if (pamt_settled(j))
		return;
	pamt_scan_local(c, j, false);
	if (!(j->best.ok && j->best.local))
		pamt_scan_other(c, j, false);
}

/*
 * The same search without the quadratic part.  pamt_better() ranks a local
 * spot above every other, and picks the maximum of a total order, so which
 * spot wins does not depend on the order spots are tried in.  While a local
 * spot exists, the hole spots on the wanted node give the same best as
 * all hole spots; when none does, all hole spots and all other nodes are
 * tried as in pamt_search_all().  The free stretches skip the hole spots
 * tried already.  A job that finds nothing runs pamt_search_all() again
 * from scratch, so the failure it reports is the same.
 */
static void pamt_search(const struct plan_ctx *c, struct pamt_job *j)
{
	pamt_node_pieces(c->s, j);
	pamt_try_gaps_local(c, j);
	if (!pamt_settled(j)) {
		pamt_scan_local(c, j, true);
		if (!(j->best.ok && j->best.local)) {
			pamt_try_gaps(c, j, 0, c->s->n_hole + 1, false);
			pamt_scan_other(c, j, true);
		}
	}
	if (!j->best.ok) {
		j->space_seen = false;
		pamt_search_all(c, j);
	}
}

static tb_status pamt_fail(struct plan_ctx *c, const struct pamt_job *j)
{
	const struct plan_tdmr *t = &c->out->tdmrs[j->tdmr];

	if (j->space_seen) {
		c->fail = FAIL_RSVD;
		c->fail_base = j->over_base;
		c->fail_end = j->over_end;
		c->fail_need = c->max_rsvd + 1;
	} else {
		c->fail = FAIL_SPACE;
		c->fail_base = t->base;
		c->fail_end = t->base + t->size;
		c->fail_bytes = j->size;
	}
	return TB_ENOSPC;
}

/* A neighbouring hole as a placement reason gives it. */
static struct plan_pamt_side pamt_side(const struct plan_span *h)
{
	static const uint32_t what[] = {
		[HOLE_CMR] = PLAN_NEXT_NOT_TDX, [HOLE_PAMT] = PLAN_NEXT_PAMT,
		[HOLE_ISLAND] = PLAN_NEXT_ISLAND,
	};

	return (struct plan_pamt_side){
		.what = h->aux <= HOLE_ISLAND ? what[h->aux] : PLAN_NEXT_NOT_TDX,
		.tdmr = h->aux == HOLE_PAMT ? h->node : 0,
		.range = { h->base, h->end - h->base },
	};
}

/*
 * Records why job j's PAMT is where it is, before its hole goes in: the
 * node and why not the wanted one, the free range, and the TDMR whose
 * area holds it with the neighbouring pieces that area shares (those that
 * made it cost no new area), as pamt_cost() counted them.
 */
static void pamt_explain(struct plan_ctx *c, const struct pamt_job *j)
{
	const struct plan_scratch *s = c->s;
	const struct plan_output *o = c->out;
	const struct pamt_pick *b = &j->best;
	struct plan_pamt_why *w = &c->out->pamt_why[j->tdmr];
	uint32_t k = b->tdmr;

	*w = (struct plan_pamt_why){
		.want_node = j->want_node,
		.fallback = b->local ? PLAN_PAMT_ON_NODE :
			    j->local_full ? PLAN_PAMT_NODE_AREAS_FULL : PLAN_PAMT_NODE_NO_ROOM,
		.free = { s->free[b->free].base, s->free[b->free].end - s->free[b->free].base },
		.in_tdmr = PLAN_PAMT_OUTSIDE,
		.new_areas = b->cost,
		.low = b->low,
	};
	if (k >= o->n_tdmrs || o->tdmrs[k].base >= b->base + j->size)
		return;
	w->in_tdmr = k;
	if (b->below && s->hole[b->hole - 1].end > o->tdmrs[k].base)
		w->below = pamt_side(&s->hole[b->hole - 1]);
	if (b->above && s->hole[b->hole].base < o->tdmrs[k].base + o->tdmrs[k].size)
		w->above = pamt_side(&s->hole[b->hole]);
}

/*
 * After the PAMT of job j went in: a TDMR that holds all of it needs
 * pamt_cost()'s count more areas (one for the new hole, less one per
 * neighbour inside the TDMR it now shares an area with: the RAM it took
 * kept those apart before).  Across TDMRs only the sum is known, so each
 * of them counts again when next asked.
 */
static void pamt_areas_update(struct plan_ctx *c, const struct pamt_job *j)
{
	const struct plan_output *o = c->out;
	uint64_t a = j->best.base, b = a + j->size;
	uint32_t k = j->best.tdmr;

	if (!j->across->counted)
		return;   /* counted from the holes, this one too, when first asked */
	if (k < o->n_tdmrs && b <= o->tdmrs[k].base + o->tdmrs[k].size) {
		if (c->s->pamt_areas[k] != UINT32_MAX)
			c->s->pamt_areas[k] += (uint32_t)j->best.cost;
		return;
	}
	for (; k < o->n_tdmrs && o->tdmrs[k].base < b; k++)
		c->s->pamt_areas[k] = UINT32_MAX;
}

/* The PAMT of TDMR idx. */
static tb_status pamt_place_one(struct plan_ctx *c, uint32_t idx, struct pamt_across *across)
{
	struct plan_tdmr *t = &c->out->tdmrs[idx];
	uint64_t sz[3];
	struct pamt_job j = { .across = across, .tdmr = idx, .want_node = t->pamt_node,
			      .r0 = across->r0, .r1 = across->r1, .top_free = PAMT_NO_FREE };
	tb_status st;

	if (pamt_size(&c->in->limits, t->size, sz) != TB_OK) {
		tb_err_set(c->err, "planner: PAMT size of TDMR [0x%llx, 0x%llx) overflows",
			   (unsigned long long)t->base,
			   (unsigned long long)(t->base + t->size));
		c->fail = FAIL_OTHER;
		return TB_ERANGE;
	}
	j.size = sz[0] + sz[1] + sz[2];
	pamt_search(c, &j);
	across->r0 = j.r0;
	across->r1 = j.r1;
	if (!j.best.ok)
		return pamt_fail(c, &j);
	if (!j.best.local)
		plan_warn(c, "PAMT of TDMR [0x%llx, 0x%llx) is on node %u: no room on node %u",
			  (unsigned long long)t->base,
			  (unsigned long long)(t->base + t->size), j.best.node, j.want_node);
	for (int l = 0; l < 3; l++)
		t->pamt_size[l] = sz[l];
	t->pamt_base[PLAN_PAMT_4K] = j.best.base;
	t->pamt_base[PLAN_PAMT_2M] = j.best.base + sz[PLAN_PAMT_4K];
	t->pamt_base[PLAN_PAMT_1G] = j.best.base + sz[PLAN_PAMT_4K] + sz[PLAN_PAMT_2M];
	t->pamt_node = j.best.node;
	pamt_explain(c, &j);
	st = rsvd_insert_at(c, j.best.hole,
			    (struct plan_span){ j.best.base, j.best.base + j.size, idx, HOLE_PAMT },
			    j.best.below, j.best.above);
	if (st == TB_OK) {
		pamt_spots_insert(c->s, j.best.hole, j.best.base, j.best.base + j.size,
				  j.best.free);
		pamt_areas_update(c, &j);
	}
	return st;
}

tb_status pamt_place_all(struct plan_ctx *c)
{
	const struct plan_output *o = c->out;
	uint32_t order[PLAN_TDMR_CAP];
	struct pamt_across across = { 0, 0, false };
	tb_status st = TB_OK;

	/* largest first; equal sizes by address (TDMRs are sorted) */
	for (uint32_t i = 0; i < o->n_tdmrs; i++) {
		uint32_t k = i;

		for (; k && o->tdmrs[order[k - 1]].size < o->tdmrs[i].size; k--)
			order[k] = order[k - 1];
		order[k] = i;
	}
	pamt_index_nodes(c->s);
	pamt_spots_all(c->s);
	for (uint32_t i = 0; i < o->n_tdmrs && st == TB_OK; i++)
		st = pamt_place_one(c, order[i], &across);
	return st;
}
