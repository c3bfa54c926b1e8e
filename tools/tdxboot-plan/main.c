/* SPDX-License-Identifier: MIT */
/*
 * tdxboot-plan [--json] [--svg FILE] [options] [LOG|-]
 *
 * Reads a platform log, runs the same planner the EFI application runs,
 * and reports the plan.  Exit 0: a plan; 1: no plan (the planner said why);
 * 2: bad input or usage (the line and what was wrong).
 */
#include <stdlib.h>
#include <string.h>

#include "lib/version.h"
#include "tools/tdxboot-plan/tool.h"

/* Big enough for 8-socket machines with 10 000-entry EFI maps. */
#define RAW_CAP  65536
#define CMR_CAP  1024
#define NUMA_CAP 1024

struct tool_state {
	struct platlog_store store;
	struct platlog log;
	struct plan_output plan;
	struct tb_err err;
	char name[PLATLOG_NAME_CAP + 64];
};

static char *read_all(FILE *f, size_t *len)
{
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);

	while (buf) {
		size_t got = fread(buf + n, 1, cap - n, f);

		n += got;
		if (got == 0)
			break;
		if (n == cap) {
			char *nb = realloc(buf, cap * 2);

			if (!nb)
				free(buf);
			buf = nb;
			cap *= 2;
		}
	}
	if (buf && ferror(f)) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

static char *read_input(const char *path, size_t *len)
{
	FILE *f = (!path || !strcmp(path, "-")) ? stdin : fopen(path, "rb");
	char *text;

	if (!f)
		return NULL;
	text = read_all(f, len);
	if (f != stdin)
		fclose(f);
	return text;
}

static bool state_alloc(struct tool_state *s)
{
	struct platlog_store *st = &s->store;

	st->raw_cap = RAW_CAP;
	st->mem_cap = 2 * RAW_CAP;
	st->cmr_cap = CMR_CAP;
	st->numa_cap = NUMA_CAP;
	st->raw = calloc(st->raw_cap, sizeof(*st->raw));
	st->mem = calloc(st->mem_cap, sizeof(*st->mem));
	st->cmrs = calloc(st->cmr_cap, sizeof(*st->cmrs));
	st->numa = calloc(st->numa_cap, sizeof(*st->numa));
	return st->raw && st->mem && st->cmrs && st->numa;
}

/* "# name:" wins; else the file's name; else "stdin". */
static void state_name(struct tool_state *s, const char *path)
{
	const char *base = path && strcmp(path, "-") ? path : "stdin";
	const char *slash = strrchr(base, '/');

	if (s->log.name[0])
		base = s->log.name;
	else if (slash)
		base = slash + 1;
	snprintf(s->name, sizeof(s->name), "%s", base);
}

static int tool_report(const struct tool_opts *o, const struct tool_run *run)
{
	if (o->json)
		report_json(stdout, run);
	else
		report_text(stdout, run);
	if (o->svg_path && run->log && !report_svg(o->svg_path, run))
		return TOOL_EXIT_BAD_INPUT;
	return run->plan ? TOOL_EXIT_PLAN : TOOL_EXIT_NO_PLAN;
}

static int tool_bad_input(const struct tool_opts *o, struct tool_state *s,
			  const char *what)
{
	struct tool_run run = { .name = s->name, .error = what };

	fprintf(stderr, "tdxboot-plan: %s: %s\n",
		o->input && strcmp(o->input, "-") ? o->input : "stdin", what);
	if (o->json)
		report_json(stdout, &run);
	return TOOL_EXIT_BAD_INPUT;
}

static int tool_run_log(const struct tool_opts *o, struct tool_state *s,
			const char *text, size_t len)
{
	struct tool_run run = { .name = s->name, .log = &s->log };
	struct plan_input in;

	if (platlog_parse(text, len, &s->store, &s->log, &s->err) != TB_OK) {
		state_name(s, o->input);
		return tool_bad_input(o, s, s->err.msg);
	}
	state_name(s, o->input);
	in = s->log.in;
	tool_apply_overrides(o, &in);
	s->log.in = in;
	tb_err_clear(&s->err);
	if (plan_build(&s->log.in, &s->plan, &s->err) == TB_OK)
		run.plan = &s->plan;
	else
		run.error = s->err.msg[0] ? s->err.msg : "the planner failed without a message";
	return tool_report(o, &run);
}

int main(int argc, char **argv)
{
	static struct tool_state s;
	struct tool_opts o;
	char msg[256];
	size_t len = 0;
	char *text;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			tool_print_usage(stdout);
			return 0;
		}
		if (!strcmp(argv[i], "--version")) {
			printf("tdxboot-plan %s (%s)\n", tdxboot_version, tdxboot_gitrev);
			return 0;
		}
	}
	if (!tool_parse_args(argc, argv, &o, msg, sizeof(msg))) {
		fprintf(stderr, "tdxboot-plan: %s\n", msg);
		return TOOL_EXIT_BAD_INPUT;
	}
	if (!state_alloc(&s)) {
		fprintf(stderr, "tdxboot-plan: out of memory\n");
		return TOOL_EXIT_BAD_INPUT;
	}
	text = read_input(o.input, &len);
	if (!text) {
		snprintf(msg, sizeof(msg), "cannot read: %m");
		state_name(&s, o.input);
		return tool_bad_input(&o, &s, msg);
	}
	rc = tool_run_log(&o, &s, text, len);
	free(text);
	return rc;
}
