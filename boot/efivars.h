/* SPDX-License-Identifier: MIT */
/*
 * tdxboot's outcome as volatile EFI variables, for the OS and for people.
 *
 * Under tdxboot's own vendor GUID (TDXBOOT_VARS_GUID_INIT,
 * lib/tdxboot_handoff.h), never systemd's Boot Loader Interface GUID: a
 * pre-loader must not clobber the Loader* variables of the systemd-boot it
 * may chainload (docs/reference/landscape.md §4.4).  Attributes BOOTSERVICE_ACCESS |
 * RUNTIME_ACCESS without NON_VOLATILE: they describe this boot only, cost
 * no NVRAM wear, and vanish at reset.
 *
 * Values follow the Boot Loader Interface's convention: UTF-16LE text with
 * a terminating NUL, numbers in decimal.  Linux shows them as
 * /sys/firmware/efi/efivars/<Name>-c6673b3d-499e-4fbb-b96f-17de63446059
 * (4 bytes of attributes, then the text); see docs/chainload.md.
 *
 *   TdxbootStatus          "ok", "failed: <why>", "skipped: <why>" ...
 *   TdxbootModuleVersion   "1.5.06.00"; absent when unknown
 *   TdxbootPamtKB          "262144"
 *   TdxbootInitTimeUs      "1234567"
 *   TdxbootVersion         tdxboot's own version and git revision
 */
#ifndef TDXBOOT_BOOT_EFIVARS_H
#define TDXBOOT_BOOT_EFIVARS_H

#include <efi.h>
#include <stdint.h>

#include "core/status.h"

/*
 * Sets every variable above.  module_version NULL or "" deletes
 * TdxbootModuleVersion.  Returns the first failure (err names the
 * variable); the others are still attempted.
 */
tb_status efivars_publish(EFI_SYSTEM_TABLE *st, const char *status,
			  const char *module_version, uint64_t pamt_kb,
			  uint64_t init_time_us, struct tb_err *err);

/* One variable, as UTF-16 text; text NULL deletes it. */
tb_status efivars_set_text(EFI_SYSTEM_TABLE *st, const CHAR16 *name, const char *text,
			   struct tb_err *err);

#endif
