/* SPDX-License-Identifier: MIT */
/*
 * tdxboot's planning rules, written directly: one sweep of a sorted map
 * into RAM and free pieces cut at CMR and node boundaries, the CMR holes
 * with their links, one TDMR per run of GiBs of one node, each PAMT at the
 * best part end of its node's free memory by the ranking of
 * docs/planner.md §4, the reserved areas.  What it leaves to plan_build()
 * (DIRECT_GENERAL): unsorted or overlapping lists, RAM outside the CMRs or
 * the SRAT, a GiB shared by two nodes, a TDMR over the area limit, more
 * TDMRs than allowed, a split for TDMR.INIT, and a PAMT with no fit on its
 * node -- the retries, the merge heap, coalesce, the fallback search and
 * the indexes those need.  Where it plans, plan_build() must give the same
 * plan (plan-prop), and its instruction count is what the rules cost
 * without any of that machinery (make plan-bench; issue 15, Deliver 6).
 */
#include "tests/plan/direct.h"

#include <stdio.h>
#include <string.h>

#define DIRECT_4K     0x1000ULL
#define DIRECT_1M     0x100000ULL
#define DIRECT_1G     0x40000000ULL
#define DIRECT_PA_END (1ULL << 52)
#define DIRECT_CAP    (PLAN_MEM_CAP + PLAN_NUMA_CAP + 2)
#define DIRECT_HOLES  (PLAN_CMR_CAP + PLAN_TDMR_CAP + 2)

enum { DIRECT_HOLE_CMR = 0, DIRECT_HOLE_PAMT = 1 };

struct direct_span {
	uint64_t base, end;
	uint32_t node;
	uint32_t aux;   /* free: its RAM piece; hole: DIRECT_HOLE_CMR or _PAMT */
	uint32_t tdmr;  /* a PAMT hole: whose PAMT */
};

struct direct_pick {
	bool ok, scarce, low, below, above;
	int cost;
	uint64_t base;
	uint32_t free, hole;
};

/* The one state of this file, rebuilt by every call. */
static struct direct_ctx {
	const struct plan_input *in;
	struct plan_output *out;
	uint32_t max_rsvd;
	struct direct_span cmr[PLAN_CMR_CAP], ram[DIRECT_CAP], free[DIRECT_CAP], hole[DIRECT_HOLES];
	bool link[DIRECT_HOLES];        /* hole i shares an area with hole i - 1 */
	uint32_t areas[PLAN_TDMR_CAP];  /* each TDMR's reserved areas now */
	uint32_t n_cmr, n_ram, n_free, n_hole;
	size_t cmr_at, numa_at;         /* the sweep's cursors */
} direct_state;

/* CMRs trimmed to pages, below 2^52, merged where they touch; sorted only. */
static bool direct_cmrs(struct direct_ctx *c)
{
	c->n_cmr = 0;
	for (size_t i = 0; i < c->in->n_cmrs; i++) {
		const struct plan_range *r = &c->in->cmrs[i];
		uint64_t b = (r->base + DIRECT_4K - 1) & ~(DIRECT_4K - 1);
		uint64_t e = (r->base + r->size) & ~(DIRECT_4K - 1);
		struct direct_span *l = c->n_cmr ? &c->cmr[c->n_cmr - 1] : NULL;

		e = e > DIRECT_PA_END ? DIRECT_PA_END : e;
		if (e <= b || r->base + r->size < r->base ||
		    r->base > UINT64_MAX - DIRECT_4K)
			return false;
		if (l && b < l->base)
			return false;
		if (l && b <= l->end)
			l->end = e > l->end ? e : l->end;
		else if (c->n_cmr < PLAN_CMR_CAP)
			c->cmr[c->n_cmr++] = (struct direct_span){ .base = b, .end = e };
		else
			return false;
	}
	return true;
}

/* The node of [b, ...) and where it stops, from the SRAT cursor; false
 * when no SRAT range covers b (the general planner's uncovered case). */
