/* SPDX-License-Identifier: MIT */
/*
 * Emulator conformance: TDH.SYS.CONFIG, one test per rule of docs/reference/tdx-abi.md
 * §6.2 (step numbers cited), with the exact status and details.
 */
#include "tests/unit/emu_fixture.h"

static struct fx *cfg_ready(uint32_t ntdmr)
{
	struct fx *f = fx_new();

	fx_sys_init(f);
	fx_lp_init_all(f);
	fx_tdmrs_default(f, ntdmr);
	return f;
}

static uint64_t info(uint64_t code, uint8_t i0, uint8_t i1, uint8_t i2)
{
	return tdx_status_with_info(code, i0, i1, i2, 0);
}

/* Step 2: CONFIG before SYS.INIT -> SYS_CONFIG_NOT_PENDING. */
TEST(emu_config_before_sys_init)
{
	struct fx *f = fx_new();

	fx_tdmrs_default(f, 1);
	CHECK_U64_EQ(fx_config(f), TDX_SYS_CONFIG_NOT_PENDING);
	fx_free(f);
}

/* Step 3: CONFIG before every LP did LP.INIT -> SYS_CONFIG_NOT_PENDING. */
TEST(emu_config_before_all_lp_init)
{
	struct fx *f = fx_new();

	fx_sys_init(f);
	for (uint32_t lp = 0; lp < 3; lp++)
		fx_call(f, lp, TDH_SYS_LP_INIT, 0, 0, 0);
	fx_tdmrs_default(f, 1);
	CHECK_U64_EQ(fx_config(f), TDX_SYS_CONFIG_NOT_PENDING);
	fx_call(f, 3, TDH_SYS_LP_INIT, 0, 0, 0);
	CHECK_U64_EQ(fx_config(f), TDX_SUCCESS);
	CHECK_INT_EQ(emu_state(&f->e), EMU_SYSCONFIG_DONE);
	fx_free(f);
}

/* Step 2 after success: a second CONFIG -> SYS_CONFIG_NOT_PENDING. */
TEST(emu_config_twice)
{
	struct fx *f = cfg_ready(1);

	CHECK_U64_EQ(fx_config(f), TDX_SUCCESS);
	CHECK_U64_EQ(fx_config(f), TDX_SYS_CONFIG_NOT_PENDING);
	fx_free(f);
}

/* Step 1: exclusive global lock, contention -> TDX_SYS_BUSY. */
TEST(emu_config_busy)
{
	struct fx *f = cfg_ready(1);

	f->e.mod.global_lock = -1;
	CHECK_U64_EQ(fx_config(f), TDX_SYS_BUSY);
	f->e.mod.global_lock = 0;
	fx_free(f);
}

/* Step 4: RCX 512-B aligned, not in SEAMRR, KeyID-0 address. */
TEST(emu_config_rcx_rules)
{
	struct fx *f = cfg_ready(1);
	uint64_t pa = fx_write_tdmrs(f);
	uint64_t hkid_bit = 1ull << 46; /* 6 KeyID bits: HKID in PA 51:46 */

	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_CONFIG, pa + 8, 1, FX_HKID), 0xC000010000000001ull);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_CONFIG, f->plat.seamrr_base, 1, FX_HKID),
		     0xC000010000000001ull);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_CONFIG, pa | (FX_HKID * hkid_bit), 1, FX_HKID),
		     0xC000010000000001ull);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_CONFIG, 1ull << 52, 1, FX_HKID),
		     0xC000010000000001ull);
	/* An MKTME KeyID (below the first private one) is a shared address:
	 * alias the structures window under KeyID 5. */
	REQUIRE(emu_memmap_add(&f->map, FX_STRUCT | (5 * hkid_bit), FX_STRUCT_SIZE,
			       f->structs) == 0);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_CONFIG, pa | (5 * hkid_bit), 1, FX_HKID),
		     TDX_SUCCESS);
	fx_free(f);
}

