/* SPDX-License-Identifier: MIT */
/*
 * The plan as JSON, in the shape of the module's TDMR_INFO (docs/reference/tdx-abi.md
 * §6.1) so scripts can compare it with what a kernel would configure.
 * The schema is fixed (docs/tdxboot-plan.md); numbers are plain integers.
 */
#include "tools/tdxboot-plan/tool.h"
#include "tools/common/json.h"

/* Raised when a key changes meaning or goes; new keys keep the number
 * only if readers may ignore them (docs/tdxboot-plan.md, JSON schema). */
#define REPORT_JSON_SCHEMA 3

static void json_u64(FILE *f, const char *key, uint64_t v, const char *sep)
{
	fprintf(f, "\"%s\": %llu%s", key, (unsigned long long)v, sep);
}

static const char *json_next_what(uint32_t what)
{
	switch (what) {
	case PLAN_NEXT_NOT_TDX: return "not TDX memory";
	case PLAN_NEXT_PAMT:    return "PAMT";
	case PLAN_NEXT_ISLAND:  return "RAM given up";
	default:                return "?";
	}
}

static void json_side(FILE *f, const struct plan_pamt_side *sd, bool *first)
{
	if (sd->what == PLAN_NEXT_NONE)
		return;
	fputs(*first ? "{" : ", {", f);
	*first = false;
	json_u64(f, "base", sd->range.base, ", ");
	json_u64(f, "size", sd->range.size, ", ");
	if (sd->what == PLAN_NEXT_PAMT)
		json_u64(f, "tdmr", sd->tdmr, ", ");
	fputs("\"what\": ", f);
	json_write_string(f, json_next_what(sd->what));
	fputs("}", f);
}

/* The one-line reason, for people; the keys beside it are for scripts. */
static void json_reason_text(char *buf, size_t size, const struct plan_tdmr *t,
			     const struct plan_pamt_why *w)
{
	static const char *const fb[] = {
		[PLAN_PAMT_ON_NODE] = "",
		[PLAN_PAMT_NODE_NO_ROOM] = ": no free range there holds it",
		[PLAN_PAMT_NODE_AREAS_FULL] = ": its free ranges are where a TDMR has no reserved area left",
	};
	const char *area = w->in_tdmr == PLAN_PAMT_OUTSIDE ? "outside every TDMR, no reserved area" :
			   w->new_areas < 0 ? "joins two reserved areas into one" :
			   w->new_areas == 0 ? "shares a reserved area" :
			   "takes a new reserved area";
	int n;

	if (w->fallback == PLAN_PAMT_ON_NODE)
		n = snprintf(buf, size, "on node %u, which holds most of the TDMR's RAM", t->pamt_node);
	else
		n = snprintf(buf, size, "on node %u, not node %u (most of the TDMR's RAM)%s",
			     t->pamt_node, w->want_node, fb[w->fallback < 3 ? w->fallback : 0]);
	if (n > 0 && (size_t)n < size)
		n += snprintf(buf + n, size - (size_t)n, "; %s", area);
	for (int i = 0; i < 2; i++) {
		const struct plan_pamt_side *sd = i ? &w->above : &w->below;

		if (sd->what == PLAN_NEXT_NONE || n <= 0 || (size_t)n >= size)
			continue;
		if (sd->what == PLAN_NEXT_PAMT)
			n += snprintf(buf + n, size - (size_t)n, "%s the PAMT of TDMR %u",
				      i && w->below.what ? " and" : " with", sd->tdmr);
		else
			n += snprintf(buf + n, size - (size_t)n, "%s %s [0x%llx, 0x%llx)",
				      i && w->below.what ? " and" : " with",
				      json_next_what(sd->what),
				      (unsigned long long)sd->range.base,
				      (unsigned long long)(sd->range.base + sd->range.size));
	}
	if (w->low && n > 0 && (size_t)n < size)
		snprintf(buf + n, size - (size_t)n, "; below 4 GiB: no spot above it was as good");
}

/* Why the PAMT is where it is (schema 3). */
static void json_placement(FILE *f, const struct plan_tdmr *t,
			   const struct plan_pamt_why *w)
{
	static const char *const fb[] = { "null", "\"no room\"", "\"reserved areas full\"" };
	char text[256];
	bool first = true;

	fputs("\"pamt_placement\": {", f);
	json_u64(f, "tdmr_node", w->want_node, ", ");
	fprintf(f, "\"fallback\": %s, ", fb[w->fallback < 3 ? w->fallback : 0]);
	fputs("\"free_range\": {", f);
	json_u64(f, "base", w->free.base, ", ");
	json_u64(f, "size", w->free.size, "}, ");
	if (w->in_tdmr == PLAN_PAMT_OUTSIDE)
		fputs("\"in_tdmr\": null, ", f);
	else
		json_u64(f, "in_tdmr", w->in_tdmr, ", ");
	fprintf(f, "\"new_areas\": %d, \"below_4g\": %s,\n      \"shares_area_with\": [",
		w->new_areas, w->low ? "true" : "false");
	json_side(f, &w->below, &first);
	json_side(f, &w->above, &first);
	fputs("],\n      \"reason\": ", f);
	json_reason_text(text, sizeof(text), t, w);
	json_write_string(f, text);
	fputs("},\n     ", f);
}

