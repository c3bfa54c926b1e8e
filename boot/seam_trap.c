/* SPDX-License-Identifier: MIT */
#include "boot/seam_trap.h"

#include "arch/x86/seam_insn.h"
#include "boot/efi_extra.h"
#include "boot/efi_util.h"

#define VEC_UD 6
#define VEC_GP 13
#define RFLAGS_CF (1ull << 0)
#define RFLAGS_ZF (1ull << 6)
#define SEAMCALL_LEN 4

static EFI_GUID cpu_arch_guid = TB_EFI_CPU_ARCH_PROTOCOL_GUID;

/* The trap subsystem's one context; counters are bumped from any CPU. */
static struct {
	TB_EFI_CPU_ARCH_PROTOCOL *cpu;
	uint64_t count_ud, count_gp;
} trap;

static VOID EFIAPI seam_trap_handler(EFI_EXCEPTION_TYPE type, EFI_SYSTEM_CONTEXT ctx)
{
	EFI_SYSTEM_CONTEXT_X64 *x = ctx.SystemContextX64;

	if (x->Rip != (UINT64)(uintptr_t)seam_insn_seamcall_at) {
		/*
		 * Not our instruction: give the vector back to the firmware and
		 * return; the instruction faults again and the default handler
		 * reports it as it would have without us.
		 */
		trap.cpu->RegisterInterruptHandler(trap.cpu, type, NULL);
		return;
	}
	x->Rax = type == VEC_UD ? TDX_SEAMCALL_UD : TDX_SEAMCALL_GP;
	x->Rflags &= ~(RFLAGS_CF | RFLAGS_ZF);
	x->Rip += SEAMCALL_LEN;
	__atomic_fetch_add(type == VEC_UD ? &trap.count_ud : &trap.count_gp, 1,
			   __ATOMIC_RELAXED);
}

tb_status seam_trap_install(EFI_SYSTEM_TABLE *st, struct tb_err *err)
{
	EFI_STATUS s;

	s = st->BootServices->LocateProtocol(&cpu_arch_guid, NULL, (VOID **)&trap.cpu);
	if (s != EFI_SUCCESS) {
		trap.cpu = NULL;
		tb_err_set(err, "EFI CPU architecture protocol not found (%s): a faulting SEAMCALL would stop the boot",
			   efi_status_name(s));
		return TB_ENOTFOUND;
	}
	trap.count_ud = trap.count_gp = 0;
	s = trap.cpu->RegisterInterruptHandler(trap.cpu, VEC_UD, seam_trap_handler);
	if (s == EFI_SUCCESS)
		s = trap.cpu->RegisterInterruptHandler(trap.cpu, VEC_GP, seam_trap_handler);
	if (s != EFI_SUCCESS) {
		seam_trap_remove();
		tb_err_set(err, "cannot install the SEAMCALL fault handlers: %s", efi_status_name(s));
		return TB_EIO;
	}
	return TB_OK;
}

void seam_trap_remove(void)
{
	if (!trap.cpu)
		return;
	trap.cpu->RegisterInterruptHandler(trap.cpu, VEC_UD, NULL);
	trap.cpu->RegisterInterruptHandler(trap.cpu, VEC_GP, NULL);
	trap.cpu = NULL;
}

uint64_t seam_trap_count(int vector)
{
	return vector == VEC_UD ? trap.count_ud : trap.count_gp;
}
