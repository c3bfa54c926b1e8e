/* SPDX-License-Identifier: MIT */
#include "boot/tdx.h"

#include "boot/attempt.h"
#include "boot/console.h"
#include "boot/efi_util.h"
#include "boot/emu_seamrr.h"
#include "boot/exec_mp.h"
#include "boot/handoff_install.h"
#include "boot/measure.h"
#include "boot/memreserve.h"
#include "boot/tdx_backend.h"
#include "boot/tdx_ops.h"
#include "core/init.h"
#include "lib/fmt.h"
#include "lib/mem.h"
#include "lib/handoff.h"
#include "lib/tdxboot_handoff.h"

/* The step's whole state, in pool memory (the plan inside is large). */
struct tdx_state {
	struct executor ex;
	struct exec_mp_ctx ex_ctx;
	struct tdx_backend backend;
	struct tdx_ops_ctx ops_ctx;
	struct init_platform_ops ops;
	struct init_input in;
	struct init_ctx init;
	struct plan_numa numa[SRAT_MEM_CAP];
	struct boot_file blob;
	struct emu_seamrr_pages seamrr;
};

/* SRAT memory affinity as the planner takes it: Linux's node ids. */
static size_t tdx_numa(const struct boot_acpi *acpi, struct plan_numa *out)
{
	if (!acpi->have_srat)
		return 0;
	for (uint32_t i = 0; i < acpi->srat.n_mem; i++)
		out[i] = (struct plan_numa){ acpi->srat.mem[i].base, acpi->srat.mem[i].size,
					     acpi->srat.mem[i].node };
	return acpi->srat.n_mem;
}

static void tdx_policy(const struct tb_config *cfg, struct init_policy *p)
{
	p->parallel = cfg->parallel == CONFIG_YES;
	p->dpamt = cfg->dpamt == CONFIG_DPAMT_AUTO;
	p->noncmr = cfg->noncmr == CONFIG_NONCMR_EXCLUDE ? PLAN_NONCMR_EXCLUDE : PLAN_NONCMR_FAIL;
	p->coalesce = cfg->coalesce == CONFIG_YES;
	/* Linux retries RDRAND-class failures 10 times (docs/reference/tdx-abi.md §1.4). */
	p->key_retries = 10;
	/* TCG returns 0 for MSRs it does not know (docs/reference/toolchain.md §3): only the
	 * real backend reads the enabling MSRs of the CPU itself. */
	p->check_msrs = true;
	/* The emulated platform answers TSC_ADJUST itself (emu/platform.c). */
	p->check_tsc_adjust = true;
	p->tsc_adjust_any = cfg->tsc_adjust == CONFIG_TSC_ADJUST_ANY;
}

static tb_status tdx_read_blob(const struct tdx_env *env, struct tdx_state *s)
{
	struct tb_err err;

	if (!env->cfg->module[0])
		return TB_OK;
	tb_err_clear(&err);
	if (file_read(env->files, env->cfg->module, &s->blob, &err) != TB_OK) {
		con_log(CON_ERROR, "module: %s\n", err.msg);
		return TB_ENOTFOUND;
	}
	s->in.blob = s->blob.data;
	s->in.blob_size = s->blob.size;
	con_printf("tdx: module file %s, %llu bytes\n", env->cfg->module,
		   (unsigned long long)s->blob.size);
	return TB_OK;
}

/*
 * TDX needs code on every CPU (LP.INIT on each; P-SEAMLDR loads on the last
 * of all of them): refuse up front when the MADT lists CPUs MP Services
 * cannot reach.  Without MP Services, mp_init leaves the boot CPU alone.
 */
static tb_status tdx_check_cpus(const struct tdx_env *env, struct tb_err *err)
{
	uint32_t listed = env->acpi->have_madt ? env->acpi->madt.n_enabled : 0;

	if (listed <= env->mp->n_cpus)
		return TB_OK;
	if (!env->mp->mp)
		tb_err_set(err, "MP Services is absent, so tdxboot runs code on 1 CPU, but the MADT lists %u enabled CPUs and TDX needs every one",
			   listed);
	else
		tb_err_set(err, "MP Services reaches %llu CPUs but the MADT lists %u enabled CPUs; TDX needs every one",
			   (unsigned long long)env->mp->n_cpus, listed);
	return TB_EUNSUPPORTED;
}

