/* SPDX-License-Identifier: MIT */
/*
 * Emulator conformance: the SEAMCALL boundary and the dispatcher gate.
 * docs/reference/tdx-abi.md §1.2 (RAX), §1.3 (faults, VMfailInvalid), §3 (gate).
 */
#include "tests/unit/emu_fixture.h"

/* §1.3: no module loaded -> VMfailInvalid, RAX unchanged. */
TEST(emu_seamcall_vmfailinvalid_without_module)
{
	struct fx *f = fx_new_platform(1, 2);
	struct seam_regs r = { .rax = TDH_SYS_INIT };

	emu_init(&f->e, &f->plat, emu_memmap_ops(&f->map));
	CHECK_INT_EQ(emu_seamcall(&f->e, 0, &r), EMU_VMFAILINVALID);
	CHECK_U64_EQ(r.rax, TDH_SYS_INIT);
	fx_free(f);
}

/* §1.3: SEAMRR not enabled by the BIOS -> #GP. */
TEST(emu_seamcall_gp_when_seam_disabled)
{
	struct fx *f = fx_new_platform(1, 2);
	struct seam_regs r = { .rax = TDH_SYS_INIT };

	f->plat.seam_enabled = false;
	fx_start(f);
	CHECK_INT_EQ(emu_seamcall(&f->e, 0, &r), EMU_GP);
	r.rax = SEAMLDR_INFO;
	CHECK_INT_EQ(emu_seamcall(&f->e, 0, &r), EMU_GP);
	fx_free(f);
}

/* §1.3: not in VMX operation -> #UD (modelled when check_vmx is set). */
TEST(emu_seamcall_ud_outside_vmx)
{
	struct fx *f = fx_new_platform(1, 2);
	struct seam_regs r = { .rax = TDH_SYS_INIT };

	f->plat.check_vmx = true;
	fx_start(f);
	CHECK_INT_EQ(emu_seamcall(&f->e, 1, &r), EMU_UD);
	emu_vmxon(&f->e, 1, true);
	CHECK_INT_EQ(emu_seamcall(&f->e, 1, &r), EMU_VMSUCCEED);
	CHECK_U64_EQ(r.rax, TDX_SUCCESS);
	fx_free(f);
}

/* §1.2: reserved RAX bits -> TDX_OPERAND_INVALID|RAX. */
TEST(emu_seamcall_rax_reserved_bits)
{
	struct fx *f = fx_new();

	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT | (1ull << 24), 0, 0, 0),
		     0xC000010000000000ull);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT | (1ull << 40), 0, 0, 0),
		     0xC000010000000000ull);
	CHECK_INT_EQ(emu_state(&f->e), EMU_SYSINIT_PENDING);
	fx_free(f);
}

/* §1.2: host-init leaves exist only in version 0. */
TEST(emu_seamcall_version_nonzero_rejected)
{
	struct fx *f = fx_new();

	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INIT | (1ull << TDX_VERSION_SHIFT), 0, 0, 0),
		     0xC000010000000000ull);
	fx_free(f);
}

/*
 * Module 1.5.01 tdx_vmm_dispatcher.c:148-163 before 179-196: a non-zero
 * version is OPERAND_INVALID|RAX even where the state gate would refuse.
 */
TEST(emu_seamcall_version_before_state_gate)
{
	struct fx *f = fx_new();

	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_TDMR_INIT | (1ull << TDX_VERSION_SHIFT),
			     FX_CMR_BASE, 0, 0), 0xC000010000000000ull);
	fx_free(f);
}

/* §3 gate 2: TDMR.INIT (and unknown leaves) before SYS_READY -> SYS_NOT_READY. */
TEST(emu_seamcall_gate_not_ready)
{
	struct fx *f = fx_new();

	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_TDMR_INIT, FX_CMR_BASE, 0, 0), TDX_SYS_NOT_READY);
	CHECK_U64_EQ(fx_call(f, 0, 9 /* TDH.MNG.CREATE */, 0, 0, 0), TDX_SYS_NOT_READY);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_SHUTDOWN, 0, 0, 0), TDX_SYS_NOT_READY);
	fx_free(f);
}

/* §1.2: unknown module leaf in SYS_READY -> TDX_OPERAND_INVALID|RAX. */
TEST(emu_seamcall_unknown_leaf_when_ready)
{
	struct fx *f = fx_new();

	fx_to_ready(f, 1);
	CHECK_U64_EQ(fx_call(f, 0, 0x7F, 0, 0, 0), 0xC000010000000000ull);
	CHECK_STR_CONTAINS(emu_diag(&f->e), "not modelled");
	fx_free(f);
}

