/* SPDX-License-Identifier: MIT */
/*
 * The plan as an operator reads it: what was found, each TDMR with its
 * PAMT and reserved areas (absolute addresses, and why each is reserved),
 * PAMT per NUMA node, what the OS loses, warnings, and Linux's closing
 * "N KB allocated for PAMT" so figures can be compared with a kernel's.
 */
#include "lib/fmt.h"
#include "tools/tdxboot-plan/tool.h"

#define MiB (1ULL << 20)

static const char *size_str(char *buf, size_t n, uint64_t bytes)
{
	return fmt_size(buf, n, bytes);
}

static bool kind_is_ram(uint32_t kind)
{
	return kind == PLAN_MEM_FREE || kind == PLAN_MEM_RAM_BUSY;
}

/* RAM the planner must cover: at or above 1 MiB (docs/reference/planner-input.md §1.6). */
static uint64_t input_ram_bytes(const struct plan_input *in, size_t *ranges)
{
	uint64_t sum = 0;

	*ranges = 0;
	for (size_t i = 0; i < in->n_mem; i++) {
		const struct plan_mem *m = &in->mem[i];
		uint64_t b = m->base < MiB ? MiB : m->base, e = m->base + m->size;

		if (!kind_is_ram(m->kind) || e <= b)
			continue;
		sum += e - b;
		(*ranges)++;
	}
	return sum;
}

static unsigned input_nodes(const struct plan_input *in)
{
	uint64_t seen[PLAN_NODE_CAP / 64] = { 0 };
	unsigned n = 0;

	for (size_t i = 0; i < in->n_numa; i++) {
		uint32_t id = in->numa[i].node % PLAN_NODE_CAP;
		uint64_t bit = 1ULL << (id % 64);

		if (!(seen[id / 64] & bit))
			n++;
		seen[id / 64] |= bit;
	}
	return n ? n : 1;
}

/* Which boot of a multi-boot log was read, and what the parser left out. */
static void text_log_notes(FILE *f, const struct platlog *log)
{
	if (log->n_boots > 1)
		fprintf(f, "note: the log holds %u boots; planning boot %u%s "
			"(lines %u-%u); --boot N selects another\n", log->n_boots,
			log->boot, log->boot == log->n_boots ? ", the last" : "",
			log->boot_first_line, log->boot_last_line);
	for (uint32_t w = 0; w < log->n_warnings && w < PLATLOG_WARN_CAP; w++)
		fprintf(f, "warning: %.*s\n", PLATLOG_WARN_LEN, log->warnings[w]);
	if (log->n_warnings > PLATLOG_WARN_CAP)
		fprintf(f, "warning: and %u more lines clipped or ignored\n",
			log->n_warnings - PLATLOG_WARN_CAP);
}

static void text_input(FILE *f, const struct platlog *log)
{
	const struct plan_input *in = &log->in;
	const struct plan_limits *l = &in->limits;
	size_t ranges;
	char sz[32];

	fprintf(f, "memory: %s of RAM in %zu ranges (from the %s map), %zu CMRs, "
		"%u NUMA node%s\n",
		size_str(sz, sizeof(sz), input_ram_bytes(in, &ranges)), ranges,
		log->map_from_efi ? "EFI" : "e820", in->n_cmrs, input_nodes(in),
		input_nodes(in) == 1 ? "" : "s");
	fprintf(f, "limits: max_tdmrs=%u max_rsvd=%u pamt_entry=%u/%u/%u%s; "
		"policy: noncmr=%s%s\n", l->max_tdmrs, l->max_rsvd_per_tdmr,
		l->pamt_entry_size[0], l->pamt_entry_size[1], l->pamt_entry_size[2],
		l->dpamt ? " dpamt" : "",
		in->policy.noncmr == PLAN_NONCMR_EXCLUDE ? "exclude" : "fail",
		in->policy.coalesce ? " coalesce" : "");
}

