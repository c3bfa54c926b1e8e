/* SPDX-License-Identifier: MIT */
/*
 * plan-bench [LOG...]: how fast the planner is and how much PAMT it spends.
 *
 * 1. A large machine (8 sockets, 16 TiB, 10 000 memory-map entries; the
 *    target is under 1 ms a plan): time of plan_build() and of platlog on
 *    the same machine printed as a log.
 * 2. For that machine and each LOG given (the corpus), PAMT bytes against
 *    the lower bound for the same cover: the PAMT of exactly the GiBs that
 *    hold RAM, without any rounding.  Over 100 % is the price of 1 GiB
 *    TDMR granularity per TDMR and of 4 KiB rounding per PAMT level.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/plan.h"
#include "core/platlog.h"
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

static void report_pamt(const char *name, const struct plan_input *in)
{
	struct tb_err err;
	uint64_t lb = pamt_lower_bound(in);

	tb_err_clear(&err);
	if (plan_build(in, &out, &err) != TB_OK) {
		printf("  %-32s no plan: %s\n", name, err.msg);
		return;
	}
	printf("  %-32s %3u TDMRs %10llu KB PAMT, bound %10llu KB: %6.2f %%\n", name,
	       out.n_tdmrs, (unsigned long long)(out.pamt_bytes / 1024),
	       (unsigned long long)(lb / 1024), lb ? 100.0 * (double)out.pamt_bytes / (double)lb : 0);
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

int main(int argc, char **argv)
{
	static struct prop_machine m;

	prop_gen_large(&m, 1, 8, 16 * TiB, 10000);
	bench_planner(&m);
	bench_parser(&m);
	printf("PAMT against the lower bound (PAMT for exactly the GiBs holding RAM):\n");
	report_pamt("8 sockets, 16 TiB, 10 000 entries", &m.in);
	bench_logs(argc, argv);
	return 0;
}
