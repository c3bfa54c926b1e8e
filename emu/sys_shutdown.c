/* SPDX-License-Identifier: MIT */
/*
 * The leaves that end a module's life: TDH.SYS.LP.SHUTDOWN (a no-op in
 * 1.5), TDH.SYS.SHUTDOWN (update flow) and TDH.SYS.DISABLE (newer modules).
 * docs/reference/tdx-abi.md §3, §4 (rows), §12 (kexec), §16 (DISABLE).
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
 * What TDH.SYS.DISABLE does, from Linux's wrapper and its patch
 * (docs/reference/tdx-abi.md §17): the module is disabled, "all memory
 * resources allocated to TDX are freed and reset" (the PAMTs, which the
 * module wrote with its private KeyID), and the next user "can then
 * re-initialize the TDX module from scratch via the normal TDX bring-up
 * sequence": TDH.SYS.INIT works again, every LP needs LP.INIT again.
 * The module's own reset writes may leave lines in the calling LP's cache:
 * Linux runs WBINVD on every CPU after it, because that flush "needs to
 * happen after the last SEAMCALL that might have produced them".  The
 * leaf passes the not-ready gate (Linux calls it on modules in any state).
 * Contention returns TDX_SYS_BUSY, which Linux retries.
 */
static void disable_reset_pamts(struct emu_call *c)
{
	static const uint8_t zero[64];
	struct emu *e = c->e;

	for (uint32_t i = 0; i < e->mod.num_tdmrs && i < TDX_MAX_TDMRS; i++) {
		const struct tdmr_info *t = &e->mod.tdmr[i].info;
		const uint64_t base[3] = { t->pamt_4k_base, t->pamt_2m_base, t->pamt_1g_base };
		const uint64_t size[3] = { t->pamt_4k_size, t->pamt_2m_size, t->pamt_1g_size };

		for (int l = 0; l < 3; l++)
			for (uint64_t off = 0; off + 64 <= size[l]; off += 64)
				e->mem.write(e->mem.ctx, base[l] + off, zero, sizeof(zero));
	}
	__atomic_store_n(&e->lp[c->lp].private_dirty, 1, __ATOMIC_RELEASE);
}

uint64_t emu_sys_disable(struct emu_call *c)
{
	struct emu *e = c->e;
	struct emu_module_desc desc = e->mod.desc;

	if (!emu_lock_try_excl(&e->mod.global_lock))
		return TDX_SYS_BUSY;
	disable_reset_pamts(c);
	memset(&e->mod, 0, sizeof(e->mod));
	e->mod.desc = desc;
	for (uint32_t lp = 0; lp < EMU_MAX_LPS; lp++)
		__atomic_store_n(&e->lp[lp].lp_is_init, 0, __ATOMIC_RELEASE);
	/* The memset released the lock and set SYSINIT_PENDING (0). */
	return TDX_SUCCESS;
}
