/* SPDX-License-Identifier: MIT */
/*
 * IA32_TSC_ADJUST (issue 12 §2): the emulated module samples it at
 * TDH.SYS.INIT and LP.INIT refuses a CPU whose value changed since
 * (TDX_INCONSISTENT_MSR, operand 0x3B; module 1.5 tdh_sys_lp_init.c);
 * preflight requires 0 on every CPU by default and names the first that
 * differs; tsc_adjust=any accepts one shared value; the handoff record
 * carries what the CPUs held.
 */
#include <string.h>

#include "tests/unit/emu_fixture.h"
#include "tests/unit/init_harness.h"
#include "tests/unit/test.h"

/* A change after SYS.INIT is refused by LP.INIT with the MSR's number. */
TEST(emu_lp_init_refuses_a_changed_tsc_adjust)
{
	struct fx *f = fx_new();

	fx_sys_init(f);
	f->plat.lp[1].msr[EMU_MSR_TSC_ADJUST] = 0x1000;
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_LP_INIT, 0, 0, 0), 0);
	CHECK_U64_EQ(fx_call(f, 1, TDH_SYS_LP_INIT, 0, 0, 0),
		     tdx_status_with_operand(TDX_INCONSISTENT_MSR, 0x3B));
	fx_free(f);
}

static const struct handoff_msr *rec_msr(const struct handoff_record *rec, uint32_t index)
{
	for (uint32_t i = 0; i < rec->n_msrs; i++)
		if (rec->msrs[i].index == index)
			return &rec->msrs[i];
	return NULL;
}

/* Default: a non-zero TSC_ADJUST on one CPU is refused by name, before
 * any SEAMCALL. */
TEST(init_preflight_refuses_nonzero_tsc_adjust)
{
	struct harness *h = harness_new(2, 2, true);

	h->plat.lp[3].msr[EMU_MSR_TSC_ADJUST] = 0xfffffffffff00000ull;
	CHECK(harness_run(h) != TB_OK);
	CHECK_INT_EQ(h->ctx->rec.step, TDXBOOT_STEP_PREFLIGHT);
	CHECK_INT_EQ(h->ctx->rec.lp_index, 3);
	CHECK_STR_CONTAINS(h->ctx->rec.message, "CPU 3 (APIC 0x");
	CHECK_STR_CONTAINS(h->ctx->rec.message, "IA32_TSC_ADJUST (MSR 0x3b) = 0xfffffffffff00000");
	CHECK_STR_CONTAINS(h->ctx->rec.message, "tsc_adjust=any");
	CHECK_INT_EQ(emu_leaf_calls(&h->emu, EMU_LEAF_SYS_INIT), 0);
	harness_free(h);
}

/* The same non-zero value everywhere is refused by default... */
TEST(init_preflight_refuses_shared_nonzero_tsc_adjust_by_default)
{
	struct harness *h = harness_new(2, 2, true);

	emu_platform_set_msr(&h->plat, EMU_MSR_TSC_ADJUST, 0x40);
	CHECK(harness_run(h) != TB_OK);
	CHECK_INT_EQ(h->ctx->rec.lp_index, 0);
	CHECK_STR_CONTAINS(h->ctx->rec.message, "not 0");
	harness_free(h);
}

/* ...and accepted with tsc_adjust=any, recorded for the kernel; a CPU
 * that differs is still refused (the module would refuse its LP.INIT). */
TEST(init_tsc_adjust_any_accepts_a_shared_value_and_records_it)
{
	struct harness *h = harness_new(2, 2, true);
	const struct handoff_msr *m;

	emu_platform_set_msr(&h->plat, EMU_MSR_TSC_ADJUST, 0x40);
	h->in.policy.tsc_adjust_any = true;
	CHECK_INT_EQ(harness_run(h), TB_OK);
	m = rec_msr(&h->ctx->rec, 0x3B);
	REQUIRE(m != NULL);
	CHECK(m->present);
	CHECK_U64_EQ(m->value, 0x40);
	REQUIRE(rec_msr(&h->ctx->rec, 0x122) != NULL);
	harness_free(h);

	h = harness_new(2, 2, true);
	emu_platform_set_msr(&h->plat, EMU_MSR_TSC_ADJUST, 0x40);
	h->plat.lp[2].msr[EMU_MSR_TSC_ADJUST] = 0x41;
	h->in.policy.tsc_adjust_any = true;
	CHECK(harness_run(h) != TB_OK);
	CHECK_INT_EQ(h->ctx->rec.lp_index, 2);
	CHECK_STR_CONTAINS(h->ctx->rec.message, "differs from the boot CPU's 0x40");
	harness_free(h);
}

/* Without the preflight check, the module's own rule still holds: the
 * emulator refuses LP.INIT on the CPU that differs, with the operand. */
TEST(init_without_preflight_the_module_refuses_lp_init)
{
	struct harness *h = harness_new(2, 2, true);

	h->in.policy.check_tsc_adjust = false;
	h->plat.lp[2].msr[EMU_MSR_TSC_ADJUST] = 0x41;
	CHECK(harness_run(h) != TB_OK);
	CHECK_INT_EQ(h->ctx->rec.step, TDXBOOT_STEP_LP_INIT);
	CHECK_INT_EQ(h->ctx->rec.lp_index, 2);
	CHECK_U64_EQ(h->ctx->rec.seamcall_status,
		     tdx_status_with_operand(TDX_INCONSISTENT_MSR, 0x3B));
	CHECK_STR_CONTAINS(h->ctx->rec.message, "TDX_INCONSISTENT_MSR");
	harness_free(h);
}