static void text_tdmr(FILE *f, const struct plan_output *p, uint32_t i,
		      const struct plan_limits *l)
{
	const struct plan_tdmr *t = &p->tdmrs[i];
	uint64_t pamt = t->pamt_size[0] + t->pamt_size[1] + t->pamt_size[2];
	uint64_t pb = t->pamt_base[0];
	char sz[32], psz[32];

	for (int k = 1; k < 3; k++)
		if (t->pamt_size[k] && t->pamt_base[k] < pb)
			pb = t->pamt_base[k];
	fprintf(f, "TDMR %2u [0x%012llx, 0x%012llx) %9s, PAMT %s at %#llx on node %u, "
		"%u/%u reserved areas\n", i, (unsigned long long)t->base,
		(unsigned long long)(t->base + t->size), size_str(sz, sizeof(sz), t->size),
		size_str(psz, sizeof(psz), pamt), (unsigned long long)pb, t->pamt_node,
		t->n_rsvd, l->max_rsvd_per_tdmr);
	for (uint32_t r = 0; r < t->n_rsvd; r++) {
		uint64_t b = t->base + t->rsvd[r].base, e = b + t->rsvd[r].size;

		fprintf(f, "    reserved [0x%012llx, 0x%012llx) %9s  %s\n",
			(unsigned long long)b, (unsigned long long)e,
			size_str(sz, sizeof(sz), e - b),
			report_rsvd_reason(p, b, e));
	}
}

static void text_nodes(FILE *f, const struct plan_output *p)
{
	char sz[32];

	fputs("PAMT per node:", f);
	for (uint32_t n = 0; n < p->n_pamt_nodes; n++)
		fprintf(f, "  node %u: %s", p->pamt_nodes[n].node,
			size_str(sz, sizeof(sz), p->pamt_nodes[n].bytes));
	fputc('\n', f);
}

static void text_excluded(FILE *f, const struct plan_output *p)
{
	char sz[32];

	for (uint32_t e = 0; e < p->n_excluded; e++) {
		uint64_t b = p->excluded[e].base, s = p->excluded[e].size;

		fprintf(f, "excluded from the OS [0x%012llx, 0x%012llx) %s\n",
			(unsigned long long)b, (unsigned long long)(b + s),
			size_str(sz, sizeof(sz), s));
	}
	if (p->excluded_noncmr_bytes)
		fprintf(f, "  %s of RAM outside CMRs given up\n",
			size_str(sz, sizeof(sz), p->excluded_noncmr_bytes));
	if (p->excluded_coalesce_bytes)
		fprintf(f, "  %s of RAM islands given up to save reserved areas\n",
			size_str(sz, sizeof(sz), p->excluded_coalesce_bytes));
}

void report_text(FILE *f, const struct tool_run *run)
{
	const struct plan_output *p = run->plan;
	char sz[32];

	fprintf(f, "tdxboot-plan: %s\n", run->name ? run->name : "");
	if (run->log) {
		text_input(f, run->log);
		text_log_notes(f, run->log);
	}
	if (!p) {
		fprintf(f, "no plan: %s\n", run->error ? run->error : "unknown error");
		if (run->hint)
			fprintf(f, "hint: %s\n", run->hint);
		return;
	}
	fprintf(f, "TDMRs: %u of %u\n", p->n_tdmrs, run->log->in.limits.max_tdmrs);
	for (uint32_t i = 0; i < p->n_tdmrs; i++)
		text_tdmr(f, p, i, &run->log->in.limits);
	text_nodes(f, p);
	text_excluded(f, p);
	for (uint32_t w = 0; w < p->n_warnings && w < PLAN_WARN_CAP; w++)
		fprintf(f, "warning: %.*s\n", (int)sizeof(p->warnings[w]), p->warnings[w]);
	fprintf(f, "TDX memory: %s\n", size_str(sz, sizeof(sz), p->tdx_memory_bytes));
	fprintf(f, "%llu KB allocated for PAMT\n",
		(unsigned long long)(p->pamt_bytes / 1024));
}
