/* SPDX-License-Identifier: MIT */
/* Reads tdxboot.conf next to the binary, then the boot entry's load options. */
#ifndef TDXBOOT_BOOT_CONFIG_LOAD_H
#define TDXBOOT_BOOT_CONFIG_LOAD_H

#include "boot/file.h"
#include "core/config.h"

#define CONFIG_FILE_NAME "tdxboot.conf"

/* Always leaves a usable config in cfg; problems are printed. */
void config_load(struct file_ctx *files, struct tb_config *cfg);

#endif
