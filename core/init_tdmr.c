/* SPDX-License-Identifier: MIT */
/*
 * TDH.SYS.TDMR.INIT on every TDMR, in parallel.
 *
 * The module locks per TDMR, not globally (docs/reference/tdx-abi.md §4-§5), and each call
 * initializes a bounded slice of PAMT (1024 4K entries, 4 MiB of TDMR, in
 * 1.5) and returns the next address in RDX.  So the TDMRs form a work
 * queue: every LP takes the next untaken TDMR (an atomic counter) and calls
 * TDMR.INIT on it until RDX reaches its end, then takes another.  The queue
 * holds the largest TDMRs first (longest-processing-time order), so a big
 * TDMR taken last cannot stretch the critical path.
 *
 * The work runs in rounds: in one dispatch each LP makes at most
 * TDMR_ROUND_CALLS calls, and a TDMR it did not finish goes back on the
 * queue for the next round, where any LP resumes it (the module keeps the
 * progress; RDX says where).  Terabytes of TDMR take seconds even on
 * hardware; bounded rounds keep every dispatch short, so the executor's
 * timeout still means "a CPU is stuck", never "a machine is large".
 *
 * Shared state: the counter and the abort flag (atomics); each TDMR's
 * status and done slots are written only by the LP that took it this
 * round, and read by the BSP between rounds.
 */
#include "core/init_int.h"

/* Bounded retries of TDX_OPERAND_BUSY on a TDMR's lock, over all rounds. */
#define TDMR_BUSY_RETRIES 1000
/* Calls per LP per round: 1 GiB of TDMR in 1.5 (4 MiB a call). */
#define TDMR_ROUND_CALLS 256
/*
 * Successful calls without RDX moving: 1 GiB (RDX's granularity) at one
 * 4 KiB page (the PAMT's unit) a call, the slowest progress that still is
 * progress.  1.5 does 4 MiB a call: 256 (docs/reference/tdx-abi.md §5).
 */
#define TDMR_STALL_CALLS ((1u << 30) / 4096u)
/* Not a module status: the module answered success without advancing. */
#define TDMR_NO_PROGRESS 0xFFFFFFFFFFFFFFFFull

/* Calls TDMR.INIT on t until it is done or the budget is spent. */
static uint64_t tdmr_init_some(struct init_ctx *c, uint32_t lp, uint32_t i, uint32_t *budget,
			       bool *done)
{
	const struct plan_tdmr *t = &c->plan.tdmrs[i];
	struct init_lp *s = &c->lp[lp];
	uint64_t end = t->base + t->size;

	*done = false;
	while (*budget) {
		struct seam_regs r = { .rax = TDH_SYS_TDMR_INIT, .rcx = t->base };
		uint64_t status = init_seamcall(c, lp, &r);

		(*budget)--;
		s->calls++;
		/* Progress check: a successful call returns the next address to
		 * initialize, rounded down to 1 GiB, in RDX (docs/reference/
		 * docs/reference/tdx-abi.md §5).  It never goes back, and it must move within
		 * TDMR_STALL_CALLS calls, else the loop would never end. */
		if (status == 0 && r.rdx < end) {
			if (r.rdx < c->tdmr_pos[i] ||
			    (r.rdx == c->tdmr_pos[i] && ++c->tdmr_stall[i] > TDMR_STALL_CALLS))
				return TDMR_NO_PROGRESS;
			if (r.rdx != c->tdmr_pos[i])
				c->tdmr_stall[i] = 0;
			c->tdmr_pos[i] = r.rdx;
			continue;
		}
		if (status == 0 || tdx_status_code(status) == TDX_TDMR_ALREADY_INITIALIZED) {
			*done = true;
			return 0;
		}
		/* The TDMR's mutex is held by someone else, yet the queue gives
		 * each TDMR to one LP at a time: retried here, on the same LP,
		 * without spending the round's budget, so the outcome does not
		 * depend on which LP takes the TDMR next round. */
		if (tdx_status_code(status) == TDX_OPERAND_BUSY &&
		    ++c->tdmr_busy[i] < TDMR_BUSY_RETRIES) {
			(*budget)++;
			continue;
		}
		return status;
	}
	return 0;
}

