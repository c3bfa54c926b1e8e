/* SPDX-License-Identifier: MIT */
/*
 * TDH.SYS.LP.INIT: once per LP, after SYS.INIT and before CONFIG; the LP's
 * MSRs and CPUID must equal what SYS.INIT sampled.
 * docs/reference/tdx-abi.md §3, §4 (LP.INIT row and notes); module tdh_sys_lp_init.c,
 * whose comparison order is followed: capability MSRs, CPUID (with the
 * package id at the topology leaf), SMRR, VMX MSRs, key management.
 */
#include "emu/internal.h"

static uint64_t lp_msr_differs(const struct emu *e, const struct emu_lp_cfg *lp,
			       enum emu_lp_msr m)
{
	if (lp->msr[m] == e->mod.msr_sample[m])
		return TDX_SUCCESS;
	return tdx_status_with_operand(TDX_INCONSISTENT_MSR, emu_lp_msr_index(m));
}

static uint64_t lp_compare_msrs(const struct emu *e, const struct emu_lp_cfg *lp,
				const enum emu_lp_msr *list, int n)
{
	uint64_t st;

	for (int i = 0; i < n; i++)
		if ((st = lp_msr_differs(e, lp, list[i])) != TDX_SUCCESS)
			return st;
	return TDX_SUCCESS;
}

/* RCX = leaf | subleaf << 32, RDX/R8 = the verify mask (EAX|EBX<<32, ECX|EDX<<32). */
static uint64_t lp_cpuid_differs(struct emu_call *c, const struct emu_lp_cfg *lp,
				 enum emu_lp_cpuid id, uint32_t leaf, bool in_ecx)
{
	if (lp->cpuid[id] == c->e->mod.cpuid_sample[id])
		return TDX_SUCCESS;
	c->r->rcx = leaf;
	c->r->rdx = in_ecx ? 0 : 0xFFFFFFFFull;
	c->r->r8 = in_ecx ? 0xFFFFFFFFull : 0;
	return TDX_INCONSISTENT_CPUID_FIELD;
}

/* compare_cpuid_configuration: LIMIT_CPUID_MAXVAL first, then by leaf. */
static uint64_t lp_compare_cpuid(struct emu_call *c, const struct emu_lp_cfg *lp,
				 uint32_t *pkg)
{
	uint64_t st;

	if (lp->msr[EMU_MSR_MISC_ENABLE] & MISC_ENABLE_LIMIT_CPUID_MAXVAL)
		return TDX_LIMIT_CPUID_MAXVAL_SET;
	if ((st = lp_cpuid_differs(c, lp, EMU_CPUID_1_EAX, 1, false)) != TDX_SUCCESS ||
	    (st = lp_cpuid_differs(c, lp, EMU_CPUID_7_0_ECX, 7, true)) != TDX_SUCCESS)
		return st;
	/* Topology leaf: package id from the x2APIC id, at most 8 packages. */
	*pkg = c->e->plat->lp[c->lp].x2apic_id >> c->e->plat->pkg_shift;
	if (*pkg >= TDX_MAX_PKGS)
		return tdx_status_with_operand(TDX_INVALID_PKG_ID, *pkg);
	return lp_cpuid_differs(c, lp, EMU_CPUID_80000008_EAX, 0x80000008u, false);
}

static uint64_t lp_init_compare(struct emu_call *c, const struct emu_lp_cfg *lp,
				uint32_t *pkg)
{
	static const enum emu_lp_msr caps[] = {
		EMU_MSR_MISC_PACKAGE_CTLS, EMU_MSR_XAPIC_DISABLE_STATUS,
	};
	static const enum emu_lp_msr smrr[] = {
		EMU_MSR_MTRRCAP, EMU_MSR_SMRR_PHYSBASE, EMU_MSR_SMRR_PHYSMASK,
	};
	static const enum emu_lp_msr vmx[] = { EMU_MSR_VMX_BASIC };
	static const enum emu_lp_msr keys[] = {
		EMU_MSR_TME_CAPABILITY, EMU_MSR_TME_ACTIVATE,
		EMU_MSR_MKTME_KEYID_PARTITIONING, EMU_MSR_WBINVDP, EMU_MSR_WBNOINVDP,
	};
	static const enum emu_lp_msr tsc[] = { EMU_MSR_TSC_ADJUST };
	const struct emu *e = c->e;
	uint64_t st;

	if ((st = lp_compare_msrs(e, lp, caps, 2)) != TDX_SUCCESS ||
	    (st = lp_compare_cpuid(c, lp, pkg)) != TDX_SUCCESS ||
	    (st = lp_compare_msrs(e, lp, tsc, 1)) != TDX_SUCCESS ||
	    (st = lp_compare_msrs(e, lp, smrr, 3)) != TDX_SUCCESS ||
	    (st = lp_compare_msrs(e, lp, vmx, 1)) != TDX_SUCCESS)
		return st;
	/*
	 * WBINVDP/WBNOINVDP are compared with num_of_cached_sub_blocks, the
	 * sampled WBINVDP, which SYS.INIT made equal to the sampled WBNOINVDP.
	 */
	return lp_compare_msrs(e, lp, keys, 5);
}

static uint64_t lp_init_shared(struct emu_call *c)
{
	struct emu *e = c->e;
	struct emu_lp_state *s = &e->lp[c->lp];
	uint32_t pkg = 0;
	uint64_t st;

	/* The state check precedes the per-LP check (§3 consequences). */
	if (emu_state_load(e) != EMU_SYSINIT_DONE)
		return TDX_SYS_LP_INIT_NOT_PENDING;
	if (__atomic_load_n(&s->lp_is_init, __ATOMIC_ACQUIRE))
		return TDX_SYS_LP_INIT_DONE;
	if ((st = lp_init_compare(c, &e->plat->lp[c->lp], &pkg)) != TDX_SUCCESS)
		return st;
	s->pkg_id = pkg;
	__atomic_store_n(&s->lp_is_init, 1, __ATOMIC_RELEASE);
	__atomic_add_fetch(&e->mod.num_init_lps, 1, __ATOMIC_ACQ_REL);
	return TDX_SUCCESS;
}

uint64_t emu_lp_init(struct emu_call *c)
{
	uint64_t st;

	c->r->rcx = c->r->rdx = c->r->r8 = 0;
	/* Global lock shared: LP.INITs run concurrently with each other (§4). */
	if (!emu_lock_try_shared(&c->e->mod.global_lock))
		return TDX_SYS_BUSY;
	st = lp_init_shared(c);
	emu_lock_release_shared(&c->e->mod.global_lock);
	return st;
}
