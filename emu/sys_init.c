/* SPDX-License-Identifier: MIT */
/*
 * TDH.SYS.INIT: validate the platform once, record what LP.INIT compares
 * and move SYSINIT_PENDING -> SYSINIT_DONE.
 * docs/reference/tdx-abi.md §3, §4 (SYS.INIT row and notes), §8.3 (CMR sanity), §9, §10;
 * module src/vmm_dispatcher/api_calls/tdh_sys_init.c, whose check order
 * (MSRs, CPUID, VMX MSRs, key management, CMRs, SMRRs) is followed here.
 */
#include "emu/internal.h"

static uint64_t msr_error(enum emu_lp_msr m)
{
	return tdx_status_with_operand(TDX_INCORRECT_MSR_VALUE, emu_lp_msr_index(m));
}

/* check_msrs: legacy xAPIC disabled, energy filtering enabled (§4 notes). */
static uint64_t sys_init_check_msrs(const struct emu_lp_cfg *lp)
{
	if (lp->msr[EMU_MSR_XAPIC_DISABLE_STATUS] != 1)
		return msr_error(EMU_MSR_XAPIC_DISABLE_STATUS);
	if (!(lp->msr[EMU_MSR_MISC_PACKAGE_CTLS] & 1))
		return msr_error(EMU_MSR_MISC_PACKAGE_CTLS);
	return TDX_SUCCESS;
}

/* check_vmx_msrs: VMCS size <= 2 KB (TD_VMCS_SIZE), bits 54 and 55 (§10.2). */
static uint64_t sys_init_check_vmx(const struct emu_lp_cfg *lp)
{
	uint64_t basic = lp->msr[EMU_MSR_VMX_BASIC];

	if (((basic >> 32) & 0x1FFF) > 2048 || !(basic & (1ull << 54)) ||
	    !(basic & (1ull << 55)))
		return msr_error(EMU_MSR_VMX_BASIC);
	return TDX_SUCCESS;
}

/* check_key_management_config (§9). */
static uint64_t sys_init_check_keys(const struct emu_lp_cfg *lp)
{
	uint64_t part = lp->msr[EMU_MSR_MKTME_KEYID_PARTITIONING];

	/* Simplification: the algorithm checks reduce to "TME locked and enabled". */
	if ((lp->msr[EMU_MSR_TME_ACTIVATE] & 3) != 3)
		return msr_error(EMU_MSR_TME_ACTIVATE);
	if ((uint64_t)(uint32_t)part + (part >> 32) >= TDX_MAX_HKIDS)
		return tdx_status_with_operand(TDX_NUM_ACTIVATED_HKIDS_NOT_SUPPORTED,
					       TDX_MAX_HKIDS);
	/* num_of_cached_sub_blocks: WBNOINVDP must equal WBINVDP. */
	if (lp->msr[EMU_MSR_WBNOINVDP] != lp->msr[EMU_MSR_WBINVDP])
		return msr_error(EMU_MSR_WBNOINVDP);
	return TDX_SUCCESS;
}

/* MCHECK's CMRs, checked again (§8.3 check_cmrs, §13.5). */
static bool sys_init_cmrs_ok(const struct emu *e)
{
	uint64_t prev_start = 0, prev_last = 0;

	for (uint32_t i = 0; i < TDX_MAX_CMRS; i++) {
		const struct tdx_cmr_info *cmr = &e->plat->cmr[i];
		uint64_t last = cmr->base + cmr->size - 1;

		if (cmr->size == 0)
			continue;
		if (cmr->base + cmr->size < cmr->base)
			return false;
		if (emu_pa_hkid(e, cmr->base) || emu_pa_hkid(e, last) ||
		    last > (1ull << TDX_MAX_PA_BITS))
			return false;
		if ((cmr->base | cmr->size) & (EMU_4K - 1))
			return false;
		if (prev_last && (prev_start > cmr->base || prev_last > cmr->base))
			return false;
		prev_start = cmr->base;
		prev_last = last;
	}
	return true;
}

/* A mask contiguous from its lowest set bit up to bit 31, base aligned. */
static bool smrr_mask_valid(uint64_t base, uint64_t mask)
{
	uint32_t m = (uint32_t)(mask & 0xFFFFF000u), b = (uint32_t)(base & 0xFFFFF000u);
	uint32_t contiguous;

	if (m == 0)
		return false;
	contiguous = ~((m & -m) - 1); /* bits 31..lowest set */
	return m == contiguous && (b & ~contiguous) == 0;
}

/* SMRR2 counts when MTRRCAP bit 13 is set and MCHECK did not mark it
 * unsupported (1.5.01 tdh_sys_init.c:196-201, tdh_sys_lp_init.c:106). */
bool emu_smrr2_used(const struct emu *e, const struct emu_lp_cfg *lp)
{
	return !e->plat->smrr2_not_supported && (lp->msr[EMU_MSR_MTRRCAP] & (1ull << 13));
}

