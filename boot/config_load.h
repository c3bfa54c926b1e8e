/* SPDX-License-Identifier: MIT */
/* Reads tdxboot.conf next to the binary, then the boot entry's load options. */
#ifndef TDXBOOT_BOOT_CONFIG_LOAD_H
#define TDXBOOT_BOOT_CONFIG_LOAD_H

#include <stdbool.h>

#include "boot/file.h"
#include "core/config.h"

#define CONFIG_FILE_NAME "tdxboot.conf"

/*
 * Always leaves a usable config in cfg; every problem is printed.  Returns
 * false when a line that chooses the next image (kernel, next, bls, or a
 * misspelling of one) was rejected: the boot must then not guess an image
 * and returns to the firmware's boot manager instead (docs/config.md).
 */
bool config_load(struct file_ctx *files, struct tb_config *cfg);

#endif
