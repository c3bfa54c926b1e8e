/* SPDX-License-Identifier: MIT */
/*
 * Device paths for the next image (boot/chainload.c): a file on a volume,
 * or the text an operator wrote in `kernel`.
 */
#ifndef TDXBOOT_BOOT_DEVPATH_H
#define TDXBOOT_BOOT_DEVPATH_H

#include <efi.h>

#include "core/status.h"

/* 1 when `kernel` names a device path ("PciRoot(0x0)/...") rather than a file. */
int devpath_is_text(const char *s);

/* The device path of `device` + FilePath(path) + End, in pool memory. */
tb_status devpath_file(EFI_SYSTEM_TABLE *st, EFI_HANDLE device, const CHAR16 *path,
		       EFI_DEVICE_PATH **out, struct tb_err *err);

/*
 * Converts UEFI device path text with the firmware's
 * EFI_DEVICE_PATH_FROM_TEXT_PROTOCOL, in pool memory.  Accepts what
 * efibootmgr -v prints: File(\path) nodes, and "short-form" paths that
 * start at the partition, HD(...)/..., which are expanded to the full path
 * of the partition that carries that HD node.
 */
tb_status devpath_from_text(EFI_SYSTEM_TABLE *st, const char *text, EFI_DEVICE_PATH **out,
			    struct tb_err *err);

/*
 * A boot option's device path list (len bytes) as LoadImage takes it, in
 * pool memory: a short-form HD() path is expanded as above, and a path that
 * names a device without a file gets that device's removable-media file
 * \EFI\BOOT\BOOTX64.EFI, as the boot manager does (UEFI 2.10 §3.1.2).  A
 * device without a file system (PXE, HTTP boot) is left as it is:
 * LoadImage then loads through its LoadFile protocol (§7.4).
 */
tb_status devpath_for_option(EFI_SYSTEM_TABLE *st, const void *list, UINTN len,
			     const char *name, EFI_DEVICE_PATH **out, struct tb_err *err);

/* 1 when dp names the very file `self` was loaded from (a boot loop). */
int devpath_is_self(EFI_SYSTEM_TABLE *st, EFI_DEVICE_PATH *dp, EFI_LOADED_IMAGE_PROTOCOL *self);

#endif
