/* SPDX-License-Identifier: MIT */
/*
 * A small emulated machine for the emulator's conformance tests
 * (tests/unit/test_emu_*.c): 2 packages x 2 LPs, one CMR [4 GiB, 12 GiB),
 * and simulated memory only where the module reads or writes:
 *   FX_STRUCT  4 MiB at 256 MiB: TDMR_INFO array/entries, SYS.INFO buffers,
 *              SEAMLDR params, sigstruct and module pages;
 *   FX_PAMT   32 MiB at 10 GiB: PAMTs, 8 MiB per 1 GiB TDMR slot.
 * TDMR i defaults to [4 GiB + i GiB, +1 GiB) with its PAMTs (4K, 2M, 1G in
 * that order) at FX_PAMT + i * 8 MiB, outside every TDMR.
 */
#ifndef TDXBOOT_TESTS_UNIT_EMU_FIXTURE_H
#define TDXBOOT_TESTS_UNIT_EMU_FIXTURE_H

#include <stdlib.h>

#include "emu/emu.h"
#include "tests/unit/test.h"

#define FX_GB (1ull << 30)
#define FX_MB (1ull << 20)
#define FX_STRUCT 0x10000000ull
#define FX_STRUCT_SIZE (4 * FX_MB)
#define FX_PAMT (10 * FX_GB)
#define FX_PAMT_SIZE (32 * FX_MB)
#define FX_CMR_BASE (4 * FX_GB)
#define FX_CMR_SIZE (8 * FX_GB)
#define FX_TDMR_ARRAY FX_STRUCT
#define FX_TDMR_INFO(i) (FX_STRUCT + 0x1000 + 512ull * (i))
#define FX_SCRATCH (FX_STRUCT + 0x10000)  /* SYS.INFO, RDALL, SEAMLDR */
#define FX_HKID 32u                       /* first private KeyID */

struct fx {
	struct emu_platform plat;
	struct emu e;
	struct emu_memmap map;
	uint8_t *structs, *pamt;
	struct tdmr_info tdmr[8];
	uint32_t ntdmr;
};

static inline struct fx *fx_new_platform(uint32_t pkgs, uint32_t lps_per_pkg)
{
	struct fx *f = calloc(1, sizeof(*f));

	REQUIRE(f);
	f->structs = calloc(1, FX_STRUCT_SIZE);
	f->pamt = calloc(1, FX_PAMT_SIZE);
	REQUIRE(f->structs && f->pamt);
	emu_platform_default(&f->plat, pkgs, lps_per_pkg);
	emu_platform_add_cmr(&f->plat, FX_CMR_BASE, FX_CMR_SIZE);
	emu_memmap_init(&f->map);
	emu_memmap_add(&f->map, FX_STRUCT, FX_STRUCT_SIZE, f->structs);
	emu_memmap_add(&f->map, FX_PAMT, FX_PAMT_SIZE, f->pamt);
	return f;
}

/* Attaches the emulator (after tests changed the platform) and preloads 1.5.01. */
static inline void fx_start(struct fx *f)
{
	struct emu_module_desc d;

	emu_init(&f->e, &f->plat, emu_memmap_ops(&f->map));
	emu_module_desc_default(&d);
	emu_module_preload(&f->e, &d);
}

/* Attaches the emulator with a module of another version (profile). */
static inline void fx_start_version(struct fx *f, uint16_t major, uint16_t minor,
				    uint16_t update)
{
	struct emu_module_desc d;

	emu_init(&f->e, &f->plat, emu_memmap_ops(&f->map));
	emu_module_desc_default(&d);
	d.major = major;
	d.minor = minor;
	d.update = update;
	emu_module_preload(&f->e, &d);
}

/* One CPUID register on one LP (or EMU_ALL_LPS). */
static inline void fx_cpuid(struct fx *f, uint32_t lp, uint32_t leaf, uint32_t subleaf,
			    enum emu_cpuid_reg reg, uint32_t value)
{
	REQUIRE(emu_platform_set_cpuid(&f->plat, lp, leaf, subleaf, reg, value) == 0);
}

static inline struct fx *fx_new(void)
{
	struct fx *f = fx_new_platform(2, 2);

	fx_start(f);
	return f;
}

static inline void fx_free(struct fx *f)
{
	free(f->structs);
	free(f->pamt);
	free(f);
}

static inline void *fx_ptr(struct fx *f, uint64_t pa, uint64_t n)
{
	void *p = emu_memmap_ptr(&f->map, pa, n);

	REQUIRE(p);
	return p;
}