static bool direct_node(struct direct_ctx *c, uint64_t b, uint64_t *to, uint32_t *node)
{
	const struct plan_numa *v = c->in->numa;
	size_t n = c->in->n_numa;

	*node = 0;
	if (!n)
		return true;
	while (c->numa_at < n && v[c->numa_at].base + v[c->numa_at].size <= b)
		c->numa_at++;
	if (c->numa_at >= n || v[c->numa_at].base > b)
		return false;
	if (v[c->numa_at].base + v[c->numa_at].size < *to)
		*to = v[c->numa_at].base + v[c->numa_at].size;
	*node = v[c->numa_at].node;
	return true;
}

/* Appends [b, e) to v, joined with the last piece when it continues it. */
static bool direct_push(struct direct_span *v, uint32_t *n, uint64_t b, uint64_t e, uint32_t node)
{
	if (*n && v[*n - 1].end == b && v[*n - 1].node == node) {
		v[*n - 1].end = e;
		return true;
	}
	if (*n >= DIRECT_CAP)
		return false;
	v[(*n)++] = (struct direct_span){ .base = b, .end = e, .node = node };
	return true;
}

/* A RAM run, trimmed to pages and 1 MiB, cut at CMR and node boundaries. */
static bool direct_ram_run(struct direct_ctx *c, uint64_t b, uint64_t e)
{
	b = (b + DIRECT_4K - 1) & ~(DIRECT_4K - 1);
	e &= ~(DIRECT_4K - 1);
	b = b < DIRECT_1M ? DIRECT_1M : b;
	while (b < e) {
		uint64_t to = e;
		uint32_t node;

		while (c->cmr_at < c->n_cmr && c->cmr[c->cmr_at].end <= b)
			c->cmr_at++;
		if (c->cmr_at >= c->n_cmr || c->cmr[c->cmr_at].base > b ||
		    c->cmr[c->cmr_at].end < e || !direct_node(c, b, &to, &node) ||
		    !direct_push(c->ram, &c->n_ram, b, to, node))
			return false;   /* outside the CMRs or the SRAT: general */
		b = to;
	}
	return true;
}

/* A free run, trimmed the same way; it lies in RAM already cut, so it takes
 * the pieces' nodes and indexes from a cursor over them. */
static bool direct_free_run(struct direct_ctx *c, uint64_t b, uint64_t e, uint32_t *r)
{
	b = (b + DIRECT_4K - 1) & ~(DIRECT_4K - 1);
	e &= ~(DIRECT_4K - 1);
	b = b < DIRECT_1M ? DIRECT_1M : b;
	while (b < e) {
		const struct direct_span *p;

		while (*r < c->n_ram && c->ram[*r].end <= b)
			(*r)++;
		p = &c->ram[*r];
		if (*r >= c->n_ram || p->base > b || c->n_free >= DIRECT_CAP)
			return false;
		c->free[c->n_free++] = (struct direct_span){
			.base = b, .end = e < p->end ? e : p->end, .node = p->node, .aux = *r };
		b = c->free[c->n_free - 1].end;
	}
	return true;
}

static bool direct_is_ram(uint32_t kind)
{
	return kind == PLAN_MEM_FREE || kind == PLAN_MEM_RAM_BUSY;
}

/* Neither empty nor wrapping 2^64 (the general sweep drops or saturates). */
static bool direct_entry_plain(const struct plan_mem *e)
{
	return e->size && e->base + e->size > e->base;
}

/* The map's RAM runs (touching RAM entries of either kind), then its free
 * runs (touching FREE entries); sorted, disjoint entries only. */
