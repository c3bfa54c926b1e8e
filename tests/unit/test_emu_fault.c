/* SPDX-License-Identifier: MIT */
/* Emulator: fault-injection specs (emu/emu.h emu_fault_add) and their effect. */
#include "tests/unit/emu_fixture.h"

static void check_parse_error(const char *spec, const char *needle)
{
	struct fx *f = fx_new();
	char err[160] = "";

	CHECK_INT_EQ(emu_fault_add(&f->e, spec, err, sizeof(err)), -1);
	CHECK_STR_CONTAINS(err, needle);
	CHECK_INT_EQ(f->e.num_faults, 0);
	fx_free(f);
}

TEST(emu_fault_parse_errors)
{
	check_parse_error("", "fault spec: empty");
	check_parse_error("bogus:0x1", "unknown leaf 'bogus'");
	check_parse_error("key_config", "missing status in 'key_config'");
	check_parse_error("key_config:0xZZ", "bad status");
	check_parse_error("key_config:TDX_NOPE", "'TDX_NOPE'");
	check_parse_error("key_config:0x1:0", "bad call number or LP");
	check_parse_error("key_config:0x1:lp", "bad call number or LP");
	check_parse_error("key_config:0x1:lp9999", "bad call number or LP");
	check_parse_error("key_config:0x1:2:3", "trailing text");
	/* All or nothing: the good first item is not kept either. */
	check_parse_error("sys_init:0x1,nope:0x1", "unknown leaf 'nope'");
}

/* The example: KEY.CONFIG fails on its 2nd call, the retry succeeds. */
TEST(emu_fault_nth_call)
{
	struct fx *f = fx_new();
	char err[128];

	REQUIRE(emu_fault_add(&f->e, "key_config:0x8000080000000000:2", err, sizeof(err)) == 0);
	fx_to_config_done(f, 1);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_KEY_CONFIG, 0, 0, 0), TDX_SUCCESS);
	CHECK_U64_EQ(fx_call(f, 2, TDH_SYS_KEY_CONFIG, 0, 0, 0), TDX_KEY_GENERATION_FAILED);
	CHECK_INT_EQ(emu_state(&f->e), EMU_SYSCONFIG_DONE);
	CHECK_U64_EQ(fx_call(f, 2, TDH_SYS_KEY_CONFIG, 0, 0, 0), TDX_SUCCESS);
	CHECK_INT_EQ(emu_state(&f->e), EMU_SYS_READY);
	CHECK_INT_EQ(emu_leaf_calls(&f->e, EMU_LEAF_KEY_CONFIG), 3);
	fx_free(f);
}

/* Every call on one LP, with a status given by name. */
TEST(emu_fault_on_lp_by_name)
{
	struct fx *f = fx_new();
	char err[128];

	REQUIRE(emu_fault_add(&f->e, "lp_init:TDX_INCONSISTENT_MSR:lp1", err, sizeof(err)) == 0);
	fx_sys_init(f);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_LP_INIT, 0, 0, 0), TDX_SUCCESS);
	CHECK_U64_EQ(fx_call(f, 1, TDH_SYS_LP_INIT, 0, 0, 0), TDX_INCONSISTENT_MSR);
	CHECK_U64_EQ(fx_call(f, 1, TDH_SYS_LP_INIT, 0, 0, 0), TDX_INCONSISTENT_MSR);
	CHECK_U64_EQ(fx_call(f, 2, TDH_SYS_LP_INIT, 0, 0, 0), TDX_SUCCESS);
	emu_fault_clear(&f->e);
	CHECK_U64_EQ(fx_call(f, 1, TDH_SYS_LP_INIT, 0, 0, 0), TDX_SUCCESS);
	fx_free(f);
}

/* Instruction-level outcomes can be injected too: "module not loaded", #GP. */
TEST(emu_fault_instruction_outcomes)
{
	struct fx *f = fx_new();
	struct seam_regs r = { .rax = TDH_SYS_INIT };
	char err[128];

	REQUIRE(emu_fault_add(&f->e, "sys_init:vmfailinvalid,sys_init:gp:2,seamldr_info:ud",
			      err, sizeof(err)) == 0);
	CHECK_INT_EQ(emu_seamcall(&f->e, 0, &r), EMU_VMFAILINVALID);
	CHECK_U64_EQ(r.rax, TDH_SYS_INIT);
	CHECK_INT_EQ(emu_seamcall(&f->e, 0, &r), EMU_GP);
	CHECK_INT_EQ(emu_seamcall(&f->e, 0, &r), EMU_VMSUCCEED);
	CHECK_U64_EQ(r.rax, TDX_SUCCESS);
	r = (struct seam_regs){ .rax = SEAMLDR_INFO, .rcx = FX_SCRATCH };
	CHECK_INT_EQ(emu_seamcall(&f->e, 0, &r), EMU_UD);
	fx_free(f);
}

/* An injected failure changes no state: CONFIG can still run afterwards. */
TEST(emu_fault_leaves_state_unchanged)
{
	struct fx *f = fx_new();
	char err[128];

	REQUIRE(emu_fault_add(&f->e, "config:TDX_SYS_BUSY", err, sizeof(err)) == 0);
	fx_sys_init(f);
	fx_lp_init_all(f);
	fx_tdmrs_default(f, 1);
	CHECK_U64_EQ(fx_config(f), TDX_SYS_BUSY);
	CHECK_INT_EQ(emu_state(&f->e), EMU_SYSINIT_DONE);
	CHECK_U64_EQ(fx_config(f), TDX_SUCCESS);
	fx_free(f);
}
