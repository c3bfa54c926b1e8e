/* SPDX-License-Identifier: MIT */
/*
 * A deliberately broken EFI application for tests/qemu/test-harness.sh:
 * it prints a line, then executes UD2.  OVMF reports the #UD and spins
 * forever; the harness must notice and fail within seconds, not hang.
 */
#include <efi.h>

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *st);

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *st)
{
	CHAR16 msg[] = { 'f', 'a', 'u', 'l', 't', '\r', '\n', 0 };

	st->ConOut->OutputString(st->ConOut, msg);
	__asm__ volatile("ud2");
	return EFI_SUCCESS;
}
