/* SPDX-License-Identifier: MIT */
/*
 * Emulator conformance: TDH.SYS.INIT and TDH.SYS.LP.INIT.
 * docs/reference/tdx-abi.md §3 (state machine), §4 (rows and notes), §8.3, §9, §10.
 */
#include <pthread.h>

#include "tests/unit/emu_fixture.h"

/* §3: SYS.INIT moves SYSINIT_PENDING -> SYSINIT_DONE and zeroes its outputs. */
TEST(emu_sys_init_success)
{
	struct fx *f = fx_new();
	struct seam_regs r = { .rax = TDH_SYS_INIT, .rdx = 7, .r8 = 7, .r9 = 7, .r10 = 7 };

	CHECK_U64_EQ(fx_call_regs(f, 0, &r), TDX_SUCCESS);
	CHECK_U64_EQ(r.rdx | r.r8 | r.r9 | r.r10, 0);
	CHECK_INT_EQ(emu_state(&f->e), EMU_SYSINIT_DONE);
	fx_free(f);
}

/* §4: RCX != 0 -> OPERAND_INVALID|RCX, checked before the state. */
TEST(emu_sys_init_rcx_checked_before_state)
{
	struct fx *f = fx_new();

	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 1, 0, 0), 0xC000010000000001ull);
	fx_sys_init(f);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 1, 0, 0), 0xC000010000000001ull);
	fx_free(f);
}

/* §2.3: a second SYS.INIT -> TDX_SYS_INIT_NOT_PENDING. */
TEST(emu_sys_init_twice)
{
	struct fx *f = fx_new();

	fx_sys_init(f);
	CHECK_U64_EQ(fx_call(f, 1, TDH_SYS_INIT, 0, 0, 0), TDX_SYS_INIT_NOT_PENDING);
	fx_free(f);
}

/*
 * Module tdh_sys_init.c:370-395 with cpuid_configurations.c:441-447 (row 9):
 * 0x80000008 EAX[7:0] must be 0x34 and EBX bit 9 (WBNOINVD) set; RCX =
 * leaf | subleaf << 32 (no subleaf: 0xFFFFFFFF), RDX/R8 the verify mask,
 * R9/R10 the verify value, each as EAX|EBX<<32, ECX|EDX<<32.
 */
static void check_row9_detail(const struct seam_regs *r)
{
	CHECK_U64_EQ(r->rcx, 0xFFFFFFFF80000008ull);
	CHECK_U64_EQ(r->rdx, 0x00000200000000FFull);
	CHECK_U64_EQ(r->r8, 0);
	CHECK_U64_EQ(r->r9, 0x0000020000000034ull);
	CHECK_U64_EQ(r->r10, 0);
}

TEST(emu_sys_init_maxphyaddr)
{
	struct fx *f = fx_new_platform(2, 2);
	struct seam_regs r = { .rax = TDH_SYS_INIT };

	fx_cpuid(f, 0, 0x80000008, EMU_CPUID_ANY, EMU_EAX, 0x392E);
	fx_start(f);
	CHECK_U64_EQ(fx_call_regs(f, 0, &r), TDX_INCORRECT_CPUID_VALUE);
	check_row9_detail(&r);
	CHECK_INT_EQ(emu_state(&f->e), EMU_SYSINIT_PENDING);
	fx_free(f);
}

TEST(emu_sys_init_wbnoinvd_verified)
{
	struct fx *f = fx_new_platform(2, 2);
	struct seam_regs r = { .rax = TDH_SYS_INIT };

	fx_cpuid(f, 0, 0x80000008, EMU_CPUID_ANY, EMU_EBX, 0);
	fx_start(f);
	CHECK_U64_EQ(fx_call_regs(f, 0, &r), TDX_INCORRECT_CPUID_VALUE);
	check_row9_detail(&r);
	fx_free(f);
}

/*
 * tdh_sys_init.c:710-745: LA_BITS must be 57 when CPUID(7,0).ECX.LA57 is
 * set, else 48; RDX = CPUID_MAXPA_EAX_MASK_LOW 0xFF00, R9 = 0x3900 / 0x3000
 * (x86_defs.h:837-841).
 */