/* §1.2: unknown P-SEAMLDR leaf -> EBADPARAM. */
TEST(emu_seamcall_seamldr_unknown_leaf)
{
	struct fx *f = fx_new();

	CHECK_U64_EQ(fx_call(f, 0, SEAMLDR_LEAF_BIT | 0x77, 0, 0, 0), SEAMLDR_EBADPARAM);
	fx_free(f);
}

/* §1.2: registers a leaf does not write come back unchanged. */
TEST(emu_seamcall_preserves_other_registers)
{
	struct fx *f = fx_new();
	struct seam_regs r = { .rax = TDH_SYS_INIT, .rbx = 0x11, .rsi = 0x22,
			       .r11 = 0x33, .r15 = 0x44, .rbp = 0x55 };

	CHECK_U64_EQ(fx_call_regs(f, 0, &r), TDX_SUCCESS);
	CHECK_U64_EQ(r.rbx, 0x11);
	CHECK_U64_EQ(r.rsi, 0x22);
	CHECK_U64_EQ(r.r11, 0x33);
	CHECK_U64_EQ(r.r15, 0x44);
	CHECK_U64_EQ(r.rbp, 0x55);
	fx_free(f);
}

/* Harness errors are loud: an LP the platform does not have. */
TEST(emu_seamcall_bad_lp_is_reported)
{
	struct fx *f = fx_new();
	struct seam_regs r = { .rax = TDH_SYS_INIT };

	CHECK_INT_EQ(emu_seamcall(&f->e, 99, &r), EMU_BADMEM);
	CHECK_STR_CONTAINS(emu_diag(&f->e), "LP 99");
	emu_diag_clear(&f->e);
	f->plat.num_lps = EMU_MAX_LPS + 1;
	CHECK_INT_EQ(emu_seamcall(&f->e, 0, &r), EMU_BADMEM);
	CHECK_STR_CONTAINS(emu_diag(&f->e), "at most 2048");
	fx_free(f);
}

/* §3 gate 1: after SYS.SHUTDOWN every leaf but LP.SHUTDOWN -> TDX_SYS_SHUTDOWN. */
TEST(emu_seamcall_gate_shutdown)
{
	struct fx *f = fx_new();

	fx_to_ready(f, 1);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_SHUTDOWN, 0, 0, 0), TDX_SUCCESS);
	CHECK_INT_EQ(emu_state(&f->e), EMU_SYS_SHUTDOWN);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_RD, MD_SYS_MAX_TDMRS, 0, 0), TDX_SYS_SHUTDOWN);
	CHECK_U64_EQ(fx_call(f, 1, TDH_SYS_INIT, 0, 0, 0), TDX_SYS_SHUTDOWN);
	CHECK_U64_EQ(fx_call(f, 1, TDH_SYS_LP_SHUTDOWN, 0, 0, 0), TDX_SUCCESS);
	fx_free(f);
}

/*
 * §4 SHUTDOWN row: handoff version outside [min_update_hv, module_hv];
 * module 1.5.01 tdh_sys_shutdown.c:50-66 checks it before taking the lock.
 */
TEST(emu_sys_shutdown_bad_handoff_version)
{
	struct fx *f = fx_new();

	fx_to_ready(f, 1);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_SHUTDOWN, 1, 0, 0), 0xC000010000000001ull);
	CHECK_INT_EQ(emu_state(&f->e), EMU_SYS_READY);
	f->e.mod.global_lock = -1; /* another LP holds it exclusively */
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_SHUTDOWN, 1, 0, 0), 0xC000010000000001ull);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_SHUTDOWN, 0, 0, 0), TDX_SYS_BUSY);
	f->e.mod.global_lock = 0;
	fx_free(f);
}

/*
 * §4 DISABLE row: absent in 1.5.01, whose dispatcher has no case for 69:
 * not in the gate list (tdx_vmm_dispatcher.c:179-196) -> SYS_NOT_READY
 * before SYS_READY, the switch default (701-705) -> OPERAND_INVALID|RAX
 * after.  On newer modules: back to SYSINIT_PENDING.
 */
TEST(emu_sys_disable)
{
	struct fx *f = fx_new();

	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_DISABLE, 0, 0, 0), TDX_SYS_NOT_READY);
	fx_to_ready(f, 1);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_DISABLE, 0, 0, 0), 0xC000010000000000ull);
	f->e.mod.desc.flags |= EMU_MODFLAG_SYS_DISABLE;
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_DISABLE, 0, 0, 0), TDX_SUCCESS);
	CHECK_INT_EQ(emu_state(&f->e), EMU_SYSINIT_PENDING);
	fx_sys_init(f);
	fx_lp_init_all(f);
	fx_free(f);
}
