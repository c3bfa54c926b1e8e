/* SPDX-License-Identifier: MIT */
#include "boot/exec_mp.h"

#include "boot/efi_util.h"

struct exec_mp_call {
	TB_EFI_MP_SERVICES_PROTOCOL *mp;
	exec_fn fn;
	void *arg;
	uint32_t n;
};

/* Runs on an AP: find our processor number, call fn with it. */
static VOID EFIAPI exec_mp_trampoline(VOID *p)
{
	struct exec_mp_call *c = p;
	UINTN me = 0;

	if (c->mp->WhoAmI(c->mp, &me) != EFI_SUCCESS || me >= c->n)
		return;
	c->fn(c->arg, (uint32_t)me);
}

/* PI 1.8 vol. 2 §13.4: the failed-CPU list ends with END_OF_CPU_LIST. */
#define EXEC_MP_END_OF_CPU_LIST 0xffffffffu

/*
 * Names the CPUs that did not finish in time, from the list StartupAllAPs
 * hands back (the caller frees it), so the operator knows which one hung.
 */
static void exec_mp_name_failed(struct exec_mp_ctx *x, UINTN *failed, struct tb_err *err)
{
	struct mp_ctx *mp = x->mp;
	uint32_t n = 0;

	while (failed && failed[n] != EXEC_MP_END_OF_CPU_LIST && n < mp->n_cpus)
		n++;
	if (n && failed[0] < mp->n_cpus)
		tb_err_set(err, "MP Services StartupAllAPs: EFI_TIMEOUT: %u CPU%s did not finish in %u ms, the first CPU %llu (APIC 0x%llx)",
			   n, n == 1 ? "" : "s", x->timeout_ms, (unsigned long long)failed[0],
			   (unsigned long long)mp->cpus[failed[0]].apic_id);
	else
		tb_err_set(err, "MP Services StartupAllAPs: EFI_TIMEOUT (a CPU did not finish in %u ms)",
			   x->timeout_ms);
	if (failed)
		mp->bs->FreePool(failed);
}

static tb_status exec_mp_run_all(void *ctx, exec_fn fn, void *arg, struct tb_err *err)
{
	struct exec_mp_ctx *x = ctx;
	struct mp_ctx *mp = x->mp;
	struct exec_mp_call c = { mp->mp, fn, arg, (uint32_t)mp->n_cpus };

	if (mp->mp && mp->n_cpus > 1) {
		UINTN *failed = NULL;
		/*
		 * Blocking (WaitEvent = NULL) with a timeout: a CPU that hangs
		 * becomes an error, not a hung boot.  APs run concurrently
		 * (SingleThread = FALSE); the BSP runs fn after they finish.
		 */
		EFI_STATUS s = mp->mp->StartupAllAPs(mp->mp, exec_mp_trampoline, FALSE,
						      NULL, (UINTN)x->timeout_ms * 1000,
						      &c, &failed);
		if (s == EFI_TIMEOUT) {
			exec_mp_name_failed(x, failed, err);
			return TB_ETIMEOUT;
		}
		if (failed)
			mp->bs->FreePool(failed);
		if (s != EFI_SUCCESS && s != EFI_NOT_STARTED) {
			tb_err_set(err, "MP Services StartupAllAPs: %s", efi_status_name(s));
			return TB_EIO;
		}
	}
	fn(arg, (uint32_t)mp->bsp);
	return TB_OK;
}

static tb_status exec_mp_run_on(void *ctx, uint32_t lp, exec_fn fn, void *arg,
				struct tb_err *err)
{
	struct exec_mp_ctx *x = ctx;
	struct mp_ctx *mp = x->mp;
	struct exec_mp_call c = { mp->mp, fn, arg, (uint32_t)mp->n_cpus };

	if (lp == mp->bsp) {
		fn(arg, lp);
		return TB_OK;
	}
	if (!mp->mp || lp >= mp->n_cpus) {
		tb_err_set(err, "CPU %u is not available to run on", lp);
		return TB_ENOTFOUND;
	}
	EFI_STATUS s = mp->mp->StartupThisAP(mp->mp, exec_mp_trampoline, lp, NULL,
					     (UINTN)x->timeout_ms * 1000, &c, NULL);
	if (s != EFI_SUCCESS) {
		tb_err_set(err, "MP Services StartupThisAP(CPU %u, APIC 0x%llx): %s", lp,
			   (unsigned long long)mp->cpus[lp].apic_id, efi_status_name(s));
		return s == EFI_TIMEOUT ? TB_ETIMEOUT : TB_EIO;
	}
	return TB_OK;
}

static const struct exec_ops exec_mp_ops = {
	.run_all = exec_mp_run_all,
	.run_on = exec_mp_run_on,
};

tb_status exec_mp_init(struct executor *ex, struct exec_mp_ctx *ctx,
		       struct mp_ctx *mp, uint32_t timeout_ms, struct tb_err *err)
{
	uint32_t pkg_ids[EXEC_MAX_LPS];

	if (mp->n_cpus > EXEC_MAX_LPS) {
		tb_err_set(err, "%llu CPUs, more than the %u tdxboot supports",
			   (unsigned long long)mp->n_cpus, EXEC_MAX_LPS);
		return TB_ENOSPC;
	}
	ctx->mp = mp;
	ctx->timeout_ms = timeout_ms;
	ex->ops = &exec_mp_ops;
	ex->ctx = ctx;
	ex->n_lps = (uint32_t)mp->n_cpus;
	ex->bsp = (uint32_t)mp->bsp;
	ex->n_pkgs = 0;
	/* Dense package indexes in order of first appearance. */
	for (uint32_t i = 0; i < ex->n_lps; i++) {
		uint32_t p = 0;

		while (p < ex->n_pkgs && pkg_ids[p] != mp->cpus[i].package)
			p++;
		if (p == ex->n_pkgs)
			pkg_ids[ex->n_pkgs++] = mp->cpus[i].package;
		ex->pkg_of[i] = p;
		ex->apic_id[i] = (uint32_t)mp->cpus[i].apic_id;
	}
	return TB_OK;
}
