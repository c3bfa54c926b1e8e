/* SPDX-License-Identifier: MIT */
/* Emulator: platform construction, CMR derivation, the memory accessors. */
#include "tests/unit/emu_fixture.h"

/* CMRs as a TDX BIOS reports them: DRAM only, no first 1 MB, 4K, merged. */
TEST(emu_platform_derive_cmrs)
{
	static struct emu_platform p;
	const struct emu_mem_range map[] = {
		{ 0x100000000ull, 0x80000000ull, true },  /* out of order on purpose */
		{ 0x0, 0xA0000, true },
		{ 0x100000, 0x7FF00000 - 0x100000, true },
		{ 0x7FF00000, 0x100000, true },            /* contiguous: merged */
		{ 0x80000000, 0x80000000, false },         /* MMIO hole */
		{ 0x180000000ull, 0x800, true },           /* < 4K after rounding */
	};

	emu_platform_default(&p, 1, 2);
	CHECK_INT_EQ(emu_platform_derive_cmrs(&p, map, 6), 2);
	CHECK_U64_EQ(p.cmr[0].base, 0x100000);
	CHECK_U64_EQ(p.cmr[0].size, 0x80000000 - 0x100000);
	CHECK_U64_EQ(p.cmr[1].base, 0x100000000ull);
	CHECK_U64_EQ(p.cmr[1].size, 0x80000000ull);
	CHECK_U64_EQ(p.cmr[2].size, 0);
}

TEST(emu_platform_derive_cmrs_too_many)
{
	static struct emu_platform p;
	struct emu_mem_range map[40];

	for (int i = 0; i < 40; i++)
		map[i] = (struct emu_mem_range){ (uint64_t)(i + 1) * 0x10000000ull, 0x1000000, true };
	emu_platform_default(&p, 1, 1);
	CHECK_INT_EQ(emu_platform_derive_cmrs(&p, map, 40), -1);
}

/* Packages from x2APIC ids: LP.INIT derives them with the package shift. */
TEST(emu_platform_default_topology)
{
	struct fx *f = fx_new_platform(2, 3);

	fx_start(f);
	CHECK_INT_EQ(f->plat.num_lps, 6);
	CHECK_INT_EQ(f->plat.pkg_shift, 2);
	CHECK_INT_EQ(f->plat.lp[4].x2apic_id, (1u << 2) | 1);
	fx_sys_init(f);
	fx_lp_init_all(f);
	CHECK_INT_EQ(f->e.lp[4].pkg_id, 1);
	CHECK_INT_EQ(f->e.lp[2].pkg_id, 0);
	fx_free(f);
}

TEST(emu_memmap_windows)
{
	struct emu_memmap m;
	static uint8_t a[0x2000], b[0x1000];
	struct emu_mem_ops ops;
	uint64_t v = 0x1122334455667788ull, w = 0;

	emu_memmap_init(&m);
	CHECK_INT_EQ(emu_memmap_add(&m, 0x10000000000ull, sizeof(a), a), 0);
	CHECK_INT_EQ(emu_memmap_add(&m, 0x10000001000ull, sizeof(b), b), -1); /* overlap */
	CHECK_INT_EQ(emu_memmap_add(&m, 0x20000000000ull, sizeof(b), b), 0);
	ops = emu_memmap_ops(&m);
	CHECK_INT_EQ(ops.write(ops.ctx, 0x10000001FF8ull, &v, 8), 0);
	CHECK_INT_EQ(ops.read(ops.ctx, 0x10000001FF8ull, &w, 8), 0);
	CHECK_U64_EQ(w, v);
	CHECK_INT_EQ(ops.read(ops.ctx, 0x10000001FFCull, &w, 8), -1); /* straddles the end */
	CHECK_INT_EQ(ops.read(ops.ctx, 0x30000000000ull, &w, 8), -1);
}

/* A leaf touching unbacked memory reports the harness error, never guesses. */
TEST(emu_badmem_is_reported)
{
	struct fx *f = fx_new();
	struct seam_regs r = { .rax = TDH_SYS_CONFIG, .rcx = 0x40000000ull, .rdx = 1,
			       .r8 = FX_HKID };

	fx_sys_init(f);
	fx_lp_init_all(f);
	CHECK_INT_EQ(emu_seamcall(&f->e, 0, &r), EMU_BADMEM);
	CHECK_STR_CONTAINS(emu_diag(&f->e), "PA 0x40000000 is not backed");
	fx_free(f);
}

/* The identity accessor reads and writes host memory at PA == VA. */
TEST(emu_mem_identity_accessor)
{
	struct emu_mem_ops ops = emu_mem_identity();
	uint64_t cell = 5, v = 0;

	CHECK_INT_EQ(ops.read(ops.ctx, (uint64_t)(uintptr_t)&cell, &v, 8), 0);
	CHECK_U64_EQ(v, 5);
	v = 9;
	CHECK_INT_EQ(ops.write(ops.ctx, (uint64_t)(uintptr_t)&cell, &v, 8), 0);
	CHECK_U64_EQ(cell, 9);
}
