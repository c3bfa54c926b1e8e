/* SPDX-License-Identifier: MIT */
/*
 * The plan as JSON, in the shape of the module's TDMR_INFO (docs/reference/tdx-abi.md
 * §6.1) so scripts can compare it with what a kernel would configure.
 * The schema is fixed (docs/tdxboot-plan.md); numbers are plain integers.
 */
#include "tools/tdxboot-plan/tool.h"

static void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(f, "\\u%04x", c); /* names are ASCII; be safe */
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void json_u64(FILE *f, const char *key, uint64_t v, const char *sep)
{
	fprintf(f, "\"%s\": %llu%s", key, (unsigned long long)v, sep);
}

static void json_tdmr(FILE *f, const struct plan_tdmr *t)
{
	static const char *const lvl[3] = { "4k", "2m", "1g" };
	char key[32];

	fputs("    {", f);
	json_u64(f, "base", t->base, ", ");
	json_u64(f, "size", t->size, ",\n     ");
	for (int l = 0; l < 3; l++) {
		snprintf(key, sizeof(key), "pamt_%s_base", lvl[l]);
		json_u64(f, key, t->pamt_base[l], ", ");
		snprintf(key, sizeof(key), "pamt_%s_size", lvl[l]);
		json_u64(f, key, t->pamt_size[l], ",\n     ");
	}
	fputs("\"reserved\": [", f);
	for (uint32_t r = 0; r < t->n_rsvd; r++) {
		fprintf(f, "%s{", r ? ",\n       " : "");
		json_u64(f, "offset", t->rsvd[r].base, ", ");
		json_u64(f, "size", t->rsvd[r].size, "}");
	}
	fputs("]}", f);
}

static void json_plan(FILE *f, const struct plan_output *p)
{
	fputs("\"tdmrs\": [", f);
	for (uint32_t t = 0; t < p->n_tdmrs; t++) {
		fputs(t ? ",\n" : "\n", f);
		json_tdmr(f, &p->tdmrs[t]);
	}
	fputs(p->n_tdmrs ? "\n  ],\n  \"excluded\": [" : "],\n  \"excluded\": [", f);
	for (uint32_t e = 0; e < p->n_excluded; e++) {
		fputs(e ? ", {" : "{", f);
		json_u64(f, "base", p->excluded[e].base, ", ");
		json_u64(f, "size", p->excluded[e].size, "}");
	}
	fputs("],\n  ", f);
	json_u64(f, "pamt_bytes", p->pamt_bytes, "\n");
}

void report_json(FILE *f, const struct tool_run *run)
{
	fputs("{\"name\": ", f);
	json_string(f, run->name ? run->name : "");
	fprintf(f, ", \"ok\": %s, \"error\": ", run->plan ? "true" : "false");
	if (run->error)
		json_string(f, run->error);
	else
		fputs("null", f);
	fputs(",\n  ", f);
	if (run->plan)
		json_plan(f, run->plan);
	else
		fputs("\"tdmrs\": [], \"excluded\": [], \"pamt_bytes\": 0\n", f);
	fputs("}\n", f);
}
