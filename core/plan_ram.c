/* SPDX-License-Identifier: MIT */
/*
 * TDX memory: which bytes the TDMRs must cover, on which node, and where a
 * PAMT may go.  docs/reference/planner-input.md §1.6: RAM = union of RAM entries minus any
 * overlapping non-RAM entry; each maximal run trimmed inward to 4 KiB pages;
 * below 1 MiB dropped (Linux's build_tdx_memlist() skips it: not
 * convertible); split at NUMA node boundaries.  Unlike Linux, which assumes
 * all memblock memory is convertible (docs/reference/landscape.md §1.4 step 4), every run
 * is checked against the CMRs here, before the module would reject it.
 *
 * Results in the scratch: ram[] (TDX memory, sorted, disjoint, each piece
 * inside one merged CMR and on one node), free[] (the PLAN_MEM_FREE part of
 * it: the only memory a PAMT may take -- never firmware allocations) and
 * cmr[] (sorted, merged, 4K-trimmed; aux 1 when some RAM piece lies in
 * it, for rsvd_init's links).
 */
#include "core/plan_int.h"

#include "lib/fmt.h"
#include "lib/mem.h"

/* How a map entry counts in the sweep; unknown kinds are "other". */
static uint32_t ram_kind(uint32_t kind)
{
	return kind > PLAN_MEM_OTHER ? PLAN_MEM_OTHER : kind;
}

/*
 * The sweep's state: RAM runs are split at node boundaries as they close,
 * with a cursor into numa[] (runs close in address order), and the two
 * figures the node fix-up needs are counted on the way.  Direct mode
 * (ram_emit_run) adds a cursor into cmr[] and the free runs it has done.
 */
struct ram_sweep {
	struct plan_ctx *c;
	size_t numa_k;          /* first SRAT range ending above the last run */
	size_t cmr_k;           /* direct: first CMR ending above the last run */
	uint64_t uncovered;     /* RAM bytes no SRAT range covers */
	uint32_t n_free_runs;   /* free runs in piece[] */
	uint32_t free_done;     /* direct: free runs already in free[] */
	uint32_t n_tmp;         /* pieces in tmp[] (scratch.n_tmp once done) */
};

/* A run trimmed inward to whole pages, nothing below 1 MiB; false if empty. */
static bool ram_trim(uint64_t *base, uint64_t *end)
{
	uint64_t b = range_align_up(*base, PLAN_4K);

	*base = b < PLAN_1M ? PLAN_1M : b;
	*end = range_align_down(*end, PLAN_4K);
	return *end > *base;
}

/* Whether a piece at base on node continues the last of v[0..n). */
static bool ram_continues(const struct plan_span *v, uint32_t n, uint64_t base,
			  uint32_t node)
{
	return n && v[n - 1].end == base && v[n - 1].node == node;
}

/*
 * Appends a piece, merged into the last one when it continues it.  No
 * capacity check: callers bound their count (see there).
 */
static void ram_append(struct plan_span *v, uint32_t *n, uint64_t base,
		       uint64_t end, uint32_t node)
{
	if (ram_continues(v, *n, base, node))
		v[*n - 1].end = end;
	else
		v[(*n)++] = (struct plan_span){ base, end, node, 0 };
}

static tb_status ram_too_fragmented(struct plan_ctx *c)
{
	tb_err_set(c->err, "planner: memory map too fragmented (more than %u ranges, tdxboot's limit)",
		   (unsigned)PLAN_SPAN_CAP);
	return TB_ENOMEM;
}

/*
 * A maximal free run, trimmed, into piece[] (free until layout; the CMR
 * clip reads it back into free[]).  Runs are maximal, so a gap separates
 * two of them and trimming inward keeps it: they never touch, and there
 * are at most as many as map entries (PLAN_MEM_CAP < PLAN_SPAN_CAP).
 */
static void ram_close_free(struct ram_sweep *w, uint64_t base, uint64_t end)
{
	struct plan_scratch *s = w->c->s;

	if (ram_trim(&base, &end))
		s->piece[w->n_free_runs++] = (struct plan_span){ base, end, 0, 0 };
}

