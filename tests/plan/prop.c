/* SPDX-License-Identifier: MIT */
/*
 * plan-prop [CASES] [SEED]: randomized property tests of plan_build().
 *
 * Each case is a random machine (prop_gen.c) with random limits and
 * policies, once as generated and once made plain (prop_gen_plain()).  The property: plan_build() either returns a plan that both
 * judges accept (the coverage judge and the emulated module's
 * TDH.SYS.CONFIG), or refuses with a message; a refusal for RAM
 * outside CMRs, or for want of PAMT memory, must be justified; the same
 * input twice gives the same plan; and where the direct implementation of
 * the rules (direct.c) can plan the machine, the plan is the one it gives:
 * the judges say a plan is valid, this says it is the one docs/planner.md
 * chooses.  Seeded and deterministic: a failure prints the seed that
 * reproduces it ("plan-prop 1 <seed>").  Closing line: "N passed, N failed".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/plan.h"
#include "tests/plan/direct.h"
#include "tests/plan/emu_judge.h"
#include "tests/plan/judge.h"
#include "tests/plan/prop_gen.h"

struct prop_stats {
	unsigned passed, failed, plans, refusals, noncmr, tdmrs_ex, rsvd_ex, other;
	unsigned emu_accept, emu_skip, direct;
};

static struct plan_output out_a, out_b, out_d;

/* The rules' own plan, where direct.c can make one: plan_build() must give
 * it too (or must not refuse). */
static const char *prop_check_direct(const struct plan_input *in, bool planned,
				     struct prop_stats *s)
{
	static char why[400];
	char diff[300];

	if (direct_build(in, &out_d) != DIRECT_PLAN)
		return NULL;
	s->direct++;
	if (!planned)
		return "refused a machine the rules plan (tests/plan/direct.c)";
	if (direct_same_plan(&out_a, &out_d, diff, sizeof(diff)))
		return NULL;
	snprintf(why, sizeof(why), "not the rules' plan (tests/plan/direct.c): %s", diff);
	return why;
}

static void stats_refusal(struct prop_stats *s, const char *msg)
{
	s->refusals++;
	if (strstr(msg, "is not TDX convertible memory"))
		s->noncmr++;
	else if (strstr(msg, "TDMRs exhausted"))
		s->tdmrs_ex++;
	else if (strstr(msg, "reserved areas exhausted"))
		s->rsvd_ex++;
	else
		s->other++;
}

/*
 * The judges must be alive: a plan broken on purpose (a TDMR moved off its
 * 1 GiB alignment; two PAMT levels made to overlap) must fail both.
 */
static const char *prop_check_judges(const struct plan_input *in)
{
	static struct plan_output bad;
	char why[512];
	enum emu_judge_verdict v;

	for (int k = 0; k < 2; k++) {
		memcpy(&bad, &out_a, offsetof(struct plan_output, scratch));
		if (k == 0)
			bad.tdmrs[0].base += 4096;
		else
			bad.tdmrs[0].pamt_base[PLAN_PAMT_2M] = bad.tdmrs[0].pamt_base[PLAN_PAMT_4K];
		if (judge_plan(in, &bad, why, sizeof(why)))
			return k ? "the judge accepts overlapping PAMTs"
				 : "the judge accepts an unaligned TDMR";
		v = emu_judge_plan(in, &bad, why, sizeof(why));
		if (v == EMU_JUDGE_ACCEPT)
			return k ? "emulated TDH.SYS.CONFIG accepts overlapping PAMTs"
				 : "emulated TDH.SYS.CONFIG accepts an unaligned TDMR";
	}
	return NULL;
}