static tb_status tdx_prepare(const struct tdx_env *env, struct tdx_state *s, struct tb_err *err)
{
	tb_status st = tdx_check_cpus(env, err);

	if (st == TB_OK)
		st = exec_mp_init(&s->ex, &s->ex_ctx, env->mp, env->cfg->ap_timeout_ms, err);
	if (st != TB_OK)
		return st;
	if (tdx_read_blob(env, s) != TB_OK) {
		tb_err_set(err, "the configured module file could not be read");
		return TB_ENOTFOUND;
	}
	st = tdx_backend_setup(env->st, env->cfg, &s->ex, env->memmap, s->in.blob != NULL,
			       &s->backend, err);
	if (st != TB_OK)
		return st;
	s->ops_ctx.st = env->st;
	s->ops_ctx.timer = env->timer;
	s->ops_ctx.memmap = env->memmap;
	s->ops_ctx.mem = efi_alloc_zero(env->st, TDX_OPS_PLAN_MEM_CAP * sizeof(struct plan_mem));
	if (!s->ops_ctx.mem) {
		tb_err_set(err, "cannot allocate the planner's memory map");
		return TB_ENOMEM;
	}
	tdx_ops_init(&s->ops, &s->ops_ctx);
	s->in.numa = s->numa;
	s->in.n_numa = tdx_numa(env->acpi, s->numa);
	s->in.all_cpus_enabled = env->mp->n_enabled == env->mp->n_cpus;
	tdx_policy(env->cfg, &s->in.policy);
	return TB_OK;
}

/* For kernels that do not read the handoff: every PAMT in Linux's
 * memreserve table so its allocator never gets those pages. */
static void tdx_memreserve(const struct tdx_env *env, const struct plan_output *p)
{
	struct tb_err err;

	for (uint32_t i = 0; i < p->n_tdmrs; i++) {
		for (int l = 0; l < 3; l++) {
			if (!p->tdmrs[i].pamt_size[l])
				continue;
			tb_err_clear(&err);
			if (memreserve_add(env->st, p->tdmrs[i].pamt_base[l], p->tdmrs[i].pamt_size[l],
					   &err) != TB_OK) {
				con_log(CON_WARN, "%s\n", err.msg);
				return;
			}
		}
	}
}

/* What tdxboot loaded and what it tells the OS, measured into PCR 13
 * (docs/chainload.md explains the choice). */
static void tdx_measure(const struct tdx_env *env, const struct init_input *in,
			const void *table, size_t len)
{
	struct tb_err err;

	if (!measure_available(env->st))
		return;
	tb_err_clear(&err);
	if (in && in->blob && measure_data(env->st, TDXBOOT_MEASURE_PCR, TDXBOOT_TAG_MODULE,
					   in->blob, in->blob_size, "tdxboot TDX-BLOB",
					   &err) != TB_OK)
		con_log(CON_WARN, "%s\n", err.msg);
	tb_err_clear(&err);
	if (measure_data(env->st, TDXBOOT_MEASURE_PCR, TDXBOOT_TAG_HANDOFF, table, len,
			 "tdxboot handoff table", &err) != TB_OK)
		con_log(CON_WARN, "%s\n", err.msg);
}

