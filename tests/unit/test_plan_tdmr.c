/* SPDX-License-Identifier: MIT */
/* Planner: TDMR layout, MAX_TDMRS, node splits (issue 4, rules 2 and 4). */
#include <stdlib.h>

#include "core/plan.h"
#include "tests/unit/test.h"
#include "tests/unit/test_plan_check.h"
#include "tests/unit/test_plan_fixture.h"

#define PAMT_PER_GIB (4 * MiB + 8 * KiB)   /* 16-byte entries, 4K + 2M levels */

/* Empty GiBs are skipped: Linux's one-TDMR-per-region would too here, but
 * the planner never covers [1G, 10G) (36 MiB of PAMT for no RAM). */
TEST(plan_tdmr_skips_empty_gibs)
{
	struct plan_fx *f = pfx_begin();

	pfx_ram(f, MiB, GiB, PLAN_MEM_FREE);
	pfx_ram(f, 10 * GiB, 12 * GiB, PLAN_MEM_FREE);
	REQUIRE_PLAN(f);
	REQUIRE(f->o->n_tdmrs == 2);
	CHECK_U64_EQ(f->o->tdmrs[0].base, 0);
	CHECK_U64_EQ(f->o->tdmrs[0].size, GiB);
	CHECK_U64_EQ(f->o->tdmrs[1].base, 10 * GiB);
	CHECK_U64_EQ(f->o->tdmrs[1].size, 2 * GiB);
	CHECK_U64_EQ(f->o->pamt_bytes, 3 * PAMT_PER_GIB + 2 * 4 * KiB);
}

/* Over MAX_TDMRS: the neighbours with the smallest gap are merged, so the
 * fewest empty GiBs are paid for. */
TEST(plan_tdmr_merge_smallest_gap)
{
	struct plan_fx *f = pfx_begin();

	pfx_ram(f, MiB, GiB, PLAN_MEM_FREE);
	pfx_ram(f, 3 * GiB, 4 * GiB, PLAN_MEM_FREE);   /* gap 2 GiB before */
	pfx_ram(f, 5 * GiB, 6 * GiB, PLAN_MEM_FREE);   /* gap 1 GiB before */
	pfx_input(f)->limits.max_tdmrs = 2;
	REQUIRE_PLAN(f);
	REQUIRE(f->o->n_tdmrs == 2);
	CHECK_U64_EQ(f->o->tdmrs[0].size, GiB);
	CHECK_U64_EQ(f->o->tdmrs[1].base, 3 * GiB);
	CHECK_U64_EQ(f->o->tdmrs[1].size, 3 * GiB);
	/* the empty GiB [4G,5G) is outside the CMRs: one reserved area */
	CHECK_U64_EQ(plan_test_rsvd_bytes(&f->o->tdmrs[1], 4 * GiB, 5 * GiB), GiB);

	f->in.limits.max_tdmrs = 3;
	REQUIRE(pfx_build(f) == TB_OK);
	CHECK_INT_EQ(f->o->n_tdmrs, 3);
}

/*
 * Each GiB needs 2 areas; any merge needs 4 > MAX_RESERVED_PER_TDMR = 3, so
 * four runs cannot become two TDMRs: Linux's "TDMRs exhausted".
 */
TEST(plan_tdmrs_exhausted)
{
	struct plan_fx *f = pfx_begin();

	for (uint64_t k = 1; k <= 4; k++) {
		uint64_t g = 2 * k * GiB;

		pfx_ram(f, g, g + 256 * MiB, PLAN_MEM_FREE);
		pfx_ram(f, g + 512 * MiB, g + 768 * MiB, PLAN_MEM_FREE);
			}
	pfx_input(f)->limits.max_rsvd_per_tdmr = 3;
	f->in.limits.max_tdmrs = 4;
	REQUIRE_PLAN(f);
	CHECK_INT_EQ(f->o->n_tdmrs, 4);

	f->in.limits.max_tdmrs = 2;
	CHECK(pfx_build(f) == TB_ENOSPC);
	CHECK_STR_CONTAINS(f->err.msg, "TDMRs exhausted");
}

/* A run of RAM across a node boundary at a GiB boundary becomes one TDMR a
 * node, each with its PAMT on its own node. */