/* Step 5: RDX in 1..MAX_TDMRS -> else OPERAND_INVALID|RDX. */
TEST(emu_config_rdx_range)
{
	struct fx *f = cfg_ready(1);
	uint64_t pa = fx_write_tdmrs(f);

	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_CONFIG, pa, 0, FX_HKID), 0xC000010000000002ull);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_CONFIG, pa, 65, FX_HKID), 0xC000010000000002ull);
	/* A module built with a smaller MAX_TDMRS; never more than 64. */
	f->e.mod.desc.max_tdmrs = 2;
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_CONFIG, pa, 3, FX_HKID), 0xC000010000000002ull);
	f->e.mod.desc.max_tdmrs = 1000;
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_CONFIG, pa, 65, FX_HKID), 0xC000010000000002ull);
	fx_free(f);
}

/* Step 6: R8 = a private KeyID, bits 63:16 zero -> else OPERAND_INVALID|R8. */
TEST(emu_config_r8_private_hkid)
{
	struct fx *f = cfg_ready(1);
	uint64_t pa = fx_write_tdmrs(f);

	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_CONFIG, pa, 1, 31), 0xC000010000000008ull);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_CONFIG, pa, 1, 64), 0xC000010000000008ull);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_CONFIG, pa, 1, FX_HKID | (1ull << 20)),
		     0xC000010000000008ull);
	/* Bit 16 (Dynamic PAMT) is reserved on a module without it. */
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_CONFIG, pa, 1, FX_HKID | TDX_CONFIG_R8_DPAMT),
		     0xC000010000000008ull);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_CONFIG, pa, 1, 63), TDX_SUCCESS);
	fx_free(f);
}

/* Step 8a: each TDMR_INFO PA 512-B aligned -> else OPERAND_INVALID|RCX. */
TEST(emu_config_entry_alignment)
{
	struct fx *f = cfg_ready(2);
	uint64_t pa = fx_write_tdmrs(f);
	uint64_t *arr = fx_ptr(f, pa, 16);

	arr[1] += 64;
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_CONFIG, pa, 2, FX_HKID), 0xC000010000000001ull);
	CHECK_INT_EQ(emu_state(&f->e), EMU_SYSINIT_DONE);
	fx_free(f);
}

/* b.1: base + size overflows -> INVALID_TDMR(i). */
TEST(emu_config_tdmr_overflow)
{
	struct fx *f = cfg_ready(2);

	f->tdmr[1].tdmr_size = ~0ull - FX_GB + 1;
	CHECK_U64_EQ(fx_config(f), info(TDX_INVALID_TDMR, 1, 0, 0));
	fx_free(f);
}

/* b.2: unsorted TDMRs -> NON_ORDERED_TDMR with the index. */
TEST(emu_config_unsorted_tdmrs)
{
	struct fx *f = cfg_ready(3);

	f->tdmr[2].tdmr_base = FX_CMR_BASE;
	f->tdmr[1].tdmr_base = FX_CMR_BASE + 3 * FX_GB;
	CHECK_U64_EQ(fx_config(f), 0xC0000A0100000002ull);
	fx_free(f);
}

/* b.3: overlapping TDMRs -> NON_ORDERED_TDMR(i). */
TEST(emu_config_overlapping_tdmrs)
{
	struct fx *f = cfg_ready(2);

	f->tdmr[0].tdmr_size = 2 * FX_GB;
	f->tdmr[0].pamt_4k_size = (2 * FX_GB >> 12) * 16; /* still fits its slot */
	f->tdmr[0].pamt_2m_base = f->tdmr[0].pamt_4k_base + f->tdmr[0].pamt_4k_size;
	f->tdmr[0].pamt_2m_size = 0x4000;
	f->tdmr[0].pamt_1g_base = f->tdmr[0].pamt_2m_base + 0x4000;
	CHECK_U64_EQ(fx_config(f), info(TDX_NON_ORDERED_TDMR, 1, 0, 0));
	fx_free(f);
}

/* b.4: 1 GB alignment and non-zero size -> INVALID_TDMR(i). */
TEST(emu_config_tdmr_alignment)
{
	struct fx *f = cfg_ready(1);

	f->tdmr[0].tdmr_base += FX_MB * 2;
	CHECK_U64_EQ(fx_config(f), info(TDX_INVALID_TDMR, 0, 0, 0));
	f->tdmr[0].tdmr_base = FX_CMR_BASE;
	f->tdmr[0].tdmr_size = 0;
	CHECK_U64_EQ(fx_config(f), info(TDX_INVALID_TDMR, 0, 0, 0));
	fx_free(f);
}

