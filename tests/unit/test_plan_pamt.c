/* SPDX-License-Identifier: MIT */
/* Planner: PAMT sizing and placement (issue 4, rule 5). */
#include <stdlib.h>

#include "core/plan_int.h"
#include "tests/unit/test.h"
#include "tests/unit/test_plan_check.h"
#include "tests/unit/test_plan_fixture.h"

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

static void pamt_map(struct plan_fx *f)
{
	pfx_ram(f, MiB, 2 * GiB, PLAN_MEM_FREE);
	pfx_ram(f, 4 * GiB, 7 * GiB + 512 * MiB, PLAN_MEM_FREE);
}

/* The PAMT goes right under the CMR hole at the top of memory: it joins
 * that hole's area and costs none (Linux: one more area each). */
TEST(plan_pamt_joins_existing_area)
{
	struct plan_fx *f = pfx_begin();
	const struct plan_tdmr *t;
	const struct plan_pamt_why *w;

	pamt_map(f);
	REQUIRE_PLAN(f);
	REQUIRE(f->o->n_tdmrs == 2);
	t = &f->o->tdmrs[1];
	CHECK_INT_EQ(t->n_rsvd, 1);
	/* both PAMTs stacked under 7.5G, largest (TDMR 1) on top */
	CHECK_U64_EQ(t->pamt_base[2] + t->pamt_size[2], 7 * GiB + 512 * MiB);
	CHECK_U64_EQ(f->o->tdmrs[0].pamt_base[2] + f->o->tdmrs[0].pamt_size[2], t->pamt_base[0]);
	CHECK_U64_EQ(t->rsvd[0].base, 3 * GiB + 512 * MiB - f->o->pamt_bytes);
	/* 4K level, then 2M, then 1G, contiguous */
	CHECK_U64_EQ(t->pamt_base[1], t->pamt_base[0] + t->pamt_size[0]);
	CHECK_U64_EQ(t->pamt_base[2], t->pamt_base[1] + t->pamt_size[1]);
	CHECK_INT_EQ(f->o->tdmrs[0].n_rsvd, 1);   /* [0, 1M) only */
	/* and the reasons say so: TDMR 1's PAMT shares the area of the CMR
	 * hole above it, TDMR 0's that of TDMR 1's PAMT; both on node 0 */
	w = &f->o->pamt_why[1];
	CHECK_INT_EQ(w->fallback, PLAN_PAMT_ON_NODE);
	CHECK_INT_EQ(w->in_tdmr, 1);
	CHECK_INT_EQ(w->new_areas, 0);
	CHECK_INT_EQ(w->below.what, PLAN_NEXT_NONE);
	CHECK_INT_EQ(w->above.what, PLAN_NEXT_NOT_TDX);
	CHECK_U64_EQ(w->above.range.base, 7 * GiB + 512 * MiB);
	CHECK_U64_EQ(w->free.base, 4 * GiB);
	CHECK_U64_EQ(w->free.size, 3 * GiB + 512 * MiB);
	CHECK(!w->low);
	w = &f->o->pamt_why[0];
	CHECK_INT_EQ(w->in_tdmr, 1);
	CHECK_INT_EQ(w->new_areas, 0);
	CHECK_INT_EQ(w->above.what, PLAN_NEXT_PAMT);
	CHECK_INT_EQ(w->above.tdmr, 1);
	CHECK_U64_EQ(w->above.range.base, t->pamt_base[0]);
}

/* Rule 3 (docs/planner.md §4): where areas are plentiful, a spot above
 * 4 GiB that costs an area beats one at 1 MiB that costs none.  Here the
 * node's highest free memory is too small for the PAMT: the search must go
 * on below it.  It used to stop there, with the spot at 1 MiB it had found
 * among the hole spots, and put a 404 MiB PAMT in low memory (found by
 * plan-prop's direct implementation of the rules, tests/plan/direct.c). */