/*
 * A maximal RAM run, trimmed and split at node boundaries into v[] (tmp[],
 * or ram[] in direct mode); RAM no SRAT range covers gets node `none`
 * (PLAN_NODE_NONE: ram_check_cmrs gives it a node).  Touching SRAT ranges
 * of one node give one piece.  Count: one piece per run (at most
 * PLAN_MEM_CAP) plus one per SRAT boundary inside a run (at most
 * 2 * PLAN_NUMA_CAP): within PLAN_SPAN_CAP.  Inline: it runs per run in
 * both sweeps, and a call costs as much as its work.
 */
static inline void ram_close_run(struct ram_sweep *w, struct plan_span *v, uint32_t *n_v,
				 uint64_t pos, uint64_t end, uint32_t none)
{
	struct plan_scratch *s = w->c->s;
	const struct plan_span *numa = s->numa;
	size_t k = w->numa_k, n = s->n_numa;

	if (!ram_trim(&pos, &end))
		return;
	while (k < n && numa[k].end <= pos)
		k++;
	while (pos < end) {
		uint64_t to;
		uint32_t node;

		if (k < n && numa[k].base <= pos) {
			to = numa[k].end < end ? numa[k].end : end;
			node = numa[k].node;
			if (to == numa[k].end)
				k++;
		} else {
			to = k < n && numa[k].base < end ? numa[k].base : end;
			node = none;
			w->uncovered += to - pos;
		}
		ram_append(v, n_v, pos, to, node);
		pos = to;
	}
	w->numa_k = k;
}

static void ram_sweep_init(struct ram_sweep *w)
{
	w->n_tmp = w->n_free_runs = w->free_done = 0;
	w->numa_k = w->cmr_k = 0;
	w->uncovered = 0;
	w->c->s->n_ram = w->c->s->n_free = 0;
}

/*
 * free[] += the free runs piece[f0..f1) cut at the RAM pieces from ram[k]
 * on: in CMRs, with a node.  Free runs lie in RAM runs and come in
 * address order, so a cursor finds the first RAM piece ending above each,
 * and every piece from there that starts below the run's end overlaps it.
 * Most runs lie in that one piece whole: they are copied with its node.
 */
static tb_status ram_clip_runs(struct ram_sweep *w, uint32_t f0, uint32_t f1, uint32_t k)
{
	struct plan_scratch *s = w->c->s;
	const struct plan_span *f = s->piece + f0, *f_end = s->piece + f1;
	const struct plan_span *r = s->ram + k, *r_end = s->ram + s->n_ram;
	uint32_t n_ram = s->n_ram, n = s->n_free;

	for (; f < f_end; f++) {
		uint64_t fb = f->base, fe = f->end;

		for (; r < r_end && r->end <= fb; r++)
			k++;
		if (r < r_end && r->base <= fb && fe <= r->end && n < PLAN_SPAN_CAP) {
			/* aux: the RAM piece, for PAMT placement */
			s->free[n++] = (struct plan_span){ fb, fe, r->node, k };
			continue;
		}
		for (uint32_t j = k; j < n_ram && s->ram[j].base < fe; j++) {
			const struct plan_span *q = &s->ram[j];

			if (n >= PLAN_SPAN_CAP)
				return ram_too_fragmented(w->c);
			s->free[n++] = (struct plan_span){ fb > q->base ? fb : q->base,
							   fe < q->end ? fe : q->end, q->node, j };
		}
	}
	s->n_free = n;
	return TB_OK;
}

/*
 * Direct mode, for the common map: sorted, each RAM run inside one merged
 * CMR and, with an SRAT, all on nodes.  Its runs go straight into ram[]
 * with their final nodes, and its free runs into free[], as each RAM run
 * closes: the general path's tmp[] stage, node fix-up and CMR clip would
 * only copy them (no RAM lies off the SRAT, so no node changes and the
 * SRAT is kept; no piece crosses a CMR edge, so none is cut).  Runs come
 * apart, so a run's first piece never merges into the last run's.  False
 * for a run that needs more: the general path then does the whole map.
 * The run must lie in one merged CMR: merged CMRs never touch, so a run
 * across two has bytes outside both.
 */