/* b.5: beyond MAX_PA or with HKID bits -> INVALID_TDMR(i). */
TEST(emu_config_tdmr_hkid_bits)
{
	struct fx *f = cfg_ready(1);

	f->tdmr[0].tdmr_base = FX_CMR_BASE | (1ull << 46);
	CHECK_U64_EQ(fx_config(f), info(TDX_INVALID_TDMR, 0, 0, 0));
	f->tdmr[0].tdmr_base = (1ull << 52);
	CHECK_U64_EQ(fx_config(f), info(TDX_INVALID_TDMR, 0, 0, 0));
	fx_free(f);
}

/* b.6: a NULL reserved slot followed by a used one -> NON_ORDERED_RESERVED(i, j). */
TEST(emu_config_reserved_null_then_used)
{
	struct fx *f = cfg_ready(1);

	f->tdmr[0].reserved[0] = (struct tdmr_reserved_area){ 0, 0x1000 };
	f->tdmr[0].reserved[2] = (struct tdmr_reserved_area){ 0x10000, 0x1000 };
	CHECK_U64_EQ(fx_config(f), info(TDX_NON_ORDERED_RESERVED_IN_TDMR, 0, 1, 0));
	fx_free(f);
}

/* b.6: offset + size overflows -> INVALID_RESERVED(i, j). */
TEST(emu_config_reserved_overflow)
{
	struct fx *f = cfg_ready(1);

	f->tdmr[0].reserved[0] = (struct tdmr_reserved_area){ 0x1000, ~0ull - 0xFFF };
	CHECK_U64_EQ(fx_config(f), info(TDX_INVALID_RESERVED_IN_TDMR, 0, 0, 0));
	fx_free(f);
}

/* b.6: unsorted reserved areas -> NON_ORDERED_RESERVED(i, j). */
TEST(emu_config_reserved_unsorted)
{
	struct fx *f = cfg_ready(1);

	f->tdmr[0].reserved[0] = (struct tdmr_reserved_area){ 0x100000, 0x1000 };
	f->tdmr[0].reserved[1] = (struct tdmr_reserved_area){ 0x10000, 0x1000 };
	CHECK_U64_EQ(fx_config(f), info(TDX_NON_ORDERED_RESERVED_IN_TDMR, 0, 1, 0));
	fx_free(f);
}

/* b.6: overlapping reserved areas -> NON_ORDERED_RESERVED(i, j). */
TEST(emu_config_reserved_overlap)
{
	struct fx *f = cfg_ready(1);

	f->tdmr[0].reserved[0] = (struct tdmr_reserved_area){ 0x10000, 0x2000 };
	f->tdmr[0].reserved[1] = (struct tdmr_reserved_area){ 0x11000, 0x1000 };
	CHECK_U64_EQ(fx_config(f), info(TDX_NON_ORDERED_RESERVED_IN_TDMR, 0, 1, 0));
	fx_free(f);
}

/* b.6: 4K granularity -> INVALID_RESERVED(i, j). */
TEST(emu_config_reserved_misaligned)
{
	struct fx *f = cfg_ready(1);

	f->tdmr[0].reserved[0] = (struct tdmr_reserved_area){ 0x10000, 0x1000 };
	f->tdmr[0].reserved[1] = (struct tdmr_reserved_area){ 0x20800, 0x1000 };
	CHECK_U64_EQ(fx_config(f), info(TDX_INVALID_RESERVED_IN_TDMR, 0, 1, 0));
	fx_free(f);
}

/* b.6: a reserved area must end inside its TDMR -> INVALID_RESERVED(i, j). */
TEST(emu_config_reserved_outside_tdmr)
{
	struct fx *f = cfg_ready(1);

	f->tdmr[0].reserved[0] = (struct tdmr_reserved_area){ FX_GB - 0x1000, 0x2000 };
	CHECK_U64_EQ(fx_config(f), info(TDX_INVALID_RESERVED_IN_TDMR, 0, 0, 0));
	fx_free(f);
}

/* b.7: PAMT too small, levels checked 1G, 2M, 4K -> INVALID_PAMT(i, level). */
TEST(emu_config_invalid_pamt_order)
{
	struct fx *f = cfg_ready(1);

	f->tdmr[0].pamt_4k_size -= 0x1000;
	CHECK_U64_EQ(fx_config(f), info(TDX_INVALID_PAMT, 0, TDX_PT_4KB, 0));
	f->tdmr[0].pamt_1g_size = 0;
	CHECK_U64_EQ(fx_config(f), info(TDX_INVALID_PAMT, 0, TDX_PT_1GB, 0));
	fx_free(f);
}