static bool direct_sweep(struct direct_ctx *c)
{
	const struct plan_mem *m = c->in->mem;
	size_t n = c->in->n_mem;
	uint32_t r = 0;

	c->n_ram = c->n_free = 0;
	c->cmr_at = c->numa_at = 0;
	for (size_t i = 0; i < n; i++) {
		size_t k = i;

		if (!direct_entry_plain(&m[i]) ||
		    (i && m[i].base < m[i - 1].base + m[i - 1].size))
			return false;   /* unsorted or overlapping too */
		if (!direct_is_ram(m[i].kind))
			continue;
		while (k + 1 < n && direct_is_ram(m[k + 1].kind) && direct_entry_plain(&m[k + 1]) &&
		       m[k + 1].base == m[k].base + m[k].size)
			k++;   /* an entry that breaks the chain is checked above */
		if (!direct_ram_run(c, m[i].base, m[k].base + m[k].size))
			return false;
		for (size_t f = i; f <= k; f++) {
			size_t g = f;

			if (m[f].kind != PLAN_MEM_FREE)
				continue;
			while (g < k && m[g + 1].kind == PLAN_MEM_FREE)
				g++;
			if (!direct_free_run(c, m[f].base, m[g].base + m[g].size, &r))
				return false;
			f = g;
		}
		i = k;
	}
	return c->n_ram > 0;
}

/* The CMR holes below 2^52; two neighbours share an area when the CMR
 * between them holds no RAM. */
static void direct_holes(struct direct_ctx *c)
{
	uint64_t pos = 0;
	uint32_t r = 0;

	c->n_hole = 0;
	for (uint32_t i = 0; i <= c->n_cmr; i++) {
		uint64_t b = i < c->n_cmr ? c->cmr[i].base : DIRECT_PA_END;

		if (b > pos) {
			c->link[c->n_hole] = false;
			if (c->n_hole) {
				while (r < c->n_ram && c->ram[r].end <= c->hole[c->n_hole - 1].end)
					r++;
				c->link[c->n_hole] = !(r < c->n_ram && c->ram[r].base < pos);
			}
			c->hole[c->n_hole++] = (struct direct_span){ .base = pos, .end = b, .aux = DIRECT_HOLE_CMR };
		}
		if (i < c->n_cmr)
			pos = c->cmr[i].end;
	}
}

/* Reserved areas of [a, b): the groups of linked holes it meets. */
static uint32_t direct_areas(const struct direct_ctx *c, uint64_t a, uint64_t b)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < c->n_hole && c->hole[i].base < b; i++)
		if (c->hole[i].end > a && !(c->link[i] && c->hole[i - 1].end > a))
			n++;
	return n;
}

/* One TDMR per run of GiBs holding one node's RAM; false when a GiB holds
 * two nodes' RAM, a TDMR needs more areas than allowed, or there are more
 * TDMRs than allowed (the general layout splits, merges or coalesces). */
static bool direct_layout(struct direct_ctx *c)
{
	struct plan_output *o = c->out;
	uint32_t max = c->in->limits.max_tdmrs < PLAN_TDMR_CAP ?
		       c->in->limits.max_tdmrs : PLAN_TDMR_CAP;
	uint32_t n = 0;

	for (uint32_t i = 0; i < c->n_ram; i++) {
		uint64_t g0 = c->ram[i].base & ~(DIRECT_1G - 1);
		uint64_t g1 = (c->ram[i].end + DIRECT_1G - 1) & ~(DIRECT_1G - 1);
		struct plan_tdmr *t = n ? &o->tdmrs[n - 1] : NULL;

		if (t && t->base + t->size >= g0 && t->pamt_node == c->ram[i].node) {
			t->size = g1 > t->base + t->size ? g1 - t->base : t->size;
			continue;
		}
		if ((t && t->base + t->size > g0) || n >= max)
			return false;
		t = &o->tdmrs[n++];
		t->base = g0;
		t->size = g1 - g0;
		t->pamt_node = c->ram[i].node;
	}
	o->n_tdmrs = n;
	if (max - n < 4)   /* Linux's TDMR_NR_WARN (docs/reference/landscape.md §1.4) */
		snprintf(o->warnings[o->n_warnings++], sizeof(o->warnings[0]),
			 "consumed TDMRs reaching limit: %u used out of %u", n, max);
	for (uint32_t k = 0; k < n; k++) {
		c->areas[k] = direct_areas(c, o->tdmrs[k].base, o->tdmrs[k].base + o->tdmrs[k].size);
		if (c->areas[k] > c->max_rsvd)
			return false;
	}
	return true;
}

