/* SPDX-License-Identifier: MIT */
/*
 * The emulated platform (what MCHECK and the BIOS set up: LPs, packages,
 * KeyIDs, CMRs, SEAMRR) and the emulator context's creation.
 */
#include "emu/internal.h"

#include "lib/mem.h"

static const uint32_t lp_msr_index[EMU_MSR_COUNT] = {
	[EMU_MSR_MTRRCAP] = MSR_IA32_MTRRCAP,
	[EMU_MSR_MKTME_KEYID_PARTITIONING] = MSR_IA32_MKTME_KEYID_PARTITIONING,
	[EMU_MSR_WBINVDP] = MSR_IA32_WBINVDP,
	[EMU_MSR_WBNOINVDP] = MSR_IA32_WBNOINVDP,
	[EMU_MSR_MISC_PACKAGE_CTLS] = MSR_IA32_MISC_PACKAGE_CTLS,
	[EMU_MSR_XAPIC_DISABLE_STATUS] = MSR_IA32_XAPIC_DISABLE_STATUS,
	[EMU_MSR_SMRR_PHYSBASE] = MSR_IA32_SMRR_PHYSBASE,
	[EMU_MSR_SMRR_PHYSMASK] = MSR_IA32_SMRR_PHYSMASK,
	[EMU_MSR_VMX_BASIC] = MSR_IA32_VMX_BASIC,
	[EMU_MSR_TME_CAPABILITY] = MSR_IA32_TME_CAPABILITY,
	[EMU_MSR_TME_ACTIVATE] = MSR_IA32_TME_ACTIVATE,
	[EMU_MSR_MISC_ENABLE] = MSR_IA32_MISC_ENABLE,
	[EMU_MSR_TSC_ADJUST] = 0x3Bu,
	[EMU_MSR_TSX_CTRL] = 0x122u,
	[EMU_MSR_SMRR2_PHYSBASE] = MSR_IA32_SMRR2_PHYSBASE,
	[EMU_MSR_SMRR2_PHYSMASK] = MSR_IA32_SMRR2_PHYSMASK,
};

uint32_t emu_lp_msr_index(enum emu_lp_msr m)
{
	return m < EMU_MSR_COUNT ? lp_msr_index[m] : 0;
}

/* Values a TDX-capable Sapphire Rapids-like platform reports (§9, §10). */
static void platform_default_lp(struct emu_lp_cfg *lp)
{
	/* MTRRCAP: VCNT 10, SMRR (11), SMRR_LOCK (14), SEAMRR (15) (§10.1). */
	lp->msr[EMU_MSR_MTRRCAP] = (1ull << 15) | (1ull << 14) | (1ull << 11) | 10;
	/* 31 MKTME KeyIDs (1..31), 32 TDX KeyIDs (32..63) (§9). */
	lp->msr[EMU_MSR_MKTME_KEYID_PARTITIONING] = (32ull << 32) | 31;
	lp->msr[EMU_MSR_WBINVDP] = 1;
	lp->msr[EMU_MSR_WBNOINVDP] = 1;
	lp->msr[EMU_MSR_MISC_PACKAGE_CTLS] = 1;    /* energy_filtering_enable */
	lp->msr[EMU_MSR_XAPIC_DISABLE_STATUS] = 1; /* legacy_xapic_disabled */
	/* SMRR: 8 MB at 0x7F000000, WB, valid (11) and locked (10). */
	lp->msr[EMU_MSR_SMRR_PHYSBASE] = 0x7F000000ull | 6;
	lp->msr[EMU_MSR_SMRR_PHYSMASK] = 0xFF800000ull | (1ull << 11) | (1ull << 10);
	/* VMX_BASIC: rev 4, 1 KB VMCS, WB, bits 54/55 (§10.2). */
	lp->msr[EMU_MSR_VMX_BASIC] = 4 | (0x400ull << 32) | (6ull << 50) |
				     (1ull << 54) | (1ull << 55);
	lp->msr[EMU_MSR_TME_CAPABILITY] = 0x7;
	/* TME_ACTIVATE: lock, enable, 6 KeyID bits in 35:32 (§9). */
	lp->msr[EMU_MSR_TME_ACTIVATE] = (6ull << 32) | 3;
	lp->msr[EMU_MSR_MISC_ENABLE] = 0x850089;
	lp->cpu = 0; /* platform_cpuid.c */
}

static uint32_t platform_shift_for(uint32_t n)
{
	uint32_t s = 0;

	while ((1u << s) < n)
		s++;
	return s;
}

