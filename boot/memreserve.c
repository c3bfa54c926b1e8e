/* SPDX-License-Identifier: MIT */
#include "boot/memreserve.h"

#include "boot/efi_extra.h"
#include "boot/efi_util.h"
#include "lib/mem.h"

static EFI_GUID memreserve_guid = TB_LINUX_EFI_MEMRESERVE_TABLE_GUID;

/* Linux sizes its own nodes by 4 KiB even on larger-page kernels. */
#define MEMRESERVE_NODE_BYTES 4096u
#define MEMRESERVE_NODE_SLOTS \
	((MEMRESERVE_NODE_BYTES - sizeof(struct tb_memreserve)) / sizeof(struct tb_memreserve_entry))

/* A walk stops after this many nodes: a corrupt or cyclic list must not hang the boot. */
#define MEMRESERVE_MAX_NODES 4096u

static struct tb_memreserve *memreserve_root(EFI_SYSTEM_TABLE *st)
{
	for (UINTN i = 0; i < st->NumberOfTableEntries; i++)
		if (!memcmp(&st->ConfigurationTable[i].VendorGuid, &memreserve_guid,
			    sizeof(EFI_GUID)))
			return st->ConfigurationTable[i].VendorTable;
	return NULL;
}

/* Slots of a node that Linux can see: those inside the header's page. */
static uint64_t memreserve_usable_slots(const struct tb_memreserve *n)
{
	uint64_t in_page = (UINTN)n % MEMRESERVE_NODE_BYTES;
	uint64_t room = (MEMRESERVE_NODE_BYTES - in_page - sizeof(*n)) / sizeof(n->entry[0]);

	if (n->size <= 0)
		return 0;
	return (uint64_t)n->size < room ? (uint64_t)n->size : room;
}

static int memreserve_listed(const struct tb_memreserve *root, uint64_t base, uint64_t size)
{
	const struct tb_memreserve *n = root;

	for (unsigned hops = 0; n && hops < MEMRESERVE_MAX_NODES; hops++) {
		for (int32_t i = 0; i < n->count && i < n->size; i++)
			if (n->entry[i].base == base && n->entry[i].size == size)
				return 1;
		n = (const struct tb_memreserve *)(UINTN)n->next;
	}
	return 0;
}

/*
 * EfiReservedMemoryType, like the PAMTs themselves: memory no OS may ever
 * use, kept out of System RAM by every kernel and by kexec, so the list
 * outlives the first kernel.  (EfiACPIReclaimMemory, which Linux uses for
 * its unaccepted-memory table, would do for Linux on x86, but the UEFI
 * definition lets an OS reclaim it after reading its ACPI tables; and as
 * e820 "ACPI data" it is a busy resource that root cannot read through
 * /dev/mem, whereas "reserved" can be checked from userspace,
 * toolchain.md §6.)
 */
static struct tb_memreserve *memreserve_new_node(EFI_SYSTEM_TABLE *st, struct tb_err *err)
{
	EFI_PHYSICAL_ADDRESS addr = 0;
	EFI_STATUS s = st->BootServices->AllocatePages(AllocateAnyPages, EfiReservedMemoryType, 1,
						       &addr);
	struct tb_memreserve *n;

	if (s != EFI_SUCCESS) {
		tb_err_set(err, "memreserve: cannot allocate a table page: %s", efi_status_name(s));
		return NULL;
	}
	n = (struct tb_memreserve *)(UINTN)addr;
	memset(n, 0, MEMRESERVE_NODE_BYTES);
	n->size = (INT32)MEMRESERVE_NODE_SLOTS;
	return n;
}

static tb_status memreserve_create(EFI_SYSTEM_TABLE *st, struct tb_memreserve **root,
				   struct tb_err *err)
{
	struct tb_memreserve *n = memreserve_new_node(st, err);
	EFI_STATUS s;

	if (!n)
		return TB_ENOMEM;
	s = st->BootServices->InstallConfigurationTable(&memreserve_guid, n);
	if (s != EFI_SUCCESS) {
		st->BootServices->FreePages((EFI_PHYSICAL_ADDRESS)(UINTN)n, 1);
		tb_err_set(err, "memreserve: cannot install the table: %s", efi_status_name(s));
		return TB_EIO;
	}
	*root = n;
	return TB_OK;
}

static int memreserve_try_node(struct tb_memreserve *n, uint64_t base, uint64_t size)
{
	if (n->count < 0 || (uint64_t)n->count >= memreserve_usable_slots(n))
		return 0;
	n->entry[n->count].base = base;
	n->entry[n->count].size = size;
	n->count++;
	return 1;
}

tb_status memreserve_add(EFI_SYSTEM_TABLE *st, uint64_t base, uint64_t size,
			 struct tb_err *err)
{
	struct tb_memreserve *root = memreserve_root(st), *n;
	tb_status ts;

	if (size == 0 || base + size < base) {
		tb_err_set(err, "memreserve: bad range base 0x%llx size 0x%llx",
			   (unsigned long long)base, (unsigned long long)size);
		return TB_EINVAL;
	}
	if (!root) {
		ts = memreserve_create(st, &root, err);
		if (ts != TB_OK)
			return ts;
	}
	if (memreserve_listed(root, base, size))
		return TB_OK;
	n = root;
	for (unsigned hops = 0; n && hops < MEMRESERVE_MAX_NODES; hops++) {
		if (memreserve_try_node(n, base, size))
			return TB_OK;
		n = (struct tb_memreserve *)(UINTN)n->next;
	}
	/* Every node is full: link a new one right after the root, as Linux does. */
	n = memreserve_new_node(st, err);
	if (!n)
		return TB_ENOMEM;
	memreserve_try_node(n, base, size);
	n->next = root->next;
	root->next = (UINT64)(UINTN)n;
	return TB_OK;
}

uint64_t memreserve_count(EFI_SYSTEM_TABLE *st)
{
	const struct tb_memreserve *n = memreserve_root(st);
	uint64_t total = 0;

	for (unsigned hops = 0; n && hops < MEMRESERVE_MAX_NODES; hops++) {
		if (n->count > 0)
			total += (uint64_t)n->count;
		n = (const struct tb_memreserve *)(UINTN)n->next;
	}
	return total;
}