static uint64_t direct_level(uint64_t entries, uint64_t entry_size)
{
	return (entries * entry_size + DIRECT_4K - 1) & ~(DIRECT_4K - 1);
}

/* docs/planner.md §4 "Size"; no overflow below 2^52 with entries <= 4 KiB. */
static void direct_pamt_size(const struct plan_limits *l, uint64_t size, uint64_t sz[3])
{
	uint64_t bits = l->dpamt_bits_per_4k ? l->dpamt_bits_per_4k : 1;

	if (l->dpamt)
		sz[0] = direct_level(((size >> 12) * bits + 7) / 8, 1);   /* the bitmap */
	else
		sz[0] = direct_level(size >> 12, l->pamt_entry_size[0]);
	sz[1] = direct_level(size >> 21, l->pamt_entry_size[1]);
	sz[2] = direct_level(size >> 30, l->pamt_entry_size[2]);
}

/* Whether x ranks above y (docs/planner.md §4: node, scarce areas, 4 GiB,
 * new areas, address; every candidate here is on the node). */
static bool direct_better(const struct direct_pick *x, const struct direct_pick *y)
{
	/* rules 2-4 as keys where more is better; rule 5 last */
	const int64_t kx[] = { !x->scarce, !x->low, -x->cost };
	const int64_t ky[] = { !y->scarce, !y->low, -y->cost };

	if (!y->ok)
		return true;
	for (int i = 0; i < 3; i++)
		if (kx[i] != ky[i])
			return kx[i] > ky[i];
	return x->base > y->base;
}

/* The chunk [c0, c0 + size) in free piece f, with h the first hole ending
 * above c0: its neighbours across no RAM, then per TDMR it overlaps one
 * area more, one less per such neighbour inside that TDMR. */
static void direct_try(struct direct_ctx *c, uint64_t c0, uint64_t size, uint32_t f, uint32_t h,
		  struct direct_pick *best)
{
	const struct plan_output *o = c->out;
	const struct direct_span *r = &c->ram[c->free[f].aux];
	const struct direct_span *hl = h ? &c->hole[h - 1] : NULL, *hh = &c->hole[h];
	uint64_t c1 = c0 + size;
	struct direct_pick p = { .ok = true, .base = c0, .free = f, .hole = h, .low = c0 < 4 * DIRECT_1G };

	p.below = hl && (hl->end == c0 || (r->base >= c0 &&
		  (r == c->ram || r[-1].end <= hl->end)));
	p.above = h < c->n_hole && (hh->base == c1 || (r->end <= c1 &&
		  (r + 1 == c->ram + c->n_ram || r[1].base >= hh->base)));
	for (uint32_t k = 0; k < o->n_tdmrs; k++) {
		uint64_t a = o->tdmrs[k].base, b = a + o->tdmrs[k].size;
		int d;

		if (b <= c0 || a >= c1)
			continue;
		d = 1 - (p.below && hl->end > a) - (p.above && hh->base < b);
		p.cost += d;
		if (d > 0 && c->areas[k] + (uint32_t)d > c->max_rsvd)
			return;
		if (d > 0 && c->areas[k] + (uint32_t)d > c->max_rsvd / 2)
			p.scarce = true;
	}
	if (direct_better(&p, best))
		*best = p;
}

/* Every part of the node's free memory between holes: its top and bottom. */
static bool direct_search(struct direct_ctx *c, uint32_t node, uint64_t size, struct direct_pick *best)
{
	uint32_t h = c->n_hole;

	*best = (struct direct_pick){ .ok = false };
	for (uint32_t f = c->n_free; f-- > 0;) {
		const struct direct_span *fr = &c->free[f];
		uint64_t hi = fr->end;

		while (h > 0 && c->hole[h - 1].base >= fr->end)
			h--;   /* free[] and hole[] are sorted: h only moves down */
		if (fr->node != node)
			continue;
		for (uint32_t k = h;; k--) {   /* hole k - 1 is the first below hi */
			bool in = k > 0 && c->hole[k - 1].end > fr->base;
			uint64_t lo = in ? c->hole[k - 1].end : fr->base;

			if (hi > lo && hi - lo >= size) {
				direct_try(c, hi - size, size, f, k, best);
				direct_try(c, lo, size, f, k, best);
			}
			if (!in)
				break;
			hi = c->hole[k - 1].base;
		}
	}
	return best->ok;
}

