/* SPDX-License-Identifier: MIT */
/*
 * The initrd handed to the next image through Linux's LoadFile2 protocol.
 *
 * Every configured initrd is read from tdxboot's volume and concatenated,
 * each padded with zeros to 4 bytes (the kernel skips zero padding between
 * cpio archives and expects headers 4-byte aligned).  The result is served
 * on a new handle carrying a VenMedia(LINUX_EFI_INITRD_MEDIA_GUID) device
 * path and EFI_LOAD_FILE2_PROTOCOL: the EFI stub of Linux >= 5.8 finds it
 * with LocateDevicePath and calls LoadFile twice, once for the size and once
 * for the data (docs/reference/toolchain.md §5, docs/reference/landscape.md §4.1).  Nothing is put on the
 * command line; `initrd=` words the operator writes in `options` pass
 * through untouched for kernels that want them.
 */
#ifndef TDXBOOT_BOOT_INITRD_H
#define TDXBOOT_BOOT_INITRD_H

#include <efi.h>

#include "boot/efi_extra.h"
#include "boot/file.h"
#include "core/config.h"
#include "core/status.h"

struct initrd_ctx {
	EFI_LOAD_FILE_PROTOCOL load_file2;  /* first: the callback finds ctx from it */
	TB_INITRD_DEVICE_PATH path;
	EFI_SYSTEM_TABLE *st;
	EFI_HANDLE handle;                  /* NULL when nothing is installed */
	void *data;                         /* the concatenation, in pages */
	UINTN size;
	UINTN pages;
};

/*
 * Reads paths[0..n) and installs the protocol.  n == 0 installs nothing
 * and succeeds.  On failure nothing stays installed and err names the file.
 */
tb_status initrd_install(struct initrd_ctx *ctx, struct file_ctx *files,
			 const char (*paths)[CONFIG_PATH_MAX], uint32_t n,
			 struct tb_err *err);

/* Removes the protocol and frees the data (when the next image returns). */
void initrd_uninstall(struct initrd_ctx *ctx);

#endif
