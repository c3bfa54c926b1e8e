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
 * cmr[] (sorted, merged, 4K-trimmed).
 */
#include "core/plan_int.h"

#include "lib/fmt.h"
#include "lib/mem.h"

/* How a map entry counts in the sweep; unknown kinds are "other". */
static uint32_t ram_kind(uint32_t kind)
{
	return kind > PLAN_MEM_OTHER ? PLAN_MEM_OTHER : kind;
}

static tb_status ram_push(struct plan_ctx *c, struct plan_span *v, uint32_t *n,
			  uint64_t base, uint64_t end, uint32_t node)
{
	if (end <= base)
		return TB_OK;
	if (*n && v[*n - 1].end == base && v[*n - 1].node == node) {
		v[*n - 1].end = end;
		return TB_OK;
	}
	if (*n >= PLAN_SPAN_CAP) {
		tb_err_set(c->err, "planner: memory map too fragmented (more than %u ranges, tdxboot's limit)",
			   (unsigned)PLAN_SPAN_CAP);
		return TB_ENOMEM;
	}
	v[*n] = (struct plan_span){ base, end, node, 0 };
	(*n)++;
	return TB_OK;
}

/* A run trimmed inward to whole pages, nothing below 1 MiB. */
static tb_status ram_push_run(struct plan_ctx *c, struct plan_span *v,
			      uint32_t *n, uint64_t base, uint64_t end)
{
	uint64_t b = range_align_up(base, PLAN_4K);
	uint64_t e = range_align_down(end, PLAN_4K);

	if (b < PLAN_1M)
		b = PLAN_1M;
	return ram_push(c, v, n, b, e, 0);
}

/*
 * The map as two event lists, starts and ends, each sorted.  Events are
 * (address, entry index, kind) by value: the sort and the sweep stay in
 * cache (no pointer chasing), and the sort is stable, so equal addresses
 * stay in entry order -- deterministic.  Returns the count.
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
	range_sort_buf(s->ev_start, n, s->piece);  /* piece[] is free until layout */
	range_sort_buf(s->ev_end, n, s->piece);
	return n;
}

/*
 * The sweep for a map whose entries come sorted and disjoint, as firmware
 * maps do: at most one entry covers any byte, so the RAM runs are the
 * chains of touching RAM entries and the free runs those of touching free
 * ones -- what the event sweep finds, without building and checking two
 * event lists.  False (nothing kept) at the first entry that overlaps or
 * comes before the one above it: the event sweep then does the map.
 */
static bool ram_sweep_sorted(struct plan_ctx *c, tb_status *st)
{
	const struct plan_mem *mem = c->in->mem;
	struct plan_scratch *s = c->s;
	uint64_t prev_end = 0, ram_from = 0, free_from = 0;
	bool ram_on = false, free_on = false;

	*st = TB_OK;
	s->n_tmp = s->n_free = 0;
	for (size_t k = 0; k < c->in->n_mem && *st == TB_OK; k++) {
		uint64_t b = mem[k].base, e = range_end(b, mem[k].size);
		uint32_t kind = ram_kind(mem[k].kind);
		bool ram = kind <= PLAN_MEM_RAM_BUSY, free = kind == PLAN_MEM_FREE;

		if (e <= b)
			continue;   /* zero size */
		if (b < prev_end)
			return false;
		if (ram_on && (!ram || b != prev_end)) {
			*st = ram_push_run(c, s->tmp, &s->n_tmp, ram_from, prev_end);
			ram_on = false;
		}
		if (free_on && (!free || b != prev_end) && *st == TB_OK) {
			*st = ram_push_run(c, s->free, &s->n_free, free_from, prev_end);
			free_on = false;
		}
		if (ram && !ram_on) {
			ram_from = b;
			ram_on = true;
		}
		if (free && !free_on) {
			free_from = b;
			free_on = true;
		}
		prev_end = e;
	}
	if (ram_on && *st == TB_OK)
		*st = ram_push_run(c, s->tmp, &s->n_tmp, ram_from, prev_end);
	if (free_on && *st == TB_OK)
		*st = ram_push_run(c, s->free, &s->n_free, free_from, prev_end);
	return true;
}

/*
 * One sweep over the events: the state between two consecutive boundaries
 * says whether the bytes are RAM (some RAM entry, no non-RAM entry) and
 * free (only free entries).  RAM runs go to tmp[], free runs to free[].
 */