static struct plan_pamt_side direct_side(const struct direct_span *h)
{
	return (struct plan_pamt_side){
		.what = h->aux == DIRECT_HOLE_PAMT ? PLAN_NEXT_PAMT : PLAN_NEXT_NOT_TDX,
		.tdmr = h->aux == DIRECT_HOLE_PAMT ? h->tdmr : 0,
		.range = { h->base, h->end - h->base },
	};
}

/* The placement reason of TDMR i's PAMT, as docs/planner.md §4 defines it. */
static void direct_explain(struct direct_ctx *c, uint32_t i, uint64_t size, const struct direct_pick *p)
{
	const struct plan_output *o = c->out;
	struct plan_pamt_why *w = &c->out->pamt_why[i];
	const struct direct_span *f = &c->free[p->free];
	uint32_t k = 0;

	*w = (struct plan_pamt_why){
		.want_node = o->tdmrs[i].pamt_node, .fallback = PLAN_PAMT_ON_NODE,
		.free = { f->base, f->end - f->base }, .in_tdmr = PLAN_PAMT_OUTSIDE,
		.new_areas = p->cost, .low = p->low,
	};
	while (k < o->n_tdmrs && o->tdmrs[k].base + o->tdmrs[k].size <= p->base)
		k++;
	if (k >= o->n_tdmrs || o->tdmrs[k].base >= p->base + size)
		return;
	w->in_tdmr = k;
	if (p->below && c->hole[p->hole - 1].end > o->tdmrs[k].base)
		w->below = direct_side(&c->hole[p->hole - 1]);
	if (p->above && c->hole[p->hole].base < o->tdmrs[k].base + o->tdmrs[k].size)
		w->above = direct_side(&c->hole[p->hole]);
}

/* The PAMT becomes a hole, linked to the neighbours it touches across no
 * RAM; the TDMRs it overlaps count their areas again. */
static void direct_insert(struct direct_ctx *c, uint32_t i, uint64_t size, const struct direct_pick *p)
{
	const struct plan_output *o = c->out;
	uint32_t at = p->hole;

	memmove(&c->hole[at + 1], &c->hole[at], (c->n_hole - at) * sizeof(c->hole[0]));
	memmove(&c->link[at + 1], &c->link[at], (c->n_hole - at) * sizeof(c->link[0]));
	c->hole[at] = (struct direct_span){ .base = p->base, .end = p->base + size,
				       .aux = DIRECT_HOLE_PAMT, .tdmr = i };
	c->link[at] = p->below;
	c->link[at + 1] = p->above;
	c->n_hole++;
	for (uint32_t k = 0; k < o->n_tdmrs; k++)
		if (o->tdmrs[k].base < p->base + size &&
		    o->tdmrs[k].base + o->tdmrs[k].size > p->base)
			c->areas[k] = direct_areas(c, o->tdmrs[k].base,
					      o->tdmrs[k].base + o->tdmrs[k].size);
}

/* Largest PAMT first; each on its node, or the map is the general one's. */
static bool direct_place(struct direct_ctx *c)
{
	struct plan_output *o = c->out;
	uint32_t order[PLAN_TDMR_CAP];

	for (uint32_t i = 0; i < o->n_tdmrs; i++) {
		uint32_t k = i;

		for (; k && o->tdmrs[order[k - 1]].size < o->tdmrs[i].size; k--)
			order[k] = order[k - 1];
		order[k] = i;
	}
	for (uint32_t q = 0; q < o->n_tdmrs; q++) {
		struct plan_tdmr *t = &o->tdmrs[order[q]];
		uint64_t sz[3];
		struct direct_pick p;

		direct_pamt_size(&c->in->limits, t->size, sz);
		if (!direct_search(c, t->pamt_node, sz[0] + sz[1] + sz[2], &p))
			return false;
		for (int l = 0; l < 3; l++)
			t->pamt_size[l] = sz[l];
		t->pamt_base[0] = p.base;
		t->pamt_base[1] = p.base + sz[0];
		t->pamt_base[2] = p.base + sz[0] + sz[1];
		direct_explain(c, order[q], sz[0] + sz[1] + sz[2], &p);
		direct_insert(c, order[q], sz[0] + sz[1] + sz[2], &p);
	}
	return true;
}

