/* SPDX-License-Identifier: MIT */
/*
 * Undoing a failed initialization, in reverse (Linux's init_tdx_module
 * error path, docs/reference/tdx-abi.md §12):
 *
 *  1. if TDH.SYS.CONFIG succeeded, the module may have written PAMTs with
 *     its private KeyID: WBINVD on every CPU, then reset every PAMT with
 *     MOVDIR64B (a partial write to such memory poisons it on parts with
 *     the partial-write erratum, and the OS is about to use it as RAM);
 *  2. give every PAMT and every excluded range back to the firmware.
 *
 * VMXOFF on every CPU follows in init_finish, on success and failure alike.
 */
#include "core/init_int.h"

static void rollback_reset_pamts(struct init_ctx *c)
{
	struct tb_err err;

	tb_err_clear(&err);
	if (init_wbinvd(c) != TB_OK)
		init_log(c, INIT_LOG_ERROR, "rollback: WBINVD did not run on every CPU");
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

void init_rollback(struct init_ctx *c)
{
	if (c->config_done)
		rollback_reset_pamts(c);
	rollback_release(c);
	c->rec.outcome = TDXBOOT_OUTCOME_ROLLED_BACK;
	c->rec.plan = NULL;
}
