/* SPDX-License-Identifier: MIT */
/*
 * Installing a TDX module through P-SEAMLDR (docs/reference/tdx-abi.md §11): SEAMLDR.INFO,
 * SEAMLDR_PARAMS built from the TDX-BLOB, then SEAMLDR.INSTALL once on
 * every LP, one LP at a time (the P-SEAMLDR serves one CPU at a time and
 * answers a concurrent call with VMfailInvalid), the boot CPU last as
 * Intel's loader does: the last LP performs the load.
 */
#include "core/init_int.h"

#include "core/blob.h"
#include "core/seam_name.h"
#include "lib/mem.h"

static tb_status seamldr_info(struct init_ctx *c)
{
	uint32_t bsp = c->ex->bsp;
	struct seam_regs r = { .rax = SEAMLDR_INFO };
	uint64_t status;
	tb_status st;

	/* Called before and after INSTALL: one buffer serves both. */
	if (!c->seamldr_info_va) {
		st = init_scratch_alloc(c, TDXBOOT_STEP_SEAMLDR_INFO, sizeof(struct seamldr_info),
					&c->seamldr_info_pa, &c->seamldr_info_va);
		if (st != TB_OK)
			return st;
	}
	r.rcx = c->seamldr_info_pa;
	st = init_bsp_vmx_enter(c, TDXBOOT_STEP_SEAMLDR_INFO);
	if (st != TB_OK)
		return st;
	status = init_seamcall(c, bsp, &r);
	init_bsp_vmx_leave(c);
	if (status == TDX_SEAMCALL_VMFAILINVALID)
		return init_fail(c, TDXBOOT_STEP_SEAMLDR_INFO, TDXBOOT_LP_NONE, status, TB_ENOTFOUND,
				 "P-SEAMLDR is not loaded (SEAMLDR.INFO: VMfailInvalid): the BIOS must load it for tdxboot to install a module; remove module= to use the module the BIOS loaded");
	if (status)
		return init_fail_seamcall(c, TDXBOOT_STEP_SEAMLDR_INFO, TDXBOOT_LP_NONE,
					  SEAMLDR_INFO, status);
	memcpy(&c->seamldr, c->seamldr_info_va, sizeof(c->seamldr));
	c->rec.seamldr = &c->seamldr;
	init_log(c, INIT_LOG_INFO, "P-SEAMLDR version %u.%u, %u updates remaining, module %sloaded",
		 c->seamldr.major_version, c->seamldr.minor_version,
		 c->seamldr.num_remaining_updates,
		 c->seamldr.seamextend.seam_ready ? "" : "not ");
	return TB_OK;
}

/* SEAMLDR_PARAMS (§11.3): LOAD scenario, the sigstruct page and the module
 * pages, each copied into memory the P-SEAMLDR can read. */
static tb_status seamldr_params(struct init_ctx *c, const struct blob_view *v, uint64_t *params_pa)
{
	struct seamldr_params *p;
	uint64_t sig_pa, mod_pa;
	void *sig, *mod;
	tb_status st;

	st = init_scratch_alloc(c, TDXBOOT_STEP_SEAMLDR_INSTALL, sizeof(*p), params_pa, (void **)&p);
	if (st == TB_OK)
		st = init_scratch_alloc(c, TDXBOOT_STEP_SEAMLDR_INSTALL, 4096, &sig_pa, &sig);
	if (st == TB_OK)
		st = init_scratch_alloc(c, TDXBOOT_STEP_SEAMLDR_INSTALL,
					(uint64_t)v->module_pages * 4096, &mod_pa, &mod);
	if (st != TB_OK)
		return st;
	memcpy(sig, v->sigstruct, 2048);
	memcpy(mod, v->module, v->module_bytes);
	p->version = 0;
	p->scenario = SEAMLDR_SCENARIO_LOAD;
	p->sigstruct_pa = sig_pa;
	p->num_module_pages = v->module_pages;
	for (uint32_t i = 0; i < v->module_pages; i++)
		p->mod_pages_pa_list[i] = mod_pa + (uint64_t)i * 4096;
	return TB_OK;
}

/*
 * P-SEAMLDR keeps its per-LP install state in bitmaps of 1024 bits indexed
 * by the x2APIC ID and answers SEAMLDR.INSTALL on a CPU whose ID is 1024 or
 * more with EUNSPECERR (docs/reference/platform-rules.md §9).  Found before
 * any CPU joins the install session: a session that cannot complete would
 * leave the SEAM range without a usable module.
 */
#define SEAMLDR_X2APIC_LIMIT 1024u

