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

/* §4 notes: CPUID.80000008H:EAX[7:0] must be 0x34; RCX leaf, R9 expected. */
TEST(emu_sys_init_maxphyaddr)
{
	struct fx *f = fx_new();
	struct seam_regs r = { .rax = TDH_SYS_INIT };

	f->plat.lp[0].cpuid[EMU_CPUID_80000008_EAX] = 0x302E;
	CHECK_U64_EQ(fx_call_regs(f, 0, &r), TDX_INCORRECT_CPUID_VALUE);
	CHECK_U64_EQ(r.rcx, 0x80000008);
	CHECK_U64_EQ(r.rdx, 0xFF);
	CHECK_U64_EQ(r.r9, 0x34);
	CHECK_INT_EQ(emu_state(&f->e), EMU_SYSINIT_PENDING);
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

/* Module tdh_sys_init.c: IA32_MISC_ENABLE needs perfmon and BTS -> |0x1A0. */
TEST(emu_sys_init_misc_enable)
{
	struct fx *f = fx_new();

	f->plat.lp[0].msr[EMU_MSR_MISC_ENABLE] |= 1u << 11;
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 0, 0, 0), 0xC0000921000001A0ull);
	fx_free(f);
}

/* Module order: MSR checks precede CPUID, CPUID precede key management. */
TEST(emu_sys_init_check_order)
{
	struct fx *f = fx_new();

	f->plat.lp[0].msr[EMU_MSR_WBNOINVDP] = 2;
	f->plat.lp[0].cpuid[EMU_CPUID_80000008_EAX] = 0x302E;
	f->plat.lp[0].msr[EMU_MSR_MISC_PACKAGE_CTLS] = 0;
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 0, 0, 0), 0xC0000921000000BCull);
	f->plat.lp[0].msr[EMU_MSR_MISC_PACKAGE_CTLS] = 1;
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT, 0, 0, 0), TDX_INCORRECT_CPUID_VALUE);
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

/* §4: differing CPUID -> TDX_INCONSISTENT_CPUID_FIELD. */
TEST(emu_lp_init_inconsistent_cpuid)
{
	struct fx *f = fx_new();
	struct seam_regs r = { .rax = TDH_SYS_LP_INIT };

	fx_sys_init(f);
	f->plat.lp[3].cpuid[EMU_CPUID_7_0_ECX] = 0;
	CHECK_U64_EQ(fx_call_regs(f, 3, &r), TDX_INCONSISTENT_CPUID_FIELD);
	CHECK_U64_EQ(r.rcx, 7);
	CHECK_U64_EQ(r.rdx, 0);
	CHECK_U64_EQ(r.r8, 0xFFFFFFFF);
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
	f->plat.lp[1].cpuid[EMU_CPUID_1_EAX] = 0x806F9;
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
