/* SPDX-License-Identifier: MIT */
#include "boot/memreserve.h"

#include "boot/efi_extra.h"
#include "boot/efi_util.h"
#include "core/memreserve.h"
#include "lib/mem.h"

static EFI_GUID memreserve_guid = TB_LINUX_EFI_MEMRESERVE_TABLE_GUID;

static struct memreserve_node *memreserve_root(EFI_SYSTEM_TABLE *st)
{
	for (UINTN i = 0; i < st->NumberOfTableEntries; i++)
		if (!memcmp(&st->ConfigurationTable[i].VendorGuid, &memreserve_guid,
			    sizeof(EFI_GUID)))
			return st->ConfigurationTable[i].VendorTable;
	return NULL;
}

/*
 * EfiReservedMemoryType, like the PAMTs themselves: memory no OS may ever
 * use, kept out of System RAM by every kernel and by kexec, so the list
 * outlives the first kernel.  (EfiACPIReclaimMemory, which Linux uses for
 * its unaccepted-memory table, would do for Linux on x86, but the UEFI
 * definition lets an OS reclaim it after reading its ACPI tables; and as
 * e820 "ACPI data" it is a busy resource that root cannot read through
 * /dev/mem, whereas "reserved" can be checked from userspace,
 * docs/reference/toolchain.md §6, docs/chainload.md §4.)
 */
static struct memreserve_node *memreserve_new_node(EFI_SYSTEM_TABLE *st, struct tb_err *err)
{
	EFI_PHYSICAL_ADDRESS addr = 0;
	EFI_STATUS s = efi_alloc_pages(st, AllocateAnyPages, EfiReservedMemoryType,
						       EFI_SIZE_TO_PAGES(MEMRESERVE_NODE_BYTES),
						       &addr);
	struct memreserve_node *n;

	if (s != EFI_SUCCESS) {
		tb_err_set(err, "memreserve: cannot allocate a table page: %s", efi_status_name(s));
		return NULL;
	}
	n = (struct memreserve_node *)(UINTN)addr;
	memreserve_node_init(n);
	return n;
}

static tb_status memreserve_create(EFI_SYSTEM_TABLE *st, struct memreserve_node **root,
				   struct tb_err *err)
{
	struct memreserve_node *n = memreserve_new_node(st, err);
	EFI_STATUS s;

	if (!n)
		return TB_ENOMEM;
	s = st->BootServices->InstallConfigurationTable(&memreserve_guid, n);
	if (s != EFI_SUCCESS) {
		efi_free_pages(st, (EFI_PHYSICAL_ADDRESS)(UINTN)n,
					    EFI_SIZE_TO_PAGES(MEMRESERVE_NODE_BYTES));
		tb_err_set(err, "memreserve: cannot install the table: %s", efi_status_name(s));
		return TB_EIO;
	}
	*root = n;
	return TB_OK;
}

tb_status memreserve_add(EFI_SYSTEM_TABLE *st, uint64_t base, uint64_t size,
			 struct tb_err *err)
{
	struct memreserve_node *root = memreserve_root(st), *fresh;
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
	if (memreserve_list_add(root, base, size) != MEMRESERVE_FULL)
		return TB_OK;
	fresh = memreserve_new_node(st, err);
	if (!fresh)
		return TB_ENOMEM;
	memreserve_list_link(root, fresh, base, size);
	return TB_OK;
}