TEST(emu_sys_init_la_bits_follow_la57)
{
	struct fx *f = fx_new_platform(2, 2);
	struct seam_regs r = { .rax = TDH_SYS_INIT };

	fx_cpuid(f, 0, 0x80000008, EMU_CPUID_ANY, EMU_EAX, 0x3034); /* LA 48 */
	fx_start(f);
	CHECK_U64_EQ(fx_call_regs(f, 0, &r), TDX_INCORRECT_CPUID_VALUE);
	CHECK_U64_EQ(r.rcx, 0xFFFFFFFF80000008ull);
	CHECK_U64_EQ(r.rdx, 0xFF00);
	CHECK_U64_EQ(r.r8, 0);
	CHECK_U64_EQ(r.r9, 0x3900);
	CHECK_U64_EQ(r.r10, 0);
	fx_cpuid(f, 0, 7, 0, EMU_ECX, 0x99000000); /* no LA57: 48 is right */
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 0, 0, 0), TDX_SUCCESS);
	fx_free(f);

	f = fx_new_platform(2, 2);
	fx_cpuid(f, 0, 7, 0, EMU_ECX, 0x99000000); /* LA 57 without LA57 */
	fx_start(f);
	r = (struct seam_regs){ .rax = TDH_SYS_INIT };
	CHECK_U64_EQ(fx_call_regs(f, 0, &r), TDX_INCORRECT_CPUID_VALUE);
	CHECK_U64_EQ(r.r9, 0x3000);
	fx_free(f);
}

/*
 * cpuid_configurations.c:110-117 (row 5): CPUID(7,0) needs ECX bits
 * 0x99000000 (PKS, MOVDIR64B, MOVDIRI, bit 24) and EAX == 2.
 */
TEST(emu_sys_init_leaf7_required_bits)
{
	struct fx *f = fx_new_platform(2, 2);
	struct seam_regs r = { .rax = TDH_SYS_INIT };

	fx_cpuid(f, 0, 7, 0, EMU_ECX, 0x91010000); /* MOVDIRI missing */
	fx_start(f);
	CHECK_U64_EQ(fx_call_regs(f, 0, &r), TDX_INCORRECT_CPUID_VALUE);
	CHECK_U64_EQ(r.rcx, 7);
	CHECK_U64_EQ(r.rdx, 0x219424C3FFFFFFFFull);
	CHECK_U64_EQ(r.r8, 0xFC08260099000000ull);
	CHECK_U64_EQ(r.r9, 0x219424C300000002ull);
	CHECK_U64_EQ(r.r10, 0xFC08040099000000ull);
	fx_free(f);
}

/*
 * tdh_sys_init.c:346: rows are checked in table index order, so row 5
 * (leaf 7) before row 9 (0x80000008) before rows 46.. (0x1F: WBINVD scope).
 */
TEST(emu_sys_init_cpuid_rows_in_index_order)
{
	struct fx *f = fx_new_platform(2, 2);
	struct seam_regs r = { .rax = TDH_SYS_INIT };

	f->plat.l3_per_package = false;
	fx_cpuid(f, 0, 0x80000008, EMU_CPUID_ANY, EMU_EAX, 0x392E);
	fx_cpuid(f, 0, 7, 0, EMU_EAX, 1);
	fx_start(f);
	CHECK_U64_EQ(fx_call_regs(f, 0, &r), TDX_INCORRECT_CPUID_VALUE);
	CHECK_U64_EQ(r.rcx, 7);
	fx_cpuid(f, 0, 7, 0, EMU_EAX, 2);
	r = (struct seam_regs){ .rax = TDH_SYS_INIT };
	CHECK_U64_EQ(fx_call_regs(f, 0, &r), TDX_INCORRECT_CPUID_VALUE);
	CHECK_U64_EQ(r.rcx, 0xFFFFFFFF80000008ull);
	fx_cpuid(f, 0, 0x80000008, EMU_CPUID_ANY, EMU_EAX, 0x3934);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 0, 0, 0), TDX_INVALID_WBINVD_SCOPE);
	fx_free(f);
}

