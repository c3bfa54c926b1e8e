/* SPDX-License-Identifier: MIT */
/*
 * The firmware services the init sequence needs (core/init.h
 * init_platform_ops), over boot services: PAMTs reserved with
 * AllocatePages at their planned address as EfiReservedMemoryType (a type
 * no OS uses as RAM, so the PAMTs survive into the OS and across kexec),
 * scratch pages for the module to read, time from the TSC, messages to the
 * console.
 */
#ifndef TDXBOOT_BOOT_TDX_OPS_H
#define TDXBOOT_BOOT_TDX_OPS_H

#include <efi.h>

#include "boot/memmap.h"
#include "boot/timer.h"
#include "core/init.h"

#define TDX_OPS_PLAN_MEM_CAP BOOT_MEMMAP_CAP

struct tdx_ops_ctx {
	EFI_SYSTEM_TABLE *st;
	const struct timer_ctx *timer;
	struct boot_memmap *memmap;      /* pool memory: re-read before planning */
	struct plan_mem *mem;            /* TDX_OPS_PLAN_MEM_CAP entries */
};

void tdx_ops_init(struct init_platform_ops *ops, struct tdx_ops_ctx *ctx);

#endif
