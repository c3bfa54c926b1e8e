/* SPDX-License-Identifier: MIT */
/* Planner: coalesce, the last resort for one GiB with too many holes. */
#include <stdlib.h>

#include "core/plan.h"
#include "tests/unit/test.h"
#include "tests/unit/test_plan_check.h"

/* 20 RAM islands in [0, 1G) between CMR holes: 21 areas; five of the
 * islands are 2 MiB, the rest 40 MiB. */
static void islands_map(struct plan_test_map *m)
{
	uint64_t pos = MiB;

	*m = (struct plan_test_map){ 0 };
	for (uint64_t i = 0; i < 20; i++) {
		uint64_t sz = i % 4 == 1 ? 2 * MiB : 40 * MiB;

		ptm_mem(m, pos, pos + sz, PLAN_MEM_FREE);
		ptm_cmr(m, pos, pos + sz);
		pos += sz + MiB;
	}
	ptm_mem(m, 4 * GiB, 8 * GiB, PLAN_MEM_FREE);
	ptm_cmr(m, 4 * GiB, 8 * GiB);
}

TEST(plan_coalesce_off_fails_like_linux)
{
	static struct plan_test_map m;
	struct plan_output *o = plan_test_out();
	struct plan_input in;
	struct tb_err err;

	islands_map(&m);
	in = ptm_input(&m);
	CHECK(plan_build(&in, o, &err) == TB_ENOSPC);
	CHECK_STR_CONTAINS(err.msg, "TDMR [0x0, 0x40000000): reserved areas exhausted.");
	free(o);
}

/* coalesce gives up the five smallest islands (10 MiB), nothing more. */
TEST(plan_coalesce_gives_up_smallest_islands)
{
	static struct plan_test_map m;
	struct plan_output *o = plan_test_out();
	struct plan_input in;
	struct tb_err err;

	islands_map(&m);
	in = ptm_input(&m);
	in.policy.coalesce = true;
	REQUIRE(plan_build(&in, o, &err) == TB_OK);
	CHECK(plan_check(&in, o) == NULL);
	CHECK_U64_EQ(o->excluded_coalesce_bytes, 10 * MiB);
	CHECK_U64_EQ(o->excluded_noncmr_bytes, 0);
	REQUIRE(o->n_excluded == 5);
	for (uint32_t i = 0; i < o->n_excluded; i++)
		CHECK_U64_EQ(o->excluded[i].size, 2 * MiB);
	CHECK_INT_EQ(o->tdmrs[0].n_rsvd, 16);
	CHECK(o->n_warnings >= 1);
	CHECK_STR_CONTAINS(o->warnings[0], "coalesce");
	free(o);
}

/* An island that holds only non-RAM costs nothing and is never counted:
 * the two holes around it already share an area. */
TEST(plan_coalesce_not_needed_for_non_ram_islands)
{
	static struct plan_test_map m;
	struct plan_output *o = plan_test_out();
	struct plan_input in;
	struct tb_err err;

	islands_map(&m);
	/* turn the five small islands into firmware memory */
	for (size_t i = 0; i < m.n_mem; i++)
		if (m.mem[i].size == 2 * MiB)
			m.mem[i].kind = PLAN_MEM_OTHER;
	in = ptm_input(&m);
	REQUIRE(plan_build(&in, o, &err) == TB_OK);
	CHECK(plan_check(&in, o) == NULL);
	CHECK_U64_EQ(o->excluded_coalesce_bytes, 0);
	CHECK_INT_EQ(o->tdmrs[0].n_rsvd, 16);
	free(o);
}
