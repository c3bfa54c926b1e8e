/* SPDX-License-Identifier: MIT */
/*
 * plan-judge [tdxboot-plan options] LOG JSON
 *
 * Judges the plan tdxboot-plan printed as JSON for the machine LOG
 * describes, with the same limit and policy options the plan was made
 * with, by two judges: the coverage judge (judge.c) and the emulated
 * module's TDH.SYS.CONFIG (emu_judge.c).  Exit 0: valid plan (or the JSON
 * says there is none); 1: the plan breaks a rule (printed); 2: unreadable
 * input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/platlog.h"
#include "tests/plan/emu_judge.h"
#include "tests/plan/judge.h"
#include "tests/plan/plan_json.h"
#include "tools/tdxboot-plan/tool.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) &&
	    fread(buf, 1, (size_t)n, f) == (size_t)n) {
		*len = (size_t)n;
		buf[n] = '\0';
	} else {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

/* Splits argv into tool options and the two file names. */
static bool judge_args(int argc, char **argv, struct tool_opts *o,
		       const char **log_path, const char **json_path)
{
	char msg[256];

	if (argc < 3)
		return false;
	*log_path = argv[argc - 2];
	*json_path = argv[argc - 1];
	if (!tool_parse_args(argc - 2, argv, o, msg, sizeof(msg))) {
		fprintf(stderr, "plan-judge: %s\n", msg);
		return false;
	}
	return true;
}

static int judge_files(const struct tool_opts *o, const char *log_path,
		       const char *json_path)
{
	static struct plan_mem raw[65536], mem[131072];
	static struct plan_range cmrs[1024];
	static struct plan_numa numa[1024];
	static struct platlog log;
	static struct plan_json pj;
	struct platlog_store st = { raw, 65536, mem, 131072, cmrs, 1024, numa, 1024 };
	size_t llen, jlen;
	char *ltext = slurp(log_path, &llen), *jtext = slurp(json_path, &jlen);
	char why[512];
	struct tb_err err;
	int rc = 2;

	tb_err_clear(&err);
	if (!ltext || !jtext)
		fprintf(stderr, "plan-judge: cannot read %s\n", ltext ? json_path : log_path);
	else if (platlog_parse(ltext, llen, &st, &log, &err) != TB_OK)
		fprintf(stderr, "plan-judge: %s: %s\n", log_path, err.msg);
	else if (!plan_json_read(jtext, jlen, &pj, why, sizeof(why)))
		fprintf(stderr, "plan-judge: %s: %s\n", json_path, why);
	else if (!pj.ok)
		rc = 0; /* nothing to judge: whether that is right is the corpus' call */
	else {
		tool_apply_overrides(o, &log.in);
		rc = judge_plan(&log.in, &pj.out, why, sizeof(why)) ? 0 : 1;
		if (rc)
			printf("plan-judge: %s: %s\n", log_path, why);
		else if (emu_judge_plan(&log.in, &pj.out, why, sizeof(why)) == EMU_JUDGE_REJECT) {
			printf("plan-judge: %s: emulated TDH.SYS.CONFIG: %s\n", log_path, why);
			rc = 1;
		}
	}
	free(ltext);
	free(jtext);
	return rc;
}

int main(int argc, char **argv)
{
	struct tool_opts o;
	const char *log_path, *json_path;

	if (!judge_args(argc, argv, &o, &log_path, &json_path)) {
		fprintf(stderr, "usage: plan-judge [tdxboot-plan options] LOG JSON\n");
		return 2;
	}
	return judge_files(&o, log_path, json_path);
}
