/* SPDX-License-Identifier: MIT */
/*
 * TDX-BLOB files (docs/reference/tdx-abi.md §11.7): the module image and its sigstruct as
 * Intel ships them, in the 0x100 layout of Intel's binaries and UEFI loader,
 * or the 0x200 layout Linux's loader reads.  Parsing is bounds-checked and
 * every refusal names what is wrong, so an operator can tell a truncated
 * copy from a wrong file.
 */
#ifndef TDXBOOT_CORE_BLOB_H
#define TDXBOOT_CORE_BLOB_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

struct blob_view {
	uint16_t version;            /* 0x100 or 0x200 */
	const uint8_t *sigstruct;    /* 2048 bytes */
	const uint8_t *module;       /* module_bytes bytes */
	uint64_t module_bytes;
	uint32_t module_pages;       /* what SEAMLDR_PARAMS.num_module_pages gets */
	uint16_t seamsvn;            /* sigstruct: byte 1 major, byte 0 minor */
};

tb_status blob_parse(const uint8_t *buf, size_t size, struct blob_view *v,
		     struct tb_err *err);

#endif