static tb_status ram_sweep(struct plan_ctx *c)
{
	struct plan_scratch *s = c->s;
	uint32_t cnt[4] = { 0, 0, 0, 0 }, n = ram_events(c);
	size_t i = 0, j = 0;
	bool ram_on = false, free_on = false;
	uint64_t ram_from = 0, free_from = 0;
	tb_status st = TB_OK;

	s->n_tmp = s->n_free = 0;
	while (j < n && st == TB_OK) {
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
			st = ram_push_run(c, s->tmp, &s->n_tmp, ram_from, x);
		if (free_on && !free_now && st == TB_OK)
			st = ram_push_run(c, s->free, &s->n_free, free_from, x);
		if (!ram_on && ram_now)
			ram_from = x;
		if (!free_on && free_now)
			free_from = x;
		ram_on = ram_now;
		free_on = free_now;
	}
	return st;
}

/* CMRs sorted, merged where they touch (the module merges contiguous CMRs,
 * docs/reference/tdx-abi.md §6.2 step 11), trimmed inward to pages, clipped at 2^52. */
static tb_status ram_load_cmrs(struct plan_ctx *c)
{
	struct plan_scratch *s = c->s;
	uint32_t n = 0;

	for (size_t k = 0; k < c->in->n_cmrs; k++) {
		const struct plan_range *r = &c->in->cmrs[k];
		uint64_t b = range_align_up(r->base, PLAN_4K);
		uint64_t e = range_align_down(range_end(r->base, r->size), PLAN_4K);

		if (e > PLAN_PA_END)
			e = PLAN_PA_END;
		if (e <= b)
			continue;   /* zero-size CMRs: Linux trims them too */
		if (n >= PLAN_CMR_CAP) {
			tb_err_set(c->err, "planner: more than %u CMRs (tdxboot's limit)", (unsigned)PLAN_CMR_CAP);
			return TB_ENOMEM;
		}
		s->cmr[n++] = (struct plan_span){ b, e, 0, 0 };
	}
	range_sort(s->cmr, n);
	s->n_cmr = (uint32_t)range_merge(s->cmr, n);
	return TB_OK;
}

/*
 * SRAT ranges sorted, page-aligned; same-node overlaps merged.  Ranges of
 * different nodes that overlap make the SRAT unusable: one node, as Linux
 * does (docs/reference/planner-input.md §1.3).
 */
static tb_status ram_load_numa(struct plan_ctx *c)
{
	struct plan_scratch *s = c->s;
	uint32_t n = 0, out = 0;

	if (c->in->n_numa > PLAN_NUMA_CAP) {
		tb_err_set(c->err, "planner: more than %u SRAT memory ranges (tdxboot's limit)",
			   (unsigned)PLAN_NUMA_CAP);
		return TB_ENOMEM;
	}
	for (size_t k = 0; k < c->in->n_numa; k++) {
		const struct plan_numa *r = &c->in->numa[k];
		uint64_t b = range_align_down(r->base, PLAN_4K);
		uint64_t e = range_align_down(range_end(r->base, r->size), PLAN_4K);
		uint32_t node = r->node == PLAN_NODE_NONE ? PLAN_NODE_NONE - 1 : r->node;

		if (e > b)
			s->numa[n++] = (struct plan_span){ b, e, node, 0 };
	}
	range_sort(s->numa, n);
	for (uint32_t k = 0; k < n; k++) {
		if (out && s->numa[k].base < s->numa[out - 1].end) {
			if (s->numa[k].node != s->numa[out - 1].node) {
				plan_warn(c, "NUMA: SRAT ranges of nodes %u and %u overlap; using one node",
					  s->numa[out - 1].node, s->numa[k].node);
				s->n_numa = 0;
				return TB_OK;
			}
			if (s->numa[k].end > s->numa[out - 1].end)
				s->numa[out - 1].end = s->numa[k].end;
			continue;
		}
		s->numa[out++] = s->numa[k];
	}
	s->n_numa = out;
	return TB_OK;
}

/* Splits tmp[] RAM runs at node boundaries into ram[]; RAM no SRAT range
 * covers is marked PLAN_NODE_NONE.  Returns those bytes. */
static tb_status ram_split_nodes(struct plan_ctx *c, uint64_t *uncovered)
{
	struct plan_scratch *s = c->s;
	tb_status st = TB_OK;

	s->n_ram = 0;
	*uncovered = 0;
	for (uint32_t i = 0; i < s->n_tmp && st == TB_OK; i++) {
		uint64_t pos = s->tmp[i].base, end = s->tmp[i].end;
		size_t k = range_find(s->numa, s->n_numa, pos);

		while (pos < end && st == TB_OK) {
			uint64_t to;

			if (k < s->n_numa && s->numa[k].base <= pos) {
				to = s->numa[k].end < end ? s->numa[k].end : end;
				st = ram_push(c, s->ram, &s->n_ram, pos, to, s->numa[k].node);
				if (to == s->numa[k].end)
					k++;
			} else {
				to = k < s->n_numa && s->numa[k].base < end ? s->numa[k].base : end;
				st = ram_push(c, s->ram, &s->n_ram, pos, to, PLAN_NODE_NONE);
				*uncovered += to - pos;
			}
			pos = to;
		}
	}
	return st;
}

