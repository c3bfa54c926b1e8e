/* SPDX-License-Identifier: MIT */
/*
 * Boot Loader Specification Type #1 entries (uapi-group.org/specifications,
 * "Boot Loader Specification", Type #1): \loader\entries\*.conf on the ESP,
 * one "key value" a line, written by kernel-install for every installed
 * kernel.  `kernel = bls` makes tdxboot start one of them, chosen the way
 * systemd-boot chooses (src/boot/boot.c: config_entry_compare and
 * config_default_entry_select):
 *
 *   - order: entries with a sort-key first, by sort-key, then machine-id,
 *     then version newest first; then all by id (the file name, case
 *     folded), newest first by version comparison;
 *   - the default: the first entry in that order whose id matches the glob
 *     (`bls = <glob>`, or loader.conf's `default` with `bls = default`);
 *     without a glob or a match, the first entry.
 *
 * Versions compare as the UAPI Version Format Specification says
 * (bls_vercmp).  Pure logic, host-tested; boot/bls.c reads the files.
 */
#ifndef TDXBOOT_CORE_BLS_H
#define TDXBOOT_CORE_BLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/config.h"
#include "core/status.h"

#define BLS_TEXT_MAX 128

struct bls_entry {
	char id[BLS_TEXT_MAX];          /* file name, lower case, ".conf" included */
	char title[BLS_TEXT_MAX];
	char version[BLS_TEXT_MAX];
	char machine_id[BLS_TEXT_MAX];
	char sort_key[BLS_TEXT_MAX];
	char linux_path[CONFIG_PATH_MAX]; /* backslashes, absolute on the volume */
	uint32_t n_initrd;
	char initrd[CONFIG_INITRD_MAX][CONFIG_PATH_MAX];
	char options[CONFIG_OPTIONS_MAX]; /* every options line, joined by spaces */
};

/*
 * <0 when version a is older than b, 0 when equal, >0 when newer: segments
 * of digits or letters; '~' before a segment makes it older than anything,
 * '-' older than '^', which is older than '.', which is older than none;
 * numbers compare by value, a number is newer than letters; other
 * characters only separate segments.
 */
int bls_vercmp(const char *a, const char *b);

/* <0 when entry a comes before b in systemd-boot's menu order. */
int bls_compare(const struct bls_entry *a, const struct bls_entry *b);

/* A shell glob (*, ?, [...]) over an id, case-insensitively. */
bool bls_glob(const char *pattern, const char *id);

/*
 * Parses one entry file; name is its file name (the id).  Unknown keys are
 * reported through errs ("loader\entries\x.conf line 4: unknown key ..."),
 * and the entry still counts, as in systemd-boot.  TB_EINVAL when the
 * entry cannot be started by tdxboot: no linux line (an efi or uki entry),
 * another architecture, or a value longer than its field.
 */
tb_status bls_parse_entry(const char *name, const char *text, size_t len,
			  struct bls_entry *e, struct config_errors *errs);

/* loader.conf's `default` glob into out ("" when absent). */
void bls_loader_default(const char *text, size_t len, char *out, size_t cap);

#endif
