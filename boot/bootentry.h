/* SPDX-License-Identifier: MIT */
/*
 * The next boot entry: what tdxboot starts when `kernel` is not set.
 *
 * With `next = auto` (the default) it is the boot option that follows
 * tdxboot's own (BootCurrent) in BootOrder; with `next = Boot####`, that
 * option.  It is started as the firmware's boot manager would start it
 * (UEFI 2.10 §3.1.1-3.1.3): options that are not active or not of the
 * boot category are passed over, the device path is expanded (short-form
 * HD(), removable media), and the option's OptionalData become the image's
 * LoadOptions.  An option that fails to load is reported and the next one
 * is tried, as the boot manager would; an option that would start tdxboot
 * itself again is passed over (a boot loop).  tdxboot installed as the
 * first boot entry thus needs no kernel path and survives kernel updates.
 */
#ifndef TDXBOOT_BOOT_BOOTENTRY_H
#define TDXBOOT_BOOT_BOOTENTRY_H

#include <efi.h>

#include "boot/file.h"
#include "core/config.h"
#include "core/status.h"

/*
 * Returns only when nothing could be started (err says why; the caller
 * returns to the firmware's boot manager) or when the image returned.
 */
tb_status bootentry_start(EFI_SYSTEM_TABLE *st, EFI_HANDLE self, struct file_ctx *files,
			  const struct tb_config *cfg, struct tb_err *err);

#endif
