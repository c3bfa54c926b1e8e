/* SPDX-License-Identifier: MIT */
/*
 * The leaves that end a module's life: TDH.SYS.LP.SHUTDOWN (a no-op in
 * 1.5), TDH.SYS.SHUTDOWN (update flow) and TDH.SYS.DISABLE (newer modules).
 * docs/reference/tdx-abi.md §3, §4 (rows), §12 (kexec/DISABLE).
 */
#include "emu/internal.h"

#include "lib/mem.h"

/* 1.5: "deprecated no-op returning SUCCESS" (§4). */
uint64_t emu_lp_shutdown(struct emu_call *c)
{
	return TDX_SUCCESS;
}

/*
 * RCX = handoff version, min_update_hv <= hv <= module_hv (§4 SHUTDOWN
 * row), checked before the global lock is taken (module 1.5.01
 * tdh_sys_shutdown.c:50-66).
 */
uint64_t emu_sys_shutdown(struct emu_call *c)
{
	struct emu *e = c->e;
	const struct emu_module_desc *d = &e->mod.desc;
	uint64_t hv = c->r->rcx;

	if (hv < d->min_update_hv || hv > d->module_hv)
		return tdx_status_with_operand(TDX_OPERAND_INVALID, TDX_OPERAND_ID_RCX);
	if (!emu_lock_try_excl(&e->mod.global_lock))
		return TDX_SYS_BUSY;
	emu_state_store(e, EMU_SYS_SHUTDOWN);
	emu_lock_release_excl(&e->mod.global_lock);
	return TDX_SUCCESS;
}

/*
 * TDH.SYS.DISABLE (newer modules, §4, [LKML-DIS]).  INFERENCE: it returns
 * the module to an initialisable state; modelled as a reset to
 * SYSINIT_PENDING that forgets LPs, TDMRs and keys.  Contention returns
 * TDX_SYS_BUSY, which Linux retries.
 */
uint64_t emu_sys_disable(struct emu_call *c)
{
	struct emu *e = c->e;
	struct emu_module_desc desc = e->mod.desc;

	if (!emu_lock_try_excl(&e->mod.global_lock))
		return TDX_SYS_BUSY;
	memset(&e->mod, 0, sizeof(e->mod));
	e->mod.desc = desc;
	for (uint32_t lp = 0; lp < EMU_MAX_LPS; lp++)
		__atomic_store_n(&e->lp[lp].lp_is_init, 0, __ATOMIC_RELEASE);
	/* The memset released the lock and set SYSINIT_PENDING (0). */
	return TDX_SUCCESS;
}
