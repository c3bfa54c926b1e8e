/* SPDX-License-Identifier: MIT */
/*
 * The TDX step of the boot: everything between discovering the platform
 * and handing off.  Sets up the executor (MP Services), the backend (real
 * or emulated), the firmware services, runs the init sequence
 * (core/init.h), publishes the outcome (handoff table, LINUX_EFI_MEMRESERVE
 * entries for every PAMT, EFI variables, TPM measurement) and returns.
 * It never stops the boot: a failure is rolled back and recorded.
 */
#ifndef TDXBOOT_BOOT_TDX_H
#define TDXBOOT_BOOT_TDX_H

#include <efi.h>

#include "boot/acpi.h"
#include "boot/file.h"
#include "boot/memmap.h"
#include "boot/mp.h"
#include "boot/timer.h"
#include "core/config.h"

struct tdx_outcome {
	bool attempted;
	bool success;
	bool emulated;
	char status[96];         /* "success", "failed at TDH.SYS.CONFIG: ..." */
	char module_version[32];
	uint64_t pamt_kb;
	uint64_t init_time_us;
	uint64_t table_pa;       /* the handoff table, 0 if not installed */
};

struct tdx_env {
	EFI_SYSTEM_TABLE *st;
	const struct tb_config *cfg;
	struct file_ctx *files;
	struct boot_memmap *memmap;
	const struct boot_acpi *acpi;
	struct mp_ctx *mp;
	const struct timer_ctx *timer;
};

void tdx_step(const struct tdx_env *env, struct tdx_outcome *out);

#endif