static void json_tdmr(FILE *f, const struct plan_tdmr *t,
		      const struct plan_pamt_why *w, uint32_t rsvd_limit)
{
	static const char *const lvl[3] = { "4k", "2m", "1g" };
	char key[32];

	fputs("    {", f);
	json_u64(f, "base", t->base, ", ");
	json_u64(f, "size", t->size, ", ");
	json_u64(f, "node", t->pamt_node, ", ");
	json_u64(f, "reserved_used", t->n_rsvd, ", ");
	json_u64(f, "reserved_limit", rsvd_limit, ",\n     ");
	for (int l = 0; l < 3; l++) {
		snprintf(key, sizeof(key), "pamt_%s_base", lvl[l]);
		json_u64(f, key, t->pamt_base[l], ", ");
		snprintf(key, sizeof(key), "pamt_%s_size", lvl[l]);
		json_u64(f, key, t->pamt_size[l], ",\n     ");
	}
	json_placement(f, t, w);
	fputs("\"reserved\": [", f);
	for (uint32_t r = 0; r < t->n_rsvd; r++) {
		fprintf(f, "%s{", r ? ",\n       " : "");
		json_u64(f, "offset", t->rsvd[r].base, ", ");
		json_u64(f, "size", t->rsvd[r].size, "}");
	}
	fputs("]}", f);
}

static void json_plan(FILE *f, const struct plan_output *p, uint32_t rsvd_limit)
{
	fputs("\"tdmrs\": [", f);
	for (uint32_t t = 0; t < p->n_tdmrs; t++) {
		fputs(t ? ",\n" : "\n", f);
		json_tdmr(f, &p->tdmrs[t], &p->pamt_why[t], rsvd_limit);
	}
	fputs(p->n_tdmrs ? "\n  ],\n  \"excluded\": [" : "],\n  \"excluded\": [", f);
	for (uint32_t e = 0; e < p->n_excluded; e++) {
		fputs(e ? ", {" : "{", f);
		json_u64(f, "base", p->excluded[e].base, ", ");
		json_u64(f, "size", p->excluded[e].size, "}");
	}
	fputs("],\n  \"nodes\": [", f);
	for (uint32_t n = 0; n < p->n_pamt_nodes; n++) {
		fputs(n ? ", {" : "{", f);
		json_u64(f, "node", p->pamt_nodes[n].node, ", ");
		json_u64(f, "pamt_bytes", p->pamt_nodes[n].bytes, "}");
	}
	fputs("],\n  ", f);
	json_u64(f, "pamt_bytes", p->pamt_bytes, ",\n  ");
}

/* The parser's and the planner's warnings, in that order. */
static void json_warnings(FILE *f, const struct tool_run *run)
{
	const struct platlog *log = run->log;
	bool first = true;

	fputs("\"warnings\": [", f);
	for (uint32_t w = 0; log && w < log->n_warnings && w < PLATLOG_WARN_CAP; w++) {
		fputs(first ? "" : ", ", f);
		json_write_string(f, log->warnings[w]);
		first = false;
	}
	for (uint32_t w = 0; run->plan && w < run->plan->n_warnings &&
			     w < PLAN_WARN_CAP; w++) {
		fputs(first ? "" : ", ", f);
		json_write_string(f, run->plan->warnings[w]);
		first = false;
	}
	fputs("],\n  ", f);
}

void report_json(FILE *f, const struct tool_run *run)
{
	fprintf(f, "{\"schema\": %d, \"name\": ", REPORT_JSON_SCHEMA);
	json_write_string(f, run->name ? run->name : "");
	fprintf(f, ", \"ok\": %s, \"error\": ", run->plan ? "true" : "false");
	if (run->error)
		json_write_string(f, run->error);
	else
		fputs("null", f);
	fputs(",\n  ", f);
	if (run->hint) {
		fputs("\"hint\": ", f);
		json_write_string(f, run->hint);
		fputs(",\n  ", f);
	}
	fprintf(f, "\"boots\": {\"count\": %u, \"planned\": %u},\n  ",
		run->log ? run->log->n_boots : 0, run->log ? run->log->boot : 0);
	if (run->plan)
		json_plan(f, run->plan, run->log->in.limits.max_rsvd_per_tdmr);
	else
		fputs("\"tdmrs\": [], \"excluded\": [], \"nodes\": [], \"pamt_bytes\": 0,\n  ", f);
	json_warnings(f, run);
	fputs("\"tool\": ", f);
	json_write_string(f, "tdxboot-plan");
	fputs("}\n", f);
}
