/* SPDX-License-Identifier: MIT */
/*
 * Files on the ESP tdxboot was loaded from.  Relative names are resolved
 * against the directory of tdxboot's own binary (so \EFI\tdxboot\ on an
 * installed system, \EFI\BOOT\ on removable media); names starting with
 * a backslash are absolute on that volume.
 */
#ifndef TDXBOOT_BOOT_FILE_H
#define TDXBOOT_BOOT_FILE_H

#include <efi.h>

#include "core/status.h"

struct boot_file {
	void *data;        /* whole pages, NUL-terminated for text use */
	UINTN size;
	UINTN pages;
	CHAR16 path[256];  /* the resolved path, for messages */
};

struct file_ctx {
	EFI_SYSTEM_TABLE *st;
	EFI_HANDLE device;         /* the volume tdxboot was loaded from */
	CHAR16 dir[256];           /* tdxboot's directory, ending in '\' */
	EFI_LOADED_IMAGE_PROTOCOL *image;
};

tb_status file_init(EFI_SYSTEM_TABLE *st, EFI_HANDLE image, struct file_ctx *f,
		    struct tb_err *err);

/* TB_ENOTFOUND (err set, naming the path) when the file does not exist. */
tb_status file_read(struct file_ctx *f, const char *name, struct boot_file *out,
		    struct tb_err *err);

void file_free(struct file_ctx *f, struct boot_file *bf);

/*
 * Calls fn with the name of every file (not directory) in dir, a path on
 * tdxboot's volume.  TB_ENOTFOUND when dir does not exist.
 */
typedef void (*file_list_fn)(void *ctx, const char *name);
tb_status file_list(struct file_ctx *f, const char *dir, file_list_fn fn, void *ctx,
		    struct tb_err *err);

/* ASCII rendering of a UCS-2 path for messages. */
const char *file_path_ascii(const CHAR16 *w, char *buf, size_t size);

#endif
