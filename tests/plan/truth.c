/* SPDX-License-Identifier: MIT */
/*
 * The truth file's reader (format: tests/plan/gen_corpus.py, write_truth()).
 * Deliberately not the product's log parser: four line types, parsed with
 * sscanf, and no rule of docs/reference/planner-input.md §1.6 applied here
 * (the generator applied them; the judge applies them again).
 */
#include "tests/plan/truth.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool truth_grow(void **v, size_t n, size_t *cap, size_t elem)
{
	void *nv;

	if (n < *cap)
		return true;
	*cap = *cap * 2 + 64;
	nv = realloc(*v, *cap * elem);
	if (!nv)
		return false;
	*v = nv;
	return true;
}

static bool truth_limits(const char *s, struct plan_limits *l)
{
	unsigned t, r, p4, p2, p1, d, bits;

	if (sscanf(s, "limits max_tdmrs=%u max_rsvd=%u pamt_4k=%u pamt_2m=%u pamt_1g=%u "
		   "dpamt=%u dpamt_bits=%u", &t, &r, &p4, &p2, &p1, &d, &bits) != 7)
		return false;
	*l = (struct plan_limits){ .max_tdmrs = t, .max_rsvd_per_tdmr = r,
				   .pamt_entry_size = { p4, p2, p1 }, .dpamt = d != 0,
				   .dpamt_bits_per_4k = bits };
	return true;
}

/* One line; false if it is none of the four kinds. */
static bool truth_line(const char *s, struct truth *t, size_t cap[3], bool *limits)
{
	uint64_t a, b;
	unsigned node;
	char kind[8];

	if (!strncmp(s, "limits ", 7))
		return (*limits = truth_limits(s, &t->in.limits));
	if (sscanf(s, "ram %" SCNx64 " %" SCNx64 " %7s", &a, &b, kind) == 3 && b > a &&
	    (!strcmp(kind, "free") || !strcmp(kind, "busy"))) {
		if (!truth_grow((void **)&t->mem, t->in.n_mem, &cap[0], sizeof(*t->mem)))
			return false;
		t->mem[t->in.n_mem++] = (struct plan_mem){
			.base = a, .size = b - a,
			.kind = !strcmp(kind, "free") ? PLAN_MEM_FREE : PLAN_MEM_RAM_BUSY };
		return true;
	}
	if (sscanf(s, "cmr %" SCNx64 " %" SCNx64, &a, &b) == 2 && b > a) {
		if (!truth_grow((void **)&t->cmrs, t->in.n_cmrs, &cap[1], sizeof(*t->cmrs)))
			return false;
		t->cmrs[t->in.n_cmrs++] = (struct plan_range){ .base = a, .size = b - a };
		return true;
	}
	if (sscanf(s, "node %u %" SCNx64 " %" SCNx64, &node, &a, &b) == 3 && b > a) {
		if (!truth_grow((void **)&t->numa, t->in.n_numa, &cap[2], sizeof(*t->numa)))
			return false;
		t->numa[t->in.n_numa++] = (struct plan_numa){ .base = a, .size = b - a, .node = node };
		return true;
	}
	return false;
}

bool truth_read(const char *text, struct truth *t, char *why, size_t why_size)
{
	size_t cap[3] = { 0, 0, 0 };
	bool limits = false;
	unsigned line = 0;

	memset(t, 0, sizeof(*t));
	t->in.policy.noncmr = PLAN_NONCMR_FAIL;
	while (*text) {
		size_t len = strcspn(text, "\n");
		char buf[256];

		line++;
		snprintf(buf, sizeof(buf), "%.*s", (int)(len < 255 ? len : 255), text);
		text += len + (text[len] == '\n');
		if (!buf[0] || buf[0] == '#')
			continue;
		if (!truth_line(buf, t, cap, &limits)) {
			snprintf(why, why_size, "truth line %u: cannot read '%s'", line, buf);
			return false;
		}
	}
	if (!limits || !t->in.n_mem) {
		snprintf(why, why_size, "truth: no %s line", limits ? "ram" : "limits");
		return false;
	}
	t->in.mem = t->mem;
	t->in.cmrs = t->cmrs;
	t->in.numa = t->numa;
	return true;
}

void truth_release(struct truth *t)
{
	free(t->mem);
	free(t->cmrs);
	free(t->numa);
	memset(t, 0, sizeof(*t));
}