/* b.7: PAMT base 4K aligned -> INVALID_PAMT(i, level). */
TEST(emu_config_invalid_pamt_alignment)
{
	struct fx *f = cfg_ready(1);

	f->tdmr[0].pamt_2m_base += 0x800;
	CHECK_U64_EQ(fx_config(f), info(TDX_INVALID_PAMT, 0, TDX_PT_2MB, 0));
	fx_free(f);
}

/* b.8: PAMT of TDMR 1 overlapping a PAMT of TDMR 0 -> PAMT_OVERLAP(1, level, 0). */
TEST(emu_config_pamt_overlaps_other_pamt)
{
	struct fx *f = cfg_ready(2);

	f->tdmr[1].pamt_2m_base = f->tdmr[0].pamt_4k_base + 0x100000;
	CHECK_U64_EQ(fx_config(f), info(TDX_PAMT_OVERLAP, 1, TDX_PT_2MB, 0));
	fx_free(f);
}

/* b.8: a TDMR's own PAMTs overlapping each other -> PAMT_OVERLAP(i, 4K, i). */
TEST(emu_config_pamt_overlaps_own)
{
	struct fx *f = cfg_ready(1);

	f->tdmr[0].pamt_1g_base = f->tdmr[0].pamt_4k_base;
	CHECK_U64_EQ(fx_config(f), info(TDX_PAMT_OVERLAP, 0, TDX_PT_4KB, 0));
	fx_free(f);
}

/* b.9: a PAMT over a non-reserved area of an earlier TDMR -> PAMT_OVERLAP(i, level, j). */
TEST(emu_config_pamt_overlaps_available_area)
{
	struct fx *f = cfg_ready(2);

	/* TDMR 1's PAMT_1G inside TDMR 0's (available) memory. */
	f->tdmr[1].pamt_1g_base = FX_CMR_BASE + 0x100000;
	CHECK_U64_EQ(fx_config(f), info(TDX_PAMT_OVERLAP, 1, TDX_PT_1GB, 0));
	fx_free(f);
}

/* b.9, second half: an earlier TDMR's PAMT inside TDMR i -> PAMT_OVERLAP(j, level, i). */
TEST(emu_config_earlier_pamt_in_later_tdmr)
{
	struct fx *f = cfg_ready(2);

	f->tdmr[0].pamt_2m_base = FX_CMR_BASE + FX_GB + 0x200000;
	CHECK_U64_EQ(fx_config(f), info(TDX_PAMT_OVERLAP, 0, TDX_PT_2MB, 1));
	fx_free(f);
}

/* b.9: PAMTs may lie in a TDMR's reserved area. */
TEST(emu_config_pamt_in_reserved_area_ok)
{
	struct fx *f = cfg_ready(2);

	f->tdmr[1].pamt_1g_base = FX_CMR_BASE + 0x100000;
	f->tdmr[0].reserved[0] = (struct tdmr_reserved_area){ 0x100000, 0x1000 };
	CHECK_U64_EQ(fx_config(f), TDX_SUCCESS);
	fx_free(f);
}

/* b.10: a PAMT outside every CMR -> PAMT_OUTSIDE_CMRS(i, level). */
TEST(emu_config_pamt_outside_cmrs)
{
	struct fx *f = cfg_ready(1);

	f->tdmr[0].pamt_2m_base = 0x20000000ull; /* 512 MB: not convertible */
	CHECK_U64_EQ(fx_config(f), info(TDX_PAMT_OUTSIDE_CMRS, 0, TDX_PT_2MB, 0));
	fx_free(f);
}

/* b.11: a non-reserved TDMR part outside CMRs -> TDMR_OUTSIDE_CMRS(i). */
TEST(emu_config_tdmr_outside_cmrs)
{
	struct fx *f = cfg_ready(2);

	f->tdmr[1].tdmr_base = 12 * FX_GB; /* just above the CMR */
	CHECK_U64_EQ(fx_config(f), info(TDX_TDMR_OUTSIDE_CMRS, 1, 0, 0));
	fx_free(f);
}

