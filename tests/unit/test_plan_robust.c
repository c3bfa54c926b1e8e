/* SPDX-License-Identifier: MIT */
/* Planner: determinism, arbitrary input, size (issue 4, rule 6). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/plan.h"
#include "tests/unit/test.h"
#include "tests/unit/test_plan_check.h"

static uint64_t rng_state;

static uint64_t rng(void)
{
	rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
	return rng_state >> 17;
}

static int plans_equal(const struct plan_output *a, const struct plan_output *b)
{
	return memcmp(a, b, offsetof(struct plan_output, scratch)) == 0;
}

/* A map with every feature: two nodes, holes, busy, soft, non-CMR. */
static void mixed_map(struct plan_test_map *m)
{
	*m = (struct plan_test_map){ 0 };
	ptm_mem(m, 0, 0x9f000, PLAN_MEM_FREE);
	ptm_mem(m, MiB, 900 * MiB, PLAN_MEM_FREE);
	ptm_mem(m, 900 * MiB, 901 * MiB, PLAN_MEM_OTHER);
	ptm_mem(m, 901 * MiB, 1500 * MiB, PLAN_MEM_RAM_BUSY);
	ptm_mem(m, 1500 * MiB, 2 * GiB, PLAN_MEM_FREE);
	ptm_mem(m, 4 * GiB, 20 * GiB, PLAN_MEM_FREE);
	ptm_mem(m, 20 * GiB, 24 * GiB, PLAN_MEM_SOFT_RESERVED);
	ptm_mem(m, 24 * GiB, 40 * GiB, PLAN_MEM_FREE);
	ptm_cmr(m, MiB, 900 * MiB);
	ptm_cmr(m, 904 * MiB, 2 * GiB);
	ptm_cmr(m, 4 * GiB, 20 * GiB);
	ptm_cmr(m, 24 * GiB, 39 * GiB);
	ptm_node(m, 0, 20 * GiB, 0);
	ptm_node(m, 20 * GiB, 40 * GiB, 1);
}

/* Same input, same plan; the same map in another order, same plan. */
TEST(plan_deterministic_under_reordering)
{
	static struct plan_test_map m;
	struct plan_output *a = plan_test_out(), *b = plan_test_out();
	struct plan_input in;
	struct tb_err err;

	mixed_map(&m);
	in = ptm_input(&m);
	in.policy.noncmr = PLAN_NONCMR_EXCLUDE;
	REQUIRE(plan_build(&in, a, &err) == TB_OK);
	CHECK(plan_check(&in, a) == NULL);
	REQUIRE(plan_build(&in, b, &err) == TB_OK);
	CHECK(plans_equal(a, b));
	rng_state = 7;
	for (int round = 0; round < 5; round++) {
		for (size_t i = m.n_mem; i > 1; i--) {
			size_t j = rng() % i;
			struct plan_mem t = m.mem[i - 1];

			m.mem[i - 1] = m.mem[j];
			m.mem[j] = t;
		}
		for (size_t i = m.n_cmr; i > 1; i--) {
			size_t j = rng() % i;
			struct plan_range t = m.cmr[i - 1];

			m.cmr[i - 1] = m.cmr[j];
			m.cmr[j] = t;
		}
		REQUIRE(plan_build(&in, b, &err) == TB_OK);
		CHECK(plans_equal(a, b));
	}
	free(a);
	free(b);
}

static uint64_t rand_addr(void)
{
	switch (rng() % 8) {
	case 0: return UINT64_MAX - (rng() % (4 * GiB));
	case 1: return (rng() % 64) * GiB;
	case 2: return (1ull << 52) - (rng() % 4) * GiB;
	default: return rng() % (64 * GiB);
	}
}

static uint64_t rand_size(void)
{
	switch (rng() % 6) {
	case 0: return 0;
	case 1: return UINT64_MAX - (rng() % 4096);
	case 2: return rng() % (16 * MiB);
	default: return rng() % (8 * GiB);
	}
}

/* Arbitrary input: a valid plan or a clean error, never UB (the tests run
 * under ASan and UBSan). */
