/* SPDX-License-Identifier: MIT */
/*
 * From the module's limits and CMRs to a configured module: the plan, the
 * PAMTs reserved at their planned addresses, TDMR_INFO built, and
 * TDH.SYS.CONFIG.
 */
#include "core/init_int.h"

#include "core/tdmr_info.h"

#include "lib/fmt.h"
#include "lib/mem.h"

/* The map the plan is made from: as late as possible, so PAMTs go where
 * the firmware still has free memory when they are reserved. */
static tb_status plan_refresh_map(struct init_ctx *c)
{
	struct tb_err err;

	if (!c->plat->memory_map)
		return TB_OK;
	tb_err_clear(&err);
	if (c->plat->memory_map(c->plat->ctx, &c->in.mem, &c->in.n_mem, &err) != TB_OK)
		return init_fail(c, TDXBOOT_STEP_PLAN, TDXBOOT_LP_NONE, 0, TB_EIO, "%s", err.msg);
	return TB_OK;
}

tb_status init_make_plan(struct init_ctx *c)
{
	tb_status rs = plan_refresh_map(c);

	if (rs != TB_OK)
		return rs;
	struct plan_input pin = {
		.mem = c->in.mem, .n_mem = c->in.n_mem,
		.cmrs = c->cmrs, .n_cmrs = c->n_cmrs,
		.numa = c->in.numa, .n_numa = c->in.n_numa,
		.limits = c->rec.module.limits,
		.policy = { .noncmr = c->in.policy.noncmr, .coalesce = c->in.policy.coalesce,
			    .parallel_lps = c->in.policy.parallel ? c->ex->n_lps : 0 },
	};
	struct tb_err err;
	char sz[32];

	tb_err_clear(&err);
	tb_status st = plan_build(&pin, &c->plan, &err);
	if (st != TB_OK)
		return init_fail(c, TDXBOOT_STEP_PLAN, TDXBOOT_LP_NONE, 0, st, "%s", err.msg);
	for (uint32_t i = 0; i < c->plan.n_warnings; i++)
		init_log(c, INIT_LOG_WARN, "%s", c->plan.warnings[i]);
	for (uint32_t i = 0; i < c->plan.n_tdmrs; i++) {
		const struct plan_tdmr *t = &c->plan.tdmrs[i];

		init_log(c, INIT_LOG_DEBUG, "TDMR %u: [0x%llx, 0x%llx), %u reserved areas, PAMT at 0x%llx on node %u",
			 i, (unsigned long long)t->base, (unsigned long long)(t->base + t->size),
			 t->n_rsvd, (unsigned long long)t->pamt_base[PLAN_PAMT_4K], t->pamt_node);
	}
	init_log(c, INIT_LOG_INFO, "%u TDMRs cover %s of TDX memory", c->plan.n_tdmrs,
		 fmt_size(sz, sizeof(sz), c->plan.tdx_memory_bytes));
	init_log(c, INIT_LOG_INFO, "%llu KB allocated for PAMT",
		 (unsigned long long)(c->plan.pamt_bytes / 1024));
	if (c->plan.excluded_noncmr_bytes || c->plan.excluded_coalesce_bytes)
		init_log(c, INIT_LOG_WARN, "%s of RAM excluded from the OS by policy (noncmr: %llu KB, coalesce: %llu KB)",
			 fmt_size(sz, sizeof(sz), c->plan.excluded_noncmr_bytes + c->plan.excluded_coalesce_bytes),
			 (unsigned long long)(c->plan.excluded_noncmr_bytes / 1024),
			 (unsigned long long)(c->plan.excluded_coalesce_bytes / 1024));
	return TB_OK;
}

static tb_status reserve_range(struct init_ctx *c, uint64_t base, uint64_t size,
			       const char *what)
{
	struct tb_err err;

	tb_err_clear(&err);
	if (c->plat->reserve(c->plat->ctx, base, size, &err) == TB_OK)
		return TB_OK;
	return init_fail(c, TDXBOOT_STEP_PAMT_ALLOC, TDXBOOT_LP_NONE, 0, TB_ENOMEM,
			 "cannot reserve the %s at [0x%llx, 0x%llx): %s", what,
			 (unsigned long long)base, (unsigned long long)(base + size), err.msg);
}

