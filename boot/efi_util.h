/* SPDX-License-Identifier: MIT */
/* Small helpers over boot services used by several boot/ files. */
#ifndef TDXBOOT_BOOT_EFI_UTIL_H
#define TDXBOOT_BOOT_EFI_UTIL_H

#include <efi.h>

#include "boot/alloc.h"   /* efi_alloc_zero, efi_free: accounted per owner */

/* The firmware's status as text: "EFI_NOT_FOUND", ... */
const char *efi_status_name(EFI_STATUS st);

#endif