/* b.11: reserved areas need not be convertible: a hole covered by one is fine. */
TEST(emu_config_hole_covered_by_reserved_area)
{
	struct fx *f = fx_new_platform(2, 2);

	f->plat.cmr[0].size = FX_GB / 2;
	emu_platform_add_cmr(&f->plat, FX_CMR_BASE + FX_GB / 2 + 0x100000,
			     FX_CMR_SIZE - FX_GB / 2 - 0x100000);
	fx_start(f);
	fx_sys_init(f);
	fx_lp_init_all(f);
	fx_tdmrs_default(f, 1);
	CHECK_U64_EQ(fx_config(f), info(TDX_TDMR_OUTSIDE_CMRS, 0, 0, 0));
	f->tdmr[0].reserved[0] = (struct tdmr_reserved_area){ FX_GB / 2, 0x100000 };
	CHECK_U64_EQ(fx_config(f), TDX_SUCCESS);
	fx_free(f);
}

/* b.11 is_area_in_cmr: adjacent, contiguous CMRs count as one. */
TEST(emu_config_contiguous_cmrs_merge)
{
	struct fx *f = fx_new_platform(2, 2);

	f->plat.cmr[0].size = FX_GB / 2;
	emu_platform_add_cmr(&f->plat, FX_CMR_BASE + FX_GB / 2, FX_CMR_SIZE - FX_GB / 2);
	fx_start(f);
	fx_sys_init(f);
	fx_lp_init_all(f);
	fx_tdmrs_default(f, 1);
	CHECK_U64_EQ(fx_config(f), TDX_SUCCESS);
	fx_free(f);
}

/* §3: a failed CONFIG leaves SYSINIT_DONE and can be retried. */
TEST(emu_config_retry_after_failure)
{
	struct fx *f = cfg_ready(2);

	f->tdmr[1].tdmr_base = FX_CMR_BASE;
	CHECK_U64_EQ(fx_config(f), info(TDX_NON_ORDERED_TDMR, 1, 0, 0));
	CHECK_INT_EQ(emu_state(&f->e), EMU_SYSINIT_DONE);
	fx_tdmrs_default(f, 2);
	CHECK_U64_EQ(fx_config(f), TDX_SUCCESS);
	CHECK_INT_EQ(f->e.mod.num_tdmrs, 2);
	fx_free(f);
}

/* §4/§7: Dynamic PAMT (R8 bit 16) makes PAMT_4K a one-bit-a-page bitmap. */
TEST(emu_config_dynamic_pamt)
{
	struct fx *f = cfg_ready(1);
	uint64_t pa;

	f->e.mod.desc.flags |= EMU_MODFLAG_DPAMT;
	f->tdmr[0].pamt_4k_size = (FX_GB >> 12) / 8; /* 32 KB */
	pa = fx_write_tdmrs(f);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_CONFIG, pa, 1, FX_HKID),
		     info(TDX_INVALID_PAMT, 0, TDX_PT_4KB, 0));
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_CONFIG, pa, 1, FX_HKID | TDX_CONFIG_R8_DPAMT),
		     TDX_SUCCESS);
	fx_free(f);
}

/* §6.1: the module reads all 16 reserved slots (320 bytes) of each entry. */
TEST(emu_config_reads_all_reserved_slots)
{
	struct fx *f = cfg_ready(1);

	/* Slot 15 used after NULL slots: the NULL slot 14 is the culprit. */
	f->tdmr[0].reserved[15] = (struct tdmr_reserved_area){ 0x10000, 0x1000 };
	CHECK_U64_EQ(fx_config(f), info(TDX_NON_ORDERED_RESERVED_IN_TDMR, 0, 14, 0));
	fx_free(f);
}

/*
 * Module 1.5.01 tdh_sys_config.c:414-440 check_pamt_in_cmr: PAMT_1G first,
 * then PAMT_2M, then PAMT_4K; the level in info byte 1 (PT_1GB 2, PT_2MB 1,
 * PT_4KB 0).
 */
