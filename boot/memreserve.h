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
 * Layout (include/linux/efi.h, struct linux_efi_memreserve): nodes linked by
 * physical address, each { int size; atomic_t count; u64 next; {u64 base,
 * size} entry[size] }.  Linux maps only the 4 KiB page that holds a node's
 * header, so a node must not cross a page boundary: ours are one page each,
 * 255 slots.  The nodes live in EfiReservedMemoryType (memreserve.c says
 * why; docs/chainload.md).
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

/* The number of ranges listed in the whole table (0 when there is none). */
uint64_t memreserve_count(EFI_SYSTEM_TABLE *st);

#endif