static tb_status install_check_apic_ids(struct init_ctx *c)
{
	for (uint32_t lp = 0; lp < c->ex->n_lps; lp++)
		if (c->ex->apic_id[lp] >= SEAMLDR_X2APIC_LIMIT)
			return init_fail(c, TDXBOOT_STEP_MODULE_LOAD, lp, 0, TB_EUNSUPPORTED,
					 "CPU %u has x2APIC ID 0x%x: P-SEAMLDR installs a TDX module only when every CPU's x2APIC ID is below %u (SEAMLDR.INSTALL answers EUNSPECERR on the others); remove module= to use the module the BIOS loaded",
					 lp, c->ex->apic_id[lp], SEAMLDR_X2APIC_LIMIT);
	return TB_OK;
}

static void install_on_lp(void *arg, uint32_t lp)
{
	struct init_ctx *c = arg;
	struct init_lp *s = &c->lp[lp];
	struct seam_regs r = { .rax = SEAMLDR_INSTALL, .rcx = c->seamldr_params_pa };

	s->status = init_seamcall(c, lp, &r);
	s->st = s->status ? TB_ESEAM : TB_OK;
	s->out_rdx = r.rdx;
}

static tb_status install_one(struct init_ctx *c, uint32_t lp)
{
	tb_status st = init_seam_on_one(c, TDXBOOT_STEP_SEAMLDR_INSTALL, lp, install_on_lp);

	if (st != TB_OK)
		return st;
	if (c->lp[lp].st == TB_OK)
		return TB_OK;
	init_fail_seamcall(c, TDXBOOT_STEP_SEAMLDR_INSTALL, lp, SEAMLDR_INSTALL, c->lp[lp].status);
	if (c->lp[lp].out_rdx == 1)
		init_log(c, INIT_LOG_ERROR, "P-SEAMLDR reports the failure unrecoverable: the SEAM range was wiped and no TDX module is usable until the next boot");
	c->rec.module_state = TDXBOOT_MODSTATE_NOT_LOADED;
	return TB_ESEAM;
}

/*
 * The P-SEAMLDR loads on the last of ALL the platform's LPs (§11.5); every
 * LP tdxboot can run code on answering SUCCESS proves nothing when MP
 * Services does not reach them all.  SEAM_READY says whether it loaded.
 */
static tb_status install_confirm(struct init_ctx *c)
{
	tb_status st = seamldr_info(c);

	if (st != TB_OK || c->seamldr.seamextend.seam_ready)
		return st;
	c->rec.module_state = TDXBOOT_MODSTATE_NOT_LOADED;
	return init_fail(c, TDXBOOT_STEP_SEAMLDR_INSTALL, TDXBOOT_LP_NONE, 0, TB_ENOTFOUND,
			 "SEAMLDR.INSTALL succeeded on the %u CPUs tdxboot can run code on, but P-SEAMLDR did not load the module: it loads only once every CPU of the platform has called it (are some CPUs out of MP Services' reach?)",
			 c->ex->n_lps);
}

tb_status init_module_load(struct init_ctx *c)
{
	struct blob_view v;
	struct tb_err err;
	tb_status st;

	if (!c->in.blob)
		return TB_OK;   /* use the module the BIOS loaded */
	tb_err_clear(&err);
	if (blob_parse(c->in.blob, c->in.blob_size, &v, &err) != TB_OK)
		return init_fail(c, TDXBOOT_STEP_MODULE_LOAD, TDXBOOT_LP_NONE, 0, TB_EINVAL,
				 "%s", err.msg);
	st = install_check_apic_ids(c);
	if (st == TB_OK)
		st = seamldr_info(c);
	if (st == TB_OK)
		st = seamldr_params(c, &v, &c->seamldr_params_pa);
	if (st != TB_OK)
		return st;
	for (uint32_t lp = 0; lp < c->ex->n_lps; lp++) {
		if (lp == c->ex->bsp)
			continue;
		st = install_one(c, lp);
		if (st != TB_OK)
			return st;
	}
	st = install_one(c, c->ex->bsp);
	if (st == TB_OK)
		st = install_confirm(c);
	if (st != TB_OK)
		return st;
	c->rec.module.installed = true;
	/* Loaded and SEAM_READY, no TDH.SYS.INIT yet: the OS could initialize
	 * it; init_sys_init changes this once SYS.INIT succeeds. */
	c->rec.module_state = TDXBOOT_MODSTATE_UNTOUCHED;
	init_log(c, INIT_LOG_INFO, "TDX module installed through P-SEAMLDR on %u CPUs (TDX-BLOB v%u, %u pages, SVN %u.%u)",
		 c->ex->n_lps, v.version >> 8, v.module_pages, v.seamsvn >> 8, v.seamsvn & 0xff);
	return TB_OK;
}

/*
 * After a failed initialization that got past TDH.SYS.INIT, the module
 * cannot be initialized again until it is reloaded (TDH.SYS.INIT answers
 * SYS_INIT_NOT_PENDING).  When tdxboot loaded it from a TDX-BLOB and every
 * CPU still answers, it loads the same module again through P-SEAMLDR
 * (LOAD scenario, every LP, the boot CPU last): the LOAD wipe puts the new
 * copy in SYSINIT_PENDING (docs/reference/tdx-abi.md §11.5), so the OS can
 * run its own initialization.  The same SVN is not a downgrade, so no
 * ECLEANUPREQ.  Quietly best-effort: the first failure stays the one
 * recorded.
 */
