/* SPDX-License-Identifier: MIT */
/*
 * TDH.SYS.LP.INIT: once per LP, after SYS.INIT and before CONFIG; the LP's
 * MSRs and CPUID must equal what SYS.INIT sampled.
 * tdx-abi.md §3, §4 (LP.INIT row and notes); module tdh_sys_lp_init.c.
 */
#include "emu/internal.h"

/* Every sampled MSR except MISC_ENABLE, whose only rule is LIMIT_CPUID_MAXVAL. */
static uint64_t lp_init_compare_msrs(const struct emu *e, const struct emu_lp_cfg *lp)
{
	for (int i = 0; i < EMU_MSR_COUNT; i++) {
		if (i == EMU_MSR_MISC_ENABLE)
			continue;
		if (lp->msr[i] != e->mod.msr_sample[i])
			return tdx_status_with_operand(TDX_INCONSISTENT_MSR,
						       emu_lp_msr_index((enum emu_lp_msr)i));
	}
	return TDX_SUCCESS;
}

static const uint32_t cpuid_leaf_of[EMU_CPUID_COUNT] = {
	[EMU_CPUID_1_EAX] = 1,
	[EMU_CPUID_7_0_ECX] = 7,
	[EMU_CPUID_80000008_EAX] = 0x80000008u,
};

static uint64_t lp_init_compare_cpuid(struct emu_call *c, const struct emu_lp_cfg *lp)
{
	for (int i = 0; i < EMU_CPUID_COUNT; i++) {
		if (lp->cpuid[i] != c->e->mod.cpuid_sample[i]) {
			/* RCX = leaf (subleaf 0 in the high half), as SYS.INIT reports. */
			c->r->rcx = cpuid_leaf_of[i];
			return TDX_INCONSISTENT_CPUID_FIELD;
		}
	}
	return TDX_SUCCESS;
}

static uint64_t lp_init_shared(struct emu_call *c)
{
	struct emu *e = c->e;
	struct emu_lp_state *s = &e->lp[c->lp];
	const struct emu_lp_cfg *lp = &e->plat->lp[c->lp];
	uint32_t pkg;
	uint64_t st;

	c->r->rcx = c->r->rdx = c->r->r8 = 0;
	/* The state check precedes the per-LP check (§3 consequences). */
	if (emu_state_load(e) != EMU_SYSINIT_DONE)
		return TDX_SYS_LP_INIT_NOT_PENDING;
	if (__atomic_load_n(&s->lp_is_init, __ATOMIC_ACQUIRE))
		return TDX_SYS_LP_INIT_DONE;
	if ((st = lp_init_compare_msrs(e, lp)) != TDX_SUCCESS)
		return st;
	if ((st = lp_init_compare_cpuid(c, lp)) != TDX_SUCCESS)
		return st;
	if (lp->msr[EMU_MSR_MISC_ENABLE] & MISC_ENABLE_LIMIT_CPUID_MAXVAL)
		return TDX_LIMIT_CPUID_MAXVAL_SET;
	/* Package id from the x2APIC id; the module tracks at most 8 (§4 notes). */
	pkg = lp->x2apic_id >> e->plat->pkg_shift;
	if (pkg >= TDX_MAX_PKGS)
		return TDX_INVALID_PKG_ID;
	s->pkg_id = pkg;
	__atomic_store_n(&s->lp_is_init, 1, __ATOMIC_RELEASE);
	__atomic_add_fetch(&e->mod.num_init_lps, 1, __ATOMIC_ACQ_REL);
	return TDX_SUCCESS;
}

uint64_t emu_lp_init(struct emu_call *c)
{
	uint64_t st;

	/* Global lock shared: LP.INITs run concurrently with each other (§4). */
	if (!emu_lock_try_shared(&c->e->mod.global_lock))
		return TDX_SYS_BUSY;
	st = lp_init_shared(c);
	emu_lock_release_shared(&c->e->mod.global_lock);
	return st;
}
