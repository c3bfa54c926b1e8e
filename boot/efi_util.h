/* SPDX-License-Identifier: MIT */
/* Small helpers over boot services used by several boot/ files. */
#ifndef TDXBOOT_BOOT_EFI_UTIL_H
#define TDXBOOT_BOOT_EFI_UTIL_H

#include <efi.h>

/* The firmware's status as text: "EFI_NOT_FOUND", ... */
const char *efi_status_name(EFI_STATUS st);

/* Pool allocation of n zeroed bytes; NULL on failure. */
void *efi_alloc_zero(EFI_SYSTEM_TABLE *st, UINTN n);
void efi_free(EFI_SYSTEM_TABLE *st, void *p);

#endif
