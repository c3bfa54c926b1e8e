/* SPDX-License-Identifier: MIT */
/*
 * TDH.SYS.TDMR.INIT on every TDMR, in parallel.
 *
 * The module locks per TDMR, not globally (tdx-abi.md §4-§5), and each call
 * initializes a bounded slice of PAMT (1024 4K entries, 4 MiB of TDMR, in
 * 1.5) and returns the next address in RDX.  So the TDMRs form a work
 * queue: every LP takes the next untaken TDMR (an atomic counter), calls
 * TDMR.INIT on it until RDX reaches its end, then takes another.  The queue
 * holds the largest TDMRs first (longest-processing-time order), so a big
 * TDMR taken last cannot stretch the critical path.  One LP
 * per TDMR at a time means no TDX_OPERAND_BUSY in practice; it is retried
 * anyway.  Shared state: the counter and the abort flag (atomics); each
 * TDMR's status slot is written only by the LP that took it.
 */
#include "core/init_int.h"

/* Bounded retries of TDX_OPERAND_BUSY on the TDMR lock. */
#define TDMR_BUSY_RETRIES 1000

static uint64_t tdmr_init_one(struct init_ctx *c, uint32_t lp, const struct plan_tdmr *t)
{
	struct init_lp *s = &c->lp[lp];
	uint64_t end = t->base + t->size;
	uint32_t busy = 0;

	for (;;) {
		struct seam_regs r = { .rax = TDH_SYS_TDMR_INIT, .rcx = t->base };
		uint64_t status = init_seamcall(c, lp, &r);

		s->calls++;
		if (status == 0 && r.rdx >= end)
			return 0;
		if (status == 0)
			continue;
		if (tdx_status_code(status) == TDX_TDMR_ALREADY_INITIALIZED)
			return 0;
		if (tdx_status_code(status) == TDX_OPERAND_BUSY && ++busy < TDMR_BUSY_RETRIES)
			continue;
		return status;
	}
}

static void tdmr_init_on_lp(void *arg, uint32_t lp)
{
	struct init_ctx *c = arg;
	struct init_lp *s = &c->lp[lp];

	while (!__atomic_load_n(&c->tdmr_abort, __ATOMIC_ACQUIRE)) {
		uint32_t q = __atomic_fetch_add(&c->tdmr_next, 1, __ATOMIC_ACQ_REL);

		if (q >= c->plan.n_tdmrs)
			return;
		uint32_t i = c->tdmr_order[q];
		uint64_t status = tdmr_init_one(c, lp, &c->plan.tdmrs[i]);
		c->tdmr_status[i] = status;
		if (status) {
			s->status = status;
			s->st = TB_ESEAM;
			__atomic_store_n(&c->tdmr_abort, 1, __ATOMIC_RELEASE);
			return;
		}
	}
}

static void tdmr_report(struct init_ctx *c)
{
	uint64_t total = 0, busiest = 0;
	uint32_t used = 0;

	for (uint32_t lp = 0; lp < c->ex->n_lps; lp++) {
		total += c->lp[lp].calls;
		used += c->lp[lp].calls != 0;
		if (c->lp[lp].calls > busiest)
			busiest = c->lp[lp].calls;
	}
	init_log(c, INIT_LOG_INFO, "TDH.SYS.TDMR.INIT: %u TDMRs on %u CPUs, %llu calls, at most %llu on one CPU",
		 c->plan.n_tdmrs, used, (unsigned long long)total, (unsigned long long)busiest);
}

/* Indexes of the TDMRs by size, largest first; equal sizes by address. */
static void tdmr_queue_order(struct init_ctx *c)
{
	uint32_t n = c->plan.n_tdmrs;

	for (uint32_t i = 0; i < n; i++) {
		uint32_t j = i;

		while (j > 0 && c->plan.tdmrs[c->tdmr_order[j - 1]].size < c->plan.tdmrs[i].size) {
			c->tdmr_order[j] = c->tdmr_order[j - 1];
			j--;
		}
		c->tdmr_order[j] = (uint8_t)i;
	}
}

tb_status init_tdmr_init(struct init_ctx *c)
{
	tb_status st;

	tdmr_queue_order(c);
	for (uint32_t lp = 0; lp < c->ex->n_lps; lp++) {
		c->lp[lp].calls = 0;
		c->lp[lp].st = TB_OK;
	}
	c->tdmr_next = 0;
	c->tdmr_abort = 0;
	if (c->in.policy.parallel)
		st = init_on_all(c, TDXBOOT_STEP_TDMR_INIT, tdmr_init_on_lp);
	else
		st = init_on_one(c, TDXBOOT_STEP_TDMR_INIT, c->ex->bsp, tdmr_init_on_lp);
	if (st != TB_OK)
		return st;
	tdmr_report(c);
	uint32_t bad = init_first_failed_lp(c);
	if (bad != TDXBOOT_LP_NONE)
		return init_fail_seamcall(c, TDXBOOT_STEP_TDMR_INIT, bad, TDH_SYS_TDMR_INIT,
					  c->lp[bad].status);
	return TB_OK;
}
