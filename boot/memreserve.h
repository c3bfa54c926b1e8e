/* SPDX-License-Identifier: MIT */
/*
 * PAMT ranges in Linux's LINUX_EFI_MEMRESERVE_TABLE, for kernels that do
 * not know tdxboot.
 *
 * Linux walks this table in efi_config_parse_tables() on every boot, on
 * every architecture, and memblock_reserve()s each entry before its page
 * allocator exists; kexec'd and kdump kernels walk it again because the
 * table's address stays in the EFI configuration table.  So a kernel that
 * has never heard of TDX still never hands a PAMT page to its allocator.
 *
 * The list itself (layout, page rule, extending someone else's table) is
 * core/memreserve.c, tested on the host; this file finds the table in the
 * system table, allocates one-page nodes in EfiReservedMemoryType and
 * installs the configuration table (docs/chainload.md §4).
 */
#ifndef TDXBOOT_BOOT_MEMRESERVE_H
#define TDXBOOT_BOOT_MEMRESERVE_H

#include <efi.h>
#include <stdint.h>

#include "core/status.h"

/*
 * Adds [base, base + size) to the table, creating it (and installing it as
 * a configuration table) or extending an existing one, whoever made it.
 * Adding a range that is already listed is a no-op.
 */
tb_status memreserve_add(EFI_SYSTEM_TABLE *st, uint64_t base, uint64_t size,
			 struct tb_err *err);

#endif