static bool ram_emit_run(struct ram_sweep *w, uint64_t base, uint64_t end)
{
	struct plan_scratch *s = w->c->s;
	struct plan_span *cmr = s->cmr;
	uint32_t r0 = s->n_ram;
	size_t k = w->cmr_k;

	ram_close_run(w, s->ram, &s->n_ram, base, end, 0);
	if (s->n_ram == r0)
		return true;    /* trimmed away, and so are its free runs */
	if (s->n_numa && w->uncovered)
		return false;
	while (k < s->n_cmr && cmr[k].end <= s->ram[r0].base)
		k++;
	w->cmr_k = k;
	if (k >= s->n_cmr || cmr[k].base > s->ram[r0].base ||
	    cmr[k].end < s->ram[s->n_ram - 1].end)
		return false;
	cmr[k].aux = 1;     /* holds RAM: rsvd_init's links */
	if (s->n_ram == r0 + 1) {
		/* one piece holds all the run's free runs: what ram_clip_runs
		 * makes of them, without its search; at most one per map
		 * entry, within PLAN_SPAN_CAP */
		const struct plan_span *f = s->piece + w->free_done;
		const struct plan_span *f_end = s->piece + w->n_free_runs;
		uint32_t node = s->ram[r0].node;

		for (; f < f_end; f++)
			s->free[s->n_free++] = (struct plan_span){ f->base, f->end, node, r0 };
	} else if (ram_clip_runs(w, w->free_done, w->n_free_runs, r0) != TB_OK) {
		return false;   /* the general path reports it */
	}
	w->free_done = w->n_free_runs;
	return true;
}

/*
 * The map as two event lists, starts and ends, each sorted.  Events are
 * (address, entry index, kind) by value: the sort and the sweep stay in
 * cache (no pointer chasing), and the sort is stable, so equal addresses
 * stay in entry order -- deterministic.  The sort's buffer is free[],
 * which ram_clip_free fills last.  Returns the count.
 */
static uint32_t ram_events(struct plan_ctx *c)
{
	const struct plan_mem *mem = c->in->mem;
	struct plan_scratch *s = c->s;
	uint32_t n = 0;

	for (size_t k = 0; k < c->in->n_mem; k++) {
		uint64_t end = range_end(mem[k].base, mem[k].size);

		if (end <= mem[k].base)
			continue;   /* zero size */
		s->ev_start[n] = (struct plan_span){ mem[k].base, k, ram_kind(mem[k].kind), 0 };
		s->ev_end[n] = (struct plan_span){ end, k, ram_kind(mem[k].kind), 0 };
		n++;
	}
	range_sort_buf(s->ev_start, n, s->free);
	range_sort_buf(s->ev_end, n, s->free);
	return n;
}

/*
 * Direct mode's sweep, for a map whose entries come sorted and disjoint,
 * as firmware maps do: at most one entry covers any byte, so the RAM runs
 * are the chains of touching RAM entries and the free runs those of
 * touching free ones -- what the event sweep finds, without building and
 * checking two event lists.  A free run closes before the RAM run it lies
 * in (ram_emit_run takes it with the run).  False at the first entry that
 * overlaps or comes before the one above it, or at a run direct mode
 * cannot take: the event sweep then does the map.
 */
static bool ram_sweep_direct(struct ram_sweep *w)
{
	size_t n_mem = w->c->in->n_mem;
	const struct plan_mem *m = w->c->in->mem;
	const struct plan_mem *last = n_mem ? m + n_mem : m;  /* m may be NULL then */
	uint64_t prev_end = 0, ram_from = 0, free_from = 0;
	bool ram_on = false, free_on = false;

	ram_sweep_init(w);
	for (; m < last; m++) {
		uint64_t b = m->base, e = b + m->size;

		if (e <= b) {   /* rare: zero size, or the end wraps 2^64 */
			e = range_end(b, m->size);
			if (e <= b)
				continue;
		}
		if (b != prev_end) {    /* a gap ends both runs */
			if (b < prev_end)
				return false;
			if (free_on)
				ram_close_free(w, free_from, prev_end);
			if (ram_on && !ram_emit_run(w, ram_from, prev_end))
				return false;
			ram_on = free_on = false;
		}
		prev_end = e;
		if (m->kind == PLAN_MEM_FREE) {
			if (!free_on)
				free_from = b;
			if (!ram_on)
				ram_from = b;
			ram_on = free_on = true;
			continue;
		}
		if (free_on)
			ram_close_free(w, free_from, b);
		free_on = false;
		if (m->kind == PLAN_MEM_RAM_BUSY) {
			if (!ram_on)
				ram_from = b;
			ram_on = true;
		} else {
			if (ram_on && !ram_emit_run(w, ram_from, b))
				return false;
			ram_on = false;
		}
	}
	if (free_on)
		ram_close_free(w, free_from, prev_end);
	return !ram_on || ram_emit_run(w, ram_from, prev_end);
}

