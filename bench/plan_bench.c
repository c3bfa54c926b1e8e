/* SPDX-License-Identifier: MIT */
/*
 * plan-bench [LOG...]: how fast the planner is and how much PAMT it spends.
 *
 * 1. A large machine (8 sockets, 16 TiB, 10 000 memory-map entries; the
 *    target is under 1 ms a plan): time of plan_build() and of platlog on
 *    the same machine printed as a log.
 * 2. plan-bench --once LOG...: each map planned once by plan_build(), once
 *    by the Linux-algorithm baseline (bench/linux_plan.c) and once by the
 *    direct implementation of tdxboot's rules (tests/plan/direct.c, whose
 *    plan must be plan_build()'s: "direct=DIFFERS" otherwise), for
 *    bench/plan_insn.sh to count instructions under callgrind; LOG "@100k"
 *    is a generated 100 000-entry map.  --time LOG... prints wall times.
 * 3. For that machine and each LOG given (the corpus), PAMT bytes against
 *    the lower bound for the same cover: the PAMT of exactly the GiBs that
 *    hold RAM, without any rounding.  Over 100 % is the price of 1 GiB
 *    TDMR granularity per TDMR and of 4 KiB rounding per PAMT level.  Last
 *    on the line: the PAMT that splitting TDMRs for a TDMR.INIT on 32 LPs
 *    adds (docs/planner.md §3a).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench/linux_plan.h"
#include "core/plan.h"
#include "core/platlog.h"
#include "tests/plan/direct.h"
#include "tests/plan/prop_gen.h"

#define GiB (1ULL << 30)
#define TiB (1ULL << 40)

static struct plan_output out;

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* PAMT for exactly the GiBs holding RAM at or above 1 MiB. */
static uint64_t pamt_lower_bound(const struct plan_input *in)
{
	const struct plan_limits *l = &in->limits;
	uint64_t per_gib, gibs = 0, last = UINT64_MAX;

	per_gib = (l->dpamt ? (GiB >> 12) * l->dpamt_bits_per_4k / 8
			    : (GiB >> 12) * l->pamt_entry_size[0]) +
		  (GiB >> 21) * l->pamt_entry_size[1] + l->pamt_entry_size[2];
	/* in->mem is sorted for both sources used here */
	for (size_t i = 0; i < in->n_mem; i++) {
		const struct plan_mem *m = &in->mem[i];
		uint64_t b = m->base < (1ULL << 20) ? (1ULL << 20) : m->base;
		uint64_t e = m->base + m->size;

		if (m->kind > PLAN_MEM_RAM_BUSY || e <= b)
			continue;
		for (uint64_t g = b / GiB; g <= (e - 1) / GiB; g++) {
			if (g != last && (last == UINT64_MAX || g > last))
				gibs++;
			last = g;
		}
	}
	return gibs * per_gib;
}

/* PAMT KB of the plan for in with TDMRs split for lps LPs (docs/planner.md
 * §3a); 0 when there is no plan. */
static uint64_t plan_pamt_kb(const struct plan_input *in, uint32_t lps, struct tb_err *err)
{
	struct plan_input split = *in;

	split.policy.parallel_lps = lps;
	tb_err_clear(err);
	if (plan_build(&split, &out, err) != TB_OK)
		return 0;
	return out.pamt_bytes / 1024;
}

static void report_pamt(const char *name, const struct plan_input *in)
{
	struct tb_err err;
	uint64_t lb = pamt_lower_bound(in), kb32 = plan_pamt_kb(in, 32, &err);

	tb_err_clear(&err);
	if (plan_build(in, &out, &err) != TB_OK) {
		printf("  %-32s no plan: %s\n", name, err.msg);
		return;
	}
	printf("  %-32s %3u TDMRs %10llu KB PAMT, bound %10llu KB: %6.2f %%, split for 32 LPs: +%llu KB\n",
	       name, out.n_tdmrs, (unsigned long long)(out.pamt_bytes / 1024),
	       (unsigned long long)(lb / 1024), lb ? 100.0 * (double)out.pamt_bytes / (double)lb : 0,
	       (unsigned long long)(kb32 - out.pamt_bytes / 1024));
}

