/* SPDX-License-Identifier: MIT */
/*
 * UEFI boot options (Boot####) and the boot order, as pure logic so the
 * host tests can feed them any bytes (boot/bootentry.c reads the variables).
 *
 * An EFI_LOAD_OPTION (UEFI 2.10 §3.1.3) is
 *   UINT32 Attributes; UINT16 FilePathListLength;
 *   CHAR16 Description[] (NUL-terminated);
 *   EFI_DEVICE_PATH FilePathList[] (FilePathListLength bytes);
 *   UINT8 OptionalData[] (the rest: the image's LoadOptions).
 * The boot manager starts the options of BootOrder in turn (§3.1.1), only
 * those with LOAD_OPTION_ACTIVE set and of category LOAD_OPTION_CATEGORY_BOOT
 * (§3.1.3: CATEGORY_APP options are started only from a menu).
 */
#ifndef TDXBOOT_CORE_LOADOPT_H
#define TDXBOOT_CORE_LOADOPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

#define LOADOPT_ACTIVE         0x00000001u
#define LOADOPT_CATEGORY_MASK  0x00001f00u
#define LOADOPT_CATEGORY_BOOT  0x00000000u

#define LOADOPT_HEADER 6u   /* Attributes and FilePathListLength */

struct loadopt {
	uint32_t attributes;
	size_t desc_off;      /* CHAR16 text, NUL-terminated at desc_off + 2 * desc_chars */
	size_t desc_chars;
	size_t path_off;      /* the device path list */
	size_t path_len;
	size_t data_off;      /* OptionalData */
	size_t data_len;
};

/*
 * Splits a Boot#### variable's bytes.  TB_EINVAL (err names the option and
 * what is wrong) when the description is not terminated, the path list
 * does not fit or is not closed by an End node, as a damaged variable
 * written by a buggy tool may be.
 */
tb_status loadopt_parse(const uint8_t *buf, size_t len, unsigned number, struct loadopt *out,
			struct tb_err *err);

/* Active and of the boot category: the boot manager would start it. */
bool loadopt_bootable(const struct loadopt *o);

/*
 * Where the boot manager goes on after option `current` returns: the index
 * in order[] just after current's, or 0 when current is not in BootOrder
 * (it came from BootNext or a one-time menu choice: then the boot manager
 * walks BootOrder from its start, §3.1.1).
 */
size_t loadopt_after(const uint16_t *order, size_t n, uint16_t current);

#endif