/*
 * One sweep over the events: the state between two consecutive boundaries
 * says whether the bytes are RAM (some RAM entry, no non-RAM entry) and
 * free (only free entries).
 */
static void ram_sweep_events(struct ram_sweep *w)
{
	struct plan_scratch *s = w->c->s;
	uint32_t cnt[4] = { 0, 0, 0, 0 }, n = ram_events(w->c);
	size_t i = 0, j = 0;
	bool ram_on = false, free_on = false;
	uint64_t ram_from = 0, free_from = 0;

	ram_sweep_init(w);
	while (j < n) {
		uint64_t x = s->ev_end[j].base;
		bool ram_now, free_now;

		if (i < n && s->ev_start[i].base < x)
			x = s->ev_start[i].base;
		for (; j < n && s->ev_end[j].base == x; j++)
			cnt[s->ev_end[j].node]--;
		for (; i < n && s->ev_start[i].base == x; i++)
			cnt[s->ev_start[i].node]++;
		ram_now = cnt[PLAN_MEM_FREE] + cnt[PLAN_MEM_RAM_BUSY] > 0 &&
			  cnt[PLAN_MEM_SOFT_RESERVED] + cnt[PLAN_MEM_OTHER] == 0;
		free_now = cnt[PLAN_MEM_FREE] > 0 && cnt[PLAN_MEM_RAM_BUSY] +
			   cnt[PLAN_MEM_SOFT_RESERVED] + cnt[PLAN_MEM_OTHER] == 0;
		if (ram_on && !ram_now)
			ram_close_run(w, s->tmp, &w->n_tmp, ram_from, x, PLAN_NODE_NONE);
		if (free_on && !free_now)
			ram_close_free(w, free_from, x);
		if (!ram_on && ram_now)
			ram_from = x;
		if (!free_on && free_now)
			free_from = x;
		ram_on = ram_now;
		free_on = free_now;
	}
}

/*
 * CMRs sorted, merged where they touch (the module merges contiguous CMRs,
 * docs/reference/tdx-abi.md §6.2 step 11), trimmed inward to pages,
 * clipped at 2^52.  CMRs come sorted: each is merged into the last as it
 * comes, and only a CMR below the last sends the list to a sort and a
 * merge.  Both give the union as maximal disjoint spans, however much of
 * it was merged before the sort.
 */
static tb_status ram_load_cmrs(struct plan_ctx *c)
{
	struct plan_span *v = c->s->cmr;
	uint32_t n = 0, kept = 0;
	bool sorted = true;

	for (size_t k = 0; k < c->in->n_cmrs; k++) {
		const struct plan_range *r = &c->in->cmrs[k];
		uint64_t b = range_align_up(r->base, PLAN_4K);
		uint64_t e = range_align_down(range_end(r->base, r->size), PLAN_4K);

		if (e > PLAN_PA_END)
			e = PLAN_PA_END;
		if (e <= b)
			continue;   /* zero-size CMRs: Linux trims them too */
		if (++kept > PLAN_CMR_CAP) {
			tb_err_set(c->err, "planner: more than %u CMRs (tdxboot's limit)", (unsigned)PLAN_CMR_CAP);
			return TB_ENOMEM;
		}
		if (n && b >= v[n - 1].base && b <= v[n - 1].end) {
			if (e > v[n - 1].end)
				v[n - 1].end = e;
			continue;
		}
		sorted = sorted && (!n || b > v[n - 1].base);
		v[n++] = (struct plan_span){ b, e, 0, 0 };
	}
	if (!sorted) {
		range_sort(v, n);
		n = (uint32_t)range_merge(v, n);
	}
	c->s->n_cmr = n;
	return TB_OK;
}

/* An SRAT range page-aligned, as a span (empty: end <= base). */
static struct plan_span ram_numa_span(const struct plan_numa *r)
{
	return (struct plan_span){
		range_align_down(r->base, PLAN_4K),
		range_align_down(range_end(r->base, r->size), PLAN_4K),
		r->node == PLAN_NODE_NONE ? PLAN_NODE_NONE - 1 : r->node, 0 };
}