static void tdmr_init_on_lp(void *arg, uint32_t lp)
{
	struct init_ctx *c = arg;
	struct init_lp *s = &c->lp[lp];
	uint32_t budget = TDMR_ROUND_CALLS;

	while (budget && !__atomic_load_n(&c->tdmr_abort, __ATOMIC_ACQUIRE)) {
		uint32_t q = __atomic_fetch_add(&c->tdmr_next, 1, __ATOMIC_ACQ_REL);
		bool done;

		if (q >= c->n_tdmr_queue)
			return;
		uint32_t i = c->tdmr_queue[q];
		uint64_t status = tdmr_init_some(c, lp, i, &budget, &done);

		c->tdmr_status[i] = status;
		s->tdmr = i;
		c->tdmr_done[i] = done;
		if (status) {
			s->status = status;
			s->st = TB_ESEAM;
			__atomic_store_n(&c->tdmr_abort, 1, __ATOMIC_RELEASE);
			return;
		}
	}
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
		c->tdmr_done[i] = 0;
		c->tdmr_busy[i] = 0;
		c->tdmr_pos[i] = c->plan.tdmrs[i].base;
		c->tdmr_stall[i] = 0;
	}
}

/*
 * The most rounds the plan can take: every successful call advances RDX by
 * at least one 4 KiB page (the unit of the PAMT), every other call of a
 * TDMR is one of its bounded OPERAND_BUSY retries, and a round that leaves
 * work queued has spent at least one LP's whole budget.  More rounds than
 * that mean the module is not doing what it says.
 */
static uint32_t tdmr_round_cap(const struct init_ctx *c)
{
	uint64_t calls = 0;

	for (uint32_t i = 0; i < c->plan.n_tdmrs; i++)
		calls += c->plan.tdmrs[i].size / 4096 + TDMR_BUSY_RETRIES;
	calls = calls / TDMR_ROUND_CALLS + 2;
	return calls > UINT32_MAX ? UINT32_MAX : (uint32_t)calls;
}

/* The next round's queue: the unfinished TDMRs, in size order. */
static uint32_t tdmr_queue_fill(struct init_ctx *c)
{
	c->n_tdmr_queue = 0;
	for (uint32_t q = 0; q < c->plan.n_tdmrs; q++)
		if (!c->tdmr_done[c->tdmr_order[q]])
			c->tdmr_queue[c->n_tdmr_queue++] = c->tdmr_order[q];
	c->tdmr_next = 0;
	return c->n_tdmr_queue;
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
	init_log(c, INIT_LOG_INFO, "TDH.SYS.TDMR.INIT: %u TDMRs on %u CPUs, %llu calls, at most %llu on one CPU, in %u rounds",
		 c->plan.n_tdmrs, used, (unsigned long long)total, (unsigned long long)busiest,
		 c->tdmr_rounds);
}

tb_status init_tdmr_init(struct init_ctx *c)
{
	tb_status st;
	uint32_t bad;

	for (uint32_t lp = 0; lp < c->ex->n_lps; lp++) {
		c->lp[lp].calls = 0;
		c->lp[lp].st = TB_OK;
	}
	c->tdmr_abort = 0;
	c->tdmr_rounds = 0;
	tdmr_queue_order(c);
	c->tdmr_round_cap = tdmr_round_cap(c);
	while (tdmr_queue_fill(c)) {
		if (++c->tdmr_rounds > c->tdmr_round_cap)
			return init_fail(c, TDXBOOT_STEP_TDMR_INIT, TDXBOOT_LP_NONE, 0, TB_ESEAM,
					 "TDH.SYS.TDMR.INIT did not finish in %u rounds, the most this plan can need: the TDX module is not advancing",
					 c->tdmr_round_cap);
		if (c->in.policy.parallel)
			st = init_seam_on_all(c, TDXBOOT_STEP_TDMR_INIT, tdmr_init_on_lp);
		else
			st = init_seam_on_one(c, TDXBOOT_STEP_TDMR_INIT, c->ex->bsp, tdmr_init_on_lp);
		if (st != TB_OK)
			return st;
		bad = init_first_failed_lp(c);
		if (bad != TDXBOOT_LP_NONE && c->lp[bad].status == TDMR_NO_PROGRESS)
			return init_fail(c, TDXBOOT_STEP_TDMR_INIT, bad, 0, TB_ESEAM,
					 "TDH.SYS.TDMR.INIT on CPU %u (APIC 0x%x) returned success without advancing RDX past 0x%llx: the TDX module is not making progress",
					 bad, c->ex->apic_id[bad],
					 (unsigned long long)c->tdmr_pos[c->lp[bad].tdmr]);
		if (bad != TDXBOOT_LP_NONE)
			return init_fail_seamcall(c, TDXBOOT_STEP_TDMR_INIT, bad, TDH_SYS_TDMR_INIT,
						  c->lp[bad].status);
	}
	tdmr_report(c);
	return TB_OK;
}
