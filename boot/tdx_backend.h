/* SPDX-License-Identifier: MIT */
/*
 * Choosing the SEAM backend (backend = auto | real | emulate):
 *
 *  - real: SEAMCALL on this CPU.  Refused under a hypervisor (CPUID.1:ECX
 *    [31], as Intel's loader does, docs/reference/tdx-abi.md §10.3), without VMX, without
 *    TME (no KeyID MSRs to read), or without MOVDIR64B (the PAMT reset of
 *    a rollback needs it, §12).
 *  - emulate: the emulated TDX module and P-SEAMLDR, on an emulated
 *    platform that mirrors this machine: its CPUs, packages and APIC IDs,
 *    CMRs derived from the EFI memory map as a TDX BIOS reports them.
 *  - auto: real when the checks above pass; otherwise TDX is skipped with
 *    the reason.  Emulation is never chosen silently: it reserves real
 *    memory for PAMTs, which only a dry run or an experiment wants.
 */
#ifndef TDXBOOT_BOOT_TDX_BACKEND_H
#define TDXBOOT_BOOT_TDX_BACKEND_H

#include <efi.h>

#include "boot/memmap.h"
#include "boot/seam_real.h"
#include "core/config.h"
#include "core/exec.h"
#include "emu/backend.h"

struct tdx_backend {
	struct seam_backend be;
	bool emulated;
	bool trap_installed;
	struct seam_real_ctx *real;      /* pool memory, real backend */
	struct emu_platform *plat;       /* pool memory, emulated backend */
	struct emu *emu;
};

/* Why the real backend cannot run here, or NULL when it can. */
const char *tdx_backend_real_refusal(void);

tb_status tdx_backend_setup(EFI_SYSTEM_TABLE *st, const struct tb_config *cfg,
			    const struct executor *ex, const struct boot_memmap *mm,
			    bool have_blob, struct tdx_backend *b, struct tb_err *err);
/* Everything setup allocated; safe to call again. */
void tdx_backend_release(EFI_SYSTEM_TABLE *st, struct tdx_backend *b);

#endif