/* The table for rec; s is NULL when TDX was skipped before any state. */
static void tdx_publish(const struct tdx_env *env, const struct tdx_state *s,
			const struct handoff_record *rec, struct tdx_outcome *out)
{
	size_t len = handoff_size(rec), got = 0;
	void *buf = efi_alloc_zero(env->st, len);
	struct tb_err err;

	tb_err_clear(&err);
	if (!buf || handoff_build(rec, buf, len, &got, &err) != TB_OK ||
	    handoff_install_at(env->st, buf, got, &out->table_pa, &err) != TB_OK) {
		con_log(CON_ERROR, "handoff table not installed: %s\n",
			err.msg[0] ? err.msg : "out of memory");
		/* The module stays initialized: the OS cannot use TDX without
		 * the table, but must not get the PAMT pages either. */
		if (out->success)
			con_log(CON_ERROR, "tdx: the OS will not see that TDX is initialized; its PAMT memory stays reserved\n");
	} else {
		con_printf("tdx: handoff table (%zu bytes, version 1.1) at 0x%llx\n", got,
			   (unsigned long long)out->table_pa);
		tdx_measure(env, s ? &s->in : NULL, buf, got);
	}
	efi_free(env->st, buf);
	/* Quarantined PAMTs stay out of the OS's hands too (core/init_rollback.c). */
	if (s && (out->success || rec->outcome == TDXBOOT_OUTCOME_QUARANTINED))
		tdx_memreserve(env, &s->init.plan);
}

static void tdx_outcome_fill(struct tdx_state *s, tb_status st, struct tdx_outcome *out)
{
	const struct handoff_record *rec = &s->init.rec;
	const struct handoff_module_info *m = &rec->module;

	out->attempted = true;
	out->success = st == TB_OK;
	out->emulated = s->backend.emulated;
	if (out->success)
		fmt_snprintf(out->status, sizeof(out->status), "success%s",
			     out->emulated ? " (emulated)" : "");
	else
		fmt_snprintf(out->status, sizeof(out->status), "failed at %s: %s",
			     handoff_step_name(rec->step), rec->message);
	if (m->valid)
		fmt_snprintf(out->module_version, sizeof(out->module_version), "%u.%u.%02u.%04u",
			     m->major_version, m->minor_version, m->update_version,
			     m->internal_version);
	out->pamt_kb = out->success ? s->init.plan.pamt_bytes / 1024 : 0;
	for (uint32_t i = 0; i < rec->n_phases; i++)
		if (rec->phases[i].phase == TDXBOOT_PHASE_TOTAL)
			out->init_time_us = rec->phases[i].usec;
}

static void tdx_report_phases(const struct handoff_record *rec)
{
	con_printf("tdx: phase timings:");
	for (uint32_t i = 0; i < rec->n_phases; i++)
		con_printf(" %s %llu.%03llu ms", rec->phases[i].phase == TDXBOOT_PHASE_TOTAL ? "total"
				: handoff_step_name(rec->phases[i].phase),
			   (unsigned long long)(rec->phases[i].usec / 1000),
			   (unsigned long long)(rec->phases[i].usec % 1000));
	con_printf("\n");
}

/* Not attempted: the table still says so, and why (docs/handoff.md). */
static void tdx_record_skip(const struct tdx_env *env, struct handoff_record *rec, tb_status st,
			    const char *why, uint32_t flags)
{
	memset(rec, 0, sizeof(*rec));
	rec->step = TDXBOOT_STEP_PREFLIGHT;
	rec->outcome = TDXBOOT_OUTCOME_SKIPPED;
	rec->module_state = TDXBOOT_MODSTATE_UNKNOWN;
	rec->lp_index = TDXBOOT_LP_NONE;
	rec->error = st;
	rec->emulated = env->cfg->backend == CONFIG_BACKEND_EMULATE;
	rec->n_lps = (uint32_t)env->mp->n_cpus;
	rec->n_packages = env->mp->n_packages;
	rec->bsp_index = (uint32_t)env->mp->bsp;
	rec->status_flags = flags;
	fmt_snprintf(rec->message, sizeof(rec->message), "%s", why);
}

/*
 * The step's one release function, called on every path once the table is
 * published: the backend (SEAMCALL trap, real-backend regions, emulator and
 * its platform), the planner's map copy, the module file, the state.
 */
static void tdx_state_release(const struct tdx_env *env, struct tdx_state *s)
{
	tdx_backend_release(env->st, &s->backend);
	emu_seamrr_release(env->st, &s->seamrr);
	efi_free(env->st, s->ops_ctx.mem);
	if (s->blob.data)
		file_free(env->files, &s->blob);
	efi_free(env->st, s);
}

