/* SPDX-License-Identifier: MIT */
/* Planner: PAMT sizing and placement (issue 4, rule 5). */
#include <stdlib.h>

#include "core/plan_int.h"
#include "tests/unit/test.h"
#include "tests/unit/test_plan_check.h"

TEST(plan_pamt_size_levels)
{
	struct plan_limits l = plan_test_limits();
	uint64_t sz[3];

	REQUIRE(pamt_size(&l, GiB, sz) == TB_OK);
	CHECK_U64_EQ(sz[PLAN_PAMT_4K], 4 * MiB);
	CHECK_U64_EQ(sz[PLAN_PAMT_2M], 8 * KiB);
	CHECK_U64_EQ(sz[PLAN_PAMT_1G], 4 * KiB);   /* 16 B, aligned up */
	REQUIRE(pamt_size(&l, 3 * GiB, sz) == TB_OK);
	CHECK_U64_EQ(sz[PLAN_PAMT_4K], 12 * MiB);
	CHECK_U64_EQ(sz[PLAN_PAMT_2M], 24 * KiB);
	CHECK_U64_EQ(sz[PLAN_PAMT_1G], 4 * KiB);
	l.pamt_entry_size[0] = 0xffffffffu;
	CHECK(pamt_size(&l, 1ull << 51, sz) == TB_ERANGE);  /* no wrap */
}

/* Dynamic PAMT: the 4K level is a bitmap, 1 bit a page unless the module
 * says otherwise (docs/reference/tdx-abi.md §7; module check tdmr_size/4K/8). */
TEST(plan_pamt_size_dpamt)
{
	struct plan_limits l = plan_test_limits();
	uint64_t sz[3];

	l.dpamt = true;
	REQUIRE(pamt_size(&l, GiB, sz) == TB_OK);
	CHECK_U64_EQ(sz[PLAN_PAMT_4K], 32 * KiB);
	CHECK_U64_EQ(sz[PLAN_PAMT_2M], 8 * KiB);
	l.dpamt_bits_per_4k = 2;
	REQUIRE(pamt_size(&l, GiB, sz) == TB_OK);
	CHECK_U64_EQ(sz[PLAN_PAMT_4K], 64 * KiB);
}

static void pamt_map(struct plan_test_map *m)
{
	*m = (struct plan_test_map){ 0 };
	ptm_mem(m, MiB, 2 * GiB, PLAN_MEM_FREE);
	ptm_mem(m, 4 * GiB, 7 * GiB + 512 * MiB, PLAN_MEM_FREE);
	ptm_cmr(m, MiB, 2 * GiB);
	ptm_cmr(m, 4 * GiB, 7 * GiB + 512 * MiB);
}

/* The PAMT goes right under the CMR hole at the top of memory: it joins
 * that hole's area and costs none (Linux: one more area each). */
TEST(plan_pamt_joins_existing_area)
{
	static struct plan_test_map m;
	struct plan_output *o = plan_test_out();
	struct plan_input in;
	struct tb_err err;
	const struct plan_tdmr *t;

	pamt_map(&m);
	in = ptm_input(&m);
	REQUIRE(plan_build(&in, o, &err) == TB_OK);
	CHECK(plan_check(&in, o) == NULL);
	REQUIRE(o->n_tdmrs == 2);
	t = &o->tdmrs[1];
	CHECK_INT_EQ(t->n_rsvd, 1);
	/* both PAMTs stacked under 7.5G, largest (TDMR 1) on top */
	CHECK_U64_EQ(t->pamt_base[2] + t->pamt_size[2], 7 * GiB + 512 * MiB);
	CHECK_U64_EQ(o->tdmrs[0].pamt_base[2] + o->tdmrs[0].pamt_size[2], t->pamt_base[0]);
	CHECK_U64_EQ(t->rsvd[0].base, 3 * GiB + 512 * MiB - o->pamt_bytes);
	/* 4K level, then 2M, then 1G, contiguous */
	CHECK_U64_EQ(t->pamt_base[1], t->pamt_base[0] + t->pamt_size[0]);
	CHECK_U64_EQ(t->pamt_base[2], t->pamt_base[1] + t->pamt_size[1]);
	CHECK_INT_EQ(o->tdmrs[0].n_rsvd, 1);   /* [0, 1M) only */
	free(o);
}

/* With DPAMT the plan is valid and about 1/100 of the static size. */
TEST(plan_pamt_dpamt_plan)
{
	static struct plan_test_map m;
	struct plan_output *o = plan_test_out();
	struct plan_input in;
	struct tb_err err;
	uint64_t full;

	pamt_map(&m);
	in = ptm_input(&m);
	REQUIRE(plan_build(&in, o, &err) == TB_OK);
	full = o->pamt_bytes;
	in.limits.dpamt = true;
	REQUIRE(plan_build(&in, o, &err) == TB_OK);
	CHECK(plan_check(&in, o) == NULL);
	CHECK(o->pamt_bytes * 50 < full);
	free(o);
}

/* Busy RAM (firmware allocations) is covered but never holds a PAMT; a node
 * without free memory gets its PAMT on another node, with a warning. */