/* tdh_sys_init.c:476-488: perfmon version < 5 -> RDX 0xF, R9 5 (x86_defs.h:827-830). */
TEST(emu_sys_init_perfmon_version)
{
	struct fx *f = fx_new_platform(2, 2);
	struct seam_regs r = { .rax = TDH_SYS_INIT };

	fx_cpuid(f, 0, 0xA, EMU_CPUID_ANY, EMU_EAX, 0x07300804);
	fx_start(f);
	CHECK_U64_EQ(fx_call_regs(f, 0, &r), TDX_INCORRECT_CPUID_VALUE);
	CHECK_U64_EQ(r.rcx, 0xFFFFFFFF0000000Aull);
	CHECK_U64_EQ(r.rdx, 0xF);
	CHECK_U64_EQ(r.r9, 5);
	fx_free(f);
}

/* tdh_sys_init.c:331-342: last basic leaf >= 0x1F, last extended >= 0x80000008. */
TEST(emu_sys_init_last_leaves)
{
	struct fx *f = fx_new_platform(2, 2);

	fx_cpuid(f, 0, 0, EMU_CPUID_ANY, EMU_EAX, 0x1E);
	fx_start(f);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 0, 0, 0), 0xC00009080000001Full);
	fx_cpuid(f, 0, 0, EMU_CPUID_ANY, EMU_EAX, 0x20);
	fx_cpuid(f, 0, 0x80000000, EMU_CPUID_ANY, EMU_EAX, 0x80000007);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 0, 0, 0), 0xC000090880000008ull);
	fx_free(f);
}

/* §2.3: IA32_MISC_ENABLE.LIMIT_CPUID_MAXVAL -> TDX_LIMIT_CPUID_MAXVAL_SET. */
TEST(emu_sys_init_limit_cpuid_maxval)
{
	struct fx *f = fx_new();

	f->plat.lp[0].msr[EMU_MSR_MISC_ENABLE] |= MISC_ENABLE_LIMIT_CPUID_MAXVAL;
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 0, 0, 0), TDX_LIMIT_CPUID_MAXVAL_SET);
	fx_free(f);
}

/* §4 notes: IA32_WBNOINVDP must equal IA32_WBINVDP -> INCORRECT_MSR_VALUE|0x99. */
TEST(emu_sys_init_wbnoinvdp)
{
	struct fx *f = fx_new();

	f->plat.lp[0].msr[EMU_MSR_WBNOINVDP] = 2;
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 0, 0, 0), 0xC000092100000099ull);
	fx_free(f);
}

/* §2.3: L3 not shared by the whole package (CPUID topology) -> INVALID_WBINVD_SCOPE. */
TEST(emu_sys_init_wbinvd_scope)
{
	struct fx *f = fx_new();

	f->plat.l3_per_package = false;
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 0, 0, 0), TDX_INVALID_WBINVD_SCOPE);
	fx_free(f);
}

/*
 * IA32_MISC_ENABLE: 1.5.01 tdh_sys_init.c:321-325 checks bit 22 only; 1.5.05
 * (niooss-ledger/tdx-module f99767b tdh_sys_init.c:322-331) also needs
 * perfmon available (bit 7) and BTS available (bit 11 clear) -> |0x1A0.
 */
TEST(emu_sys_init_misc_enable_by_profile)
{
	struct fx *f = fx_new_platform(2, 2);

	emu_platform_set_msr(&f->plat, EMU_MSR_MISC_ENABLE, 0x850089 | (1u << 11));
	fx_start(f);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 0, 0, 0), TDX_SUCCESS);
	fx_start_version(f, 1, 5, 5);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 0, 0, 0), 0xC0000921000001A0ull);
	emu_platform_set_msr(&f->plat, EMU_MSR_MISC_ENABLE, 0x850089 & ~0x80u);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 0, 0, 0), 0xC0000921000001A0ull);
	emu_platform_set_msr(&f->plat, EMU_MSR_MISC_ENABLE, 0x850089);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 0, 0, 0), TDX_SUCCESS);
	fx_free(f);
}

