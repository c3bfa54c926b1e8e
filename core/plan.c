/* SPDX-License-Identifier: MIT */
/*
 * plan_build(): the planner's steps in order, and the retries that make it
 * give up only when no configuration exists (issue 4).  docs/planner.md
 * has the whole algorithm.
 *
 *   ram_build      TDX memory, CMR check (fails or excludes)
 *   rsvd_init      holes = CMR holes
 *   tdmr_layout    runs, split to the area limit (coalesce), merge to
 *                  MAX_TDMRS
 *   split_tdmrs    under policy.parallel_lps: more, smaller TDMRs so that
 *                  TDMR.INIT spreads over the LPs
 *   pamt_place_all one chunk per TDMR, costing the fewest areas
 *   rsvd_fill      the reserved areas each TDMR ends up with
 *
 * Retries: a PAMT that finds room only where a TDMR has no area left lowers
 * the layout's area limit by one (more, smaller TDMRs leave spare areas);
 * a PAMT that finds no contiguous room at all halves the largest TDMR size.
 * Before either, a plan whose TDMRs were split for TDMR.INIT is tried again
 * with half as many added TDMRs, down to none: the split is an option that
 * never causes a retry or a failure the unsplit plan would not have.
 */
#include "core/plan_int.h"

#include <stdarg.h>

#include "lib/fmt.h"
#include "lib/mem.h"

void plan_warn(struct plan_ctx *c, const char *fmt, ...)
{
	struct plan_output *o = c->out;
	va_list ap;

	if (o->n_warnings >= PLAN_WARN_CAP)
		return;
	va_start(ap, fmt);
	fmt_vsnprintf(o->warnings[o->n_warnings++], sizeof(o->warnings[0]), fmt, ap);
	va_end(ap);
}

tb_status plan_add_excluded(struct plan_ctx *c, uint64_t base, uint64_t end)
{
	struct plan_output *o = c->out;

	if (end <= base)
		return TB_OK;
	if (o->n_excluded && o->excluded[o->n_excluded - 1].base +
			     o->excluded[o->n_excluded - 1].size == base) {
		o->excluded[o->n_excluded - 1].size += end - base;
		return TB_OK;
	}
	if (o->n_excluded >= PLAN_EXCL_CAP) {
		tb_err_set(c->err, "planner: more than %u memory ranges to exclude (tdxboot's limit)",
			   (unsigned)PLAN_EXCL_CAP);
		c->fail = FAIL_OTHER;
		return TB_ENOMEM;
	}
	o->excluded[o->n_excluded++] = (struct plan_range){ base, end - base };
	return TB_OK;
}

static tb_status plan_check_input(const struct plan_input *in, struct tb_err *err)
{
	const struct plan_limits *l = &in->limits;

	if ((in->n_mem && !in->mem) || (in->n_cmrs && !in->cmrs) ||
	    (in->n_numa && !in->numa)) {
		tb_err_set(err, "planner: an input array is missing");
		return TB_EINVAL;
	}
	if (!l->max_tdmrs) {
		tb_err_set(err, "planner: the module allows no TDMRs (MAX_TDMRS is 0)");
		return TB_EINVAL;
	}
	for (int i = 0; i < 3; i++) {
		if (!l->pamt_entry_size[i] || l->pamt_entry_size[i] > 4096) {
			tb_err_set(err, "planner: PAMT entry size %u is not plausible",
				   l->pamt_entry_size[i]);
			return TB_EINVAL;
		}
	}
	for (size_t i = 0; i < in->n_numa; i++) {
		if (in->numa[i].node >= PLAN_NODE_CAP) {
			tb_err_set(err, "planner: NUMA node %u is beyond tdxboot's limit "
				   "(node ids 0..%u, as Linux's MAX_NUMNODES)",
				   in->numa[i].node, PLAN_NODE_CAP - 1);
			return TB_EINVAL;
		}
	}
	if (l->dpamt && l->dpamt_bits_per_4k > 64) {
		tb_err_set(err, "planner: DPAMT bitmap of %u bits a page is not plausible",
			   l->dpamt_bits_per_4k);
		return TB_EINVAL;
	}
	return TB_OK;
}