/* Each TDMR's areas: a group of linked holes, clipped to it. */
static void direct_fill(struct direct_ctx *c, struct plan_tdmr *t)
{
	uint64_t a = t->base, b = a + t->size;
	uint32_t n = 0;

	for (uint32_t i = 0; i < c->n_hole && c->hole[i].base < b; i++) {
		uint64_t lo, hi;

		if (c->hole[i].end <= a)
			continue;
		lo = c->hole[i].base > a ? c->hole[i].base : a;
		while (i + 1 < c->n_hole && c->hole[i + 1].base < b && c->link[i + 1])
			i++;
		hi = c->hole[i].end < b ? c->hole[i].end : b;
		t->rsvd[n++] = (struct plan_range){ lo - a, hi - lo };
	}
	t->n_rsvd = n;
}

/* PAMT bytes per node, sorted by node. */
static void direct_node_bytes(struct plan_output *o, uint32_t node, uint64_t bytes)
{
	uint32_t k = 0;

	while (k < o->n_pamt_nodes && o->pamt_nodes[k].node < node)
		k++;
	if (k < o->n_pamt_nodes && o->pamt_nodes[k].node == node) {
		o->pamt_nodes[k].bytes += bytes;
		return;
	}
	memmove(&o->pamt_nodes[k + 1], &o->pamt_nodes[k],
		(o->n_pamt_nodes - k) * sizeof(o->pamt_nodes[0]));
	o->pamt_nodes[k] = (struct plan_node_bytes){ .node = node, .bytes = bytes };
	o->n_pamt_nodes++;
}

static void direct_finish(struct direct_ctx *c)
{
	struct plan_output *o = c->out;
	uint64_t ram = 0;

	o->pamt_bytes = 0;
	o->n_pamt_nodes = 0;
	for (uint32_t i = 0; i < o->n_tdmrs; i++) {
		struct plan_tdmr *t = &o->tdmrs[i];
		uint64_t bytes = t->pamt_size[0] + t->pamt_size[1] + t->pamt_size[2];

		direct_fill(c, t);
		o->pamt_bytes += bytes;
		direct_node_bytes(o, t->pamt_node, bytes);
	}
	for (uint32_t i = 0; i < c->n_ram; i++)
		ram += c->ram[i].end - c->ram[i].base;
	o->n_excluded = 0;
	o->excluded_noncmr_bytes = o->excluded_coalesce_bytes = 0;
	o->tdx_memory_bytes = ram - o->pamt_bytes;
}

/* The limits plan_build() checks, the policy it alone carries out, and
 * SRAT ranges that are sorted, disjoint and page aligned. */
static bool direct_input_plain(const struct plan_input *in)
{
	const struct plan_limits *l = &in->limits;

	if (!l->max_tdmrs || in->policy.parallel_lps > 1 || in->policy.noncmr > PLAN_NONCMR_EXCLUDE ||
	    (l->dpamt && l->dpamt_bits_per_4k > 64))
		return false;
	for (int i = 0; i < 3; i++)
		if (!l->pamt_entry_size[i] || l->pamt_entry_size[i] > 4096)
			return false;
	for (size_t i = 0; i < in->n_numa; i++) {
		const struct plan_numa *n = &in->numa[i];

		if (n->node >= PLAN_NODE_CAP || ((n->base | n->size) & (DIRECT_4K - 1)) || !n->size ||
		    (i && n->base < in->numa[i - 1].base + in->numa[i - 1].size))
			return false;
	}
	return true;
}