void init_module_reinstall(struct init_ctx *c)
{
	if (!c->seamldr_params_pa || c->rec.module_state != TDXBOOT_MODSTATE_UNUSABLE ||
	    init_lost_lps(c))
		return;
	for (uint32_t k = 0; k < c->ex->n_lps; k++) {
		/* APs in order, the boot CPU last (the last LP performs the load). */
		uint32_t lp = k + 1 == c->ex->n_lps ? c->ex->bsp : k + (k >= c->ex->bsp);

		if (init_seam_on_one(c, TDXBOOT_STEP_SEAMLDR_INSTALL, lp, install_on_lp) != TB_OK ||
		    c->lp[lp].st != TB_OK) {
			if (c->lp[lp].out_rdx == 1)
				c->rec.module_state = TDXBOOT_MODSTATE_NOT_LOADED;
			init_log(c, INIT_LOG_WARN, "rollback: re-installing the TDX module failed on CPU %u (%s); TDX stays unusable until a reset",
				 lp, tdx_status_name(c->lp[lp].status));
			return;
		}
	}
	if (seamldr_info(c) != TB_OK || !c->seamldr.seamextend.seam_ready) {
		init_log(c, INIT_LOG_WARN, "rollback: P-SEAMLDR did not load the TDX module again; TDX stays unusable until a reset");
		return;
	}
	c->rec.module_state = TDXBOOT_MODSTATE_UNTOUCHED;
	c->rec.module.reinstalled = true;
	init_log(c, INIT_LOG_INFO, "rollback: TDX module re-installed through P-SEAMLDR; the OS can initialize it itself");
}

/*
 * TDH.SYS.DISABLE (docs/reference/tdx-abi.md §17): where no TDX-BLOB is at
 * hand to reload the module, a newer module can be returned to its initial
 * state, so the OS initializes it from scratch (TDH.SYS.INIT onwards).
 * Linux ignores the enumeration bit and calls the leaf; tdxboot does the
 * same: a module without it answers OPERAND_INVALID (SYS_NOT_READY before
 * SYS_READY on 1.5), and TDX then stays unusable until a reset.  Retried
 * on INTERRUPTED_RESUMABLE and SYS_BUSY as Linux does, but bounded.  The
 * module's reset may leave private-KeyID lines in this CPU's cache, so the
 * boot CPU flushes after its last SEAMCALL, before any PAMT goes back.
 * Not with a CPU lost: it may still be inside a SEAMCALL.
 */
#define INIT_DISABLE_RETRIES 10000

static uint64_t disable_call(struct init_ctx *c)
{
	uint64_t status = 0;

	for (int i = 0; i < INIT_DISABLE_RETRIES; i++) {
		struct seam_regs r = { .rax = TDH_SYS_DISABLE };

		status = init_seamcall(c, c->ex->bsp, &r);
		if (status != TDX_INTERRUPTED_RESUMABLE && status != TDX_SYS_BUSY)
			break;
	}
	return status;
}

static bool disable_not_offered(uint64_t status)
{
	return tdx_status_code(status) == TDX_OPERAND_INVALID ||
	       tdx_status_code(status) == TDX_SYS_NOT_READY;
}

void init_module_disable(struct init_ctx *c)
{
	uint64_t status;

	if (c->rec.module_state != TDXBOOT_MODSTATE_UNUSABLE || init_lost_lps(c))
		return;
	if (init_bsp_vmx_enter(c, TDXBOOT_STEP_ROLLBACK) != TB_OK) {
		init_log(c, INIT_LOG_WARN, "rollback: VMXON failed on the boot CPU: TDH.SYS.DISABLE not attempted; TDX stays unusable until a reset");
		return;
	}
	status = disable_call(c);
	init_bsp_vmx_leave(c);
	c->be->ops->wbinvd(c->be->ctx, c->ex->bsp);
	if (status == TDX_SUCCESS) {
		c->rec.module_state = TDXBOOT_MODSTATE_UNTOUCHED;
		c->rec.module.sys_disabled = true;
		init_log(c, INIT_LOG_INFO, "rollback: TDX module disabled with TDH.SYS.DISABLE; the OS can initialize it from scratch");
	} else if (disable_not_offered(status)) {
		init_log(c, INIT_LOG_WARN, "rollback: the TDX module does not offer TDH.SYS.DISABLE (%s) and no TDX-BLOB is at hand to reload it; TDX stays unusable until a reset",
			 tdx_status_name(status));
	} else {
		init_log(c, INIT_LOG_WARN, "rollback: SEAMCALL (TDH.SYS.DISABLE) failed: 0x%016llx (%s); TDX stays unusable until a reset",
			 (unsigned long long)status, tdx_status_name(status));
	}
}