/* Undoes a failed attempt: back to the state after ram_build, but for the
 * holes (each attempt starts with rsvd_init()).  ram_build leaves that
 * state itself (its only exclusions are the non-CMR ones; it sets no
 * failure and no error when it succeeds), so the first attempt needs no
 * reset. */
static void plan_reset(struct plan_ctx *c, uint32_t n_warn)
{
	c->out->n_excluded = c->n_excl_noncmr;
	c->out->excluded_coalesce_bytes = 0;
	c->out->n_warnings = n_warn;
	c->fail = FAIL_NONE;
	tb_err_clear(c->err);
}

/* The error of the last failed attempt, in Linux's words where it has them. */
static tb_status plan_fail_msg(struct plan_ctx *c, tb_status st)
{
	if (c->fail == FAIL_RSVD) {
		tb_err_set(c->err, "TDMR [0x%llx, 0x%llx): reserved areas exhausted. %u areas needed, the module allows %u",
			   (unsigned long long)c->fail_base,
			   (unsigned long long)c->fail_end, c->fail_need, c->max_rsvd);
		return TB_ENOSPC;
	}
	if (c->fail == FAIL_SPACE) {
		tb_err_set(c->err, "planner: no free memory inside the CMRs for the PAMT of TDMR [0x%llx, 0x%llx) (%llu KiB in one piece)",
			   (unsigned long long)c->fail_base,
			   (unsigned long long)c->fail_end,
			   (unsigned long long)(c->fail_bytes >> 10));
		/* no plan, not a capacity of tdxboot's: TB_ENOMEM means the latter */
		return TB_ENOTFOUND;
	}
	return st;
}

/* Lays out and places; retries as the header comment says.  When retries
 * run out, the first placement failure is the root cause to report: later
 * failures (more TDMRs than allowed, a GiB over the lowered limit) are
 * consequences of the retries.  Only unsplit attempts count, so the error
 * is the same with or without policy.parallel_lps. */
static tb_status plan_attempts(struct plan_ctx *c)
{
	uint32_t n_warn = c->out->n_warnings;
	struct plan_ctx first = { .fail = FAIL_NONE };
	tb_status st;

	c->layout_rsvd = c->max_rsvd;
	c->max_tdmr_size = PLAN_PA_END;
	c->split_extra = PLAN_TDMR_CAP;
	for (;; plan_reset(c, n_warn)) {
		uint32_t added = 0;
		bool placing;

		rsvd_init(c);   /* holes are sorted: PAMTs sit between CMR holes */
		st = tdmr_layout(c);
		placing = st == TB_OK;
		if (placing) {
			/* the split is policy's: nothing to do without it */
			if (c->in->policy.parallel_lps >= 2)
				added = split_tdmrs(c);
			st = pamt_place_all(c);
		}
		if (st == TB_OK)
			return TB_OK;
		if (added) {
			c->split_extra = added / 2;  /* same layout, fewer pieces */
			continue;
		}
		if (placing && first.fail == FAIL_NONE &&
		    (c->fail == FAIL_RSVD || c->fail == FAIL_SPACE))
			first = *c;
		if (placing && c->fail == FAIL_RSVD && c->layout_rsvd > 0) {
			c->layout_rsvd--;
			continue;
		}
		if (placing && c->fail == FAIL_SPACE &&
		    c->fail_end - c->fail_base > PLAN_1G) {
			c->max_tdmr_size = range_align_down((c->fail_end - c->fail_base) / 2,
							    PLAN_1G);
			continue;
		}
		if (first.fail != FAIL_NONE) {
			c->fail = first.fail;
			c->fail_base = first.fail_base;
			c->fail_end = first.fail_end;
			c->fail_need = first.fail_need;
			c->fail_bytes = first.fail_bytes;
			tb_err_clear(c->err);
		}
		return plan_fail_msg(c, st);
	}
}

/* pamt_nodes[] stays sorted by node: at most one entry per TDMR.  TDMRs
 * mostly come in node order, so the last entry is tried first; else a
 * binary search for the node's place. */
