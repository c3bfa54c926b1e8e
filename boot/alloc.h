/* SPDX-License-Identifier: MIT */
/*
 * Every pool and page allocation tdxboot makes goes through here, tagged
 * with its owner: the boot/ source file that allocates (__FILE_NAME__, so
 * call sites stay plain).  Just before the next image starts, alloc_report
 * prints what is still allocated per owner; that is what the next image
 * inherits at its ExitBootServices.  When tdxboot returns to the firmware
 * (the next image returned or could not start) it prints the list again.  docs/chainload.md ("Memory still
 * allocated at StartImage") lists what must be there and why, and
 * tests/qemu/test-alloc-live.sh holds each boot path to that list.
 *
 * Pool memory carries a 16-byte header naming its owner, so any file may
 * free it.  Pages carry nothing (they are handed to the firmware, the
 * module or the kernel as they are): they are counted per owner, and the
 * file that allocates pages is the one that frees them.
 */
#ifndef TDXBOOT_BOOT_ALLOC_H
#define TDXBOOT_BOOT_ALLOC_H

#include <efi.h>

/* Pool allocation of n zeroed bytes; NULL on failure. */
#define efi_alloc_zero(st, n) alloc_pool((st), (n), __FILE_NAME__)
/* Frees what efi_alloc_zero returned; NULL is ignored. */
#define efi_free(st, p) alloc_pool_free((st)->BootServices, (p))
/* BootServices->AllocatePages / FreePages, counted for the calling file. */
#define efi_alloc_pages(st, how, type, pages, pa) \
	alloc_pages((st), (how), (type), (pages), (pa), __FILE_NAME__)
#define efi_free_pages(st, pa, pages) alloc_pages_free((st), (pa), (pages), __FILE_NAME__)

void *alloc_pool(EFI_SYSTEM_TABLE *st, UINTN n, const char *owner);
void alloc_pool_free(EFI_BOOT_SERVICES *bs, void *p);
EFI_STATUS alloc_pages(EFI_SYSTEM_TABLE *st, EFI_ALLOCATE_TYPE how, EFI_MEMORY_TYPE type,
		       UINTN pages, EFI_PHYSICAL_ADDRESS *pa, const char *owner);
EFI_STATUS alloc_pages_free(EFI_SYSTEM_TABLE *st, EFI_PHYSICAL_ADDRESS pa, UINTN pages,
			    const char *owner);

/*
 * One line: "alloc: live at WHEN: OWNER pool N pages M, ..." in owner
 * order, owners with nothing live left out; WHEN is "StartImage" (what the
 * next image inherits) or "exit" (what stays when tdxboot returns to the
 * firmware's boot manager).
 */
void alloc_report(const char *when);

#endif
