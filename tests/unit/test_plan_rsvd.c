/* SPDX-License-Identifier: MIT */
/* Planner: reserved areas from CMR holes (issue 4, rule 3). */
#include <stdlib.h>

#include "core/plan.h"
#include "tests/unit/test.h"
#include "tests/unit/test_plan_check.h"

/*
 * 30 firmware-reserved entries inside one CMR: Linux reserves each memblock
 * hole (30+ areas in TDMR [0, 4G): "reserved areas exhausted"); holes taken
 * from the CMRs need one area ([0, 1M), which the PAMT joins).
 */
TEST(plan_rsvd_from_cmr_holes_not_map_holes)
{
	static struct plan_test_map m;
	struct plan_output *o = plan_test_out();
	struct plan_input in;
	struct tb_err err;

	m = (struct plan_test_map){ 0 };
	ptm_mem(&m, MiB, 4 * GiB, PLAN_MEM_FREE);
	for (uint64_t k = 0; k < 30; k++)
		ptm_mem(&m, 64 * MiB * (k + 1), 64 * MiB * (k + 1) + 64 * KiB,
			PLAN_MEM_OTHER);
	ptm_cmr(&m, MiB, 4 * GiB);
	in = ptm_input(&m);
	REQUIRE(plan_build(&in, o, &err) == TB_OK);
	CHECK(plan_check(&in, o) == NULL);
	REQUIRE(o->n_tdmrs == 1);
	CHECK_INT_EQ(o->tdmrs[0].n_rsvd, 1);
	CHECK_U64_EQ(o->tdmrs[0].rsvd[0].base, 0);
	/* the PAMT sits right above 1 MiB, inside the same area */
	CHECK_U64_EQ(o->tdmrs[0].pamt_base[0], MiB);
	CHECK_U64_EQ(o->tdmrs[0].rsvd[0].size, MiB + o->pamt_bytes);
	free(o);
}

/*
 * Two CMR holes with only non-RAM (a CMR holding ACPI tables) between them
 * share one area: nothing between them needs to stay available.
 */
TEST(plan_rsvd_holes_merge_across_non_ram)
{
	static struct plan_test_map m;
	struct plan_output *o = plan_test_out();
	struct plan_input in;
	struct tb_err err;

	m = (struct plan_test_map){ 0 };
	ptm_mem(&m, MiB, GiB + 256 * MiB, PLAN_MEM_FREE);
	ptm_mem(&m, GiB + 260 * MiB, GiB + 300 * MiB, PLAN_MEM_OTHER);
	ptm_mem(&m, GiB + 304 * MiB, 4 * GiB, PLAN_MEM_FREE);
	ptm_cmr(&m, MiB, GiB + 256 * MiB);
	ptm_cmr(&m, GiB + 260 * MiB, GiB + 300 * MiB);
	ptm_cmr(&m, GiB + 304 * MiB, 4 * GiB);
	in = ptm_input(&m);
	REQUIRE(plan_build(&in, o, &err) == TB_OK);
	CHECK(plan_check(&in, o) == NULL);
	REQUIRE(o->n_tdmrs == 1);
	CHECK_INT_EQ(o->tdmrs[0].n_rsvd, 2);
	CHECK(plan_test_rsvd_bytes(&o->tdmrs[0], GiB + 256 * MiB, GiB + 304 * MiB) ==
	      48 * MiB);
	free(o);
}

/* A CMR hole crossing a TDMR boundary is clipped into each TDMR; areas are
 * sorted, disjoint, 4K aligned, and unused slots are null (docs/reference/tdx-abi.md §6.2). */
TEST(plan_rsvd_clipped_sorted_null_terminated)
{
	static struct plan_test_map m;
	struct plan_output *o = plan_test_out();
	struct plan_input in;
	struct tb_err err;

	m = (struct plan_test_map){ 0 };
	ptm_mem(&m, MiB, GiB - 8 * MiB, PLAN_MEM_FREE);
	ptm_mem(&m, GiB + 8 * MiB, 2 * GiB - 16 * MiB, PLAN_MEM_FREE);
	ptm_cmr(&m, MiB, GiB - 8 * MiB);
	ptm_cmr(&m, GiB + 8 * MiB, 2 * GiB - 16 * MiB);
	ptm_node(&m, 0, GiB, 0);
	ptm_node(&m, GiB, 2 * GiB, 1);
	in = ptm_input(&m);
	REQUIRE(plan_build(&in, o, &err) == TB_OK);
	CHECK(plan_check(&in, o) == NULL);
	REQUIRE(o->n_tdmrs == 2);
	CHECK_U64_EQ(plan_test_rsvd_bytes(&o->tdmrs[0], GiB - 8 * MiB, GiB), 8 * MiB);
	CHECK_U64_EQ(plan_test_rsvd_bytes(&o->tdmrs[1], GiB, GiB + 8 * MiB), 8 * MiB);
	for (uint32_t j = o->tdmrs[1].n_rsvd; j < PLAN_RSVD_CAP; j++)
		CHECK(o->tdmrs[1].rsvd[j].size == 0);
	free(o);
}
