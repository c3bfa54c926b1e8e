/* SPDX-License-Identifier: MIT */
/*
 * seamcall_selftest=yes: SEAMCALL executed on every CPU outside VMX
 * operation, where the CPU must raise #UD (docs/reference/tdx-abi.md §1.3).  Each CPU must
 * come back with TDX_SEAMCALL_UD through boot/seam_trap.c.  It proves, on
 * new firmware or in QEMU, that a faulting SEAMCALL is reported and cannot
 * hang the boot, using the very instruction stub the real backend uses.
 */
#ifndef TDXBOOT_BOOT_SEAM_SELFTEST_H
#define TDXBOOT_BOOT_SEAM_SELFTEST_H

#include <efi.h>

#include "boot/mp.h"
#include "core/status.h"

tb_status seam_selftest_run(EFI_SYSTEM_TABLE *st, struct mp_ctx *mp, uint32_t timeout_ms);

#endif
