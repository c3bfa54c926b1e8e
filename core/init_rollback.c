/* SPDX-License-Identifier: MIT */
/*
 * Undoing a failed initialization, in reverse (Linux's init_tdx_module
 * error path, docs/reference/tdx-abi.md §12):
 *
 *  1. every LP a dispatch did not finish on is asked again, on its own, to
 *     leave VMX operation (core/init_vmx.c);
 *  2. if TDH.SYS.CONFIG succeeded, the module may have written PAMTs with
 *     its private KeyID: WBINVD on every CPU, then every PAMT reset with
 *     MOVDIR64B (a partial write to such memory poisons it on parts with
 *     the partial-write erratum, and the OS is about to use it as RAM);
 *  3. every PAMT and every excluded range given back to the firmware;
 *  4. a module that got past TDH.SYS.INIT is made initializable again for
 *     the OS (init_module.c): reloaded through P-SEAMLDR when tdxboot has
 *     its TDX-BLOB, else reset with TDH.SYS.DISABLE where the module
 *     offers it (before the PAMTs go back: it is a SEAMCALL whose cache
 *     lines the boot CPU then flushes), else recorded unusable.
 *
 * Fail-safe: a dirty private-KeyID line in the cache of a CPU that did not
 * flush can be written back later over whatever the OS keeps there.  So
 * when, after CONFIG, some LP cannot be shown to have executed WBINVD (or
 * to have left VMX operation: it may still be inside a SEAMCALL), nothing
 * is given back: the PAMTs and exclusions stay reserved, the plan is
 * published so the OS sees where, the outcome is QUARANTINED and the LPs
 * are named.
 */
#include "core/init_int.h"

static void rollback_flush_on_lp(void *arg, uint32_t lp)
{
	struct init_ctx *c = arg;

	c->be->ops->wbinvd(c->be->ctx, lp);
	c->lp[lp].flushed = 1;
}

/* WBINVD everywhere; LPs that did not answer are asked one at a time. */
static void rollback_flush(struct init_ctx *c)
{
	for (uint32_t lp = 0; lp < c->ex->n_lps; lp++)
		c->lp[lp].flushed = 0;
	if (init_on_all(c, TDXBOOT_STEP_WBINVD, rollback_flush_on_lp) != TB_OK)
		init_log(c, INIT_LOG_ERROR, "rollback: WBINVD did not run on every CPU");
	for (uint32_t lp = 0; lp < c->ex->n_lps; lp++)
		if (!c->lp[lp].flushed && !c->lp[lp].lost &&
		    init_on_one(c, TDXBOOT_STEP_WBINVD, lp, rollback_flush_on_lp) != TB_OK)
			init_log(c, INIT_LOG_ERROR, "rollback: WBINVD did not run on CPU %u (APIC 0x%x)",
				 lp, c->ex->apic_id[lp]);
	init_confirm_lost(c);
}

static void rollback_reset_pamts(struct init_ctx *c)
{
	for (uint32_t i = 0; i < c->plan.n_tdmrs; i++) {
		const struct plan_tdmr *t = &c->plan.tdmrs[i];

		for (int l = 0; l < 3; l++)
			if (c->pamt_reserved[i] & (1u << l))
				c->be->ops->reset_mem(c->be->ctx, t->pamt_base[l], t->pamt_size[l]);
	}
}

static void rollback_release(struct init_ctx *c)
{
	uint64_t bytes = 0;

	for (uint32_t i = 0; i < c->plan.n_tdmrs; i++) {
		const struct plan_tdmr *t = &c->plan.tdmrs[i];

		for (int l = 0; l < 3; l++) {
			if (!(c->pamt_reserved[i] & (1u << l)))
				continue;
			c->plat->unreserve(c->plat->ctx, t->pamt_base[l], t->pamt_size[l]);
			c->released[c->rec.n_released++] =
				(struct plan_range){ t->pamt_base[l], t->pamt_size[l] };
			bytes += t->pamt_size[l];
		}
		c->pamt_reserved[i] = 0;
	}
	for (uint32_t i = 0; i < c->plan.n_excluded; i++) {
		if (!c->excluded_reserved[i])
			continue;
		c->plat->unreserve(c->plat->ctx, c->plan.excluded[i].base, c->plan.excluded[i].size);
		c->excluded_reserved[i] = false;
	}
	if (bytes)
		init_log(c, INIT_LOG_INFO, "rollback: %llu KB of PAMT returned to the firmware",
			 (unsigned long long)(bytes / 1024));
}

/* The LPs that make the memory unsafe to give back; 0 when it is safe. */
static uint32_t rollback_unconfirmed(struct init_ctx *c)
{
	uint32_t n = 0;

	for (uint32_t lp = 0; lp < c->ex->n_lps; lp++) {
		const struct init_lp *s = &c->lp[lp];
		bool bad = s->lost || (c->config_done && !s->flushed);

		if (!bad)
			continue;
		handoff_record_lp_unconfirmed(&c->rec, lp);
		if (s->lost_in_vmx)
			c->rec.quarantine_reason = TDXBOOT_QUARANTINE_VMXOFF;
		else if (!c->rec.quarantine_reason)
			c->rec.quarantine_reason = TDXBOOT_QUARANTINE_WBINVD;
		n++;
	}
	return n;
}

static uint64_t rollback_pamt_bytes(const struct init_ctx *c)
{
	uint64_t bytes = 0;

	for (uint32_t i = 0; i < c->plan.n_tdmrs; i++)
		for (int l = 0; l < 3; l++)
			if (c->pamt_reserved[i] & (1u << l))
				bytes += c->plan.tdmrs[i].pamt_size[l];
	return bytes;
}

static void rollback_quarantine(struct init_ctx *c, uint32_t n)
{
	c->rec.outcome = TDXBOOT_OUTCOME_QUARANTINED;
	c->rec.quarantine_step = c->rec.step;
	c->rec.quarantine_bytes = rollback_pamt_bytes(c);
	c->rec.plan = &c->plan;
	init_log(c, INIT_LOG_ERROR, "rollback: %u CPU%s did not confirm %s after the TDX module may have written memory with a private KeyID; %llu KB of PAMT stay reserved (quarantined) so the OS never uses them. Power-cycle the machine (a cold reset) before using TDX; if it recurs, report a firmware or CPU hang on the CPUs named in the handoff table",
		 n, n == 1 ? "" : "s",
		 c->rec.quarantine_reason == TDXBOOT_QUARANTINE_VMXOFF ? "VMXOFF" : "WBINVD",
		 (unsigned long long)(c->rec.quarantine_bytes / 1024));
}

void init_rollback(struct init_ctx *c)
{
	uint32_t n;

	if (c->config_done)
		rollback_flush(c);
	else if (init_lost_lps(c))
		init_confirm_lost(c);
	n = rollback_unconfirmed(c);
	if (n && c->config_done) {
		rollback_quarantine(c, n);
		return;
	}
	if (n)
		init_log(c, INIT_LOG_WARN, "rollback: %u CPU%s did not answer and may still be in VMX operation; the OS may not bring %s up until a reset",
			 n, n == 1 ? "" : "s", n == 1 ? "it" : "them");
	if (!c->seamldr_params_pa)
		init_module_disable(c);   /* flushes the boot CPU after it */
	if (c->config_done)
		rollback_reset_pamts(c);
	rollback_release(c);
	c->rec.outcome = TDXBOOT_OUTCOME_ROLLED_BACK;
	c->rec.plan = NULL;
	c->rec.released = c->released;   /* where the OS gets RAM back (1.2) */
	init_module_reinstall(c);
}