TEST(plan_pamt_node_fallback_and_busy)
{
	static struct plan_test_map m;
	struct plan_output *o = plan_test_out();
	struct plan_input in;
	struct tb_err err;

	m = (struct plan_test_map){ 0 };
	ptm_mem(&m, MiB, 2 * GiB, PLAN_MEM_FREE);
	ptm_mem(&m, 4 * GiB, 8 * GiB, PLAN_MEM_RAM_BUSY);
	ptm_cmr(&m, MiB, 2 * GiB);
	ptm_cmr(&m, 4 * GiB, 8 * GiB);
	ptm_node(&m, 0, 4 * GiB, 0);
	ptm_node(&m, 4 * GiB, 8 * GiB, 1);
	in = ptm_input(&m);
	REQUIRE(plan_build(&in, o, &err) == TB_OK);
	CHECK(plan_check(&in, o) == NULL);
	REQUIRE(o->n_tdmrs == 2);
	CHECK(o->tdmrs[1].pamt_base[0] < 2 * GiB);
	CHECK_INT_EQ(o->tdmrs[1].pamt_node, 0);
	REQUIRE(o->n_pamt_nodes == 1);
	CHECK_INT_EQ(o->pamt_nodes[0].node, 0);
	REQUIRE(o->n_warnings >= 1);
	CHECK_STR_CONTAINS(o->warnings[0], "no room on node 1");
	free(o);
}

/* No free memory for a PAMT anywhere: a clean error. */
TEST(plan_pamt_no_room)
{
	static struct plan_test_map m;
	struct plan_output *o = plan_test_out();
	struct plan_input in;
	struct tb_err err;

	m = (struct plan_test_map){ 0 };
	ptm_mem(&m, MiB, 2 * MiB, PLAN_MEM_FREE);
	ptm_mem(&m, 2 * MiB, 2 * GiB, PLAN_MEM_RAM_BUSY);
	ptm_cmr(&m, MiB, 2 * GiB);
	in = ptm_input(&m);
	CHECK(plan_build(&in, o, &err) == TB_ENOTFOUND);
	CHECK_STR_CONTAINS(err.msg, "PAMT");
	free(o);
}

/* A huge single-node TDMR whose PAMT cannot be contiguous is split until
 * each PAMT fits a free stretch. */
TEST(plan_pamt_split_for_contiguity)
{
	static struct plan_test_map m;
	struct plan_output *o = plan_test_out();
	struct plan_input in;
	struct tb_err err;

	m = (struct plan_test_map){ 0 };
	/* 64 GiB of RAM, free only in 100 MiB stretches, the rest busy */
	for (uint64_t k = 0; k < 16; k++) {
		uint64_t b = 4 * GiB + k * 4 * GiB;

		ptm_mem(&m, b, b + 100 * MiB, PLAN_MEM_FREE);
		ptm_mem(&m, b + 100 * MiB, b + 4 * GiB, PLAN_MEM_RAM_BUSY);
	}
	ptm_cmr(&m, 4 * GiB, 68 * GiB);
	in = ptm_input(&m);
	/* a 64 GiB TDMR needs 256 MiB of PAMT in one piece: no stretch has it */
	REQUIRE(plan_build(&in, o, &err) == TB_OK);
	CHECK(plan_check(&in, o) == NULL);
	CHECK(o->n_tdmrs > 1);
	free(o);
}

/*
 * No PAMT spot joins an area (busy RAM around every hole), and [0, 2G)
 * as one TDMR has both of its two areas used: the PAMT would need a third.
 * The free RAM above 4G has room for its own TDMR's PAMT only.  The planner
 * lays out again with a lower area limit -- two TDMRs with a spare area
 * each -- instead of failing.  The 4 GiB TDMR's PAMT, placed first, must
 * not disturb the retry.
 */
TEST(plan_pamt_retry_with_spare_areas)
{
	static struct plan_test_map m;
	struct plan_output *o = plan_test_out();
	struct plan_input in;
	struct tb_err err;

	m = (struct plan_test_map){ 0 };
	ptm_mem(&m, MiB, 2 * MiB, PLAN_MEM_RAM_BUSY);
	ptm_mem(&m, 2 * MiB, GiB + 99 * MiB, PLAN_MEM_FREE);
	ptm_mem(&m, GiB + 99 * MiB, GiB + 100 * MiB, PLAN_MEM_RAM_BUSY);
	ptm_mem(&m, GiB + 101 * MiB, GiB + 102 * MiB, PLAN_MEM_RAM_BUSY);
	ptm_mem(&m, GiB + 102 * MiB, 2 * GiB, PLAN_MEM_FREE);
	ptm_mem(&m, 4 * GiB, 8 * GiB - 18 * MiB, PLAN_MEM_RAM_BUSY);
	ptm_mem(&m, 8 * GiB - 18 * MiB, 8 * GiB - MiB, PLAN_MEM_FREE);
	ptm_cmr(&m, MiB, GiB + 100 * MiB);
	ptm_cmr(&m, GiB + 101 * MiB, 2 * GiB);
	ptm_cmr(&m, 4 * GiB, 8 * GiB - MiB);
	in = ptm_input(&m);
	in.limits.max_rsvd_per_tdmr = 2;
	REQUIRE(plan_build(&in, o, &err) == TB_OK);
	CHECK(plan_check(&in, o) == NULL);
	REQUIRE(o->n_tdmrs == 3);
	CHECK_U64_EQ(o->tdmrs[0].size, GiB);
	CHECK_U64_EQ(o->tdmrs[1].base, GiB);
	/* both low PAMTs stacked at the top of [1G, 2G), in one new area */
	CHECK_INT_EQ(o->tdmrs[0].n_rsvd, 1);
	CHECK_INT_EQ(o->tdmrs[1].n_rsvd, 2);
	CHECK_U64_EQ(o->tdmrs[0].pamt_base[2] + o->tdmrs[0].pamt_size[2], 2 * GiB);
	CHECK_INT_EQ(o->tdmrs[2].n_rsvd, 1);

	/* one area: nothing fits; the error names where the PAMT needed one */
	in.limits.max_rsvd_per_tdmr = 1;
	CHECK(plan_build(&in, o, &err) == TB_ENOSPC);
	CHECK_STR_CONTAINS(err.msg, "reserved areas exhausted.");
	free(o);
}
