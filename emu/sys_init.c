/* SPDX-License-Identifier: MIT */
/*
 * TDH.SYS.INIT: validate the platform once, record what LP.INIT compares
 * and move SYSINIT_PENDING -> SYSINIT_DONE.
 * tdx-abi.md §3, §4 (SYS.INIT row and notes), §8.3 (CMR sanity), §9, §10;
 * module src/vmm_dispatcher/api_calls/tdh_sys_init.c.
 */
#include "emu/internal.h"

#define CPUID_MAXPHYADDR_52 0x34u

/* CPUID table check (§4 notes: CPUID.80000008H:EAX[7:0] == 0x34). */
static uint64_t sys_init_check_cpuid(struct emu_call *c, const struct emu_lp_cfg *lp)
{
	if ((lp->cpuid[EMU_CPUID_80000008_EAX] & 0xFF) == CPUID_MAXPHYADDR_52)
		return TDX_SUCCESS;
	/*
	 * RCX = leaf/subleaf, RDX/R8 = mask, R9/R10 = expected value (§2.3).
	 * Packing (INFERENCE): low half EAX/ECX, high half EBX/EDX.
	 */
	c->r->rcx = 0x80000008ull;
	c->r->rdx = 0xFF;
	c->r->r8 = 0;
	c->r->r9 = CPUID_MAXPHYADDR_52;
	c->r->r10 = 0;
	return TDX_INCORRECT_CPUID_VALUE;
}

static uint64_t msr_error(enum emu_lp_msr m)
{
	return tdx_status_with_operand(TDX_INCORRECT_MSR_VALUE, emu_lp_msr_index(m));
}

/* The MSR requirements of §4 notes and §10.2. */
static uint64_t sys_init_check_msrs(const struct emu_lp_cfg *lp)
{
	uint64_t basic = lp->msr[EMU_MSR_VMX_BASIC];
	uint64_t tme = lp->msr[EMU_MSR_TME_ACTIVATE];

	if (!(lp->msr[EMU_MSR_XAPIC_DISABLE_STATUS] & 1))
		return msr_error(EMU_MSR_XAPIC_DISABLE_STATUS);
	if (!(lp->msr[EMU_MSR_MISC_PACKAGE_CTLS] & 1))
		return msr_error(EMU_MSR_MISC_PACKAGE_CTLS);
	/* VMCS size <= 2 KB (TD_VMCS_SIZE), bits 54 and 55 set. */
	if (((basic >> 32) & 0x1FFF) > 2048 || !(basic & (1ull << 54)) ||
	    !(basic & (1ull << 55)))
		return msr_error(EMU_MSR_VMX_BASIC);
	/* TME must be locked and enabled for MKTME KeyIDs to exist (§9). */
	if ((tme & 3) != 3)
		return msr_error(EMU_MSR_TME_ACTIVATE);
	return TDX_SUCCESS;
}

/* Private KeyIDs follow the MKTME ones and stay below MAX_HKIDS (§9). */
static uint64_t sys_init_check_keyids(const struct emu_lp_cfg *lp)
{
	uint64_t part = lp->msr[EMU_MSR_MKTME_KEYID_PARTITIONING];
	uint64_t mktme = (uint32_t)part, tdx = part >> 32;

	/* INFERENCE: no TDX KeyIDs is a wrong MSR value, as Linux treats it. */
	if (tdx == 0)
		return msr_error(EMU_MSR_MKTME_KEYID_PARTITIONING);
	if (mktme + tdx >= TDX_MAX_HKIDS)
		return TDX_NUM_ACTIVATED_HKIDS_NOT_SUPPORTED;
	return TDX_SUCCESS;
}

/* MCHECK's CMRs, checked again (§8.3 check_cmrs, §13.5). */
static uint64_t sys_init_check_cmrs(const struct emu *e)
{
	uint64_t prev_end = 0;

	for (uint32_t i = 0; i < TDX_MAX_CMRS; i++) {
		const struct tdx_cmr_info *cmr = &e->plat->cmr[i];
		uint64_t end = cmr->base + cmr->size;

		if (cmr->size == 0)
			continue;
		if ((cmr->base | cmr->size) & (EMU_4K - 1) || end < cmr->base ||
		    cmr->base < prev_end || end > (1ull << TDX_MAX_PA_BITS) ||
		    emu_pa_hkid(e, cmr->base) != 0 || emu_pa_hkid(e, end - 1) != 0)
			return TDX_CMR_LIST_INVALID;
		prev_end = end;
	}
	return TDX_SUCCESS;
}