/* §4 notes: legacy xAPIC disabled, else INCORRECT_MSR_VALUE|0xBD. */
TEST(emu_sys_init_incorrect_msr_value)
{
	struct fx *f = fx_new();

	f->plat.lp[0].msr[EMU_MSR_XAPIC_DISABLE_STATUS] = 0;
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 0, 0, 0), 0xC0000921000000BDull);
	f->plat.lp[0].msr[EMU_MSR_XAPIC_DISABLE_STATUS] = 1;
	f->plat.lp[0].msr[EMU_MSR_VMX_BASIC] &= ~(1ull << 55);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 0, 0, 0), 0xC000092100000480ull);
	fx_free(f);
}

/* §9: private_hkid_max must stay below 2048. */
TEST(emu_sys_init_too_many_hkids)
{
	struct fx *f = fx_new();

	/* The operand bits carry MAX_HKIDS (module check_key_management_config). */
	f->plat.lp[0].msr[EMU_MSR_MKTME_KEYID_PARTITIONING] = (1024ull << 32) | 1024;
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 0, 0, 0), 0xC000082500000800ull);
	fx_free(f);
}

/* §8.3: CMRs must be sorted and not overlap. */
TEST(emu_sys_init_cmr_list_invalid)
{
	struct fx *f = fx_new_platform(1, 2);

	emu_platform_add_cmr(&f->plat, FX_CMR_BASE + FX_GB, FX_GB);
	fx_start(f);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 0, 0, 0), TDX_CMR_LIST_INVALID);
	fx_free(f);
}

/* §10.1: SMRR locked, and not overlapping a CMR (info0 SMRR, info1 CMR). */
TEST(emu_sys_init_smrr_rules)
{
	struct fx *f = fx_new();

	f->plat.lp[0].msr[EMU_MSR_SMRR_PHYSMASK] &= ~(1ull << 10);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 0, 0, 0), 0xC000091000000000ull);
	f->plat.lp[0].msr[EMU_MSR_SMRR_PHYSMASK] |= 1ull << 10;
	f->plat.cmr[1].base = 0x70000000;
	f->plat.cmr[1].size = 0x10000000;
	f->plat.cmr[0].base = 0x10000000;
	f->plat.cmr[0].size = 0x10000000;
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 0, 0, 0), 0xC000091200000100ull);
	f->plat.lp[0].msr[EMU_MSR_MTRRCAP] &= ~(1ull << 11);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 0, 0, 0), TDX_SMRR_NOT_SUPPORTED);
	fx_free(f);
}

/* §4: the global lock is a try-lock: contention -> TDX_SYS_BUSY. */
TEST(emu_sys_init_busy)
{
	struct fx *f = fx_new();

	f->e.mod.global_lock = 1; /* an LP.INIT holds it shared */
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 0, 0, 0), TDX_SYS_BUSY);
	f->e.mod.global_lock = 0;
	fx_sys_init(f);
	fx_free(f);
}

/* §3: LP.INIT before SYS.INIT -> TDX_SYS_LP_INIT_NOT_PENDING. */
TEST(emu_lp_init_before_sys_init)
{
	struct fx *f = fx_new();

	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_LP_INIT, 0, 0, 0), TDX_SYS_LP_INIT_NOT_PENDING);
	fx_free(f);
}

/* §2.3: a repeated LP.INIT -> TDX_SYS_LP_INIT_DONE. */
TEST(emu_lp_init_repeated)
{
	struct fx *f = fx_new();

	fx_sys_init(f);
	CHECK_U64_EQ(fx_call(f, 1, TDH_SYS_LP_INIT, 0, 0, 0), TDX_SUCCESS);
	CHECK_U64_EQ(fx_call(f, 1, TDH_SYS_LP_INIT, 0, 0, 0), TDX_SYS_LP_INIT_DONE);
	fx_free(f);
}

