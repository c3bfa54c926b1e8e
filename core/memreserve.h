/* SPDX-License-Identifier: MIT */
/*
 * LINUX_EFI_MEMRESERVE_TABLE's linked list, as pure logic: boot/memreserve.c
 * finds the table, allocates pages and installs it; this file reads and
 * extends the list, and is unit-tested on the host.
 *
 * The layout is Linux's (include/linux/efi.h, struct linux_efi_memreserve):
 * nodes linked by physical address, each { int size; atomic_t count; u64
 * next; { u64 base, size } entry[size] }.  Linux's efi_config_parse_tables()
 * maps only the 4 KiB page holding a node's header, so only the slots inside
 * that page count, whatever `size` claims.  Physical addresses are used as
 * pointers: UEFI boot services identity-map memory, and host tests use real
 * pointers.
 */
#ifndef TDXBOOT_CORE_MEMRESERVE_H
#define TDXBOOT_CORE_MEMRESERVE_H

#include <stddef.h>
#include <stdint.h>

struct memreserve_entry {
	uint64_t base;
	uint64_t size;
};

struct memreserve_node {
	int32_t size;        /* slots in entry[] */
	int32_t count;       /* slots used (an atomic_t in Linux) */
	uint64_t next;       /* physical address of the next node, 0 at the end */
	struct memreserve_entry entry[];
};

_Static_assert(sizeof(struct memreserve_node) == 16, "linux_efi_memreserve header");
_Static_assert(offsetof(struct memreserve_node, next) == 8, "next after size, count");
_Static_assert(sizeof(struct memreserve_entry) == 16, "base + size");

/* Linux sizes its own nodes by 4 KiB even on larger-page kernels. */
#define MEMRESERVE_NODE_BYTES 4096u
#define MEMRESERVE_NODE_SLOTS \
	((MEMRESERVE_NODE_BYTES - sizeof(struct memreserve_node)) / sizeof(struct memreserve_entry))
/* A walk stops after this many nodes: a cyclic or corrupt list must not hang the boot. */
#define MEMRESERVE_MAX_NODES 4096u

enum memreserve_result {
	MEMRESERVE_ADDED = 0,    /* put in a free slot */
	MEMRESERVE_PRESENT,      /* the same range was already listed */
	MEMRESERVE_FULL,         /* no usable free slot: link a new node */
};

/* A fresh, page-aligned, MEMRESERVE_NODE_BYTES node: empty, 255 slots. */
void memreserve_node_init(struct memreserve_node *n);

/* Slots of n that Linux sees: min(size, what fits in the header's page). */
uint64_t memreserve_node_usable(const struct memreserve_node *n);

/* Adds [base, base + size) to the first node with a usable free slot. */
enum memreserve_result memreserve_list_add(struct memreserve_node *root, uint64_t base,
					   uint64_t size);

/*
 * Links `fresh` (initialized) right after the root holding the range, as
 * Linux's efi_mem_reserve_persistent() does; for MEMRESERVE_FULL.
 */
void memreserve_list_link(struct memreserve_node *root, struct memreserve_node *fresh,
			  uint64_t base, uint64_t size);

/* Ranges listed in all nodes (what Linux will memblock_reserve). */
uint64_t memreserve_list_count(const struct memreserve_node *root);

#endif
