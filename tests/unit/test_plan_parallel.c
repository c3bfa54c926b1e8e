/* SPDX-License-Identifier: MIT */
/*
 * Planner: TDMRs split for a parallel TDH.SYS.TDMR.INIT
 * (policy.parallel_lps, core/plan_split.c, docs/planner.md §3a).
 *
 * A split plan must be the unsplit plan cut at GiB boundaries: the same
 * bytes covered, every limit kept, PAMT bytes up only by the 4 KiB rounding
 * of each level of each new TDMR, and accepted by the emulated module's
 * TDH.SYS.CONFIG.  parallel_lps 0 or 1 changes nothing.
 */
#include <stdio.h>
#include <stdlib.h>

#include "core/plan.h"
#include "core/platlog.h"
#include "tests/unit/test.h"
#include "tests/plan/emu_judge.h"
#include "tests/unit/test_plan_check.h"

/* At most this much PAMT a new TDMR adds: one 4 KiB rounding per level. */
#define PAR_ROUNDING (3 * 4 * KiB)

static tb_status par_plan(struct plan_input in, uint32_t lps, struct plan_output *o)
{
	struct tb_err err;

	in.policy.parallel_lps = lps;
	return plan_build(&in, o, &err);
}

/* The plan's content; failed attempts may leave bytes past the counts. */
static bool par_same_plan(const struct plan_output *a, const struct plan_output *b)
{
	bool same = a->n_tdmrs == b->n_tdmrs && a->n_excluded == b->n_excluded &&
		    a->n_warnings == b->n_warnings && a->pamt_bytes == b->pamt_bytes &&
		    a->tdx_memory_bytes == b->tdx_memory_bytes &&
		    a->excluded_noncmr_bytes == b->excluded_noncmr_bytes &&
		    a->excluded_coalesce_bytes == b->excluded_coalesce_bytes &&
		    a->n_pamt_nodes == b->n_pamt_nodes &&
		    !memcmp(a->pamt_nodes, b->pamt_nodes, a->n_pamt_nodes * sizeof(a->pamt_nodes[0]));

	for (uint32_t i = 0; same && i < a->n_tdmrs; i++)   /* areas: the first n_rsvd */
		same = !memcmp(&a->tdmrs[i], &b->tdmrs[i], offsetof(struct plan_tdmr, rsvd)) &&
		       !memcmp(a->tdmrs[i].rsvd, b->tdmrs[i].rsvd,
			       a->tdmrs[i].n_rsvd * sizeof(a->tdmrs[i].rsvd[0]));
	for (uint32_t i = 0; same && i < a->n_excluded; i++)
		same = !memcmp(&a->excluded[i], &b->excluded[i], sizeof(a->excluded[i]));
	for (uint32_t i = 0; same && i < a->n_warnings; i++)
		same = !strcmp(a->warnings[i], b->warnings[i]);
	return same;
}

/* Bytes of [a, b) that the TDMRs of o cover. */
static uint64_t par_covered(const struct plan_output *o, uint64_t a, uint64_t b)
{
	uint64_t sum = 0;

	for (uint32_t i = 0; i < o->n_tdmrs; i++) {
		uint64_t lo = o->tdmrs[i].base, hi = lo + o->tdmrs[i].size;

		lo = lo > a ? lo : a;
		hi = hi < b ? hi : b;
		sum += hi > lo ? hi - lo : 0;
	}
	return sum;
}

/*
 * split covers what base covers, within the limits, for the PAMT of base
 * plus rounding; NULL when so.  Its cuts need not lie inside base's TDMRs:
 * split pieces have smaller PAMT chunks, which can fit at a layout where
 * the unsplit plan had to retry with smaller TDMRs.
 */