/* One SMRR: valid mask, no overlap with a CMR (tdh_sys_init.c:214-247). */
static uint64_t sys_init_check_one_smrr(const struct emu *e, uint64_t base, uint64_t mask,
					 uint32_t idx)
{
	uint64_t size;

	if (!(mask & (1ull << 11)))
		return TDX_SUCCESS;
	base &= 0xFFFFF000ull;
	if (!smrr_mask_valid(base, mask))
		return tdx_status_with_operand(TDX_INVALID_SMRR_CONFIGURATION, idx);
	size = (uint64_t)(~(uint32_t)(mask & 0xFFFFF000u)) + 1;
	for (uint32_t k = 0; k < TDX_MAX_CMRS; k++) {
		const struct tdx_cmr_info *cmr = &e->plat->cmr[k];
		if (cmr->size && base < cmr->base + cmr->size && cmr->base < base + size)
			return tdx_status_with_info(TDX_SMRR_OVERLAPS_CMR, (uint8_t)idx,
						    (uint8_t)k, 0, 0);
	}
	return TDX_SUCCESS;
}

/*
 * check_and_store_smrr_smrr2 (§10.1; 1.5.01 tdh_sys_init.c:173-249): SMRR
 * and lock supported, then every SMRR in use locked (operand = index),
 * then each one's mask and CMR overlap in index order.
 */
static uint64_t sys_init_check_smrr(const struct emu *e, const struct emu_lp_cfg *lp)
{
	uint64_t cap = lp->msr[EMU_MSR_MTRRCAP];
	const uint64_t base[2] = { lp->msr[EMU_MSR_SMRR_PHYSBASE], lp->msr[EMU_MSR_SMRR2_PHYSBASE] };
	const uint64_t mask[2] = { lp->msr[EMU_MSR_SMRR_PHYSMASK], lp->msr[EMU_MSR_SMRR2_PHYSMASK] };
	uint32_t n = emu_smrr2_used(e, lp) ? 2 : 1;
	uint64_t st;

	if (!(cap & (1ull << 11)))
		return TDX_SMRR_NOT_SUPPORTED;
	if (!(cap & (1ull << 14)))
		return TDX_SMRR_LOCK_NOT_SUPPORTED;
	for (uint32_t i = 0; i < n; i++)
		if (!(mask[i] & (1ull << 10)))
			return tdx_status_with_operand(TDX_SMRR_NOT_LOCKED, i);
	for (uint32_t i = 0; i < n; i++)
		if ((st = sys_init_check_one_smrr(e, base[i], mask[i], i)) != TDX_SUCCESS)
			return st;
	return TDX_SUCCESS;
}

static uint64_t sys_init_check_platform(struct emu_call *c, const struct emu_lp_cfg *lp)
{
	uint64_t st;

	if ((st = sys_init_check_msrs(lp)) != TDX_SUCCESS ||
	    (st = emu_sys_init_check_cpuid(c)) != TDX_SUCCESS ||
	    (st = sys_init_check_vmx(lp)) != TDX_SUCCESS ||
	    (st = sys_init_check_keys(lp)) != TDX_SUCCESS)
		return st;
	if (!sys_init_cmrs_ok(c->e))
		return TDX_CMR_LIST_INVALID;
	return sys_init_check_smrr(c->e, lp);
}

static void sys_init_record(struct emu *e, const struct emu_lp_cfg *lp)
{
	struct emu_module *m = &e->mod;
	uint64_t part = lp->msr[EMU_MSR_MKTME_KEYID_PARTITIONING];

	/* MCHECK's counts, copied at SYS.INIT (§3). */
	m->num_lps = e->plat->num_lps;
	m->num_pkgs = e->plat->num_pkgs;
	m->hkid_min = (uint16_t)((uint32_t)part + 1);
	m->hkid_max = (uint16_t)((uint32_t)part + (part >> 32));
	m->hkid_start_bit = TDX_MAX_PA_BITS -
			    (uint32_t)((lp->msr[EMU_MSR_TME_ACTIVATE] >> 32) & 0xF);
	m->sys_attributes = 0;
	for (int i = 0; i < EMU_MSR_COUNT; i++)
		m->msr_sample[i] = lp->msr[i];
	/* The CPUID samples were taken by emu_sys_init_check_cpuid. */
	m->num_init_pkgs = 0;
	m->pkg_config_bitmap = 0;
	__atomic_store_n(&m->num_init_lps, 0, __ATOMIC_RELAXED);
}

static uint64_t sys_init_locked(struct emu_call *c, uint64_t rcx)
{
	struct emu *e = c->e;
	const struct emu_lp_cfg *lp = &e->plat->lp[c->lp];
	uint64_t st;

	/* 1.5.01: all SYS attributes are reserved; checked before the state. */
	if (rcx != 0)
		return tdx_status_with_operand(TDX_OPERAND_INVALID, TDX_OPERAND_ID_RCX);
	if (emu_state_load(e) != EMU_SYSINIT_PENDING)
		return TDX_SYS_INIT_NOT_PENDING;
	if ((st = sys_init_check_platform(c, lp)) != TDX_SUCCESS)
		return st;
	sys_init_record(e, lp);
	emu_state_store(e, EMU_SYSINIT_DONE);
	return TDX_SUCCESS;
}

uint64_t emu_sys_init(struct emu_call *c)
{
	uint64_t rcx = c->r->rcx, st;

	/* Outputs are cleared first, whatever the outcome. */
	c->r->rcx = c->r->rdx = c->r->r8 = c->r->r9 = c->r->r10 = 0;
	/* Global lock exclusive (§4). */
	if (!emu_lock_try_excl(&c->e->mod.global_lock))
		return TDX_SYS_BUSY;
	st = sys_init_locked(c, rcx);
	emu_lock_release_excl(&c->e->mod.global_lock);
	return st;
}