enum direct_result direct_build(const struct plan_input *in, struct plan_output *out)
{
	struct direct_ctx *c = &direct_state;

	c->in = in;
	c->out = out;
	out->n_warnings = 0;
	c->max_rsvd = in->limits.max_rsvd_per_tdmr < PLAN_RSVD_CAP ?
		      in->limits.max_rsvd_per_tdmr : PLAN_RSVD_CAP;
	if (!direct_input_plain(in) || !direct_cmrs(c) || !direct_sweep(c))
		return DIRECT_GENERAL;
	direct_holes(c);
	if (!direct_layout(c) || !direct_place(c))
		return DIRECT_GENERAL;
	direct_finish(c);
	return DIRECT_PLAN;
}

static bool direct_same_side(const struct plan_pamt_side *a, const struct plan_pamt_side *b)
{
	return a->what == b->what && a->tdmr == b->tdmr && a->range.base == b->range.base &&
	       a->range.size == b->range.size;
}

static bool direct_same_why(const struct plan_pamt_why *a, const struct plan_pamt_why *b)
{
	return a->want_node == b->want_node && a->fallback == b->fallback &&
	       a->free.base == b->free.base && a->free.size == b->free.size &&
	       a->in_tdmr == b->in_tdmr && a->new_areas == b->new_areas && a->low == b->low &&
	       direct_same_side(&a->below, &b->below) && direct_same_side(&a->above, &b->above);
}

static bool direct_same_tdmr(const struct plan_tdmr *a, const struct plan_tdmr *b)
{
	return a->base == b->base && a->size == b->size && a->pamt_node == b->pamt_node &&
	       !memcmp(a->pamt_base, b->pamt_base, sizeof(a->pamt_base)) &&
	       !memcmp(a->pamt_size, b->pamt_size, sizeof(a->pamt_size)) &&
	       a->n_rsvd == b->n_rsvd && !memcmp(a->rsvd, b->rsvd, a->n_rsvd * sizeof(a->rsvd[0]));
}

bool direct_same_plan(const struct plan_output *a, const struct plan_output *b,
		      char *why, size_t len)
{
	if (a->n_tdmrs != b->n_tdmrs || a->n_excluded != b->n_excluded ||
	    a->pamt_bytes != b->pamt_bytes || a->tdx_memory_bytes != b->tdx_memory_bytes ||
	    a->n_warnings != b->n_warnings || a->n_pamt_nodes != b->n_pamt_nodes ||
	    memcmp(a->pamt_nodes, b->pamt_nodes, a->n_pamt_nodes * sizeof(a->pamt_nodes[0]))) {
		snprintf(why, len, "totals differ: %u/%u TDMRs, %llu/%llu PAMT bytes, %u/%u warnings",
			 a->n_tdmrs, b->n_tdmrs, (unsigned long long)a->pamt_bytes,
			 (unsigned long long)b->pamt_bytes, a->n_warnings, b->n_warnings);
		return false;
	}
	for (uint32_t i = 0; i < a->n_warnings; i++) {
		if (strcmp(a->warnings[i], b->warnings[i])) {
			snprintf(why, len, "warning %u differs: \"%s\"", i, a->warnings[i]);
			return false;
		}
	}
	for (uint32_t i = 0; i < a->n_tdmrs; i++) {
		if (!direct_same_tdmr(&a->tdmrs[i], &b->tdmrs[i]) ||
		    !direct_same_why(&a->pamt_why[i], &b->pamt_why[i])) {
			snprintf(why, len, "TDMR %u [0x%llx, +0x%llx): PAMT at 0x%llx against 0x%llx, "
				 "%u against %u reserved areas, or its placement reason differs", i,
				 (unsigned long long)a->tdmrs[i].base, (unsigned long long)a->tdmrs[i].size,
				 (unsigned long long)a->tdmrs[i].pamt_base[0],
				 (unsigned long long)b->tdmrs[i].pamt_base[0], a->tdmrs[i].n_rsvd,
				 b->tdmrs[i].n_rsvd);
			return false;
		}
	}
	return true;
}