static const char *par_is_cut_of(const struct plan_input *in, const struct plan_output *base,
				 const struct plan_output *split)
{
	static char why[256];
	uint64_t covered = 0, base_covered = 0;

	if (split->n_tdmrs < base->n_tdmrs || split->n_tdmrs > in->limits.max_tdmrs)
		return "TDMR count out of range";
	for (uint32_t i = 0; i < split->n_tdmrs; i++) {
		const struct plan_tdmr *t = &split->tdmrs[i];

		if (t->base % GiB || t->size % GiB || !t->size)
			return snprintf(why, sizeof(why), "TDMR %u not GiB aligned", i), why;
		if (i && t->base < split->tdmrs[i - 1].base + split->tdmrs[i - 1].size)
			return snprintf(why, sizeof(why), "TDMR %u not sorted", i), why;
		if (t->n_rsvd > in->limits.max_rsvd_per_tdmr)
			return snprintf(why, sizeof(why), "TDMR %u: %u areas", i, t->n_rsvd), why;
		if (par_covered(base, t->base, t->base + t->size) != t->size)
			return snprintf(why, sizeof(why), "TDMR %u outside the unsplit TDMRs", i), why;
		covered += t->size;
	}
	for (uint32_t i = 0; i < base->n_tdmrs; i++)
		base_covered += base->tdmrs[i].size;
	if (covered != base_covered)
		return "not the same bytes covered";
	if (split->pamt_bytes < base->pamt_bytes ||
	    split->pamt_bytes > base->pamt_bytes +
				(split->n_tdmrs - base->n_tdmrs) * PAR_ROUNDING)
		return snprintf(why, sizeof(why), "PAMT %llu KB, unsplit %llu KB",
				(unsigned long long)(split->pamt_bytes >> 10),
				(unsigned long long)(base->pamt_bytes >> 10)), why;
	if (split->tdx_memory_bytes + split->pamt_bytes != base->tdx_memory_bytes + base->pamt_bytes ||
	    split->n_excluded != base->n_excluded)
		return "RAM accounted differently";
	return NULL;
}

static uint64_t par_largest(const struct plan_output *o)
{
	uint64_t m = 0;

	for (uint32_t i = 0; i < o->n_tdmrs; i++)
		m = o->tdmrs[i].size > m ? o->tdmrs[i].size : m;
	return m;
}

/* Node 0: [4G, 36G); node 1: [36G, 44G).  The layout makes one TDMR per
 * node: 32 and 8 GiB. */
static struct plan_input par_two_nodes(struct plan_test_map *m)
{
	*m = (struct plan_test_map){ 0 };
	ptm_mem(m, 4 * GiB, 44 * GiB, PLAN_MEM_FREE);
	ptm_cmr(m, 4 * GiB, 44 * GiB);
	ptm_node(m, 0, 36 * GiB, 0);
	ptm_node(m, 36 * GiB, 44 * GiB, 1);
	return ptm_input(m);
}

TEST(plan_parallel_zero_or_one_changes_nothing)
{
	static struct plan_test_map m;
	struct plan_output *a = plan_test_out(), *b = plan_test_out();
	struct plan_input in = par_two_nodes(&m);

	REQUIRE(par_plan(in, 0, a) == TB_OK);
	CHECK_INT_EQ(a->n_tdmrs, 2);
	CHECK_U64_EQ(a->tdmrs[0].size, 32 * GiB);
	REQUIRE(par_plan(in, 1, b) == TB_OK);
	CHECK(par_same_plan(a, b));
	free(a);
	free(b);
}

/* Largest first, evenly: 40 GiB over 4 LPs is 10 GiB a share, so the
 * 32 GiB TDMR becomes four of 8 and the 8 GiB one stays. */
TEST(plan_parallel_splits_largest_to_share)
{
	static struct plan_test_map m;
	struct plan_output *base = plan_test_out(), *o = plan_test_out();
	struct plan_input in = par_two_nodes(&m);
	const char *why;

	REQUIRE(par_plan(in, 0, base) == TB_OK);
	REQUIRE(par_plan(in, 4, o) == TB_OK);
	CHECK(plan_check(&in, o) == NULL);
	why = par_is_cut_of(&in, base, o);
	CHECK_STR_EQ(why ? why : "", "");
	REQUIRE(o->n_tdmrs == 5);
	for (uint32_t i = 0; i < 5; i++) {
		CHECK_U64_EQ(o->tdmrs[i].base, (4 + 8 * i) * GiB);
		CHECK_U64_EQ(o->tdmrs[i].size, 8 * GiB);
		CHECK_INT_EQ(o->tdmrs[i].pamt_node, i < 4 ? 0 : 1);
	}
	/* 8 LPs: 5 GiB a share; every TDMR at most that */
	REQUIRE(par_plan(in, 8, o) == TB_OK);
	CHECK(plan_check(&in, o) == NULL);
	why = par_is_cut_of(&in, base, o);
	CHECK_STR_EQ(why ? why : "", "");
	CHECK(par_largest(o) <= 5 * GiB);
	CHECK_INT_EQ(o->n_tdmrs, 7 + 2);
	free(base);
	free(o);
}

