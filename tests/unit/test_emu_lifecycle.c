/* SPDX-License-Identifier: MIT */
/*
 * Emulator: the minimal call sequence of docs/reference/tdx-abi.md §14 end to end, in
 * strict mode, with the module loaded through the P-SEAMLDR from a blob
 * and PAMTs placed the way Linux places them (inside the TDMR, covered by
 * a reserved area, §7 "Linux reserved areas").
 */
#include <stdlib.h>

#include "tests/unit/emu_fixture.h"

#define LC_PARAMS (FX_STRUCT + 0x20000)
#define LC_SIG    (FX_STRUCT + 0x21000)
#define LC_MOD    (FX_STRUCT + 0x22000)

static void lc_install(struct fx *f)
{
	struct emu_blob_opts o;
	uint64_t size;
	uint8_t *blob;
	struct seamldr_params *p = fx_ptr(f, LC_PARAMS, sizeof(*p));

	emu_blob_opts_default(&o);
	o.version = TDX_BLOB_V2;
	size = emu_blob_size(&o);
	blob = malloc(size);
	REQUIRE(blob && emu_blob_build(&o, blob, size) == size);
	memcpy(fx_ptr(f, LC_SIG, 4096), blob + 4096, 4096);
	memcpy(fx_ptr(f, LC_MOD, 4096ull * o.module_pages), blob + 8192,
	       4096ull * o.module_pages);
	free(blob);
	memset(p, 0, sizeof(*p));
	p->sigstruct_pa = LC_SIG;
	p->num_module_pages = o.module_pages;
	for (uint32_t i = 0; i < o.module_pages; i++)
		p->mod_pages_pa_list[i] = LC_MOD + 4096ull * i;
	/* Step 1: every LP, one at a time, BSP last. */
	for (uint32_t lp = f->plat.num_lps; lp-- > 0;)
		CHECK_U64_EQ(fx_call(f, lp, SEAMLDR_INSTALL, LC_PARAMS, 0, 0), SEAMLDR_SUCCESS);
}

TEST(emu_lifecycle_minimal_sequence)
{
	struct fx *f = fx_new_platform(2, 2);
	uint64_t v, pa;
	struct seam_regs r;

	/* A PAMT window inside TDMR 1, as Linux allocates PAMTs from TDMR memory. */
	REQUIRE(emu_memmap_add(&f->map, FX_CMR_BASE + FX_GB + 0x10000000ull, 8 * FX_MB,
			       calloc(1, 8 * FX_MB)) == 0);
	emu_init(&f->e, &f->plat, emu_memmap_ops(&f->map));
	emu_set_strict_wbinvd(&f->e, true);
	lc_install(f);
	CHECK_INT_EQ(emu_state(&f->e), EMU_SYSINIT_PENDING);
	fx_sys_init(f);                                     /* step 2 */
	fx_lp_init_all(f);                                  /* step 3 */
	r = (struct seam_regs){ .rax = TDH_SYS_RD, .rdx = MD_SYS_MAX_RESERVED_PER_TDMR };
	CHECK_U64_EQ(fx_call_regs(f, 2, &r), TDX_SUCCESS); /* step 4 */
	v = r.r8;
	CHECK_U64_EQ(v, 16);
	fx_tdmrs_default(f, 2);
	fx_tdmr_at(f, 1, FX_CMR_BASE + FX_GB, FX_GB, 0);
	f->tdmr[1].pamt_4k_base = FX_CMR_BASE + FX_GB + 0x10000000ull;
	f->tdmr[1].pamt_2m_base = f->tdmr[1].pamt_4k_base + f->tdmr[1].pamt_4k_size;
	f->tdmr[1].pamt_1g_base = f->tdmr[1].pamt_2m_base + f->tdmr[1].pamt_2m_size;
	f->tdmr[1].reserved[0] = (struct tdmr_reserved_area){ 0x10000000ull, 8 * FX_MB };
	CHECK_U64_EQ(fx_config(f), TDX_SUCCESS);           /* step 5 */
	for (uint32_t lp = 0; lp < 4; lp++)                 /* step 6 */
		emu_wbinvd(&f->e, lp);
	fx_key_config_all(f);                               /* step 7 */
	CHECK_INT_EQ(emu_state(&f->e), EMU_SYS_READY);
	for (uint32_t t = 0; t < 2; t++) {                  /* step 8, TDMRs on two LPs */
		uint64_t base = f->tdmr[t].tdmr_base;
		do {
			r = (struct seam_regs){ .rax = TDH_SYS_TDMR_INIT, .rcx = base };
			REQUIRE(fx_call_regs(f, 1 + 2 * t, &r) == TDX_SUCCESS);
		} while (r.rdx < base + FX_GB);
	}
	/* Both PAMTs now hold module data, the one inside TDMR 1 included. */
	CHECK(emu_line_is_private(&f->e, f->tdmr[1].pamt_4k_base));
	CHECK(emu_line_is_private(&f->e, f->tdmr[0].pamt_4k_base + 4 * FX_MB - 64));
	/* A fresh load (update flow) forgets it all: SYSINIT_PENDING again. */
	lc_install(f);
	CHECK_INT_EQ(emu_state(&f->e), EMU_SYSINIT_PENDING);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_RD, MD_SYS_MAX_TDMRS, 0, 0), TDX_SYS_LP_INIT_NOT_DONE);
	/* PAMT memory is not reset by the module: the initializer must do it. */
	CHECK(emu_find_private_line(&f->e, f->tdmr[1].pamt_4k_base, 4 * FX_MB, &pa));
	free(emu_memmap_ptr(&f->map, FX_CMR_BASE + FX_GB + 0x10000000ull, 1));
	fx_free(f);
}