/* One SEAMCALL that must complete with VMsucceed; returns RAX. */
static inline uint64_t fx_call_regs(struct fx *f, uint32_t lp, struct seam_regs *r)
{
	enum emu_outcome o = emu_seamcall(&f->e, lp, r);

	if (o != EMU_VMSUCCEED)
		test_fail(__FILE__, __LINE__, "SEAMCALL 0x%llx on LP %u: %s (%s)",
			  (unsigned long long)r->rax, lp, emu_outcome_name(o),
			  emu_diag(&f->e));
	REQUIRE(o == EMU_VMSUCCEED);
	return r->rax;
}

static inline uint64_t fx_call(struct fx *f, uint32_t lp, uint64_t leaf,
			       uint64_t rcx, uint64_t rdx, uint64_t r8)
{
	struct seam_regs r = { .rax = leaf, .rcx = rcx, .rdx = rdx, .r8 = r8 };

	return fx_call_regs(f, lp, &r);
}

static inline void fx_sys_init(struct fx *f)
{
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 0, 0, 0), TDX_SUCCESS);
}

static inline void fx_lp_init_all(struct fx *f)
{
	for (uint32_t lp = 0; lp < f->plat.num_lps; lp++)
		CHECK_U64_EQ(fx_call(f, lp, TDH_SYS_LP_INIT, 0, 0, 0), TDX_SUCCESS);
}

/* TDMR i: size_gb GiB at base, PAMTs in PAMT slot `slot` sized as Linux does. */
static inline struct tdmr_info *fx_tdmr_at(struct fx *f, uint32_t i, uint64_t base,
					   uint64_t size, uint32_t slot)
{
	struct tdmr_info *t = &f->tdmr[i];
	uint64_t p = FX_PAMT + (uint64_t)slot * 8 * FX_MB;

	memset(t, 0, sizeof(*t));
	t->tdmr_base = base;
	t->tdmr_size = size;
	t->pamt_4k_base = p;
	t->pamt_4k_size = (size >> 12) * 16;
	t->pamt_2m_base = p + t->pamt_4k_size;
	t->pamt_2m_size = ((size >> 21) * 16 + 4095) & ~4095ull;
	t->pamt_1g_base = t->pamt_2m_base + t->pamt_2m_size;
	t->pamt_1g_size = 4096;
	if (i + 1 > f->ntdmr)
		f->ntdmr = i + 1;
	return t;
}

/* The default layout: n TDMRs of 1 GiB from 4 GiB. */
static inline void fx_tdmrs_default(struct fx *f, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		fx_tdmr_at(f, i, FX_CMR_BASE + i * FX_GB, FX_GB, i);
	f->ntdmr = n;
}

/* Writes the TDMR_INFOs and the PA array; returns the array PA. */
static inline uint64_t fx_write_tdmrs(struct fx *f)
{
	uint64_t *arr = fx_ptr(f, FX_TDMR_ARRAY, 8 * 64);

	for (uint32_t i = 0; i < f->ntdmr; i++) {
		memcpy(fx_ptr(f, FX_TDMR_INFO(i), sizeof(struct tdmr_info)),
		       &f->tdmr[i], sizeof(struct tdmr_info));
		arr[i] = FX_TDMR_INFO(i);
	}
	return FX_TDMR_ARRAY;
}

static inline uint64_t fx_config(struct fx *f)
{
	uint64_t pa = fx_write_tdmrs(f);

	return fx_call(f, 0, TDH_SYS_CONFIG, pa, f->ntdmr, FX_HKID);
}

/* KEY.CONFIG on the first LP of every package. */
static inline void fx_key_config_all(struct fx *f)
{
	uint32_t per = f->plat.num_lps / f->plat.num_pkgs;

	for (uint32_t p = 0; p < f->plat.num_pkgs; p++)
		CHECK_U64_EQ(fx_call(f, p * per, TDH_SYS_KEY_CONFIG, 0, 0, 0),
			     TDX_SUCCESS);
}

/* SYS.INIT, every LP.INIT, CONFIG with n default TDMRs. */
static inline void fx_to_config_done(struct fx *f, uint32_t n)
{
	fx_sys_init(f);
	fx_lp_init_all(f);
	fx_tdmrs_default(f, n);
	CHECK_U64_EQ(fx_config(f), TDX_SUCCESS);
}

static inline void fx_to_ready(struct fx *f, uint32_t n)
{
	fx_to_config_done(f, n);
	fx_key_config_all(f);
	REQUIRE(emu_state(&f->e) == EMU_SYS_READY);
}

#endif