TEST(plan_arbitrary_input_is_safe)
{
	static struct plan_test_map m;
	struct plan_output *o = plan_test_out();
	struct tb_err err;
	int ok = 0;

	rng_state = 12345;
	for (int iter = 0; iter < 400; iter++) {
		struct plan_input in;
		tb_status st;
		const char *bad;

		m = (struct plan_test_map){ 0 };
		m.n_mem = rng() % 40;
		for (size_t i = 0; i < m.n_mem; i++)
			m.mem[i] = (struct plan_mem){ rand_addr(), rand_size(),
						      (uint32_t)(rng() % 6), (uint32_t)i };
		m.n_cmr = rng() % 12;
		for (size_t i = 0; i < m.n_cmr; i++)
			m.cmr[i] = (struct plan_range){ rand_addr(), rand_size() };
		/* often: CMRs that cover most RAM, so plans do get built */
		if (rng() % 2)
			m.cmr[m.n_cmr++] = (struct plan_range){ MiB, 64 * GiB };
		m.n_numa = rng() % 4;
		for (size_t i = 0; i < m.n_numa; i++)
			m.numa[i] = (struct plan_numa){ rand_addr(), rand_size(),
							(uint32_t)(rng() % 3) };
		in = ptm_input(&m);
		in.limits.max_tdmrs = 1 + rng() % 8;
		in.limits.max_rsvd_per_tdmr = rng() % 17;
		in.limits.dpamt = rng() % 2;
		in.policy.noncmr = rng() % 2;
		in.policy.coalesce = rng() % 2;
		st = plan_build(&in, o, &err);
		if (st != TB_OK) {
			CHECK(err.msg[0] != '\0');
			continue;
		}
		ok++;
		bad = plan_check(&in, o);
		if (bad)
			test_fail(__FILE__, __LINE__, "iteration %d: %s", iter, bad);
	}
	CHECK(ok > 40);
	free(o);
}

/* Bad limits and missing arrays are errors, not crashes. */
TEST(plan_bad_arguments)
{
	static struct plan_test_map m;
	struct plan_output *o = plan_test_out();
	struct plan_input in;
	struct tb_err err;

	mixed_map(&m);
	in = ptm_input(&m);
	in.limits.max_tdmrs = 0;
	CHECK(plan_build(&in, o, &err) == TB_EINVAL);
	in = ptm_input(&m);
	in.limits.pamt_entry_size[1] = 0;
	CHECK(plan_build(&in, o, &err) == TB_EINVAL);
	in = ptm_input(&m);
	in.mem = NULL;
	CHECK(plan_build(&in, o, &err) == TB_EINVAL);
	CHECK(plan_build(NULL, o, &err) == TB_EINVAL);
	CHECK(plan_build(&in, NULL, NULL) == TB_EINVAL);
	free(o);
}

/*
 * 8 sockets, 2 TiB each, 10 000 map entries (firmware-reserved 4 KiB pages
 * sprinkled through RAM, as large EFI maps have) gets a plan the module
 * accepts.  How fast is not asked here (a timed test fails under load):
 * make bench counts instructions per plan and checks their growth with the
 * map's size (bench/plan_scaling.sh).
 */
TEST(plan_large_map_plans)
{
	static struct plan_mem mem[10000];
	static struct plan_range cmr[9];
	static struct plan_numa numa[8];
	struct plan_output *o = plan_test_out();
	struct plan_input in;
	struct tb_err err;
	size_t n = 0;

	mem[n++] = (struct plan_mem){ MiB, 2 * GiB - MiB, PLAN_MEM_FREE, 0 };
	cmr[0] = (struct plan_range){ MiB, 2 * GiB - MiB };
	for (uint64_t s = 0; s < 8; s++) {
		uint64_t base = 4 * GiB + s * 2048 * GiB, pos = base;
		uint64_t step = (2048 * GiB / 624) & ~0xfffull;

		for (int k = 0; k < 624; k++) {
			mem[n++] = (struct plan_mem){ pos, step - 4096, PLAN_MEM_FREE, 0 };
			mem[n++] = (struct plan_mem){ pos + step - 4096, 4096, PLAN_MEM_OTHER, 0 };
			pos += step;
		}
		cmr[s + 1] = (struct plan_range){ base, pos - base };
		numa[s] = (struct plan_numa){ s ? base : 0, pos - (s ? base : 0), (uint32_t)s };
	}
	in = (struct plan_input){ mem, n, cmr, 9, numa, 8, plan_test_limits(), { 0 } };
	REQUIRE(plan_build(&in, o, &err) == TB_OK);
	CHECK(n > 9000);
	CHECK(plan_check_module(&in, o) == NULL);
	CHECK(o->n_tdmrs >= 9);
	free(o);
}
