/* SPDX-License-Identifier: MIT */
/* Planner: TDMR layout, MAX_TDMRS, node splits (issue 4, rules 2 and 4). */
#include <stdlib.h>

#include "core/plan.h"
#include "tests/unit/test.h"
#include "tests/unit/test_plan_check.h"

#define PAMT_PER_GIB (4 * MiB + 8 * KiB)   /* 16-byte entries, 4K + 2M levels */

/* Empty GiBs are skipped: Linux's one-TDMR-per-region would too here, but
 * the planner never covers [1G, 10G) (36 MiB of PAMT for no RAM). */
TEST(plan_tdmr_skips_empty_gibs)
{
	static struct plan_test_map m;
	struct plan_output *o = plan_test_out();
	struct plan_input in;
	struct tb_err err;

	m = (struct plan_test_map){ 0 };
	ptm_mem(&m, MiB, GiB, PLAN_MEM_FREE);
	ptm_mem(&m, 10 * GiB, 12 * GiB, PLAN_MEM_FREE);
	ptm_cmr(&m, MiB, GiB);
	ptm_cmr(&m, 10 * GiB, 12 * GiB);
	in = ptm_input(&m);
	REQUIRE(plan_build(&in, o, &err) == TB_OK);
	CHECK(plan_check(&in, o) == NULL);
	REQUIRE(o->n_tdmrs == 2);
	CHECK_U64_EQ(o->tdmrs[0].base, 0);
	CHECK_U64_EQ(o->tdmrs[0].size, GiB);
	CHECK_U64_EQ(o->tdmrs[1].base, 10 * GiB);
	CHECK_U64_EQ(o->tdmrs[1].size, 2 * GiB);
	CHECK_U64_EQ(o->pamt_bytes, 3 * PAMT_PER_GIB + 2 * 4 * KiB);
	free(o);
}

/* Over MAX_TDMRS: the neighbours with the smallest gap are merged, so the
 * fewest empty GiBs are paid for. */
TEST(plan_tdmr_merge_smallest_gap)
{
	static struct plan_test_map m;
	struct plan_output *o = plan_test_out();
	struct plan_input in;
	struct tb_err err;

	m = (struct plan_test_map){ 0 };
	ptm_mem(&m, MiB, GiB, PLAN_MEM_FREE);
	ptm_mem(&m, 3 * GiB, 4 * GiB, PLAN_MEM_FREE);   /* gap 2 GiB before */
	ptm_mem(&m, 5 * GiB, 6 * GiB, PLAN_MEM_FREE);   /* gap 1 GiB before */
	ptm_cmr(&m, MiB, GiB);
	ptm_cmr(&m, 3 * GiB, 4 * GiB);
	ptm_cmr(&m, 5 * GiB, 6 * GiB);
	in = ptm_input(&m);
	in.limits.max_tdmrs = 2;
	REQUIRE(plan_build(&in, o, &err) == TB_OK);
	CHECK(plan_check(&in, o) == NULL);
	REQUIRE(o->n_tdmrs == 2);
	CHECK_U64_EQ(o->tdmrs[0].size, GiB);
	CHECK_U64_EQ(o->tdmrs[1].base, 3 * GiB);
	CHECK_U64_EQ(o->tdmrs[1].size, 3 * GiB);
	/* the empty GiB [4G,5G) is outside the CMRs: one reserved area */
	CHECK_U64_EQ(plan_test_rsvd_bytes(&o->tdmrs[1], 4 * GiB, 5 * GiB), GiB);

	in.limits.max_tdmrs = 3;
	REQUIRE(plan_build(&in, o, &err) == TB_OK);
	CHECK_INT_EQ(o->n_tdmrs, 3);
	free(o);
}

/*
 * Each GiB needs 2 areas; any merge needs 4 > MAX_RESERVED_PER_TDMR = 3, so
 * four runs cannot become two TDMRs: Linux's "TDMRs exhausted".
 */
TEST(plan_tdmrs_exhausted)
{
	static struct plan_test_map m;
	struct plan_output *o = plan_test_out();
	struct plan_input in;
	struct tb_err err;

	m = (struct plan_test_map){ 0 };
	for (uint64_t k = 1; k <= 4; k++) {
		uint64_t g = 2 * k * GiB;

		ptm_mem(&m, g, g + 256 * MiB, PLAN_MEM_FREE);
		ptm_mem(&m, g + 512 * MiB, g + 768 * MiB, PLAN_MEM_FREE);
		ptm_cmr(&m, g, g + 256 * MiB);
		ptm_cmr(&m, g + 512 * MiB, g + 768 * MiB);
	}
	in = ptm_input(&m);
	in.limits.max_rsvd_per_tdmr = 3;
	in.limits.max_tdmrs = 4;
	REQUIRE(plan_build(&in, o, &err) == TB_OK);
	CHECK(plan_check(&in, o) == NULL);
	CHECK_INT_EQ(o->n_tdmrs, 4);

	in.limits.max_tdmrs = 2;
	CHECK(plan_build(&in, o, &err) == TB_ENOSPC);
	CHECK_STR_CONTAINS(err.msg, "TDMRs exhausted");
	free(o);
}

/* A run of RAM across a node boundary at a GiB boundary becomes one TDMR a
 * node, each with its PAMT on its own node. */