/* MAX_TDMRS comes first: with 3, only the 32 GiB TDMR is cut, in halves. */
TEST(plan_parallel_stops_at_max_tdmrs)
{
	static struct plan_test_map m;
	struct plan_output *base = plan_test_out(), *o = plan_test_out();
	struct plan_input in = par_two_nodes(&m);
	const char *why;

	in.limits.max_tdmrs = 3;
	REQUIRE(par_plan(in, 0, base) == TB_OK);
	REQUIRE(par_plan(in, 64, o) == TB_OK);
	CHECK(plan_check(&in, o) == NULL);
	why = par_is_cut_of(&in, base, o);
	CHECK_STR_EQ(why ? why : "", "");
	REQUIRE(o->n_tdmrs == 3);
	CHECK_U64_EQ(o->tdmrs[0].size, 16 * GiB);
	CHECK_U64_EQ(o->tdmrs[1].base, 20 * GiB);
	CHECK_U64_EQ(o->tdmrs[1].size, 16 * GiB);
	CHECK_U64_EQ(o->tdmrs[2].size, 8 * GiB);

	/* already at MAX_TDMRS: nothing to split */
	in.limits.max_tdmrs = 2;
	REQUIRE(par_plan(in, 0, base) == TB_OK);
	REQUIRE(par_plan(in, 64, o) == TB_OK);
	CHECK(par_same_plan(base, o));
	free(base);
	free(o);
}

/*
 * A CMR hole across the cut: [7.5G, 8.5G) is firmware-reserved inside
 * [4G, 12G), and two LPs cut at 8 GiB.  The hole becomes one area in each
 * piece, and no piece needs more areas than the whole did.
 */
TEST(plan_parallel_hole_across_the_cut)
{
	static struct plan_test_map m;
	struct plan_output *base = plan_test_out(), *o = plan_test_out();
	struct plan_input in;
	const char *why;

	m = (struct plan_test_map){ 0 };
	ptm_mem(&m, 4 * GiB, 7 * GiB + GiB / 2, PLAN_MEM_FREE);
	ptm_mem(&m, 7 * GiB + GiB / 2, 8 * GiB + GiB / 2, PLAN_MEM_OTHER);
	ptm_mem(&m, 8 * GiB + GiB / 2, 12 * GiB, PLAN_MEM_FREE);
	ptm_cmr(&m, 4 * GiB, 7 * GiB + GiB / 2);
	ptm_cmr(&m, 8 * GiB + GiB / 2, 12 * GiB);
	in = ptm_input(&m);
	in.limits.max_rsvd_per_tdmr = 2;
	REQUIRE(par_plan(in, 0, base) == TB_OK);
	REQUIRE(base->n_tdmrs == 1);
	REQUIRE(par_plan(in, 2, o) == TB_OK);
	CHECK(plan_check(&in, o) == NULL);
	why = par_is_cut_of(&in, base, o);
	CHECK_STR_EQ(why ? why : "", "");
	REQUIRE(o->n_tdmrs == 2);
	CHECK_U64_EQ(o->tdmrs[0].base + o->tdmrs[0].size, 8 * GiB);
	CHECK_U64_EQ(plan_test_rsvd_bytes(&o->tdmrs[0], 7 * GiB + GiB / 2, 8 * GiB), GiB / 2);
	CHECK_U64_EQ(plan_test_rsvd_bytes(&o->tdmrs[1], 8 * GiB, 8 * GiB + GiB / 2), GiB / 2);
	for (uint32_t i = 0; i < 2; i++)
		CHECK(o->tdmrs[i].n_rsvd <= base->tdmrs[0].n_rsvd);
	free(base);
	free(o);
}

/*
 * Free memory holds the unsplit PAMT (256 MiB + 516 KiB for 64 GiB) and not
 * one 4 KiB more, so two halves (2 x (128 MiB + 260 KiB)) cannot be placed:
 * the planner splits less, down to the unsplit plan, and does not fail.
 */
TEST(plan_parallel_falls_back_when_pamt_does_not_fit)
{
	static struct plan_test_map m;
	struct plan_output *base = plan_test_out(), *o = plan_test_out();
	struct plan_input in;
	uint64_t pamt = 256 * MiB + 516 * KiB;

	m = (struct plan_test_map){ 0 };
	ptm_mem(&m, 4 * GiB, 4 * GiB + pamt, PLAN_MEM_FREE);
	ptm_mem(&m, 4 * GiB + pamt, 68 * GiB, PLAN_MEM_RAM_BUSY);
	ptm_cmr(&m, 4 * GiB, 68 * GiB);
	in = ptm_input(&m);
	REQUIRE(par_plan(in, 0, base) == TB_OK);
	REQUIRE(base->n_tdmrs == 1);
	CHECK_U64_EQ(base->pamt_bytes, pamt);
	for (uint32_t lps = 2; lps <= 16; lps *= 2) {
		REQUIRE(par_plan(in, lps, o) == TB_OK);
		CHECK(par_same_plan(base, o));
	}
	free(base);
	free(o);
}

