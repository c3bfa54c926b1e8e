/* SPDX-License-Identifier: MIT */
/*
 * TDH.SYS.KEY.CONFIG: once per package, on an LP of that package, one
 * package at a time (the leaf takes the module's global lock exclusively,
 * docs/reference/tdx-abi.md §5).  Transient failures are retried a bounded number of
 * times: PCONFIG entropy (TDX_KEY_GENERATION_FAILED), contention
 * (TDX_SYS_BUSY, TDX_OPERAND_BUSY on the KET) and TDX_RND_NO_ENTROPY.
 */
#include "core/init_int.h"

static void key_config_on_lp(void *arg, uint32_t lp)
{
	struct init_ctx *c = arg;
	struct init_lp *s = &c->lp[lp];
	struct seam_regs r = { .rax = TDH_SYS_KEY_CONFIG };

	s->status = init_seamcall(c, lp, &r);
	s->st = tdx_status_is_error(s->status) ? TB_ESEAM : TB_OK;
}

static bool key_config_transient(uint64_t status)
{
	uint64_t code = tdx_status_code(status);

	return code == TDX_KEY_GENERATION_FAILED || code == TDX_SYS_BUSY ||
	       code == TDX_RND_NO_ENTROPY || code == TDX_OPERAND_BUSY;
}

static uint32_t package_lp(const struct executor *ex, uint32_t pkg)
{
	/* Prefer the boot CPU for its own package: no wake-up needed. */
	if (ex->pkg_of[ex->bsp] == pkg)
		return ex->bsp;
	for (uint32_t lp = 0; lp < ex->n_lps; lp++)
		if (ex->pkg_of[lp] == pkg)
			return lp;
	return TDXBOOT_LP_NONE;
}

static tb_status key_config_package(struct init_ctx *c, uint32_t pkg)
{
	uint32_t lp = package_lp(c->ex, pkg), tries = c->in.policy.key_retries + 1;

	for (uint32_t t = 1; t <= tries; t++) {
		tb_status st = init_seam_on_one(c, TDXBOOT_STEP_KEY_CONFIG, lp, key_config_on_lp);
		uint64_t status = c->lp[lp].status;

		if (st != TB_OK)
			return st;
		if (status == 0)
			return TB_OK;
		if (tdx_status_code(status) == TDX_KEY_CONFIGURED) {
			init_log(c, INIT_LOG_WARN, "package %u was already configured (TDX_KEY_CONFIGURED)", pkg);
			return TB_OK;
		}
		if (!key_config_transient(status) || t == tries)
			return init_fail_seamcall(c, TDXBOOT_STEP_KEY_CONFIG, lp,
						  TDH_SYS_KEY_CONFIG, status);
		init_log(c, INIT_LOG_WARN, "TDH.SYS.KEY.CONFIG on package %u (CPU %u): %s, retrying (%u of %u)",
			 pkg, lp, tdx_status_name(status), t, tries - 1);
	}
	return TB_OK;
}

tb_status init_key_config(struct init_ctx *c)
{
	for (uint32_t pkg = 0; pkg < c->ex->n_pkgs; pkg++) {
		tb_status st = key_config_package(c, pkg);

		if (st != TB_OK)
			return st;
	}
	return TB_OK;
}