static void bench_planner(const struct prop_machine *m)
{
	enum { RUNS = 200 };
	static double t[RUNS];
	struct tb_err err;

	for (int i = 0; i < RUNS; i++) {
		double t0 = now_us();

		tb_err_clear(&err);
		if (plan_build(&m->in, &out, &err) != TB_OK) {
			printf("plan_build failed: %s\n", err.msg);
			exit(1);
		}
		t[i] = now_us() - t0;
	}
	qsort(t, RUNS, sizeof(t[0]), dbl_cmp);
	printf("plan_build, 8 sockets, 16 TiB, %zu map entries, %u TDMRs: "
	       "median %.0f us, min %.0f us, max %.0f us (%d runs; target < 1000 us)\n",
	       m->in.n_mem, out.n_tdmrs, t[RUNS / 2], t[0], t[RUNS - 1], RUNS);
}

static void bench_parser(const struct prop_machine *m)
{
	enum { RUNS = 20 };
	static struct plan_mem raw[32768], mem[65536];
	static struct plan_range cmrs[64];
	static struct plan_numa numa[64];
	static struct platlog log;
	struct platlog_store st = { raw, 32768, mem, 65536, cmrs, 64, numa, 64 };
	struct tb_err err;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	double best = 1e30;

	prop_gen_print(f, m);
	fclose(f);
	for (int i = 0; i < RUNS; i++) {
		double t0 = now_us();

		tb_err_clear(&err);
		if (platlog_parse(text, len, &st, &log, &err) != TB_OK) {
			printf("platlog_parse failed: %s\n", err.msg);
			exit(1);
		}
		double dt = now_us() - t0;

		best = dt < best ? dt : best;
	}
	printf("platlog_parse, the same machine as a %zu KB log: %.0f us\n",
	       len / 1024, best);
	free(text);
}

static void bench_logs(int argc, char **argv)
{
	static struct plan_mem raw[65536], mem[131072];
	static struct plan_range cmrs[1024];
	static struct plan_numa numa[1024];
	static struct platlog log;
	struct platlog_store st = { raw, 65536, mem, 131072, cmrs, 1024, numa, 1024 };

	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		static char buf[1 << 22];
		size_t n = f ? fread(buf, 1, sizeof(buf), f) : 0;
		const char *slash = strrchr(argv[i], '/');
		struct tb_err err;

		if (f)
			fclose(f);
		tb_err_clear(&err);
		if (platlog_parse(buf, n, &st, &log, &err) != TB_OK)
			continue; /* the corpus's bad-input logs */
		report_pamt(slash ? slash + 1 : argv[i], &log.in);
	}
}

static struct platlog_store bench_store(void)
{
	static struct plan_mem raw[PLAN_MEM_CAP], mem[2 * PLAN_MEM_CAP];
	static struct plan_range cmrs[PLAN_CMR_CAP];
	static struct plan_numa numa[PLAN_NUMA_CAP];

	return (struct platlog_store){ raw, PLAN_MEM_CAP, mem, 2 * PLAN_MEM_CAP,
				       cmrs, PLAN_CMR_CAP, numa, PLAN_NUMA_CAP };
}

/*
 * 8 * per_node entries (100 000 for 12 500) on 8 nodes of 2 TiB: each
 * node's first per_node MiB (12.2 GiB for 12 500) are 1 MiB pieces of free
 * and firmware-busy RAM (the shape of EFI maps after boot services), the
 * rest is one free range.  One CMR and
 * one SRAT range per node.  A plan exists, so both planners run to the end.
 */
static const struct plan_input *bench_map(uint32_t per_node)
{
	enum { NODES = 8, PER_NODE_MAX = 12500 };
	static struct plan_mem mem[NODES * (PER_NODE_MAX + 1)];
	static struct plan_range cmrs[NODES];
	static struct plan_numa numa[NODES];
	static struct plan_input in;
	size_t n = 0;

	for (uint32_t node = 0; node < NODES; node++) {
		uint64_t base = node * 2 * TiB + (node ? 0 : (1ULL << 20));
		uint64_t end = (node + 1) * 2 * TiB, b = base;

		for (uint32_t i = 0; i < per_node; i++, b += 1ULL << 20, n++)
			mem[n] = (struct plan_mem){ b, 1ULL << 20,
						    i % 2 ? PLAN_MEM_RAM_BUSY : PLAN_MEM_FREE,
						    (uint32_t)n };
		mem[n] = (struct plan_mem){ b, end - b, PLAN_MEM_FREE, (uint32_t)n };
		n++;
		cmrs[node] = (struct plan_range){ base, end - base };
		numa[node] = (struct plan_numa){ node * 2 * TiB, 2 * TiB, node };
	}
	in = (struct plan_input){ .mem = mem, .n_mem = n, .cmrs = cmrs,
				  .n_cmrs = NODES, .numa = numa, .n_numa = NODES };
	platlog_default_limits(&in.limits);
	return &in;
}

