/* SPDX-License-Identifier: MIT */
/*
 * Measured boot: tdxboot's own inputs into the TPM, as tagged events.
 *
 * When the firmware offers EFI_TCG2_PROTOCOL with a TPM present, the TDX
 * module blob and the handoff table are hashed, extended into
 * TDXBOOT_MEASURE_PCR and logged in the firmware's event log as
 * EV_EVENT_TAG events (TCG PC Client PFP §10.4.2) whose tag says which of
 * the two it is, followed by a short ASCII description.  Without a TPM
 * nothing happens and nothing is printed.
 *
 * PCR 13, because (docs/reference/landscape.md §4.3, UAPI "Linux TPM PCR Registry"):
 *   - 0-7 belong to the firmware, which already measures tdxboot.efi and
 *     the image tdxboot chainloads into PCR 4;
 *   - systemd-boot uses 1, 5 and 12; sd-stub 11, 12 and 13 (only for
 *     system/configuration extension images); GRUB and shim 8, 9, 14 (shim's
 *     MOK lists, every boot); Linux's EFI stub measures its initrd and load
 *     options into 9; IMA uses 10; systemd-pcrextend 15; 16 and 23 can be
 *     reset by the OS and prove nothing.
 * On the GRUB/shim stacks TDX hosts typically run, 13 is unused; next to
 * sd-stub, tdxboot's events come first and stay distinguishable in the log
 * by their tags.  docs/chainload.md explains how to predict the value.
 */
#ifndef TDXBOOT_BOOT_MEASURE_H
#define TDXBOOT_BOOT_MEASURE_H

#include <efi.h>
#include <stdint.h>

#include "core/status.h"

#define TDXBOOT_MEASURE_PCR 13u

/*
 * taggedEventID values, tdxboot's own: ASCII "TDXB" and "TDXT" read as
 * big-endian numbers (in the little-endian log: 42 58 44 54, 54 58 44 54).
 * Neither systemd's (0xf5bc582a ...) nor Linux's stub's (0x8f3b22ec ...).
 */
#define TDXBOOT_TAG_MODULE   0x54445842u  /* the TDX-BLOB given to P-SEAMLDR */
#define TDXBOOT_TAG_HANDOFF  0x54445854u  /* the handoff table, as installed */

/* 1 when EFI_TCG2_PROTOCOL is there and reports a TPM. */
int measure_available(EFI_SYSTEM_TABLE *st);

/*
 * Hashes data[0..len) into PCR `pcr` and logs an EV_EVENT_TAG event with
 * `tag` and `description` (stored with its NUL).  TB_ENOTFOUND, silently,
 * when there is no TPM; TB_EIO with err set when the firmware refuses.
 */
tb_status measure_data(EFI_SYSTEM_TABLE *st, uint32_t pcr, uint32_t tag, const void *data,
		       uint64_t len, const char *description, struct tb_err *err);

#endif