TEST(emu_config_pamt_outside_cmrs_level_order)
{
	struct fx *f = cfg_ready(1);

	f->tdmr[0].pamt_4k_base = 0x20000000ull;
	f->tdmr[0].pamt_2m_base = 0x21000000ull;
	f->tdmr[0].pamt_1g_base = 0x22000000ull;
	CHECK_U64_EQ(fx_config(f), info(TDX_PAMT_OUTSIDE_CMRS, 0, TDX_PT_1GB, 0));
	fx_tdmrs_default(f, 1);
	f->tdmr[0].pamt_4k_base = 0x20000000ull;
	f->tdmr[0].pamt_2m_base = 0x21000000ull;
	CHECK_U64_EQ(fx_config(f), info(TDX_PAMT_OUTSIDE_CMRS, 0, TDX_PT_2MB, 0));
	fx_tdmrs_default(f, 1);
	f->tdmr[0].pamt_4k_base = 0x20000000ull;
	CHECK_U64_EQ(fx_config(f), info(TDX_PAMT_OUTSIDE_CMRS, 0, TDX_PT_4KB, 0));
	fx_free(f);
}

/* A 2-CMR platform: [4 GiB, 4 GiB + a), hole, [4 GiB + b, 12 GiB). */
static struct fx *cfg_hole(uint64_t a, uint64_t b)
{
	struct fx *f = fx_new_platform(2, 2);

	f->plat.cmr[0].size = a;
	emu_platform_add_cmr(&f->plat, FX_CMR_BASE + b, FX_CMR_SIZE - b);
	fx_start(f);
	fx_sys_init(f);
	fx_lp_init_all(f);
	fx_tdmrs_default(f, 1);
	return f;
}

/*
 * tdh_sys_config.c:571-637 check_tdmr_available_areas: a 4 KiB available
 * area between two reserved areas is checked against the CMRs like any
 * other: fine inside a CMR, TDMR_OUTSIDE_CMRS in a hole.
 */
TEST(emu_config_4k_gap_between_reserved_areas)
{
	struct fx *f = cfg_hole(0x101000, 0x200000);

	f->tdmr[0].reserved[0] = (struct tdmr_reserved_area){ 0, 0x100000 };
	f->tdmr[0].reserved[1] = (struct tdmr_reserved_area){ 0x101000, 0xFF000 };
	CHECK_U64_EQ(fx_config(f), TDX_SUCCESS);
	fx_free(f);

	f = cfg_hole(0x100000, 0x101000);
	f->tdmr[0].reserved[0] = (struct tdmr_reserved_area){ 0, 0x100000 };
	f->tdmr[0].reserved[1] = (struct tdmr_reserved_area){ 0x102000, 0xFE000 };
	CHECK_U64_EQ(fx_config(f), info(TDX_TDMR_OUTSIDE_CMRS, 0, 0, 0));
	f->tdmr[0].reserved[1] = (struct tdmr_reserved_area){ 0x101000, 0xFF000 };
	CHECK_U64_EQ(fx_config(f), info(TDX_TDMR_OUTSIDE_CMRS, 0, 0, 0));
	fx_tdmrs_default(f, 1);
	f->tdmr[0].reserved[0] = (struct tdmr_reserved_area){ 0, 0x101000 };
	CHECK_U64_EQ(fx_config(f), TDX_SUCCESS);
	fx_free(f);
}

/*
 * tdh_sys_config.c:586-590 and 626-635: a reserved area ending exactly at
 * the TDMR's end leaves nothing to check, with a NULL entry after it or
 * with all 16 slots used; the TDMR's end may then lie in a CMR hole (here
 * the hole runs on past it).
 */
TEST(emu_config_reserved_area_ends_at_tdmr_end)
{
	struct fx *f = cfg_hole(FX_GB - 0x200000, FX_GB + 0x200000);

	CHECK_U64_EQ(fx_config(f), info(TDX_TDMR_OUTSIDE_CMRS, 0, 0, 0));
	f->tdmr[0].reserved[0] = (struct tdmr_reserved_area){ FX_GB - 0x200000, 0x200000 };
	CHECK_U64_EQ(fx_config(f), TDX_SUCCESS);
	fx_free(f);

	f = cfg_hole(FX_GB - 0x200000, FX_GB + 0x200000);
	for (uint32_t j = 0; j < 15; j++)
		f->tdmr[0].reserved[j] = (struct tdmr_reserved_area){ 0x100000 * (j + 1), 0x1000 };
	f->tdmr[0].reserved[15] = (struct tdmr_reserved_area){ FX_GB - 0x200000, 0x200000 };
	CHECK_U64_EQ(fx_config(f), TDX_SUCCESS);
	fx_free(f);
}
