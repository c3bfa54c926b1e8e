/* SPDX-License-Identifier: MIT */
#include "boot/emu_seamrr.h"

#include "boot/alloc.h"
#include "boot/console.h"
#include "boot/efi_util.h"
#include "emu/seamrr.h"

static EFI_GUID es_guid = EMU_SEAMRR_GUID_INIT;

void emu_seamrr_reserve(EFI_SYSTEM_TABLE *st, struct emu_seamrr_pages *r)
{
	UINTN pages = (UINTN)((emu_seamrr_size() + 4095) / 4096);
	EFI_STATUS s;

	/* Reserved, as the handoff table (boot/handoff_install.c): e820
	 * "reserved" for Linux, passed on to kexec'd kernels. */
	r->pa = 0;
	r->pages = 0;
	s = efi_alloc_pages(st, AllocateAnyPages, EfiReservedMemoryType, pages, &r->pa);
	if (s != EFI_SUCCESS) {
		con_log(CON_WARN, "tdx: emulated SEAMRR: cannot allocate %llu pages: %s\n",
			(unsigned long long)pages, efi_status_name(s));
		return;
	}
	r->pages = pages;
}

void emu_seamrr_publish(EFI_SYSTEM_TABLE *st, struct emu_seamrr_pages *r, const struct emu *e)
{
	EFI_STATUS s;

	if (!r->pages)
		return;
	emu_seamrr_save((void *)(UINTN)r->pa, e);
	s = st->BootServices->InstallConfigurationTable(&es_guid, (void *)(UINTN)r->pa);
	if (s != EFI_SUCCESS) {
		con_log(CON_WARN, "tdx: emulated SEAMRR: InstallConfigurationTable failed: %s\n",
			efi_status_name(s));
		return;
	}
	con_printf("tdx: emulated SEAMRR: the module's state, %llu KB at 0x%llx (reserved)\n",
		   (unsigned long long)(emu_seamrr_size() / 1024), (unsigned long long)r->pa);
	r->pages = 0;   /* published: the OS's reserved memory from now on */
}

void emu_seamrr_release(EFI_SYSTEM_TABLE *st, struct emu_seamrr_pages *r)
{
	if (r->pages)
		efi_free_pages(st, r->pa, r->pages);
	r->pages = 0;
}
