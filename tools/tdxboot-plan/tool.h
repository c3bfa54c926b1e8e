/* SPDX-License-Identifier: MIT */
/*
 * tdxboot-plan: the planner as a host program, for dry runs on a platform
 * log (docs/tdxboot-plan.md).  Shared declarations of its files: args.c
 * (command line), main.c (input, run, exit status), report_text.c,
 * report_json.c and report_svg.c (the three outputs).
 */
#ifndef TDXBOOT_TOOLS_PLAN_TOOL_H
#define TDXBOOT_TOOLS_PLAN_TOOL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/plan.h"
#include "core/platlog.h"

/* Exit statuses: a plan, no plan, bad input or usage. */
enum { TOOL_EXIT_PLAN = 0, TOOL_EXIT_NO_PLAN = 1, TOOL_EXIT_BAD_INPUT = 2 };

#define TOOL_UNSET (-1LL)

struct tool_opts {
	bool json;
	const char *svg_path;   /* NULL: no picture */
	const char *input;      /* NULL or "-": stdin */
	/* Overrides of the log's "# limits:", TOOL_UNSET when not given. */
	long long max_tdmrs, max_rsvd;
	long long pamt_entry[3];
	long long dpamt, dpamt_bits;
	long long noncmr, coalesce;
	long long parallel_lps;   /* policy.parallel_lps (docs/planner.md §3a) */
	long long boot;           /* --boot N: journalctl -b numbering, 0 last */
	bool version;             /* --version */
	bool live;                /* --live: plan the machine the tool runs on */
	const char *root;         /* --root DIR: sysfs/procfs/kmsg under DIR */
};

/* What one run produced, for the reports. */
struct tool_run {
	const char *name;
	const struct platlog *log;         /* NULL when the log was bad */
	const struct plan_output *plan;    /* NULL when there is no plan */
	const char *error;                 /* why not, or NULL */
	const char *hint;                  /* what the operator can try, or NULL */
};

/* Fills opts from argv; on a usage error writes why into msg and fails. */
bool tool_parse_args(int argc, char **argv, struct tool_opts *opts,
		     char *msg, size_t msg_size);
void tool_print_usage(FILE *f);
/* Applies the command-line overrides to the parsed log's input. */
void tool_apply_overrides(const struct tool_opts *opts, struct plan_input *in);

/* --live: the running machine as log text (live.c); which sources were
 * found and what a missing one means go to stderr.  Caller frees. */
char *live_collect(const char *root, size_t *len);

void report_text(FILE *f, const struct tool_run *run);
void report_json(FILE *f, const struct tool_run *run);
/* Returns false (and says why on stderr) if the file cannot be written. */
bool report_svg(const char *path, const struct tool_run *run);

/* PAMT bytes inside [base, end), and why a reserved area is reserved. */
uint64_t report_pamt_bytes_in(const struct plan_output *p, uint64_t base, uint64_t end);
const char *report_rsvd_reason(const struct plan_output *p, uint64_t base, uint64_t end);

#endif