/* The same input, in any map order, gives the same split plan. */
TEST(plan_parallel_deterministic)
{
	static struct plan_test_map m, r;
	struct plan_output *a = plan_test_out(), *b = plan_test_out();
	struct plan_input in, rin;

	m = (struct plan_test_map){ 0 };
	for (uint64_t g = 0; g < 24; g++) {
		ptm_mem(&m, (4 + 2 * g) * GiB, (5 + 2 * g) * GiB + GiB / 2, PLAN_MEM_FREE);
		ptm_cmr(&m, (4 + 2 * g) * GiB, (5 + 2 * g) * GiB + GiB / 2);
	}
	ptm_node(&m, 0, 28 * GiB, 0);
	ptm_node(&m, 28 * GiB, 60 * GiB, 1);
	r = m;
	for (size_t i = 0; i < m.n_mem; i++)
		r.mem[i] = m.mem[m.n_mem - 1 - i];
	in = ptm_input(&m);
	rin = ptm_input(&r);
	REQUIRE(par_plan(in, 16, a) == TB_OK);
	CHECK(plan_check(&in, a) == NULL);
	REQUIRE(par_plan(in, 16, b) == TB_OK);
	CHECK(par_same_plan(a, b));
	REQUIRE(par_plan(rin, 16, b) == TB_OK);
	CHECK(par_same_plan(a, b));
	free(a);
	free(b);
}

/* Corpus machines (tests/plan/corpus), read as tdxboot-plan reads them. */
static bool par_load(const char *path, struct platlog *log)
{
	static struct plan_mem raw[65536], mem[131072];
	static struct plan_range cmrs[1024];
	static struct plan_numa numa[1024];
	static char buf[1 << 22];
	struct platlog_store st = { raw, 65536, mem, 131072, cmrs, 1024, numa, 1024 };
	struct tb_err err;
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return false;
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	return platlog_parse(buf, n, &st, log, &err) == TB_OK;
}

static void par_check_corpus(const char *name, uint32_t lps)
{
	static struct platlog log;
	struct plan_output *base = plan_test_out(), *o = plan_test_out();
	char path[128], why[256];
	const char *bad;
	enum emu_judge_verdict v;

	snprintf(path, sizeof(path), "tests/plan/corpus/%s.log", name);
	if (!par_load(path, &log)) {
		test_fail(__FILE__, __LINE__, "%s: cannot read (run from the tree's top)", path);
		goto out;
	}
	if (par_plan(log.in, 0, base) != TB_OK || par_plan(log.in, lps, o) != TB_OK) {
		test_fail(__FILE__, __LINE__, "%s, %u LPs: no plan", name, lps);
		goto out;
	}
	bad = plan_check_module(&log.in, o);
	if (!bad)
		bad = par_is_cut_of(&log.in, base, o);
	if (bad)
		test_fail(__FILE__, __LINE__, "%s, %u LPs: %s", name, lps, bad);
	v = emu_judge_plan(&log.in, o, why, sizeof(why));
	if (v != EMU_JUDGE_ACCEPT)
		test_fail(__FILE__, __LINE__, "%s, %u LPs: TDH.SYS.CONFIG does not accept: %s",
			  name, lps, why);
	/* either at MAX_TDMRS or no TDMR over one LP's share (GiB rounded) */
	if (o->n_tdmrs < log.in.limits.max_tdmrs) {
		uint64_t total = 0;

		for (uint32_t i = 0; i < o->n_tdmrs; i++)
			total += o->tdmrs[i].size / GiB;
		if (par_largest(o) / GiB > (total + lps - 1) / lps && par_largest(o) > GiB)
			test_fail(__FILE__, __LINE__, "%s, %u LPs: a TDMR of %llu GiB", name, lps,
				  (unsigned long long)(par_largest(o) / GiB));
	}
out:
	free(base);
	free(o);
}

TEST(plan_parallel_corpus_passes_the_module)
{
	static const char *const names[] = {
		"1s-64g", "2s-emr-fragmented-low", "2s-holes-across-gib", "2s-dpamt-1t",
		"4s-pci-holes-2t", "6s-uneven", "8s-16t-efi", "8s-16t-snc6-48-nodes",
		"8s-snc4-32-nodes", "regress-cmr-hole-near-pamts", "tiny-1g",
	};
	static const uint32_t lps[] = { 2, 8, 32, 256 };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		for (size_t k = 0; k < sizeof(lps) / sizeof(lps[0]); k++)
			par_check_corpus(names[i], lps[k]);
}
