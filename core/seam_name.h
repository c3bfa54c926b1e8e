/* SPDX-License-Identifier: MIT */
/*
 * Names for SEAMCALL leaves and statuses in operator messages:
 *   SEAMCALL (TDH.SYS.CONFIG) failed: 0xc0000a0100000003 (TDX_NON_ORDERED_TDMR)
 */
#ifndef TDXBOOT_CORE_SEAM_NAME_H
#define TDXBOOT_CORE_SEAM_NAME_H

#include <stddef.h>
#include <stdint.h>

/* "TDH.SYS.INIT", "SEAMLDR.INSTALL", or "leaf 0x..." (in buf) if unknown. */
const char *seam_leaf_name(uint64_t leaf, char *buf, size_t size);
/* The status's name for the leaf's family (module or P-SEAMLDR). */
const char *seam_status_name(uint64_t leaf, uint64_t status);
/* "SEAMCALL (LEAF) failed: 0x... (NAME)" into buf. */
const char *seam_failure_text(uint64_t leaf, uint64_t status, char *buf, size_t size);

#endif
