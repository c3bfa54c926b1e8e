/* SPDX-License-Identifier: MIT */
/*
 * The firmware memory map as core/ sees it: EFI memory descriptors parsed
 * from the raw GetMemoryMap() buffer (UEFI 2.10 §7.2, EFI_MEMORY_DESCRIPTOR,
 * version 1) without EFI types, so the same code runs on the host and is
 * fuzzed there.
 */
#ifndef TDXBOOT_CORE_MEMMAP_H
#define TDXBOOT_CORE_MEMMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

/* UEFI memory types, by number (UEFI 2.10 Table 7-5). */
enum memmap_type {
	MEMMAP_RESERVED = 0,
	MEMMAP_LOADER_CODE = 1,
	MEMMAP_LOADER_DATA = 2,
	MEMMAP_BOOT_CODE = 3,
	MEMMAP_BOOT_DATA = 4,
	MEMMAP_RUNTIME_CODE = 5,
	MEMMAP_RUNTIME_DATA = 6,
	MEMMAP_CONVENTIONAL = 7,
	MEMMAP_UNUSABLE = 8,
	MEMMAP_ACPI_RECLAIM = 9,
	MEMMAP_ACPI_NVS = 10,
	MEMMAP_MMIO = 11,
	MEMMAP_MMIO_PORT = 12,
	MEMMAP_PAL_CODE = 13,
	MEMMAP_PERSISTENT = 14,
	MEMMAP_UNACCEPTED = 15,
	MEMMAP_TYPE_COUNT = 16,      /* types >= this are summarised as "other" */
};

#define MEMMAP_ATTR_SP        0x0000000000040000ULL  /* EFI_MEMORY_SP */
#define MEMMAP_PAGE_SIZE      4096ULL
/* The fields we read; firmware descriptors are usually 48 bytes. */
#define MEMMAP_DESC_MIN_SIZE  40u

struct memmap_desc {
	uint32_t type;
	uint64_t base;
	uint64_t pages;
	uint64_t attr;
};

/*
 * Parses map_size bytes of descriptors, desc_size bytes apart, into out[].
 * Rejects (TB_EINVAL, message naming the descriptor) a desc_size below 40 or
 * not a multiple of 8, a map_size that is not a whole number of descriptors,
 * a base that is not page aligned, and a range that wraps past 2^64.
 * TB_ENOMEM when more than cap descriptors.  Order is kept as given.
 */
tb_status memmap_parse(const void *buf, size_t map_size, size_t desc_size,
		       struct memmap_desc *out, size_t cap, size_t *n_out,
		       struct tb_err *err);

/* "Conventional", "Boot Data"...; the names Linux prints with efi=debug. */
const char *memmap_type_name(uint32_t type);

/*
 * RAM the OS will use once boot services end: Conventional, Loader and Boot
 * Services Code/Data and Unaccepted (type 15), unless EFI_MEMORY_SP marks
 * it soft reserved.  The same mapping the x86 EFI stub uses to build e820.
 */
bool memmap_is_os_ram(uint32_t type, uint64_t attr);

/*
 * The planner's view of the map (core/plan.h): Conventional is free now;
 * Loader/Boot Services Code/Data and Unaccepted are RAM the OS gets later;
 * EFI_MEMORY_SP RAM is soft reserved; everything else is not RAM.
 * TB_ENOMEM when more than cap.
 */
struct plan_mem;
tb_status memmap_to_plan(const struct memmap_desc *d, size_t n, struct plan_mem *out,
			 size_t cap, size_t *n_out, struct tb_err *err);

struct memmap_summary {
	uint64_t bytes[MEMMAP_TYPE_COUNT + 1];   /* last slot: unknown types */
	uint32_t count[MEMMAP_TYPE_COUNT + 1];
	uint64_t os_ram_bytes;                   /* memmap_is_os_ram() */
	uint64_t soft_reserved_bytes;            /* RAM types with EFI_MEMORY_SP */
	uint64_t top_of_ram;                     /* end of the highest OS RAM */
	uint32_t n_desc;
};

void memmap_summarize(const struct memmap_desc *d, size_t n,
		      struct memmap_summary *s);

#endif