void emu_platform_default(struct emu_platform *p, uint32_t num_pkgs,
			  uint32_t lps_per_pkg)
{
	memset(p, 0, sizeof(*p));
	if (num_pkgs * lps_per_pkg > EMU_MAX_LPS || num_pkgs == 0 || lps_per_pkg == 0)
		num_pkgs = lps_per_pkg = 1;
	p->num_pkgs = num_pkgs;
	p->num_lps = num_pkgs * lps_per_pkg;
	p->pkg_shift = platform_shift_for(lps_per_pkg);
	for (uint32_t i = 0; i < p->num_lps; i++) {
		platform_default_lp(&p->lp[i]);
		p->lp[i].x2apic_id = ((i / lps_per_pkg) << p->pkg_shift) |
				     (i % lps_per_pkg);
	}
	emu_platform_cpu_default(p);
	p->seamrr_base = 0x7C000000ull;
	p->seamrr_size = 32ull << 20;
	p->seam_enabled = true;
	p->l3_per_package = true;
	p->seamldr_major = 1;
	p->seamldr_minor = 5;
	p->seamldr_num_remaining_updates = 32;
}

void emu_platform_set_msr(struct emu_platform *p, enum emu_lp_msr m, uint64_t v)
{
	for (uint32_t i = 0; i < p->num_lps; i++)
		p->lp[i].msr[m] = v;
}

int emu_platform_add_cmr(struct emu_platform *p, uint64_t base, uint64_t size)
{
	for (uint32_t i = 0; i < TDX_MAX_CMRS; i++) {
		if (p->cmr[i].size == 0) {
			p->cmr[i].base = base;
			p->cmr[i].size = size;
			return 0;
		}
	}
	return -1;
}

/* Index of the DRAM range with the smallest (base, index) after (base, idx). */
static size_t derive_next(const struct emu_mem_range *map, size_t n,
			  uint64_t after_base, size_t after_idx, bool first)
{
	size_t best = n;

	for (size_t i = 0; i < n; i++) {
		if (!map[i].dram || map[i].size == 0)
			continue;
		if (!first && (map[i].base < after_base ||
			       (map[i].base == after_base && i <= after_idx)))
			continue;
		if (best == n || map[i].base < map[best].base)
			best = i;
	}
	return best;
}

int emu_platform_derive_cmrs(struct emu_platform *p,
			     const struct emu_mem_range *map, size_t n)
{
	uint32_t count = 0;
	size_t i = derive_next(map, n, 0, 0, true);

	memset(p->cmr, 0, sizeof(p->cmr));
	for (; i < n; i = derive_next(map, n, map[i].base, i, false)) {
		/* BIOSes leave the first 1 MB out of the CMRs; 4 KB granular. */
		uint64_t start = map[i].base < (1ull << 20) ? (1ull << 20) : map[i].base;
		uint64_t end = (map[i].base + map[i].size) & ~(EMU_4K - 1);

		start = (start + EMU_4K - 1) & ~(EMU_4K - 1);
		if (end <= start)
			continue;
		if (count && start <= p->cmr[count - 1].base + p->cmr[count - 1].size) {
			struct tdx_cmr_info *c = &p->cmr[count - 1];
			if (end > c->base + c->size)
				c->size = end - c->base;
			continue;
		}
		if (count == TDX_MAX_CMRS)
			return -1;
		p->cmr[count].base = start;
		p->cmr[count].size = end - start;
		count++;
	}
	return (int)count;
}

void emu_module_desc_default(struct emu_module_desc *d)
{
	memset(d, 0, sizeof(*d));
	d->magic = EMU_MODULE_DESC_MAGIC;
	d->major = 1;
	d->minor = 5;
	d->update = 1;
	d->build_date = 20231008;
	d->build_num = 1;
	d->max_tdmrs = TDX_MAX_TDMRS;
	d->max_reserved_per_tdmr = TDX_MAX_RESERVED_AREAS;
	d->pamt_entry_size[0] = d->pamt_entry_size[1] = d->pamt_entry_size[2] =
		TDX_PAMT_ENTRY_SIZE;
	d->num_cpuid_config = 12;
	d->features0 = 0xF0FBF;
}

void emu_init(struct emu *e, const struct emu_platform *plat,
	      struct emu_mem_ops mem)
{
	memset(e, 0, sizeof(*e));
	e->plat = plat;
	e->mem = mem;
	e->ldr.num_remaining_updates = plat->seamldr_num_remaining_updates;
}

void emu_module_preload(struct emu *e, const struct emu_module_desc *desc)
{
	memset(&e->mod, 0, sizeof(e->mod));
	e->mod.desc = *desc;
	e->ldr.module_loaded = true;
	e->ldr.ever_loaded = true;
	e->ldr.seamextend.seam_ready = 1;
	e->ldr.seamextend.valid = 1;
	for (uint32_t i = 0; i < EMU_MAX_LPS; i++)
		e->lp[i].lp_is_init = 0;
}
