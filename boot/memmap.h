/* SPDX-License-Identifier: MIT */
/* Snapshot of the firmware memory map, parsed into core's model. */
#ifndef TDXBOOT_BOOT_MEMMAP_H
#define TDXBOOT_BOOT_MEMMAP_H

#include <efi.h>

#include "core/memmap.h"

#define BOOT_MEMMAP_CAP 4096

struct boot_memmap {
	UINTN key;                 /* GetMemoryMap's MapKey at the snapshot */
	size_t n;
	struct memmap_desc desc[BOOT_MEMMAP_CAP];
};

/* Takes a snapshot; mm must be pool memory (it is ~160 KiB). */
tb_status boot_memmap_read(EFI_SYSTEM_TABLE *st, struct boot_memmap *mm,
			   struct tb_err *err);

/* Prints the map summarised by type, with the RAM the OS will get. */
void boot_memmap_report(const struct boot_memmap *mm);

#endif