/* §4: an LP whose MSR differs from the SYS.INIT sample -> INCONSISTENT_MSR|msr. */
TEST(emu_lp_init_inconsistent_msr)
{
	struct fx *f = fx_new();

	fx_sys_init(f);
	f->plat.lp[2].msr[EMU_MSR_MKTME_KEYID_PARTITIONING] = (16ull << 32) | 47;
	CHECK_U64_EQ(fx_call(f, 2, TDH_SYS_LP_INIT, 0, 0, 0), 0xC000092000000087ull);
	CHECK_U64_EQ(fx_call(f, 1, TDH_SYS_LP_INIT, 0, 0, 0), TDX_SUCCESS);
	fx_free(f);
}

/*
 * tdh_sys_lp_init.c:189-205: each row compared under verify_same; RCX =
 * leaf | subleaf << 32, RDX/R8 = the verify_same mask.  Row 5 (7.0):
 * 0xFFFFFFFF, 0xFFFFFFFB, 0xBFC1FF6F, 0xFFEBFFFF (cpuid_configurations.c:115).
 */
TEST(emu_lp_init_inconsistent_cpuid)
{
	struct fx *f = fx_new();
	struct seam_regs r = { .rax = TDH_SYS_LP_INIT };

	fx_sys_init(f);
	fx_cpuid(f, 3, 7, 0, EMU_ECX, 0x99000000); /* LA57 differs */
	CHECK_U64_EQ(fx_call_regs(f, 3, &r), TDX_INCONSISTENT_CPUID_FIELD);
	CHECK_U64_EQ(r.rcx, 7);
	CHECK_U64_EQ(r.rdx, 0xFFFFFFFBFFFFFFFFull);
	CHECK_U64_EQ(r.r8, 0xFFEBFFFFBFC1FF6Full);
	CHECK_U64_EQ(fx_call(f, 2, TDH_SYS_LP_INIT, 0, 0, 0), TDX_SUCCESS);
	fx_free(f);
}

/* Row 5 verify_same 0xBFC1FF6F leaves ECX bit 4 (OSPKE) out: it may differ. */
TEST(emu_lp_init_ospke_may_differ)
{
	struct fx *f = fx_new();

	fx_sys_init(f);
	fx_cpuid(f, 1, 7, 0, EMU_ECX, 0x99010010);
	CHECK_U64_EQ(fx_call(f, 1, TDH_SYS_LP_INIT, 0, 0, 0), TDX_SUCCESS);
	fx_free(f);
}

/*
 * Row 0 (leaf 1) verify_same EAX is 0xF000C000 (cpuid_configurations.c:46):
 * LPs of another stepping pass LP.INIT; leaf 1 ECX under 0xF7FFFF9F does not.
 */
TEST(emu_lp_init_stepping_may_differ)
{
	struct fx *f = fx_new();
	struct seam_regs r = { .rax = TDH_SYS_LP_INIT };

	fx_sys_init(f);
	fx_cpuid(f, 1, 1, EMU_CPUID_ANY, EMU_EAX, 0x806F6);
	CHECK_U64_EQ(fx_call(f, 1, TDH_SYS_LP_INIT, 0, 0, 0), TDX_SUCCESS);
	fx_cpuid(f, 2, 1, EMU_CPUID_ANY, EMU_ECX, 0x47faa216);
	CHECK_U64_EQ(fx_call_regs(f, 2, &r), TDX_INCONSISTENT_CPUID_FIELD);
	CHECK_U64_EQ(r.rcx, 0xFFFFFFFF00000001ull);
	CHECK_U64_EQ(r.rdx, 0x0000FFFFF000C000ull);
	CHECK_U64_EQ(r.r8, 0xFFFFFFFFF7FFFF9Full);
	fx_free(f);
}

