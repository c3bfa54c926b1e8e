/* SPDX-License-Identifier: MIT */
/*
 * Starting the next image: a Linux EFI-stub kernel or another boot loader
 * (shim, GRUB, systemd-boot, a UEFI shell).
 *
 *   kernel = vmlinuz                relative to tdxboot's directory
 *   kernel = \EFI\debian\shimx64.efi   absolute on tdxboot's volume
 *   kernel = PciRoot(0x0)/Pci(0x5,0x0)/\vmlinuz      a UEFI device path text
 *   kernel = HD(1,GPT,...)/File(\EFI\...)            short form, as efibootmgr -v
 *                                                    prints it (boot/devpath.h)
 *
 * The image goes through BS->LoadImage, so the firmware's Secure Boot
 * verdict stands and the firmware measures it into PCR 4.  Under shim, the
 * file is first read and checked with SHIM_LOCK.Verify, so a kernel signed
 * with a MOK key is judged by shim's rules (see docs/chainload.md).  The
 * command line goes into the new image's LoadOptions as UCS-2; the initrds
 * are served through LoadFile2 (boot/initrd.h).
 */
#ifndef TDXBOOT_BOOT_CHAINLOAD_H
#define TDXBOOT_BOOT_CHAINLOAD_H

#include <efi.h>

#include "boot/file.h"
#include "core/config.h"
#include "core/status.h"

/*
 * Loads and starts cfg->kernel with cfg->options and cfg->initrd[].
 * Returns only when the image could not be started (err says why and what
 * to do) or when it returned (TB_OK for EFI_SUCCESS: a boot loader or
 * shell that exited).  The caller then returns to the firmware, whose boot
 * manager tries the next boot option.
 */
tb_status chainload_start(EFI_SYSTEM_TABLE *st, EFI_HANDLE self, struct file_ctx *files,
			  const struct tb_config *cfg, struct tb_err *err);

/*
 * Starts a boot option's image as the firmware's boot manager does (UEFI
 * 2.10 §3.1.2): LoadImage on its device path (full, already expanded),
 * its OptionalData as LoadOptions, no initrd of ours.  Takes ownership of
 * path (pool memory).  Returns as chainload_start does.
 */
tb_status chainload_start_path(EFI_SYSTEM_TABLE *st, EFI_HANDLE self, struct file_ctx *files,
			       EFI_DEVICE_PATH *path, const void *data, UINT32 data_size,
			       const char *name, struct tb_err *err);

#endif