static void plan_add_node_bytes(struct plan_output *o, uint32_t node,
				uint64_t bytes)
{
	uint32_t k = o->n_pamt_nodes, lo = 0;

	if (k && o->pamt_nodes[k - 1].node >= node) {
		uint32_t hi = k - 1;

		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;

			if (o->pamt_nodes[mid].node < node)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (o->pamt_nodes[lo].node == node) {
			o->pamt_nodes[lo].bytes += bytes;
			return;
		}
	} else {
		lo = k;
	}
	if (k >= PLAN_TDMR_CAP || !bytes)
		return;
	for (; k > lo; k--)
		o->pamt_nodes[k] = o->pamt_nodes[k - 1];
	o->pamt_nodes[lo] = (struct plan_node_bytes){ .node = node, .bytes = bytes };
	o->n_pamt_nodes++;
}

static tb_status plan_finish(struct plan_ctx *c)
{
	struct plan_output *o = c->out;
	tb_status st = rsvd_fill(c);

	if (st != TB_OK)
		return st;
	for (uint32_t i = 0; i < o->n_tdmrs; i++) {
		const struct plan_tdmr *t = &o->tdmrs[i];
		uint64_t bytes = t->pamt_size[0] + t->pamt_size[1] + t->pamt_size[2];

		o->pamt_bytes += bytes;
		plan_add_node_bytes(o, t->pamt_node, bytes);
	}
	/* excluded[]: coalesce appended after the CMR part; sort by base */
	for (uint32_t i = 1; i < o->n_excluded; i++) {
		struct plan_range r = o->excluded[i];
		uint32_t k = i;

		for (; k && o->excluded[k - 1].base > r.base; k--)
			o->excluded[k] = o->excluded[k - 1];
		o->excluded[k] = r;
	}
	for (uint32_t i = 1, n = 1; i <= o->n_excluded; i++) {
		struct plan_range *l = &o->excluded[n - 1];

		if (i == o->n_excluded) {
			o->n_excluded = n;
			break;
		}
		if (l->base + l->size == o->excluded[i].base)
			l->size += o->excluded[i].size;
		else
			o->excluded[n++] = o->excluded[i];
	}
	o->tdx_memory_bytes = c->ram_bytes - o->excluded_coalesce_bytes - o->pamt_bytes;
	return TB_OK;
}

tb_status plan_build(const struct plan_input *in, struct plan_output *out,
		     struct tb_err *err)
{
	struct tb_err local;
	struct plan_ctx c;
	tb_status st;

	if (!err)
		err = &local;
	tb_err_clear(err);
	if (!in || !out) {
		tb_err_set(err, "planner: no input or no output");
		return TB_EINVAL;
	}
	st = plan_check_input(in, err);
	if (st != TB_OK)
		return st;
	/* The scalars only: arrays are written up to their counts, so a call
	 * costs what the map needs, not what the capacities allow. */
	out->n_tdmrs = out->n_excluded = out->n_pamt_nodes = out->n_warnings = 0;
	out->excluded_noncmr_bytes = out->excluded_coalesce_bytes = 0;
	out->pamt_bytes = out->tdx_memory_bytes = 0;
	c = (struct plan_ctx){
		.in = in, .out = out, .s = &out->scratch, .err = err,
		.max_tdmrs = in->limits.max_tdmrs < PLAN_TDMR_CAP ?
			     in->limits.max_tdmrs : PLAN_TDMR_CAP,
		.max_rsvd = in->limits.max_rsvd_per_tdmr < PLAN_RSVD_CAP ?
			    in->limits.max_rsvd_per_tdmr : PLAN_RSVD_CAP,
	};
	st = ram_build(&c);
	if (st != TB_OK)
		return st;
	if (!c.s->n_ram) {
		tb_err_set(err, "planner: no TDX memory: no RAM above 1 MiB inside the CMRs");
		return TB_ENOTFOUND;
	}
	st = plan_attempts(&c);
	if (st == TB_OK)
		st = plan_finish(&c);
	return st;
}
