/* SPDX-License-Identifier: MIT */
/*
 * The orchestrator: runs the steps in the order the module requires
 * (docs/reference/tdx-abi.md §14), times each one, and on the first failure unwinds.
 */
#include "core/init_int.h"

#include <stdarg.h>

#include "core/seam_name.h"
#include "lib/fmt.h"
#include "lib/mem.h"

void init_setup(struct init_ctx *c, struct seam_backend *be, struct executor *ex,
		const struct init_platform_ops *plat, const struct init_input *in)
{
	memset(c, 0, sizeof(*c));
	c->be = be;
	c->ex = ex;
	c->plat = plat;
	c->in = *in;
	c->rec.lp_index = TDXBOOT_LP_NONE;
	c->rec.emulated = be->emulated;
	c->rec.n_lps = ex->n_lps;
	c->rec.n_packages = ex->n_pkgs;
	c->rec.bsp_index = ex->bsp;
	c->rec.lp_apic_ids = ex->apic_id;
	c->rec.module_state = TDXBOOT_MODSTATE_UNKNOWN;
}

void init_log(struct init_ctx *c, enum init_log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(c->msg, sizeof(c->msg), fmt, ap);
	va_end(ap);
	c->plat->log(c->plat->ctx, level, c->msg);
}

tb_status init_fail(struct init_ctx *c, uint32_t step, uint32_t lp, uint64_t status,
		    tb_status st, const char *fmt, ...)
{
	va_list ap;

	if (c->rec.error == TB_OK) {
		c->rec.step = step;
		c->rec.lp_index = lp;
		c->rec.seamcall_status = status;
		c->rec.error = st;
		va_start(ap, fmt);
		fmt_vsnprintf(c->rec.message, sizeof(c->rec.message), fmt, ap);
		va_end(ap);
		c->plat->log(c->plat->ctx, INIT_LOG_ERROR, c->rec.message);
	}
	return st;
}

tb_status init_fail_seamcall(struct init_ctx *c, uint32_t step, uint32_t lp,
			     uint64_t leaf, uint64_t status)
{
	char text[160];

	seam_failure_text(leaf, status, text, sizeof(text));
	if (lp == TDXBOOT_LP_NONE)
		return init_fail(c, step, lp, status, TB_ESEAM, "%s", text);
	return init_fail(c, step, lp, status, TB_ESEAM, "%s on CPU %u (APIC 0x%x)", text,
			 lp, c->ex->apic_id[lp]);
}

uint64_t init_seamcall(struct init_ctx *c, uint32_t lp, struct seam_regs *r)
{
	struct seam_regs in = *r;
	uint64_t status = 0;

	for (int i = 0; i < INIT_ENTROPY_RETRIES; i++) {
		*r = in;
		enum seam_outcome o = c->be->ops->call(c->be->ctx, lp, r);
		status = seam_outcome_status(o, r);
		if (status != TDX_RND_NO_ENTROPY)
			break;
	}
	return status;
}

tb_status init_on_all(struct init_ctx *c, uint32_t step, exec_fn fn)
{
	return init_dispatch(c, step, TDXBOOT_LP_NONE, fn, false);
}

tb_status init_on_one(struct init_ctx *c, uint32_t step, uint32_t lp, exec_fn fn)
{
	return init_dispatch(c, step, lp, fn, false);
}

tb_status init_seam_on_all(struct init_ctx *c, uint32_t step, exec_fn fn)
{
	return init_dispatch(c, step, TDXBOOT_LP_NONE, fn, true);
}

tb_status init_seam_on_one(struct init_ctx *c, uint32_t step, uint32_t lp, exec_fn fn)
{
	return init_dispatch(c, step, lp, fn, true);
}

uint32_t init_first_failed_lp(const struct init_ctx *c)
{
	for (uint32_t i = 0; i < c->ex->n_lps; i++)
		if (c->lp[i].st != TB_OK)
			return i;
	return TDXBOOT_LP_NONE;
}