TEST(plan_tdmr_split_at_node_boundary)
{
	static struct plan_test_map m;
	struct plan_output *o = plan_test_out();
	struct plan_input in;
	struct tb_err err;

	m = (struct plan_test_map){ 0 };
	ptm_mem(&m, MiB, 2 * GiB, PLAN_MEM_FREE);
	ptm_mem(&m, 4 * GiB, 16 * GiB, PLAN_MEM_FREE);
	ptm_cmr(&m, MiB, 2 * GiB);
	ptm_cmr(&m, 4 * GiB, 16 * GiB);
	ptm_node(&m, 0, 8 * GiB, 0);
	ptm_node(&m, 8 * GiB, 16 * GiB, 1);
	in = ptm_input(&m);
	REQUIRE(plan_build(&in, o, &err) == TB_OK);
	CHECK(plan_check(&in, o) == NULL);
	REQUIRE(o->n_tdmrs == 3);
	CHECK_U64_EQ(o->tdmrs[1].base, 4 * GiB);
	CHECK_U64_EQ(o->tdmrs[1].size, 4 * GiB);
	CHECK_U64_EQ(o->tdmrs[2].base, 8 * GiB);
	CHECK_INT_EQ(o->tdmrs[0].pamt_node, 0);
	CHECK_INT_EQ(o->tdmrs[1].pamt_node, 0);
	CHECK_INT_EQ(o->tdmrs[2].pamt_node, 1);
	CHECK(o->tdmrs[2].pamt_base[0] >= 8 * GiB);
	CHECK(o->tdmrs[1].pamt_base[0] < 8 * GiB);
	REQUIRE(o->n_pamt_nodes == 2);
	CHECK_INT_EQ(o->pamt_nodes[1].node, 1);
	CHECK(o->pamt_nodes[1].bytes == o->tdmrs[2].pamt_size[0] +
	      o->tdmrs[2].pamt_size[1] + o->tdmrs[2].pamt_size[2]);

	/* with one TDMR allowed the node split is merged away (gap 0) */
	in.limits.max_tdmrs = 2;
	REQUIRE(plan_build(&in, o, &err) == TB_OK);
	CHECK(plan_check(&in, o) == NULL);
	CHECK_INT_EQ(o->n_tdmrs, 2);
	free(o);
}

/*
 * 80 RAM regions with 1-3 GiB holes between them (a many-node machine with
 * MMIO windows): Linux makes one TDMR per region and fails with "TDMRs
 * exhausted".  The planner merges the 16 neighbours with the smallest gaps
 * (the 1 GiB ones) and warns about the empty GiBs it pays for.
 */
TEST(plan_tdmr_many_regions_merge_to_fit)
{
	static struct plan_test_map m;
	struct plan_output *o = plan_test_out();
	struct plan_input in;
	struct tb_err err;
	uint64_t pos = 4 * GiB, empty = 0;

	m = (struct plan_test_map){ 0 };
	for (int k = 0; k < 80; k++) {
		uint64_t gap = k % 5 == 0 ? GiB : 3 * GiB;

		ptm_mem(&m, pos, pos + 2 * GiB, PLAN_MEM_FREE);
		ptm_cmr(&m, pos, pos + 2 * GiB);
		pos += 2 * GiB + gap;
	}
	in = ptm_input(&m);
	REQUIRE(plan_build(&in, o, &err) == TB_OK);
	CHECK(plan_check(&in, o) == NULL);
	CHECK_INT_EQ(o->n_tdmrs, 64);
	for (uint32_t i = 0; i < o->n_tdmrs; i++)
		empty += o->tdmrs[i].size;
	CHECK_U64_EQ(empty - 160 * GiB, 16 * GiB);   /* 16 gaps of 1 GiB */
	REQUIRE(o->n_warnings >= 1);
	CHECK_STR_CONTAINS(o->warnings[0], "16 GiB without TDX memory");
	free(o);
}

/* A node boundary inside a GiB: the run breaks at that GiB's start, so the
 * first node's memory gets a TDMR (and a PAMT) of its own; Linux would
 * make one TDMR with its PAMT on the first node only. */
TEST(plan_tdmr_unaligned_node_boundary)
{
	static struct plan_test_map m;
	struct plan_output *o = plan_test_out();
	struct plan_input in;
	struct tb_err err;
	const uint64_t nb = 0x107a000000ull;

	m = (struct plan_test_map){ 0 };
	ptm_mem(&m, 4 * GiB, 0x207a000000ull, PLAN_MEM_FREE);
	ptm_cmr(&m, 4 * GiB, 0x207a000000ull);
	ptm_node(&m, 0, nb, 0);
	ptm_node(&m, nb, 0x207a000000ull, 1);
	in = ptm_input(&m);
	REQUIRE(plan_build(&in, o, &err) == TB_OK);
	CHECK(plan_check(&in, o) == NULL);
	REQUIRE(o->n_tdmrs == 2);
	CHECK_U64_EQ(o->tdmrs[0].base + o->tdmrs[0].size, 0x1040000000ull);
	CHECK_INT_EQ(o->tdmrs[0].pamt_node, 0);
	CHECK(o->tdmrs[0].pamt_base[0] < nb);
	CHECK_INT_EQ(o->tdmrs[1].pamt_node, 1);
	CHECK(o->tdmrs[1].pamt_base[0] >= nb);
	free(o);
}