/* The map behind a LOG argument: a file, or "@100k" (generated); "@25k"
 * and "@50k" are the same shape with fewer pieces (bench/plan_scaling.sh). */
static const struct plan_input *bench_input(const char *arg)
{
	static struct platlog log;
	static char buf[1 << 24];
	struct platlog_store st = bench_store();
	struct tb_err err;
	FILE *f;
	size_t n;

	if (!strcmp(arg, "@100k"))
		return bench_map(12500);
	if (!strcmp(arg, "@50k"))
		return bench_map(6250);
	if (!strcmp(arg, "@25k"))
		return bench_map(3125);
	f = fopen(arg, "rb");
	n = f ? fread(buf, 1, sizeof(buf), f) : 0;
	if (f)
		fclose(f);
	tb_err_clear(&err);
	if (platlog_parse(buf, n, &st, &log, &err) != TB_OK)
		return NULL;
	return &log.in;
}

/* One call each, in functions of their own, so callgrind's inclusive
 * counts of plan_build, linux_plan_build and direct_build are one
 * plan each. */
static struct linux_plan lout;
static struct plan_output dout;

__attribute__((noinline)) static void bench_once(const struct plan_input *in)
{
	struct tb_err err;
	char why[256];
	bool planned;

	tb_err_clear(&err);
	planned = plan_build(in, &out, &err) == TB_OK;
	printf(" tdxboot=%s", planned ? "plan" : err.msg);
	printf(" linux=%s", linux_plan_build(in, &lout) == 0 ? "plan" : "none");
	if (direct_build(in, &dout) != DIRECT_PLAN)
		printf(" direct=general\n");
	else
		printf(" direct=%s\n", planned && direct_same_plan(&out, &dout, why, sizeof(why)) ?
		       "plan" : "DIFFERS");
}

static double bench_median_us(const struct plan_input *in, bool linux_alg)
{
	enum { RUNS = 21 };
	double t[RUNS];
	struct tb_err err;

	for (int i = 0; i < RUNS; i++) {
		double t0 = now_us();

		if (linux_alg)
			(void)linux_plan_build(in, &lout);
		else
			(void)plan_build(in, &out, &err);
		t[i] = now_us() - t0;
	}
	qsort(t, RUNS, sizeof(t[0]), dbl_cmp);
	return t[RUNS / 2];
}

static int bench_modes(int argc, char **argv)
{
	bool once = !strcmp(argv[1], "--once");

	for (int i = 2; i < argc; i++) {
		const struct plan_input *in = bench_input(argv[i]);
		const char *slash = strrchr(argv[i], '/');

		if (!in)
			continue;   /* the corpus's bad-input logs */
		if (once) {
			printf("%s:", slash ? slash + 1 : argv[i]);
			bench_once(in);
			continue;
		}
		printf("%s: entries=%zu tdxboot_us=%.1f linux_us=%.1f\n",
		       slash ? slash + 1 : argv[i], in->n_mem,
		       bench_median_us(in, false), bench_median_us(in, true));
	}
	return 0;
}

int main(int argc, char **argv)
{
	static struct prop_machine m;

	if (argc > 1 && (!strcmp(argv[1], "--once") || !strcmp(argv[1], "--time")))
		return bench_modes(argc, argv);

	prop_gen_large(&m, 1, 8, 16 * TiB, 10000);
	bench_planner(&m);
	bench_parser(&m);
	printf("PAMT against the lower bound (PAMT for exactly the GiBs holding RAM):\n");
	report_pamt("8 sockets, 16 TiB, 10 000 entries", &m.in);
	bench_logs(argc, argv);
	return 0;
}
