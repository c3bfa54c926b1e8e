/* SPDX-License-Identifier: MIT */
/*
 * The Extended Boot Loader partition (XBOOTLDR) of the Boot Loader
 * Specification: a partition of GPT type bc13c2ff-59e6-4262-a352-b275fd6f7172
 * on the same disk as the ESP, holding \loader\entries\ and the kernels
 * when the ESP is too small.  Found as systemd-boot finds it: on the disk of
 * tdxboot's own ESP only, the lowest-numbered such partition
 * (docs/reference/platform-rules.md §8).  The partition's type comes from
 * the firmware's Partition Information protocol; firmware older than UEFI
 * 2.7 lacks it and then has no XBOOTLDR for tdxboot (docs/chainload.md).
 */
#ifndef TDXBOOT_BOOT_XBOOTLDR_H
#define TDXBOOT_BOOT_XBOOTLDR_H

#include <efi.h>

/*
 * The file-system handle of the XBOOTLDR partition on esp's disk, and its
 * partition number; NULL when there is none (or esp is not a partition of
 * a disk, e.g. the El Torito image of a CD).
 */
EFI_HANDLE xbootldr_find(EFI_SYSTEM_TABLE *st, EFI_HANDLE esp, UINT32 *partition);

#endif