/*
 * TDX not attempted: said on the console, in the table and TdxbootStatus.
 * Needs only the record, so a boot that skips TDX before the attempt never
 * allocates (and zeroes) the initializer's 20 MB state.
 */
static void tdx_skip(const struct tdx_env *env, struct tdx_outcome *out, tb_status st,
		     const char *why, uint32_t flags)
{
	struct handoff_record *rec = efi_alloc_zero(env->st, sizeof(*rec));

	con_log(st == TB_EUNSUPPORTED ? CON_WARN : CON_ERROR,
		"tdx: %s; TDX initialization skipped\n", why);
	fmt_snprintf(out->status, sizeof(out->status), "skipped: %s", why);
	if (!rec) {
		con_log(CON_ERROR, "tdx: out of memory: no handoff table\n");
		return;
	}
	tdx_record_skip(env, rec, st, why, flags);
	tdx_publish(env, NULL, rec, out);
	efi_free(env->st, rec);
}

/* Why TDX is not attempted at all, decided before anything is allocated. */
static bool tdx_refused(const struct tdx_env *env, struct tb_err *err, uint32_t *flags)
{
	const char *why;

	*flags = 0;
	if (attempt_unfinished(env->st, err->msg, sizeof(err->msg))) {
		*flags = TDXBOOT_STATUS_PREV_ATTEMPT_UNFINISHED;
		return true;
	}
	if (env->cfg->backend == CONFIG_BACKEND_EMULATE)
		return false;
	why = tdx_backend_real_refusal();
	if (why)
		tb_err_set(err, "TDX is not available: %s; set backend=emulate for a dry run", why);
	return why != NULL;
}

void tdx_step(const struct tdx_env *env, struct tdx_outcome *out)
{
	struct tdx_state *s;
	struct attempt guard;
	struct tb_err err;
	uint32_t flags;
	tb_status st;

	memset(out, 0, sizeof(*out));
	tb_err_clear(&err);
	if (tdx_refused(env, &err, &flags)) {
		tdx_skip(env, out, flags ? TB_ETIMEOUT : TB_EUNSUPPORTED, err.msg, flags);
		return;
	}
	s = efi_alloc_zero(env->st, sizeof(*s));
	if (!s) {
		con_log(CON_ERROR, "tdx: cannot allocate the initializer's state; TDX skipped\n");
		return;
	}
	st = tdx_prepare(env, s, &err);
	if (st == TB_OK)
		st = attempt_begin(&guard, env->st, env->cfg, s->backend.emulated, s->ex.n_lps,
				   env->memmap, &err);
	if (st != TB_OK) {
		tdx_backend_release(env->st, &s->backend);
		tdx_skip(env, out, st, err.msg, 0);
		tdx_state_release(env, s);
		return;
	}
	con_printf("tdx: %s backend, %u CPUs in %u packages\n", s->backend.be.name, s->ex.n_lps,
		   s->ex.n_pkgs);
	if (s->backend.emulated)
		emu_seamrr_reserve(env->st, &s->seamrr);
	init_setup(&s->init, &s->backend.be, &s->ex, &s->ops, &s->in);
	st = init_run(&s->init);
	if (guard.watchdog)
		s->init.rec.status_flags |= TDXBOOT_STATUS_WATCHDOG;
	attempt_end(&guard);
	if (s->backend.emulated) {
		/* Which module version the dry run emulated (docs/emulator.md "Profiles"). */
		con_printf("tdx: emulated TDX module, profile %s\n", emu_profile_name(s->backend.emu));
		emu_seamrr_publish(env->st, &s->seamrr, s->backend.emu);
	}
	tdx_backend_release(env->st, &s->backend);
	tdx_outcome_fill(s, st, out);
	tdx_report_phases(&s->init.rec);
	con_printf("tdx: %s\n", out->status);
	tdx_publish(env, s, &s->init.rec, out);
	tdx_state_release(env, s);
}