/* Module order: capability MSRs before CPUID before SMRR before key MSRs. */
TEST(emu_lp_init_compare_order)
{
	struct fx *f = fx_new();

	fx_sys_init(f);
	f->plat.lp[1].msr[EMU_MSR_TME_ACTIVATE] |= 1ull << 48;
	f->plat.lp[1].msr[EMU_MSR_SMRR_PHYSBASE] = 0x7E000006;
	CHECK_U64_EQ(fx_call(f, 1, TDH_SYS_LP_INIT, 0, 0, 0), 0xC0000920000001F2ull);
	fx_cpuid(f, 1, 0x80000008, EMU_CPUID_ANY, EMU_EAX, 0x3930);
	CHECK_U64_EQ(fx_call(f, 1, TDH_SYS_LP_INIT, 0, 0, 0), TDX_INCONSISTENT_CPUID_FIELD);
	f->plat.lp[1].msr[EMU_MSR_XAPIC_DISABLE_STATUS] = 3;
	CHECK_U64_EQ(fx_call(f, 1, TDH_SYS_LP_INIT, 0, 0, 0), 0xC0000920000000BDull);
	fx_free(f);
}

/* §4 notes: package id from the x2APIC id must be < 8 (operand = the id). */
TEST(emu_lp_init_invalid_pkg_id)
{
	struct fx *f = fx_new();

	fx_sys_init(f);
	f->plat.lp[3].x2apic_id = 9u << f->plat.pkg_shift;
	CHECK_U64_EQ(fx_call(f, 3, TDH_SYS_LP_INIT, 0, 0, 0), 0xC000090600000009ull);
	fx_free(f);
}

/* §3 consequences: after CONFIG, LP.INIT -> LP_INIT_NOT_PENDING (state check first). */
TEST(emu_lp_init_after_config)
{
	struct fx *f = fx_new();

	fx_to_config_done(f, 1);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_LP_INIT, 0, 0, 0), TDX_SYS_LP_INIT_NOT_PENDING);
	fx_free(f);
}

struct lp_thread {
	struct fx *f;
	uint32_t lp;
	uint64_t status;
	unsigned busy;
};

static void *lp_init_thread(void *arg)
{
	struct lp_thread *t = arg;
	struct seam_regs r;

	/* A caller retries TDX_SYS_BUSY; LP.INITs share the lock so it is rare. */
	do {
		r = (struct seam_regs){ .rax = TDH_SYS_LP_INIT };
		emu_seamcall(&t->f->e, t->lp, &r);
		t->busy += r.rax == TDX_SYS_BUSY;
	} while (r.rax == TDX_SYS_BUSY);
	t->status = r.rax;
	return NULL;
}

/* §4: LP.INIT takes the global lock shared: concurrent LP.INITs all succeed. */
TEST(emu_lp_init_concurrent_threads)
{
	struct fx *f = fx_new_platform(4, 8);
	pthread_t th[32];
	struct lp_thread t[32];

	fx_start(f);
	fx_sys_init(f);
	for (uint32_t i = 0; i < 32; i++) {
		t[i] = (struct lp_thread){ f, i, 0, 0 };
		REQUIRE(pthread_create(&th[i], NULL, lp_init_thread, &t[i]) == 0);
	}
	for (uint32_t i = 0; i < 32; i++) {
		pthread_join(th[i], NULL);
		CHECK_U64_EQ(t[i].status, TDX_SUCCESS);
		CHECK_INT_EQ(t[i].busy, 0);
	}
	CHECK_INT_EQ(f->e.mod.num_init_lps, 32);
	CHECK_INT_EQ(f->e.mod.global_lock, 0);
	fx_free(f);
}

/* SMRR2 on every LP: MTRRCAP bit 13 and the two MSRs (0x1F6/0x1F7). */
static void smrr2_set(struct fx *f, uint64_t base, uint64_t mask)
{
	for (uint32_t lp = 0; lp < f->plat.num_lps; lp++) {
		f->plat.lp[lp].msr[EMU_MSR_MTRRCAP] |= 1ull << 13;
		f->plat.lp[lp].msr[EMU_MSR_SMRR2_PHYSBASE] = base;
		f->plat.lp[lp].msr[EMU_MSR_SMRR2_PHYSMASK] = mask;
	}
}