TEST(plan_tdmr_split_at_node_boundary)
{
	struct plan_fx *f = pfx_begin();

	pfx_ram(f, MiB, 2 * GiB, PLAN_MEM_FREE);
	pfx_ram(f, 4 * GiB, 16 * GiB, PLAN_MEM_FREE);
	ptm_node(&f->m, 0, 8 * GiB, 0);
	ptm_node(&f->m, 8 * GiB, 16 * GiB, 1);
	REQUIRE_PLAN(f);
	REQUIRE(f->o->n_tdmrs == 3);
	CHECK_U64_EQ(f->o->tdmrs[1].base, 4 * GiB);
	CHECK_U64_EQ(f->o->tdmrs[1].size, 4 * GiB);
	CHECK_U64_EQ(f->o->tdmrs[2].base, 8 * GiB);
	CHECK_INT_EQ(f->o->tdmrs[0].pamt_node, 0);
	CHECK_INT_EQ(f->o->tdmrs[1].pamt_node, 0);
	CHECK_INT_EQ(f->o->tdmrs[2].pamt_node, 1);
	CHECK(f->o->tdmrs[2].pamt_base[0] >= 8 * GiB);
	CHECK(f->o->tdmrs[1].pamt_base[0] < 8 * GiB);
	REQUIRE(f->o->n_pamt_nodes == 2);
	CHECK_INT_EQ(f->o->pamt_nodes[1].node, 1);
	CHECK(f->o->pamt_nodes[1].bytes == f->o->tdmrs[2].pamt_size[0] +
	      f->o->tdmrs[2].pamt_size[1] + f->o->tdmrs[2].pamt_size[2]);

	/* with one TDMR allowed the node split is merged away (gap 0) */
	f->in.limits.max_tdmrs = 2;
	REQUIRE_PLAN(f);
	CHECK_INT_EQ(f->o->n_tdmrs, 2);
}

/*
 * 80 RAM regions with 1-3 GiB holes between them (a many-node machine with
 * MMIO windows): Linux makes one TDMR per region and fails with "TDMRs
 * exhausted".  The planner merges the 16 neighbours with the smallest gaps
 * (the 1 GiB ones) and warns about the empty GiBs it pays for.
 */
TEST(plan_tdmr_many_regions_merge_to_fit)
{
	struct plan_fx *f = pfx_begin();
	uint64_t pos = 4 * GiB, empty = 0;

	for (int k = 0; k < 80; k++) {
		uint64_t gap = k % 5 == 0 ? GiB : 3 * GiB;

		pfx_ram(f, pos, pos + 2 * GiB, PLAN_MEM_FREE);
			pos += 2 * GiB + gap;
	}
	REQUIRE_PLAN(f);
	CHECK_INT_EQ(f->o->n_tdmrs, 64);
	for (uint32_t i = 0; i < f->o->n_tdmrs; i++)
		empty += f->o->tdmrs[i].size;
	CHECK_U64_EQ(empty - 160 * GiB, 16 * GiB);   /* 16 gaps of 1 GiB */
	REQUIRE(f->o->n_warnings >= 1);
	CHECK_STR_CONTAINS(f->o->warnings[0], "16 GiB without TDX memory");
}

/* A node boundary inside a GiB: the run breaks at that GiB's start, so the
 * first node's memory gets a TDMR (and a PAMT) of its own; Linux would
 * make one TDMR with its PAMT on the first node only. */
TEST(plan_tdmr_unaligned_node_boundary)
{
	struct plan_fx *f = pfx_begin();
	const uint64_t nb = 0x107a000000ull;

	pfx_ram(f, 4 * GiB, 0x207a000000ull, PLAN_MEM_FREE);
	ptm_node(&f->m, 0, nb, 0);
	ptm_node(&f->m, nb, 0x207a000000ull, 1);
	REQUIRE_PLAN(f);
	REQUIRE(f->o->n_tdmrs == 2);
	CHECK_U64_EQ(f->o->tdmrs[0].base + f->o->tdmrs[0].size, 0x1040000000ull);
	CHECK_INT_EQ(f->o->tdmrs[0].pamt_node, 0);
	CHECK(f->o->tdmrs[0].pamt_base[0] < nb);
	CHECK_INT_EQ(f->o->tdmrs[1].pamt_node, 1);
	CHECK(f->o->tdmrs[1].pamt_base[0] >= nb);
}
