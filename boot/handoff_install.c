/* SPDX-License-Identifier: MIT */
#include "boot/handoff_install.h"

#include "boot/efi_util.h"
#include "lib/handoff.h"
#include "lib/mem.h"

#define HI_PAGE 4096u

static EFI_GUID hi_guid = TDXBOOT_HANDOFF_TABLE_GUID_INIT;

_Static_assert(sizeof(EFI_GUID) == sizeof(struct tdxboot_guid), "EFI_GUID layout");

/* The pages hold the table and zeros after it: nothing stale for a reader. */
static tb_status hi_copy_to_pages(EFI_SYSTEM_TABLE *st, const void *table, size_t len,
				  EFI_PHYSICAL_ADDRESS *pa, UINTN *pages, struct tb_err *err)
{
	EFI_STATUS s;

	*pages = (len + HI_PAGE - 1) / HI_PAGE;
	/*
	 * EfiReservedMemoryType, not loader data: it becomes e820 "reserved",
	 * which the kernel never uses as RAM and passes on to kexec and kdump
	 * kernels.  Not ACPI reclaim (e820 "ACPI data"): Linux marks that busy
	 * and /dev/mem then refuses it under STRICT_DEVMEM, so no OS tool could
	 * read the table (docs/handoff.md §6).
	 */
	s = efi_alloc_pages(st, AllocateAnyPages, EfiReservedMemoryType, *pages, pa);
	if (s != EFI_SUCCESS) {
		tb_err_set(err, "handoff: cannot allocate %llu pages of reserved memory: %s",
			   (unsigned long long)*pages, efi_status_name(s));
		return TB_ENOMEM;
	}
	memcpy((void *)(UINTN)*pa, table, len);
	memset((uint8_t *)(UINTN)*pa + len, 0, *pages * HI_PAGE - len);
	return TB_OK;
}

tb_status handoff_install_at(EFI_SYSTEM_TABLE *st, const void *table, size_t len,
			     uint64_t *phys, struct tb_err *err)
{
	struct handoff_view v;
	enum handoff_error e;
	EFI_PHYSICAL_ADDRESS pa = 0;
	UINTN pages = 0;
	EFI_STATUS s;
	tb_status ts;

	if (phys)
		*phys = 0;
	e = handoff_validate(table, len, &v);
	if (e != HANDOFF_OK) {
		tb_err_set(err, "handoff: refusing to install an invalid table: %s",
			   handoff_strerror(e));
		return TB_EINVAL;
	}
	ts = hi_copy_to_pages(st, table, v.total_size, &pa, &pages, err);
	if (ts != TB_OK)
		return ts;
	s = st->BootServices->InstallConfigurationTable(&hi_guid, (void *)(UINTN)pa);
	if (s != EFI_SUCCESS) {
		efi_free_pages(st, pa, pages);
		tb_err_set(err, "handoff: InstallConfigurationTable failed: %s",
			   efi_status_name(s));
		return TB_EIO;
	}
	if (phys)
		*phys = pa;
	return TB_OK;
}
