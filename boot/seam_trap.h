/* SPDX-License-Identifier: MIT */
/*
 * Turning a faulting SEAMCALL into a status.
 *
 * SEAMCALL raises #UD outside VMX operation and #GP when the BIOS did not
 * enable SEAM (docs/reference/tdx-abi.md §1.3).  An unhandled exception makes the firmware
 * print a register dump and spin forever (docs/reference/toolchain.md §2), which would hang
 * the boot.  While installed, these handlers recognise a fault at tdxboot's
 * own SEAMCALL instruction, put Linux's software status in RAX
 * (TDX_SEAMCALL_UD / TDX_SEAMCALL_GP, §1.4) and resume after it.  Any other
 * fault is handed back to the firmware's default handler.
 */
#ifndef TDXBOOT_BOOT_SEAM_TRAP_H
#define TDXBOOT_BOOT_SEAM_TRAP_H

#include <efi.h>

#include "core/status.h"

tb_status seam_trap_install(EFI_SYSTEM_TABLE *st, struct tb_err *err);
void seam_trap_remove(void);
/* Faults converted since install: #UD, #GP. */
uint64_t seam_trap_count(int vector);

#endif
