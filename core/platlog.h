/* SPDX-License-Identifier: MIT */
/*
 * platlog: a platform description read from Linux boot-log lines
 * (docs/reference/planner-input.md), turned into the planner's input.
 *
 * An operator feeds the dry-run planner the dmesg or journal of a real
 * machine; the parser finds the BIOS-e820, efi memNN, SRAT Node and TDX CMR
 * lines by their marker text, whatever prefix the log puts before them, and
 * ignores every other line.  The memory map it hands the planner is already
 * the one of docs/reference/planner-input.md §1.6: one source (e820 when present, else the
 * EFI map), sorted, non-overlapping (a non-RAM entry wins over RAM it
 * overlaps), each run of RAM trimmed inward to whole 4 KiB pages.  RAM below
 * 1 MiB and the split at NUMA boundaries stay with the planner, which needs
 * them for EFI-produced maps too.
 *
 * No allocation: the caller passes every array (struct platlog_store).
 */
#ifndef TDXBOOT_CORE_PLATLOG_H
#define TDXBOOT_CORE_PLATLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/plan.h"
#include "core/status.h"

#define PLATLOG_NAME_CAP 96
#define PLATLOG_WARN_CAP 16
#define PLATLOG_WARN_LEN 160

/* Module limits a log does not say: docs/reference/planner-input.md §1.5. */
#define PLATLOG_DEFAULT_MAX_TDMRS   64
#define PLATLOG_DEFAULT_MAX_RSVD    16
#define PLATLOG_DEFAULT_PAMT_ENTRY  16

/*
 * The caller's storage.  raw holds entries as read (e820 entries fill it
 * from the front, EFI entries from the back, so one array serves both);
 * mem receives the normalized map, which can have up to twice as many
 * entries as the source it came from.  Capacities are counts.
 */
struct platlog_store {
	struct plan_mem *raw;
	size_t raw_cap;
	struct plan_mem *mem;
	size_t mem_cap;
	struct plan_range *cmrs;
	size_t cmr_cap;
	struct plan_numa *numa;
	size_t numa_cap;
};

struct platlog {
	struct plan_input in;           /* for plan_build(); arrays in the store */
	char name[PLATLOG_NAME_CAP];    /* "# name:", or "" */
	uint32_t n_lines;
	uint32_t n_e820;                /* BIOS-e820 lines read */
	uint32_t n_efi;                 /* efi memNN lines read (incl. skipped) */
	uint32_t n_srat;                /* SRAT Node lines read */
	uint32_t n_cmr_lines;           /* CMR lines read (incl. zero-size) */
	bool map_from_efi;              /* no e820 lines: the EFI map was used */
	bool limits_given;              /* a "# limits:" line was present */
	/* Lines that were clipped or ignored because they cannot change the
	 * plan; n_warnings counts all, warnings[] keeps the first ones. */
	uint32_t n_warnings;
	char warnings[PLATLOG_WARN_CAP][PLATLOG_WARN_LEN];
	/* Boots in the log (journalctl "-- Boot" markers, a repeated "Linux
	 * version" banner, dmesg timestamps going back) and the one read. */
	uint32_t n_boots;               /* >= 1 */
	uint32_t boot;                  /* 1-based */
	uint32_t boot_first_line, boot_last_line;
};

/* 64 TDMRs, 16 reserved areas, 16-byte PAMT entries, no DPAMT. */
void platlog_default_limits(struct plan_limits *lim);

/*
 * Parses text[0..len).  On TB_OK, log->in holds the map, CMRs (sorted,
 * zero-size ones dropped), SRAT ranges (sorted by base), the limits from
 * "# limits:" over the defaults, and the default policy.  Bad input gives
 * TB_EINVAL with "line N: <what was wrong>"; a full store gives TB_ENOMEM.
 * A log with no memory map at all is bad input.
 */
tb_status platlog_parse(const char *text, size_t len,
			const struct platlog_store *st, struct platlog *log,
			struct tb_err *err);

/*
 * The same for one boot of a log that holds several: boot N >= 1 counts
 * from the log's first boot, 0 is the last boot and -K the K-th before the
 * last (journalctl -b's numbering).  platlog_parse() is boot 0.  Comment
 * lines ("# name:", "# limits:") apply to every boot.  A boot the log does
 * not hold is bad input.
 */
tb_status platlog_parse_boot(const char *text, size_t len, int32_t boot,
			     const struct platlog_store *st, struct platlog *log,
			     struct tb_err *err);

#endif