tb_status init_scratch_alloc(struct init_ctx *c, uint32_t step, uint64_t size,
			     uint64_t *pa, void **va)
{
	struct tb_err err;

	if (c->n_scratch == INIT_SCRATCH_MAX)
		return init_fail(c, step, TDXBOOT_LP_NONE, 0, TB_ENOMEM,
				 "internal: more than %u scratch allocations", INIT_SCRATCH_MAX);
	tb_err_clear(&err);
	size = (size + 4095) & ~4095ull;
	if (c->plat->alloc(c->plat->ctx, size, pa, &err) != TB_OK)
		return init_fail(c, step, TDXBOOT_LP_NONE, 0, TB_ENOMEM, "%s", err.msg);
	c->scratch[c->n_scratch++] = (struct plan_range){ *pa, size };
	*va = c->plat->ptr(c->plat->ctx, *pa, size);
	memset(*va, 0, size);
	return TB_OK;
}

void init_scratch_free_all(struct init_ctx *c)
{
	while (c->n_scratch) {
		struct plan_range *r = &c->scratch[--c->n_scratch];

		c->plat->free(c->plat->ctx, r->base, r->size);
	}
}

typedef tb_status (*init_step_fn)(struct init_ctx *c);

struct init_step {
	uint32_t id;          /* enum tdxboot_handoff_step, for timing */
	init_step_fn run;
	bool bsp_vmx;         /* SEAMCALLs on the boot CPU only: VMX around it */
};

static const struct init_step init_steps[] = {
	{ TDXBOOT_STEP_PREFLIGHT, init_preflight, false },
	{ TDXBOOT_STEP_SEAMLDR_INSTALL, init_module_load, false },
	{ TDXBOOT_STEP_SYS_INIT, init_sys_init, true },
	{ TDXBOOT_STEP_LP_INIT, init_lp_init, false },
	{ TDXBOOT_STEP_SYS_RD, init_sys_rd, true },
	{ TDXBOOT_STEP_PLAN, init_make_plan, false },
	{ TDXBOOT_STEP_PAMT_ALLOC, init_reserve, false },
	{ TDXBOOT_STEP_SYS_CONFIG, init_sys_config, true },
	{ TDXBOOT_STEP_WBINVD, init_wbinvd, false },
	{ TDXBOOT_STEP_KEY_CONFIG, init_key_config, false },
	{ TDXBOOT_STEP_TDMR_INIT, init_tdmr_init, false },
};

/* A step whose SEAMCALLs all run on the boot CPU, inside one VMX section
 * that ends before the next dispatch. */
static tb_status init_step_run(struct init_ctx *c, const struct init_step *s)
{
	tb_status st;

	if (!s->bsp_vmx)
		return s->run(c);
	st = init_bsp_vmx_enter(c, s->id);
	if (st != TB_OK)
		return st;
	st = s->run(c);
	init_bsp_vmx_leave(c);
	return st;
}

static uint64_t now(const struct init_ctx *c)
{
	return c->plat->now_us(c->plat->ctx);
}

static void init_finish(struct init_ctx *c, tb_status st)
{
	if (st == TB_OK) {
		c->rec.outcome = TDXBOOT_OUTCOME_SUCCESS;
		c->rec.module_state = TDXBOOT_MODSTATE_READY;
		c->rec.step = TDXBOOT_STEP_VMXOFF;
		c->rec.plan = &c->plan;
		c->rec.module.dpamt = c->plan.n_tdmrs && c->rec.module.limits.dpamt;
		init_log(c, INIT_LOG_INFO, "module initialized (%s)",
			 c->be->emulated ? "emulated" : "real hardware");
	}
	init_scratch_free_all(c);
	handoff_record_phase(&c->rec, TDXBOOT_PHASE_TOTAL, now(c) - c->t_start);
}

tb_status init_run(struct init_ctx *c)
{
	tb_status st = TB_OK;

	c->t_start = now(c);
	for (size_t i = 0; i < sizeof(init_steps) / sizeof(init_steps[0]); i++) {
		uint64_t t = now(c);

		c->rec.step = init_steps[i].id;
		st = init_step_run(c, &init_steps[i]);
		handoff_record_phase(&c->rec, init_steps[i].id, now(c) - t);
		if (st != TB_OK)
			break;
	}
	if (st != TB_OK) {
		uint64_t t = now(c);

		init_rollback(c);
		handoff_record_phase(&c->rec, TDXBOOT_STEP_ROLLBACK, now(c) - t);
	}
	init_finish(c, st);
	return st;
}
