/* SPDX-License-Identifier: MIT */
/*
 * Emulator conformance: the TDX 1.0 profile (docs/reference/tdx-abi.md §16),
 * against the 1.0.3 module source (niooss-ledger/tdx-module commit fd485aa
 * "V1.0.3"): include/tdx_api_defs.h lines 29-72 (no TDH.SYS.RD, RDALL or
 * SHUTDOWN), src/vmm_dispatcher/tdx_vmm_dispatcher.c lines 87-141 and
 * 425-429 (whole-RAX leaf compare, the not-ready gate without SYS.RD,
 * OPERAND_INVALID|RAX for an unknown leaf), tdh_sys_info.c lines 95-113
 * (debug_module attribute, no sys_rd flag).
 */
#include "tests/unit/emu_fixture.h"

static uint64_t v10_bad_rax(void)
{
	return tdx_status_with_operand(TDX_OPERAND_INVALID, TDX_OPERAND_ID_RAX);
}

/* Before SYS_READY the gate answers for the leaves 1.0 lacks (line 122). */
TEST(emu_v10_no_sys_rd_before_ready)
{
	struct fx *f = fx_new_platform(2, 2);

	fx_start_version(f, 1, 0, 3);
	CHECK_STR_EQ(emu_profile_name(&f->e), "1.0");
	fx_sys_init(f);
	fx_lp_init_all(f);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_RD, 0, MD_SYS_MAJOR_VERSION, 0), TDX_SYS_NOT_READY);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_RDALL, 0, FX_SCRATCH, 0), TDX_SYS_NOT_READY);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_SHUTDOWN, 0, 0, 0), TDX_SYS_NOT_READY);
	/* A 1.5.01 module answers the same SYS.RD (tdh_sys_rd.c). */
	fx_free(f);
	f = fx_new();
	fx_sys_init(f);
	fx_lp_init_all(f);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_RD, 0, MD_SYS_MAJOR_VERSION, 0), TDX_SUCCESS);
	fx_free(f);
}

/* After SYS_READY the switch's default: OPERAND_INVALID|RAX (line 428). */
TEST(emu_v10_no_sys_rd_after_ready)
{
	struct fx *f = fx_new_platform(2, 2);

	fx_start_version(f, 1, 0, 3);
	fx_to_ready(f, 1);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_RD, 0, MD_SYS_MAJOR_VERSION, 0), v10_bad_rax());
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_RDALL, 0, FX_SCRATCH, 0), v10_bad_rax());
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_SHUTDOWN, 0, 0, 0), v10_bad_rax());
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_DISABLE, 0, 0, 0), v10_bad_rax());
	fx_free(f);
}

/*
 * The whole RAX is the leaf: a version or reserved bit makes it unknown, so
 * before SYS_READY even TDH.SYS.INIT with version 1 gets SYS_NOT_READY,
 * where 1.5.01 checks the version first (OPERAND_INVALID|RAX).
 */
TEST(emu_v10_whole_rax_leaf)
{
	struct fx *f = fx_new_platform(2, 2);
	uint64_t v1 = 1ull << TDX_VERSION_SHIFT;

	fx_start_version(f, 1, 0, 3);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT | v1, 0, 0, 0), TDX_SYS_NOT_READY);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT | (1ull << 40), 0, 0, 0), TDX_SYS_NOT_READY);
	CHECK_INT_EQ(emu_state(&f->e), EMU_SYSINIT_PENDING);
	fx_free(f);
	f = fx_new();
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT | v1, 0, 0, 0), v10_bad_rax());
	fx_free(f);
}

/* TDH.SYS.INFO is 1.0's way to read the module: version 1.0, sys_rd 0,
 * and bit 31 of the attributes on a debug build. */
TEST(emu_v10_sys_info)
{
	struct fx *f = fx_new_platform(2, 2);
	struct emu_module_desc d;
	struct tdsysinfo_struct *si = fx_ptr(f, FX_STRUCT, sizeof(*si));

	emu_init(&f->e, &f->plat, emu_memmap_ops(&f->map));
	emu_module_desc_default(&d);
	emu_profile_apply(emu_profile_find(1, 0, 3), &d);
	d.flags |= EMU_MODFLAG_DEBUG;
	emu_module_preload(&f->e, &d);
	fx_sys_init(f);
	fx_lp_init_all(f);
	struct seam_regs r = { .rax = TDH_SYS_INFO, .rcx = FX_STRUCT, .rdx = TDSYSINFO_STRUCT_SIZE,
			       .r8 = FX_STRUCT + 0x1000, .r9 = TDX_MAX_CMRS };
	CHECK_U64_EQ(fx_call_regs(f, 0, &r), TDX_SUCCESS);
	CHECK_U64_EQ(si->major_version, 1);
	CHECK_U64_EQ(si->minor_version, 0);
	CHECK_U64_EQ(si->sys_rd, 0);
	CHECK_U64_EQ(si->attributes, 1u << 31);
	fx_free(f);
}
