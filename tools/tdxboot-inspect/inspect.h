/* SPDX-License-Identifier: MIT */
/*
 * tdxboot-inspect: finds tdxboot's handoff table from a running Linux (or
 * reads a dumped one), validates it with lib/handoff and prints it.
 *
 * locate.c  where the table is: sysfs + /dev/mem, a physical address, a file
 * report.c  the human-readable report
 * json.c    the --json report
 * prometheus.c --prometheus: node_exporter's textfile format
 * iomem.c   --check-iomem: PAMTs and System RAM in /proc/iomem against the table
 */
#ifndef TDXBOOT_TOOLS_INSPECT_H
#define TDXBOOT_TOOLS_INSPECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lib/handoff.h"

/* Exit codes (docs/handoff.md §7). */
#define INSPECT_EXIT_READY   0 /* valid table: TDX module initialized */
#define INSPECT_EXIT_NOTREADY 1 /* valid table: failed, rolled back or skipped */
#define INSPECT_EXIT_INVALID 2 /* no table, unreadable or invalid */
#define INSPECT_EXIT_USAGE   3
#define INSPECT_EXIT_IOMEM   4 /* valid, ready table; /proc/iomem disagrees with it */

/* Refuse tables larger than this: 4096 LPs and every cap is ~200 KiB. */
#define INSPECT_MAX_TABLE (16u << 20)

struct inspect_source {
	const char *file;      /* --file: a dumped table */
	bool have_phys;        /* --phys */
	uint64_t phys;
	const char *sysfs;     /* --sysfs ROOT: "/sys" by default */
	const char *mem;       /* --mem FILE: "/dev/mem" by default */
};

/* Where the table came from, for the report. */
struct inspect_found {
	bool from_memory;
	uint64_t phys;
	const char *file;
};

/*
 * Reads the table into a new 8-byte-aligned buffer (*len bytes, the
 * header's total_size or the file's size).  NULL with a message in msg
 * when it cannot be found or read.
 */
void *inspect_locate(const struct inspect_source *src, size_t *len,
		     struct inspect_found *found, char *msg, size_t msg_cap);

void inspect_report_text(FILE *f, const struct handoff_view *v,
			 const struct inspect_found *found);
void inspect_report_json(FILE *f, const struct handoff_view *v,
			 const struct inspect_found *found);
/* /proc/iomem (path) against the table's TDMRs and PAMTs; the problems found. */
int inspect_check_iomem(FILE *out, const struct handoff_view *v, const char *path,
			bool pamt_only);
/* 1.2 rollback: each RELEASED range inside System RAM; problems found. */
int inspect_check_released(FILE *out, const struct handoff_view *v, const char *path);

/* --prometheus: the table's metrics; for no valid table, tdxboot_table_valid 0. */
void inspect_report_prometheus(FILE *f, const struct handoff_view *v);
void inspect_report_prometheus_error(FILE *f);

/* The JSON for a table that could not be read or validated. */
void inspect_report_json_error(FILE *f, const char *what, const struct handoff_view *v);

#endif
