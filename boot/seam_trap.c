/* SPDX-License-Identifier: MIT */
#include "boot/seam_trap.h"

#include <stdbool.h>

#include "arch/x86/cpu.h"
#include "arch/x86/seam_insn.h"
#include "boot/console.h"
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
	/* The first fault that was not at tdxboot's SEAMCALL (first writer wins). */
	uint32_t foreign_set;
	uint32_t foreign_vector;
	uint32_t foreign_apic;
	uint64_t foreign_rip;
} trap;

/*
 * A #UD or #GP elsewhere, on any CPU.  Exception context on a CPU that may
 * be an AP: firmware services are not to be called there (the PI
 * specification's EFI_MP_SERVICES_PROTOCOL runs procedures on APs, which
 * may not use UEFI services; and the interrupted code may hold the
 * firmware's locks), so the vector is not given
 * back to the firmware from here.  The fault is recorded for the boot CPU
 * to report (seam_trap_remove) and this CPU stops, as the firmware's
 * default handler would stop it: an AP is then a CPU the dispatch loses
 * (accounted for and rolled back), the boot CPU one the watchdog resets.
 */
__attribute__((noreturn)) static void seam_trap_foreign(EFI_EXCEPTION_TYPE type, UINT64 rip)
{
	uint32_t expected = 0;

	if (__atomic_compare_exchange_n(&trap.foreign_set, &expected, 1, false, __ATOMIC_ACQ_REL,
					__ATOMIC_RELAXED)) {
		trap.foreign_vector = (uint32_t)type;
		trap.foreign_rip = rip;
		trap.foreign_apic = cpu_cpuid(1, 0).ebx >> 24;
		__atomic_store_n(&trap.foreign_set, 2, __ATOMIC_RELEASE);
	}
	for (;;)
		cpu_pause();
}

static VOID EFIAPI seam_trap_handler(EFI_EXCEPTION_TYPE type, EFI_SYSTEM_CONTEXT ctx)
{
	EFI_SYSTEM_CONTEXT_X64 *x = ctx.SystemContextX64;

	if (x->Rip != (UINT64)(uintptr_t)seam_insn_seamcall_at)
		seam_trap_foreign(type, x->Rip);
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
	trap.foreign_set = 0;
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
	if (__atomic_load_n(&trap.foreign_set, __ATOMIC_ACQUIRE) == 2)
		con_log(CON_ERROR, "a CPU (APIC 0x%x) took %s at RIP 0x%llx outside tdxboot's SEAMCALL while tdxboot's fault handlers were installed; that CPU was stopped\n",
			trap.foreign_apic, trap.foreign_vector == VEC_UD ? "#UD" : "#GP",
			(unsigned long long)trap.foreign_rip);
	trap.cpu->RegisterInterruptHandler(trap.cpu, VEC_UD, NULL);
	trap.cpu->RegisterInterruptHandler(trap.cpu, VEC_GP, NULL);
	trap.cpu = NULL;
}

uint64_t seam_trap_count(int vector)
{
	return vector == VEC_UD ? trap.count_ud : trap.count_gp;
}