/*
 * Small SRAT gaps take the node of the RAM before them (or after them, at
 * the start); 1 MiB or more uncovered makes Linux ignore the SRAT
 * ("NUMA: nodes only cover ... Not used."), and so does the planner.
 */
static void ram_fix_nodes(struct plan_ctx *c, uint64_t uncovered)
{
	struct plan_scratch *s = c->s;
	uint32_t last = PLAN_NODE_NONE;

	if (s->n_numa && uncovered >= PLAN_1M) {
		plan_warn(c, "NUMA: SRAT misses %llu KiB of RAM; using one node",
			  (unsigned long long)(uncovered >> 10));
		s->n_numa = 0;
	}
	for (uint32_t i = 0; i < s->n_ram; i++) {
		if (!s->n_numa)
			s->ram[i].node = 0;
		else if (s->ram[i].node == PLAN_NODE_NONE)
			s->ram[i].node = last;
		last = s->ram[i].node;
	}
	last = 0;
	for (uint32_t i = s->n_ram; i-- > 0;) {
		if (s->ram[i].node == PLAN_NODE_NONE)
			s->ram[i].node = last;
		last = s->ram[i].node;
	}
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

/* ram[] (node-split) intersected with the CMRs into tmp[], then back. */
static tb_status ram_check_cmrs(struct plan_ctx *c)
{
	struct plan_scratch *s = c->s;
	tb_status st = TB_OK;

	s->n_tmp = 0;
	for (uint32_t i = 0; i < s->n_ram && st == TB_OK; i++) {
		const struct plan_span *r = &s->ram[i];
		uint64_t pos = r->base;
		size_t k = range_find(s->cmr, s->n_cmr, pos);

		while (pos < r->end && st == TB_OK) {
			uint64_t to;

			if (k < s->n_cmr && s->cmr[k].base <= pos) {
				to = s->cmr[k].end < r->end ? s->cmr[k].end : r->end;
				st = ram_push(c, s->tmp, &s->n_tmp, pos, to, r->node);
				k++;
			} else {
				to = k < s->n_cmr && s->cmr[k].base < r->end ? s->cmr[k].base : r->end;
				st = ram_noncmr(c, r, pos, to);
			}
			pos = to;
		}
	}
	if (st != TB_OK)
		return st;
	memcpy(s->ram, s->tmp, s->n_tmp * sizeof(s->tmp[0]));
	s->n_ram = s->n_tmp;
	c->n_excl_noncmr = c->out->n_excluded;
	return TB_OK;
}

/* free[] := free runs intersected with ram[]: in CMRs, with a node. */
static tb_status ram_clip_free(struct plan_ctx *c)
{
	struct plan_scratch *s = c->s;
	uint32_t n = 0;
	size_t k = 0;
	tb_status st = TB_OK;

	for (uint32_t i = 0; i < s->n_free && st == TB_OK; i++) {
		const struct plan_span f = s->free[i];

		k = range_find(s->ram, s->n_ram, f.base);
		for (; k < s->n_ram && s->ram[k].base < f.end && st == TB_OK; k++) {
			uint64_t b = f.base > s->ram[k].base ? f.base : s->ram[k].base;
			uint64_t e = f.end < s->ram[k].end ? f.end : s->ram[k].end;

			if (e <= b)
				continue;
			if (n >= PLAN_SPAN_CAP) {
				tb_err_set(c->err, "planner: memory map too fragmented (more than %u ranges, tdxboot's limit)",
					   (unsigned)PLAN_SPAN_CAP);
				return TB_ENOMEM;
			}
			/* aux: the RAM piece, for PAMT placement */
			s->piece[n++] = (struct plan_span){ b, e, s->ram[k].node, (uint32_t)k };
		}
	}
	memcpy(s->free, s->piece, n * sizeof(s->piece[0]));
	s->n_free = n;
	return st;
}

tb_status ram_build(struct plan_ctx *c)
{
	uint64_t uncovered;
	tb_status st;

	if (c->in->n_mem > PLAN_MEM_CAP) {
		tb_err_set(c->err, "planner: memory map has %zu entries, more than tdxboot's limit of %u",
			   c->in->n_mem, (unsigned)PLAN_MEM_CAP);
		return TB_ENOMEM;
	}
	if (!ram_sweep_sorted(c, &st))
		st = ram_sweep(c);
	if (st == TB_OK)
		st = ram_load_cmrs(c);
	if (st == TB_OK)
		st = ram_load_numa(c);
	if (st == TB_OK)
		st = ram_split_nodes(c, &uncovered);
	if (st != TB_OK)
		return st;
	ram_fix_nodes(c, uncovered);
	st = ram_check_cmrs(c);
	if (st == TB_OK)
		st = ram_clip_free(c);
	return st;
}
