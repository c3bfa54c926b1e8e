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

static bool lp_cpuid_in_range(uint32_t leaf, uint32_t last_base, uint32_t last_ext)
{
	return leaf <= last_base || (leaf >= 0x80000000u && leaf <= last_ext);
}

/* One lookup row: equal to the SYS.INIT sample under verify_same. */
static uint64_t lp_cpuid_row(struct emu_call *c, uint32_t i, const uint32_t v[4])
{
	const struct emu_cpuid_rule *rule = emu_cpuid_rule(c->e, i);
	const uint32_t *s = c->e->mod.cpuid_sample[i];

	for (int r = 0; r < 4; r++) {
		if (((v[r] ^ s[r]) & rule->verify_same[r]) == 0)
			continue;
		c->r->rcx = rule->leaf | (uint64_t)rule->subleaf << 32;
		c->r->rdx = rule->verify_same[0] | (uint64_t)rule->verify_same[1] << 32;
		c->r->r8 = rule->verify_same[2] | (uint64_t)rule->verify_same[3] << 32;
		return TDX_INCONSISTENT_CPUID_FIELD;
	}
	return TDX_SUCCESS;
}

/*
 * compare_cpuid_configuration (module 1.5.01 tdh_sys_lp_init.c lines
 * 126-237): LIMIT_CPUID_MAXVAL, then every lookup row in index order under
 * its verify_same mask (leaves this CPU does not enumerate are skipped);
 * the package id comes from CPUID 0x1F.0 EDX with SYS.INIT's shift.
 */
static uint64_t lp_compare_cpuid(struct emu_call *c, const struct emu_lp_cfg *lp,
				 uint32_t *pkg)
{
	const struct emu *e = c->e;
	uint32_t last_base, last_ext, v[4];
	uint64_t st;

	if (lp->msr[EMU_MSR_MISC_ENABLE] & MISC_ENABLE_LIMIT_CPUID_MAXVAL)
		return TDX_LIMIT_CPUID_MAXVAL_SET;
	emu_platform_cpuid(e->plat, c->lp, 0, 0, v);
	last_base = v[EMU_EAX];
	emu_platform_cpuid(e->plat, c->lp, 0x80000000u, 0, v);
	last_ext = v[EMU_EAX];
	for (uint32_t i = 0; i < emu_cpuid_rule_count(e); i++) {
		const struct emu_cpuid_rule *rule = emu_cpuid_rule(e, i);

		emu_platform_cpuid(e->plat, c->lp, rule->leaf, rule->subleaf, v);
		if (!lp_cpuid_in_range(rule->leaf, last_base, last_ext))
			continue;
		if ((st = lp_cpuid_row(c, i, v)) != TDX_SUCCESS)
			return st;
		if (rule->leaf == 0x1F && rule->subleaf == 0) {
			*pkg = v[EMU_EDX] >> (e->mod.x2apic_pkg_shift & 31);
			if (*pkg >= TDX_MAX_PKGS)
				return tdx_status_with_operand(TDX_INVALID_PKG_ID, *pkg);
		}
	}
	return TDX_SUCCESS;
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
	/* SMRR2 base then mask, when in use (tdh_sys_lp_init.c:106-118). */
	static const enum emu_lp_msr smrr2[] = { EMU_MSR_SMRR2_PHYSBASE, EMU_MSR_SMRR2_PHYSMASK };
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
	    (emu_smrr2_used(e, lp) && (st = lp_compare_msrs(e, lp, smrr2, 2)) != TDX_SUCCESS) ||
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