/*
 * Every PAMT at its planned address, with a memory type the OS never uses
 * as RAM, and every range the plan excludes taken out of the OS's map.
 * What was reserved is recorded so rollback returns exactly that.
 */
tb_status init_reserve(struct init_ctx *c)
{
	for (uint32_t i = 0; i < c->plan.n_tdmrs; i++) {
		const struct plan_tdmr *t = &c->plan.tdmrs[i];

		for (int l = 0; l < 3; l++) {
			if (!t->pamt_size[l])
				continue;
			tb_status st = reserve_range(c, t->pamt_base[l], t->pamt_size[l], "PAMT");
			if (st != TB_OK)
				return st;
			c->pamt_reserved[i] |= (uint8_t)(1u << l);
		}
	}
	for (uint32_t i = 0; i < c->plan.n_excluded; i++) {
		const struct plan_range *x = &c->plan.excluded[i];
		tb_status st = reserve_range(c, x->base, x->size, "excluded memory");

		if (st != TB_OK)
			return st;
		c->excluded_reserved[i] = true;
	}
	return TB_OK;
}

/* TDMR_INFO (docs/reference/tdx-abi.md §6.1) of the i-th planned TDMR. */
static tb_status tdmr_info_fill(struct init_ctx *c, uint32_t i, struct tdmr_info *ti)
{
	const struct plan_tdmr *t = &c->plan.tdmrs[i];

	if (tdmr_info_from_plan(t, ti) != TB_OK)
		return init_fail(c, TDXBOOT_STEP_SYS_CONFIG, TDXBOOT_LP_NONE, 0, TB_ENOSPC,
				 "TDMR [0x%llx, 0x%llx): reserved areas exhausted.",
				 (unsigned long long)t->base, (unsigned long long)(t->base + t->size));
	return TB_OK;
}

/*
 * TDH.SYS.CONFIG: RCX = PA of an array of TDMR_INFO PAs, each TDMR_INFO
 * 512-byte aligned; RDX = count; R8 = the global private KeyID, with bit
 * 16 asking for Dynamic PAMT on modules that offer it (docs/reference/tdx-abi.md §5).
 */
tb_status init_sys_config(struct init_ctx *c)
{
	uint32_t n = c->plan.n_tdmrs;
	uint64_t pa, status;
	uint8_t *va;
	tb_status st;

	if (n == 0 || n > TDX_MAX_TDMRS)
		return init_fail(c, TDXBOOT_STEP_SYS_CONFIG, TDXBOOT_LP_NONE, 0, TB_ENOSPC,
				 "%u TDMRs: TDH.SYS.CONFIG takes 1 to %u", n, TDX_MAX_TDMRS);
	st = init_scratch_alloc(c, TDXBOOT_STEP_SYS_CONFIG, (uint64_t)(n + 1) * TDX_TDMR_INFO_ALIGN,
				&pa, (void **)&va);
	if (st != TB_OK)
		return st;
	uint64_t *pa_list = (uint64_t *)va;
	for (uint32_t i = 0; i < n; i++) {
		uint64_t off = (uint64_t)(i + 1) * TDX_TDMR_INFO_ALIGN;

		st = tdmr_info_fill(c, i, (struct tdmr_info *)(va + off));
		if (st != TB_OK)
			return st;
		pa_list[i] = pa + off;
	}
	struct seam_regs r = { .rax = TDH_SYS_CONFIG, .rcx = pa, .rdx = n,
			       .r8 = c->rec.global_keyid };
	if (c->rec.module.limits.dpamt)
		r.r8 |= TDX_CONFIG_R8_DPAMT;
	status = init_seamcall(c, c->ex->bsp, &r);
	if (status)
		return init_fail_seamcall(c, TDXBOOT_STEP_SYS_CONFIG, TDXBOOT_LP_NONE,
					  TDH_SYS_CONFIG, status);
	c->config_done = true;
	return TB_OK;
}