/*
 * SMRR2 (1.5.01 tdh_sys_init.c:196-247): used when MTRRCAP.SMRR2 (bit 13)
 * is set and MCHECK did not mark it unsupported; every SMRR's lock is
 * checked before any mask or overlap (operand/info 0 = SMRR, 1 = SMRR2).
 */
TEST(emu_sys_init_smrr2_rules)
{
	struct fx *f = fx_new();
	const uint64_t valid = 1ull << 11, lock = 1ull << 10;

	smrr2_set(f, 0x7F800000ull | 6, 0xFF800000ull | valid);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 0, 0, 0), 0xC000091000000001ull);
	/* Both unlocked: SMRR's lock first. */
	f->plat.lp[0].msr[EMU_MSR_SMRR_PHYSMASK] &= ~lock;
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 0, 0, 0), 0xC000091000000000ull);
	f->plat.lp[0].msr[EMU_MSR_SMRR_PHYSMASK] |= lock;
	/* SMRR2 unlocked and SMRR over a CMR: the lock is checked first. */
	f->plat.cmr[1] = f->plat.cmr[0];
	f->plat.cmr[0].base = 0x7F000000;
	f->plat.cmr[0].size = 0x800000;
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 0, 0, 0), 0xC000091000000001ull);
	f->plat.cmr[0] = f->plat.cmr[1];
	memset(&f->plat.cmr[1], 0, sizeof(f->plat.cmr[1]));
	/* Locked, but over CMR 0 (moved under SMRR2, right above SMRR):
	 * SMRR_OVERLAPS_CMR info (SMRR2, CMR 0). */
	f->plat.cmr[1] = f->plat.cmr[0];
	f->plat.cmr[0].base = 0x7F800000;
	f->plat.cmr[0].size = 0x800000;
	smrr2_set(f, 0x7F800000ull | 6, 0xFF800000ull | valid | lock);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 0, 0, 0), 0xC000091200000001ull);
	/* A mask with a hole: INVALID_SMRR_CONFIGURATION|1. */
	smrr2_set(f, 0x7F800000ull | 6, 0xFE800000ull | valid | lock);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 0, 0, 0),
		     tdx_status_with_operand(TDX_INVALID_SMRR_CONFIGURATION, 1));
	/* MCHECK says SMRR2 is not supported: not looked at. */
	smrr2_set(f, 0x7F800000ull | 6, 0xFF800000ull | valid);
	f->plat.smrr2_not_supported = true;
	fx_sys_init(f);
	fx_free(f);
}

/* LP.INIT compares SMRR2 base then mask after SMRR's (tdh_sys_lp_init.c:106-118). */
TEST(emu_lp_init_smrr2_compared)
{
	struct fx *f = fx_new();

	smrr2_set(f, 0x7F800000ull | 6, 0xFF800000ull | (1ull << 11) | (1ull << 10));
	fx_sys_init(f);
	f->plat.lp[1].msr[EMU_MSR_SMRR2_PHYSMASK] &= ~(1ull << 11);
	CHECK_U64_EQ(fx_call(f, 1, TDH_SYS_LP_INIT, 0, 0, 0), 0xC0000920000001F7ull);
	f->plat.lp[1].msr[EMU_MSR_SMRR2_PHYSBASE] = 0x7F000006;
	CHECK_U64_EQ(fx_call(f, 1, TDH_SYS_LP_INIT, 0, 0, 0), 0xC0000920000001F6ull);
	f->plat.lp[1].msr[EMU_MSR_SMRR_PHYSBASE] = 0x7E000006;
	CHECK_U64_EQ(fx_call(f, 1, TDH_SYS_LP_INIT, 0, 0, 0), 0xC0000920000001F2ull);
	fx_free(f);
	/* Without SMRR2 in use, its MSRs may differ. */
	f = fx_new();
	fx_sys_init(f);
	f->plat.lp[1].msr[EMU_MSR_SMRR2_PHYSBASE] = 0x7F000006;
	CHECK_U64_EQ(fx_call(f, 1, TDH_SYS_LP_INIT, 0, 0, 0), TDX_SUCCESS);
	fx_free(f);
}