TEST(plan_pamt_low_loses_below_small_top)
{
	struct plan_fx *f = pfx_begin();
	const struct plan_tdmr *t;
	uint64_t size;

	pfx_ram(f, MiB, 100 * GiB, PLAN_MEM_FREE);
	pfx_ram(f, 100 * GiB, 100 * GiB + 4 * MiB, PLAN_MEM_RAM_BUSY);
	pfx_ram(f, 100 * GiB + 4 * MiB, 100 * GiB + 8 * MiB, PLAN_MEM_FREE);
	REQUIRE_PLAN(f);
	REQUIRE(f->o->n_tdmrs == 1);
	t = &f->o->tdmrs[0];
	size = t->pamt_size[0] + t->pamt_size[1] + t->pamt_size[2];
	CHECK_U64_EQ(t->pamt_base[0], 100 * GiB - size);
	CHECK(!f->o->pamt_why[0].low);
	CHECK_INT_EQ(f->o->pamt_why[0].new_areas, 1);
	CHECK_INT_EQ(t->n_rsvd, 3);   /* [0, 1M), the PAMT, above the CMR */
}

/* With DPAMT the plan is valid and about 1/100 of the static size. */
TEST(plan_pamt_dpamt_plan)
{
	struct plan_fx *f = pfx_begin();
	uint64_t full;

	pamt_map(f);
	REQUIRE(pfx_build(f) == TB_OK);
	full = f->o->pamt_bytes;
	f->in.limits.dpamt = true;
	REQUIRE_PLAN(f);
	CHECK(f->o->pamt_bytes * 50 < full);
}

/* Busy RAM (firmware allocations) is covered but never holds a PAMT; a node
 * without free memory gets its PAMT on another node, with a warning. */
TEST(plan_pamt_node_fallback_and_busy)
{
	struct plan_fx *f = pfx_begin();

	pfx_ram(f, MiB, 2 * GiB, PLAN_MEM_FREE);
	pfx_ram(f, 4 * GiB, 8 * GiB, PLAN_MEM_RAM_BUSY);
	ptm_node(&f->m, 0, 4 * GiB, 0);
	ptm_node(&f->m, 4 * GiB, 8 * GiB, 1);
	REQUIRE_PLAN(f);
	REQUIRE(f->o->n_tdmrs == 2);
	CHECK(f->o->tdmrs[1].pamt_base[0] < 2 * GiB);
	CHECK_INT_EQ(f->o->tdmrs[1].pamt_node, 0);
	REQUIRE(f->o->n_pamt_nodes == 1);
	CHECK_INT_EQ(f->o->pamt_nodes[0].node, 0);
	REQUIRE(f->o->n_warnings >= 1);
	CHECK_STR_CONTAINS(f->o->warnings[0], "no room on node 1");
	/* the reason: node 1 has no free range at all */
	CHECK_INT_EQ(f->o->pamt_why[1].want_node, 1);
	CHECK_INT_EQ(f->o->pamt_why[1].fallback, PLAN_PAMT_NODE_NO_ROOM);
	CHECK_INT_EQ(f->o->pamt_why[0].fallback, PLAN_PAMT_ON_NODE);
}

/*
 * Node 1 has free RAM, but only in the middle of TDMR [4G, 8G), whose two
 * CMR holes already take both of its MAX_RESERVED_PER_TDMR = 2 areas: a
 * PAMT there would need a third.  The PAMT goes to node 0, and the reason
 * says the areas were full, not that there was no room.
 */
TEST(plan_pamt_fallback_reason_areas_full)
{
	struct plan_fx *f = pfx_begin();
	const struct plan_pamt_why *w;

	pfx_ram(f, MiB, 2 * GiB, PLAN_MEM_FREE);
	ptm_mem(&f->m, 4 * GiB, 5 * GiB, PLAN_MEM_RAM_BUSY);
	ptm_mem(&f->m, 5 * GiB, 5 * GiB + 512 * MiB, PLAN_MEM_FREE);
	ptm_mem(&f->m, 5 * GiB + 512 * MiB, 8 * GiB, PLAN_MEM_RAM_BUSY);
	ptm_cmr(&f->m, 4 * GiB, 6 * GiB);
	ptm_cmr(&f->m, 6 * GiB + 64 * MiB, 7 * GiB);
	ptm_cmr(&f->m, 7 * GiB + 64 * MiB, 8 * GiB);
	ptm_node(&f->m, 0, 4 * GiB, 0);
	ptm_node(&f->m, 4 * GiB, 8 * GiB, 1);
	pfx_input(f)->limits.max_rsvd_per_tdmr = 2;
	pfx_input(f)->policy.noncmr = PLAN_NONCMR_EXCLUDE;
	REQUIRE_PLAN(f);
	REQUIRE(f->o->n_tdmrs == 2);
	CHECK_U64_EQ(f->o->tdmrs[1].base, 4 * GiB);
	CHECK_U64_EQ(f->o->tdmrs[1].size, 4 * GiB);
	CHECK_INT_EQ(f->o->tdmrs[1].pamt_node, 0);
	w = &f->o->pamt_why[1];
	CHECK_INT_EQ(w->want_node, 1);
	CHECK_INT_EQ(w->fallback, PLAN_PAMT_NODE_AREAS_FULL);
	CHECK_INT_EQ(w->in_tdmr, 0);
	CHECK(w->low);   /* node 0 has nothing above 4 GiB */
}