/* SMRR supported, lockable, locked, well formed, outside CMRs (§10.1). */
static uint64_t sys_init_check_smrr(const struct emu *e, const struct emu_lp_cfg *lp)
{
	uint64_t cap = lp->msr[EMU_MSR_MTRRCAP];
	uint64_t mask_msr = lp->msr[EMU_MSR_SMRR_PHYSMASK];
	uint64_t base = lp->msr[EMU_MSR_SMRR_PHYSBASE] & 0xFFFFF000ull;
	uint64_t mask = mask_msr & 0xFFFFF000ull;
	uint64_t size = (~mask & 0xFFFFFFFFull) + 1;

	if (!(cap & (1ull << 11)))
		return TDX_SMRR_NOT_SUPPORTED;
	if (!(cap & (1ull << 14)))
		return TDX_SMRR_LOCK_NOT_SUPPORTED;
	if (!(mask_msr & (1ull << 10)))
		return tdx_status_with_operand(TDX_SMRR_NOT_LOCKED, 0);
	if (!(mask_msr & (1ull << 11)))
		return TDX_SUCCESS;
	if ((size & (size - 1)) || (base & (size - 1)))
		return tdx_status_with_operand(TDX_INVALID_SMRR_CONFIGURATION, 0);
	for (uint32_t k = 0; k < TDX_MAX_CMRS; k++) {
		const struct tdx_cmr_info *cmr = &e->plat->cmr[k];
		if (cmr->size && base < cmr->base + cmr->size && cmr->base < base + size)
			return tdx_status_with_info(TDX_SMRR_OVERLAPS_CMR, 0,
						    (uint8_t)k, 0, 0);
	}
	return TDX_SUCCESS;
}

static void sys_init_record(struct emu *e, const struct emu_lp_cfg *lp)
{
	struct emu_module *m = &e->mod;
	uint64_t part = lp->msr[EMU_MSR_MKTME_KEYID_PARTITIONING];

	m->num_lps = e->plat->num_lps;
	m->num_pkgs = e->plat->num_pkgs;
	m->hkid_min = (uint16_t)((uint32_t)part + 1);
	m->hkid_max = (uint16_t)((uint32_t)part + (part >> 32));
	m->hkid_start_bit = TDX_MAX_PA_BITS -
			    (uint32_t)((lp->msr[EMU_MSR_TME_ACTIVATE] >> 32) & 0xF);
	m->sys_attributes = 0;
	for (int i = 0; i < EMU_MSR_COUNT; i++)
		m->msr_sample[i] = lp->msr[i];
	for (int i = 0; i < EMU_CPUID_COUNT; i++)
		m->cpuid_sample[i] = lp->cpuid[i];
	__atomic_store_n(&m->num_init_lps, 0, __ATOMIC_RELAXED);
}

static uint64_t sys_init_locked(struct emu_call *c)
{
	struct emu *e = c->e;
	const struct emu_lp_cfg *lp = &e->plat->lp[c->lp];
	uint64_t st;

	/* 1.5.01: all SYS attributes are reserved; checked before the state. */
	if (c->r->rcx != 0)
		return tdx_status_with_operand(TDX_OPERAND_INVALID, TDX_OPERAND_ID_RCX);
	c->r->rdx = c->r->r8 = c->r->r9 = c->r->r10 = 0;
	if (emu_state_load(e) != EMU_SYSINIT_PENDING)
		return TDX_SYS_INIT_NOT_PENDING;
	if ((st = sys_init_check_cpuid(c, lp)) != TDX_SUCCESS)
		return st;
	if (lp->msr[EMU_MSR_MISC_ENABLE] & MISC_ENABLE_LIMIT_CPUID_MAXVAL)
		return TDX_LIMIT_CPUID_MAXVAL_SET;
	if (lp->msr[EMU_MSR_WBINVDP] != lp->msr[EMU_MSR_WBNOINVDP])
		return TDX_INVALID_WBINVD_SCOPE;
	if ((st = sys_init_check_msrs(lp)) != TDX_SUCCESS)
		return st;
	if ((st = sys_init_check_keyids(lp)) != TDX_SUCCESS)
		return st;
	if ((st = sys_init_check_cmrs(e)) != TDX_SUCCESS)
		return st;
	if ((st = sys_init_check_smrr(e, lp)) != TDX_SUCCESS)
		return st;
	sys_init_record(e, lp);
	emu_state_store(e, EMU_SYSINIT_DONE);
	return TDX_SUCCESS;
}

uint64_t emu_sys_init(struct emu_call *c)
{
	uint64_t st;

	/* Global lock exclusive (§4). */
	if (!emu_lock_try_excl(&c->e->mod.global_lock))
		return TDX_SYS_BUSY;
	st = sys_init_locked(c);
	emu_lock_release_excl(&c->e->mod.global_lock);
	return st;
}