/* Returns NULL if the case holds, else what broke (static buffer). */
static const char *prop_check(const struct plan_input *in, struct prop_stats *s)
{
	static char why[600];
	const char *bad;
	struct tb_err ea, eb;
	tb_status a, b;

	tb_err_clear(&ea);
	tb_err_clear(&eb);
	a = plan_build(in, &out_a, &ea);
	b = plan_build(in, &out_b, &eb);
	if (a != b || strcmp(ea.msg, eb.msg))
		return "not deterministic: two runs gave different results";
	if (a != TB_OK) {
		if (!ea.msg[0])
			return "refused without a message";
		if (strstr(ea.msg, "is not TDX convertible memory") &&
		    (in->policy.noncmr != PLAN_NONCMR_FAIL || !judge_ram_outside_cmrs(in))) {
			snprintf(why, sizeof(why), "unjustified refusal: %s", ea.msg);
			return why;
		}
		/* Only where reserved areas are plentiful: a PAMT inside a
		 * TDMR costs one, and with very few the free block may be
		 * unusable (or given up by coalesce). */
		if (strstr(ea.msg, "no free memory") && !in->policy.coalesce &&
		    in->limits.max_rsvd_per_tdmr >= 8 && judge_pamt_surely_fits(in)) {
			snprintf(why, sizeof(why), "unjustified refusal (a free block "
				 "holds every PAMT): %s", ea.msg);
			return why;
		}
		bad = prop_check_direct(in, false, s);
		if (bad)
			return bad;
		if (judge_plan_surely_exists(in)) {
			snprintf(why, sizeof(why), "unjustified refusal (1 GiB TDMRs "
				 "and one PAMT block would do): %s", ea.msg);
			return why;
		}
		stats_refusal(s, ea.msg);
		return NULL;
	}
	if (memcmp(&out_a, &out_b, offsetof(struct plan_output, scratch)))
		return "not deterministic: two runs gave different plans";
	if (!judge_plan_totals(in, &out_a, why, sizeof(why)))
		return why;
	switch (emu_judge_plan(in, &out_a, why + 32, sizeof(why) - 32)) {
	case EMU_JUDGE_REJECT:
		memcpy(why, "emulated TDH.SYS.CONFIG:        ", 32);
		return why;
	case EMU_JUDGE_SKIP:
		s->emu_skip++;
		break;
	default:
		s->emu_accept++;
	}
	s->plans++;
	bad = s->plans % 16 == 1 ? prop_check_judges(in) : NULL;
	return bad ? bad : prop_check_direct(in, true, s);
}

int main(int argc, char **argv)
{
	unsigned cases = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 0) : 2000;
	uint64_t seed0 = argc > 2 ? strtoull(argv[2], NULL, 0) : 0x7d1b007ULL;
	struct prop_stats s = { 0 };
	static struct prop_machine m;

	/* Each seed twice: the machine as generated, then made plain (the
	 * shape of most firmware maps, and what direct.c can plan). */
	for (unsigned i = 0; i < 2 * cases; i++) {
		uint64_t seed = seed0 + i / 2;
		bool plain = i % 2;
		const char *bad;

		prop_gen_machine(&m, seed);
		if (plain)
			prop_gen_plain(&m);
		bad = prop_check(&m.in, &s);
		if (!bad) {
			s.passed++;
			continue;
		}
		s.failed++;
		if (s.failed <= 10) {
			printf("FAIL - seed %#llx%s: %s\n", (unsigned long long)seed,
			       plain ? " (made plain)" : "", bad);
			prop_gen_print(stdout, &m);
		}
	}
	printf("plans %u (emulated TDH.SYS.CONFIG accepted %u, not applicable %u), "
	       "refusals %u (RAM outside CMRs %u, TDMRs exhausted %u, reserved "
	       "areas exhausted %u, other %u)\n", s.plans, s.emu_accept, s.emu_skip,
	       s.refusals, s.noncmr, s.tdmrs_ex, s.rsvd_ex, s.other);
	printf("the rules' own plan (tests/plan/direct.c) for %u machines: plan_build()'s "
	       "was the same in every passed case\n", s.direct);
	printf("%u passed, %u failed\n", s.passed, s.failed);
	return s.failed ? 1 : 0;
}