/* No free memory for a PAMT anywhere: a clean error. */
TEST(plan_pamt_no_room)
{
	struct plan_fx *f = pfx_begin();

	ptm_mem(&f->m, MiB, 2 * MiB, PLAN_MEM_FREE);
	ptm_mem(&f->m, 2 * MiB, 2 * GiB, PLAN_MEM_RAM_BUSY);
	ptm_cmr(&f->m, MiB, 2 * GiB);
	CHECK(pfx_build(f) == TB_ENOTFOUND);
	CHECK_STR_CONTAINS(f->err.msg, "PAMT");
}

/* A huge single-node TDMR whose PAMT cannot be contiguous is split until
 * each PAMT fits a free stretch. */
TEST(plan_pamt_split_for_contiguity)
{
	struct plan_fx *f = pfx_begin();

	/* 64 GiB of RAM, free only in 100 MiB stretches, the rest busy */
	for (uint64_t k = 0; k < 16; k++) {
		uint64_t b = 4 * GiB + k * 4 * GiB;

		ptm_mem(&f->m, b, b + 100 * MiB, PLAN_MEM_FREE);
		ptm_mem(&f->m, b + 100 * MiB, b + 4 * GiB, PLAN_MEM_RAM_BUSY);
	}
	ptm_cmr(&f->m, 4 * GiB, 68 * GiB);
	pfx_input(f);
	/* a 64 GiB TDMR needs 256 MiB of PAMT in one piece: no stretch has it */
	REQUIRE_PLAN(f);
	CHECK(f->o->n_tdmrs > 1);
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
	struct plan_fx *f = pfx_begin();

	ptm_mem(&f->m, MiB, 2 * MiB, PLAN_MEM_RAM_BUSY);
	ptm_mem(&f->m, 2 * MiB, GiB + 99 * MiB, PLAN_MEM_FREE);
	ptm_mem(&f->m, GiB + 99 * MiB, GiB + 100 * MiB, PLAN_MEM_RAM_BUSY);
	ptm_mem(&f->m, GiB + 101 * MiB, GiB + 102 * MiB, PLAN_MEM_RAM_BUSY);
	ptm_mem(&f->m, GiB + 102 * MiB, 2 * GiB, PLAN_MEM_FREE);
	ptm_mem(&f->m, 4 * GiB, 8 * GiB - 18 * MiB, PLAN_MEM_RAM_BUSY);
	ptm_mem(&f->m, 8 * GiB - 18 * MiB, 8 * GiB - MiB, PLAN_MEM_FREE);
	ptm_cmr(&f->m, MiB, GiB + 100 * MiB);
	ptm_cmr(&f->m, GiB + 101 * MiB, 2 * GiB);
	ptm_cmr(&f->m, 4 * GiB, 8 * GiB - MiB);
	pfx_input(f)->limits.max_rsvd_per_tdmr = 2;
	REQUIRE_PLAN(f);
	REQUIRE(f->o->n_tdmrs == 3);
	CHECK_U64_EQ(f->o->tdmrs[0].size, GiB);
	CHECK_U64_EQ(f->o->tdmrs[1].base, GiB);
	/* both low PAMTs stacked at the top of [1G, 2G), in one new area */
	CHECK_INT_EQ(f->o->tdmrs[0].n_rsvd, 1);
	CHECK_INT_EQ(f->o->tdmrs[1].n_rsvd, 2);
	CHECK_U64_EQ(f->o->tdmrs[0].pamt_base[2] + f->o->tdmrs[0].pamt_size[2], 2 * GiB);
	CHECK_INT_EQ(f->o->tdmrs[2].n_rsvd, 1);

	/* one area: nothing fits; the error names where the PAMT needed one */
	f->in.limits.max_rsvd_per_tdmr = 1;
	CHECK(pfx_build(f) == TB_ENOSPC);
	CHECK_STR_CONTAINS(f->err.msg, "reserved areas exhausted.");
}
