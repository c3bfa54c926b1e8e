/* SPDX-License-Identifier: MIT */
/*
 * VMX operation, one dispatch at a time.
 *
 * A CPU in VMX root operation does not respond to INIT (Intel SDM Vol. 3C,
 * 24.8 "Restrictions on VMX operation": INIT signals are blocked whenever a
 * logical processor is in VMX root operation).  EDK2's MP Services wakes
 * APs parked in a HLT loop with INIT-SIPI-SIPI and resets an AP that timed
 * out with INIT-SIPI-SIPI in every loop mode (UefiCpuPkg/Library/MpInitLib
 * MpLib.c, WakeUpAP and ResetProcessorToIdleState).  So no CPU may be in VMX
 * operation when its procedure returns to the firmware: every procedure
 * that makes SEAMCALLs runs between its own VMXON and VMXOFF (CR4.VMXE
 * cleared), as Intel's loader does in one AP procedure
 * (intel/tdx-module-loader); the module keeps its state in SEAMRR across
 * them.  The boot CPU does the same around its own SEAMCALLs.
 *
 * Every dispatch is numbered; a procedure that finishes writes the number
 * into its slot last.  An LP whose slot does not show it after the
 * dispatch did not finish: it may be hung inside a SEAMCALL, in VMX
 * operation, with private-KeyID lines in its caches.  Such an LP is
 * "lost" until a later procedure finishes on it.
 */
#include "core/init_int.h"

tb_status init_vmx_enter(struct init_ctx *c, uint32_t lp)
{
	struct init_lp *s = &c->lp[lp];

	tb_err_clear(&s->err);
	s->st = c->be->ops->vmx_on(c->be->ctx, lp, &s->err);
	if (s->st != TB_OK) {
		s->vmx_failed = 1;
		return s->st;
	}
	s->vmx_on = 1;
	return TB_OK;
}

void init_vmx_leave(struct init_ctx *c, uint32_t lp)
{
	struct init_lp *s = &c->lp[lp];

	if (!s->vmx_on)
		return;
	c->be->ops->vmx_off(c->be->ctx, lp);
	s->vmx_on = 0;
	s->vmx_pairs++;
}

/* Marks the dispatch finished on this LP; the last write of a procedure. */
static void dispatch_done(struct init_ctx *c, uint32_t lp)
{
	__atomic_store_n(&c->lp[lp].done_seq, c->dispatch_seq, __ATOMIC_RELEASE);
}

static void run_plain(void *arg, uint32_t lp)
{
	struct init_ctx *c = arg;

	c->dispatch_fn(c, lp);
	dispatch_done(c, lp);
}

static void run_in_vmx(void *arg, uint32_t lp)
{
	struct init_ctx *c = arg;

	if (init_vmx_enter(c, lp) == TB_OK) {
		c->dispatch_fn(c, lp);
		init_vmx_leave(c, lp);
	}
	dispatch_done(c, lp);
}

/* After a dispatch: LPs it reached that did not finish are lost; an LP
 * that finished is no longer lost, whatever happened before. */
static void dispatch_account(struct init_ctx *c, uint32_t only, bool vmx)
{
	for (uint32_t lp = 0; lp < c->ex->n_lps; lp++) {
		struct init_lp *s = &c->lp[lp];

		if (only != TDXBOOT_LP_NONE && lp != only)
			continue;
		/* The boot CPU runs its part after the APs (exec_mp.c): after a
		 * timeout it did not start, which is not a hang. */
		if (only == TDXBOOT_LP_NONE && lp == c->ex->bsp)
			continue;
		if (__atomic_load_n(&s->done_seq, __ATOMIC_ACQUIRE) == c->dispatch_seq) {
			s->lost = 0;
			s->lost_in_vmx = 0;
			continue;
		}
		s->lost = 1;
		s->lost_in_vmx |= vmx;
	}
}

/* A VMXON that failed inside the dispatch, named with its LP. */
static tb_status dispatch_vmx_failure(struct init_ctx *c)
{
	for (uint32_t lp = 0; lp < c->ex->n_lps; lp++) {
		struct init_lp *s = &c->lp[lp];

		if (s->vmx_failed) {
			s->vmx_failed = 0;
			return init_fail(c, TDXBOOT_STEP_VMXON, lp, 0, s->st, "%s", s->err.msg);
		}
	}
	return TB_OK;
}

tb_status init_dispatch(struct init_ctx *c, uint32_t step, uint32_t lp, exec_fn fn, bool vmx)
{
	exec_fn tramp = vmx ? run_in_vmx : run_plain;
	struct tb_err err;
	tb_status st;

	c->dispatch_fn = fn;
	c->dispatch_seq++;
	c->n_dispatches++;
	tb_err_clear(&err);
	if (lp == TDXBOOT_LP_NONE)
		st = c->ex->ops->run_all(c->ex->ctx, tramp, c, &err);
	else
		st = c->ex->ops->run_on(c->ex->ctx, lp, tramp, c, &err);
	dispatch_account(c, lp, vmx);
	if (st != TB_OK)
		return init_fail(c, step, lp, 0, st, "%s", err.msg);
	return dispatch_vmx_failure(c);
}

tb_status init_bsp_vmx_enter(struct init_ctx *c, uint32_t step)
{
	uint32_t bsp = c->ex->bsp;

	if (init_vmx_enter(c, bsp) != TB_OK) {
		c->lp[bsp].vmx_failed = 0;
		return init_fail(c, TDXBOOT_STEP_VMXON, bsp, 0, c->lp[bsp].st, "%s",
				 c->lp[bsp].err.msg);
	}
	(void)step;
	return TB_OK;
}

void init_bsp_vmx_leave(struct init_ctx *c)
{
	init_vmx_leave(c, c->ex->bsp);
}

uint32_t init_lost_lps(const struct init_ctx *c)
{
	uint32_t n = 0;

	for (uint32_t lp = 0; lp < c->ex->n_lps; lp++)
		n += c->lp[lp].lost;
	return n;
}

static void confirm_on_lp(void *arg, uint32_t lp)
{
	struct init_ctx *c = arg;

	/* The backend's VMXOFF is harmless when this LP is not in VMX. */
	c->be->ops->vmx_off(c->be->ctx, lp);
	c->lp[lp].vmx_on = 0;
	if (c->config_done) {
		c->be->ops->wbinvd(c->be->ctx, lp);
		c->lp[lp].flushed = 1;
	}
}

/*
 * Each lost LP is asked on its own to leave VMX operation and, once the
 * module may have written private-KeyID lines, to flush its caches.  One
 * that still does not answer stays lost; the rollback then keeps the PAMTs.
 */
void init_confirm_lost(struct init_ctx *c)
{
	for (uint32_t lp = 0; lp < c->ex->n_lps; lp++) {
		struct tb_err err;

		if (!c->lp[lp].lost)
			continue;
		tb_err_clear(&err);
		c->dispatch_fn = confirm_on_lp;
		c->dispatch_seq++;
		c->n_dispatches++;
		if (c->ex->ops->run_on(c->ex->ctx, lp, run_plain, c, &err) != TB_OK)
			init_log(c, INIT_LOG_ERROR, "CPU %u (APIC 0x%x) does not answer: %s",
				 lp, c->ex->apic_id[lp], err.msg);
		dispatch_account(c, lp, false);
	}
}
