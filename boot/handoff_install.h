/* SPDX-License-Identifier: MIT */
/*
 * Installing a built handoff table (core/handoff_build.h) as tdxboot's EFI
 * configuration table: copied into fresh pages of EfiReservedMemoryType,
 * page-aligned, so the kernel, and kexec and kdump kernels after it, find
 * it and can reserve it whole (docs/handoff.md §6).
 */
#ifndef TDXBOOT_BOOT_HANDOFF_INSTALL_H
#define TDXBOOT_BOOT_HANDOFF_INSTALL_H

#include <efi.h>

#include "core/status.h"

/*
 * Validates table (len bytes, as handoff_build() returned it) with
 * lib/handoff -- a table the kernel would reject is never installed --,
 * copies it into new EfiReservedMemoryType pages and installs it under
 * TDXBOOT_HANDOFF_TABLE_GUID; *phys (when not NULL) receives the table's
 * physical address for the log line, 0 on failure.  An earlier table with
 * that GUID (tdxboot run twice in one boot) is replaced; its pages stay
 * allocated, which is harmless.  On failure nothing is installed and nothing
 * is leaked.
 */
tb_status handoff_install_at(EFI_SYSTEM_TABLE *st, const void *table, size_t len,
			     uint64_t *phys, struct tb_err *err);

#endif