/*
 * Appends x to numa[0..*n), sorted before x, merging it into the last
 * range if they overlap on one node.  False if they overlap on two nodes.
 */
static bool ram_numa_add(struct plan_span *v, uint32_t *n, struct plan_span x)
{
	if (*n && x.base < v[*n - 1].end) {
		if (x.node != v[*n - 1].node)
			return false;
		if (x.end > v[*n - 1].end)
			v[*n - 1].end = x.end;
		return true;
	}
	v[(*n)++] = x;
	return true;
}

/*
 * The general case of ram_load_numa: all ranges, sorted by (base, end,
 * node), then merged; ranges of different nodes that overlap make the
 * SRAT unusable: one node, as Linux does (docs/reference/planner-input.md §1.3).
 */
static void ram_load_numa_sort(struct plan_ctx *c)
{
	struct plan_scratch *s = c->s;
	uint32_t n = 0, out = 0;

	for (size_t k = 0; k < c->in->n_numa; k++) {
		struct plan_span x = ram_numa_span(&c->in->numa[k]);

		if (x.end > x.base)
			s->numa[n++] = x;
	}
	range_sort(s->numa, n);
	for (uint32_t k = 0; k < n; k++) {
		if (!ram_numa_add(s->numa, &out, s->numa[k])) {
			plan_warn(c, "NUMA: SRAT ranges of nodes %u and %u overlap; using one node",
				  s->numa[out - 1].node, s->numa[k].node);
			out = 0;
			break;
		}
	}
	s->n_numa = out;
}

/*
 * SRAT ranges sorted, page-aligned; same-node overlaps merged.  Ranges
 * that come in increasing base order and never overlap another node's
 * are merged as they come, which is what the sort and merge would do;
 * any other order or such an overlap takes the general path from scratch.
 */
static tb_status ram_load_numa(struct plan_ctx *c)
{
	struct plan_scratch *s = c->s;
	uint32_t n = 0;
	uint64_t prev_base = 0;

	if (c->in->n_numa > PLAN_NUMA_CAP) {
		tb_err_set(c->err, "planner: more than %u SRAT memory ranges (tdxboot's limit)",
			   (unsigned)PLAN_NUMA_CAP);
		return TB_ENOMEM;
	}
	for (size_t k = 0; k < c->in->n_numa; k++) {
		struct plan_span x = ram_numa_span(&c->in->numa[k]);

		if (x.end <= x.base)
			continue;
		if ((n && x.base <= prev_base) || !ram_numa_add(s->numa, &n, x)) {
			ram_load_numa_sort(c);
			return TB_OK;
		}
		prev_base = x.base;
	}
	s->n_numa = n;
	return TB_OK;
}

/*
 * 1 MiB or more of RAM outside the SRAT makes Linux ignore the SRAT
 * ("NUMA: nodes only cover ... Not used."), and so does the planner.
 */
static void ram_check_numa(struct ram_sweep *w)
{
	struct plan_scratch *s = w->c->s;

	if (s->n_numa && w->uncovered >= PLAN_1M) {
		plan_warn(w->c, "NUMA: SRAT misses %llu KiB of RAM; using one node",
			  (unsigned long long)(w->uncovered >> 10));
		s->n_numa = 0;
	}
}

/*
 * The node RAM in a small SRAT gap takes at the start of the map, before
 * any covered RAM: that of the lowest covered RAM, or 0 if none is.
 */
static uint32_t ram_first_node(const struct plan_scratch *s)
{
	for (uint32_t i = 0; i < s->n_tmp; i++)
		if (s->tmp[i].node != PLAN_NODE_NONE)
			return s->tmp[i].node;
	return 0;
}

/*
 * RAM outside every CMR: Linux's message, or (noncmr=exclude) the part
 * outside goes to excluded[] for the boot component to take away.
 */
static tb_status ram_noncmr(struct plan_ctx *c, const struct plan_span *run,
			    uint64_t a, uint64_t b)
{
	if (c->in->policy.noncmr != PLAN_NONCMR_EXCLUDE) {
		tb_err_set(c->err, "memory region [0x%llx, 0x%llx) is not TDX convertible memory",
			   (unsigned long long)run->base, (unsigned long long)run->end);
		return TB_ERANGE;
	}
	c->out->excluded_noncmr_bytes += b - a;
	return plan_add_excluded(c, a, b);
}

