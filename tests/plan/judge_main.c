/* SPDX-License-Identifier: MIT */
/*
 * plan-judge [tdxboot-plan options] TRUTH JSON
 *
 * Judges the plan tdxboot-plan printed as JSON for the machine whose
 * ground truth TRUTH holds (tests/plan/truth.h: written by the corpus
 * generator from the machine, not parsed from its log), with the same
 * limit and policy options the plan was made with, by two judges: the
 * coverage judge (judge.c) and the emulated module's TDH.SYS.CONFIG
 * (emu_judge.c).  The log itself is never read: a parser that loses or
 * misreads a line makes a plan that fails here.  Exit 0: valid plan (or
 * the JSON says there is none); 1: the plan breaks a rule (printed); 2:
 * unreadable input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/plan/emu_judge.h"
#include "tests/plan/judge.h"
#include "tests/plan/plan_json.h"
#include "tests/plan/truth.h"
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
		       const char **truth_path, const char **json_path)
{
	char msg[256];

	if (argc < 3)
		return false;
	*truth_path = argv[argc - 2];
	*json_path = argv[argc - 1];
	if (!tool_parse_args(argc - 2, argv, o, msg, sizeof(msg))) {
		fprintf(stderr, "plan-judge: %s\n", msg);
		return false;
	}
	if (o->boot != 0) {   /* a truth file describes the last boot only */
		fprintf(stderr, "plan-judge: --boot: the truth describes the last boot\n");
		return false;
	}
	return true;
}

static int judge_files(const struct tool_opts *o, const char *truth_path,
		       const char *json_path)
{
	static struct plan_json pj;
	struct truth t = { 0 };
	size_t tlen, jlen;
	char *ttext = slurp(truth_path, &tlen), *jtext = slurp(json_path, &jlen);
	char why[512];
	int rc = 2;

	if (!ttext || !jtext)
		fprintf(stderr, "plan-judge: cannot read %s\n", ttext ? json_path : truth_path);
	else if (!truth_read(ttext, &t, why, sizeof(why)))
		fprintf(stderr, "plan-judge: %s: %s\n", truth_path, why);
	else if (!plan_json_read(jtext, jlen, &pj, why, sizeof(why)))
		fprintf(stderr, "plan-judge: %s: %s\n", json_path, why);
	else if (!pj.ok)
		rc = 0; /* nothing to judge: whether that is right is the corpus' call */
	else {
		tool_apply_overrides(o, &t.in);
		rc = judge_plan(&t.in, &pj.out, why, sizeof(why)) ? 0 : 1;
		if (rc)
			printf("plan-judge: %s: %s\n", truth_path, why);
		else if (emu_judge_plan(&t.in, &pj.out, why, sizeof(why)) == EMU_JUDGE_REJECT) {
			printf("plan-judge: %s: emulated TDH.SYS.CONFIG: %s\n", truth_path, why);
			rc = 1;
		}
	}
	truth_release(&t);
	free(ttext);
	free(jtext);
	return rc;
}

int main(int argc, char **argv)
{
	struct tool_opts o;
	const char *truth_path, *json_path;

	if (!judge_args(argc, argv, &o, &truth_path, &json_path)) {
		fprintf(stderr, "usage: plan-judge [tdxboot-plan options] TRUTH JSON\n");
		return 2;
	}
	return judge_files(&o, truth_path, json_path);
}
