/* SPDX-License-Identifier: MIT */
/*
 * TDH.SYS.KEY.CONFIG: program the global private KeyID once per package;
 * the last package moves the module to SYS_READY.
 * docs/reference/tdx-abi.md §3, §4 (KEY.CONFIG row), §9; module tdh_sys_key_config.c.
 */
#include "emu/internal.h"

/* Strict mode: first LP that did not report WBINVD since CONFIG, or -1. */
static int32_t key_config_missing_wbinvd(const struct emu *e)
{
	for (uint32_t lp = 0; lp < e->plat->num_lps; lp++)
		if (!__atomic_load_n(&e->lp[lp].wbinvd_done, __ATOMIC_ACQUIRE))
			return (int32_t)lp;
	return -1;
}

static uint64_t key_config_locked(struct emu_call *c)
{
	struct emu *e = c->e;
	struct emu_module *m = &e->mod;
	uint32_t pkg = e->lp[c->lp].pkg_id;
	int32_t missing;

	if (emu_state_load(e) != EMU_SYSCONFIG_DONE)
		return TDX_SYS_KEY_CONFIG_NOT_PENDING;
	/* Informational (bit 63 clear): this package already has the key. */
	if (m->pkg_config_bitmap & (1u << pkg))
		return TDX_KEY_CONFIGURED;
	/*
	 * Not a module rule: the module cannot see caches.  Without WBINVD the
	 * PAMT's KeyID-0 dirty lines would later overwrite module data (§9).
	 */
	if (e->strict_wbinvd && (missing = key_config_missing_wbinvd(e)) >= 0) {
		emu_diag_set(e, "emulator (strict): LP %d did not execute WBINVD between TDH.SYS.CONFIG and TDH.SYS.KEY.CONFIG",
			     (int)missing);
		return tdx_status_with_operand(TDX_EMU_WBINVD_MISSING, (uint32_t)missing);
	}
	/* PCONFIG(SET_KEY_RANDOM): one key for the global KeyID (private.c). */
	if (m->num_init_pkgs == 0)
		emu_private_new_key(e, m->hkid);
	m->pkg_config_bitmap |= 1u << pkg;
	m->num_init_pkgs++;
	if (m->num_init_pkgs == m->num_pkgs)
		emu_state_store(e, EMU_SYS_READY);
	return TDX_SUCCESS;
}

uint64_t emu_key_config(struct emu_call *c)
{
	uint64_t st;

	/* Exclusive global lock: packages must go one at a time (§9). */
	if (!emu_lock_try_excl(&c->e->mod.global_lock))
		return TDX_SYS_BUSY;
	st = key_config_locked(c);
	emu_lock_release_excl(&c->e->mod.global_lock);
	return st;
}
