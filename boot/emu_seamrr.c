/* SPDX-License-Identifier: MIT */
#include "boot/emu_seamrr.h"

#include "boot/console.h"
#include "boot/efi_util.h"
#include "emu/seamrr.h"

static EFI_GUID es_guid = EMU_SEAMRR_GUID_INIT;

void emu_seamrr_publish(EFI_SYSTEM_TABLE *st, const struct emu *e)
{
	uint64_t size = emu_seamrr_size();
	UINTN pages = (UINTN)((size + 4095) / 4096);
	EFI_PHYSICAL_ADDRESS pa = 0;
	EFI_STATUS s;

	/* Reserved, as the handoff table (boot/handoff_install.c): e820
	 * "reserved" for Linux, passed on to kexec'd kernels. */
	s = st->BootServices->AllocatePages(AllocateAnyPages, EfiReservedMemoryType, pages, &pa);
	if (s != EFI_SUCCESS) {
		con_log(CON_WARN, "tdx: emulated SEAMRR: cannot allocate %llu pages: %s\n",
			(unsigned long long)pages, efi_status_name(s));
		return;
	}
	emu_seamrr_save((void *)(UINTN)pa, e);
	s = st->BootServices->InstallConfigurationTable(&es_guid, (void *)(UINTN)pa);
	if (s != EFI_SUCCESS) {
		st->BootServices->FreePages(pa, pages);
		con_log(CON_WARN, "tdx: emulated SEAMRR: InstallConfigurationTable failed: %s\n",
			efi_status_name(s));
		return;
	}
	con_printf("tdx: emulated SEAMRR: the module's state, %llu KB at 0x%llx (reserved)\n",
		   (unsigned long long)(size / 1024), (unsigned long long)pa);
}
