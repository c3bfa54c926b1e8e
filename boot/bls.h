/* SPDX-License-Identifier: MIT */
/*
 * `kernel = bls`: reads the Boot Loader Specification Type #1 entries in
 * \loader\entries\ on tdxboot's volume (the ESP) and on an XBOOTLDR
 * partition of the same disk (boot/xbootldr.h), chooses one across both as
 * systemd-boot does (core/bls.h), prints the choice, and starts its linux
 * with its initrd lines (served through LoadFile2, boot/initrd.h) and its
 * options as the command line.  Entries that name unknown keys are
 * reported by file and line.  kernel-install writes a new entry for every
 * kernel update, so this configuration needs no change when the kernel does.
 */
#ifndef TDXBOOT_BOOT_BLS_H
#define TDXBOOT_BOOT_BLS_H

#include <efi.h>

#include "boot/file.h"
#include "core/config.h"
#include "core/status.h"

/* Returns as chainload_start does; TB_ENOTFOUND when no entry is usable. */
tb_status bls_start(EFI_SYSTEM_TABLE *st, EFI_HANDLE self, struct file_ctx *files,
		    const struct tb_config *cfg, struct tb_err *err);

#endif