/*
 * One RAM piece of tmp[], on its node, intersected with the CMRs into
 * ram[]; *k is a cursor into cmr[], at the first CMR ending above the
 * piece's base (pieces come in address order).  CMR boundaries add
 * pieces, so here the count can pass PLAN_SPAN_CAP (in theory): checked.
 */
static tb_status ram_check_piece(struct plan_ctx *c, const struct plan_span *r,
				 uint32_t node, size_t *k)
{
	struct plan_scratch *s = c->s;
	struct plan_span *cmr = s->cmr;
	uint64_t pos = r->base;
	size_t n = s->n_cmr;
	tb_status st = TB_OK;

	while (pos < r->end && st == TB_OK) {
		uint64_t to;

		if (*k < n && cmr[*k].base <= pos) {
			to = cmr[*k].end < r->end ? cmr[*k].end : r->end;
			if (s->n_ram >= PLAN_SPAN_CAP && !ram_continues(s->ram, s->n_ram, pos, node))
				return ram_too_fragmented(c);
			ram_append(s->ram, &s->n_ram, pos, to, node);
			cmr[*k].aux = 1;    /* holds RAM: rsvd_init's links */
			if (to == cmr[*k].end)
				(*k)++;
		} else {
			to = *k < n && cmr[*k].base < r->end ? cmr[*k].base : r->end;
			st = ram_noncmr(c, r, pos, to);
		}
		pos = to;
	}
	return st;
}

/*
 * tmp[] on final nodes and intersected with the CMRs: ram[].  The node:
 * 0 without a (usable) SRAT; RAM in a small SRAT gap takes the node of
 * the RAM before it.
 */
static tb_status ram_check_cmrs(struct ram_sweep *w)
{
	struct plan_ctx *c = w->c;
	struct plan_scratch *s = c->s;
	const struct plan_span *r = s->tmp, *r_end = r + s->n_tmp;
	uint32_t node = s->n_numa ? ram_first_node(s) : 0;
	size_t k = 0;
	tb_status st = TB_OK;

	s->n_ram = 0;
	for (; r < r_end && st == TB_OK; r++) {
		if (s->n_numa && r->node != PLAN_NODE_NONE)
			node = r->node;
		while (k < s->n_cmr && s->cmr[k].end <= r->base)
			k++;
		/* most pieces lie in one CMR whole: kept as they are */
		if (k < s->n_cmr && s->cmr[k].base <= r->base && r->end <= s->cmr[k].end &&
		    s->n_ram < PLAN_SPAN_CAP) {
			ram_append(s->ram, &s->n_ram, r->base, r->end, node);
			s->cmr[k].aux = 1;
		} else
			st = ram_check_piece(c, r, node, &k);
	}
	if (st == TB_OK)
		c->n_excl_noncmr = c->out->n_excluded;
	return st;
}

/* free[] := the free runs (piece[]) intersected with ram[]. */
static tb_status ram_clip_free(struct ram_sweep *w)
{
	w->c->s->n_free = 0;
	return ram_clip_runs(w, 0, w->n_free_runs, 0);
}

/* cmr[].aux back to 0 (no RAM) after a direct sweep that stopped. */
static void ram_unmark_cmrs(struct plan_scratch *s)
{
	for (uint32_t k = 0; k < s->n_cmr; k++)
		s->cmr[k].aux = 0;
}

tb_status ram_build(struct plan_ctx *c)
{
	struct ram_sweep w = { .c = c };
	tb_status st;

	if (c->in->n_mem > PLAN_MEM_CAP) {
		tb_err_set(c->err, "planner: memory map has %zu entries, more than tdxboot's limit of %u",
			   c->in->n_mem, (unsigned)PLAN_MEM_CAP);
		return TB_ENOMEM;
	}
	st = ram_load_cmrs(c);
	if (st == TB_OK)
		st = ram_load_numa(c);
	if (st != TB_OK)
		return st;
	if (ram_sweep_direct(&w)) {
		c->s->n_tmp = 0;
		c->n_excl_noncmr = c->out->n_excluded;
		return TB_OK;
	}
	ram_unmark_cmrs(c->s);
	ram_sweep_events(&w);
	c->s->n_tmp = w.n_tmp;
	ram_check_numa(&w);
	st = ram_check_cmrs(&w);
	if (st == TB_OK)
		st = ram_clip_free(&w);
	return st;
}
