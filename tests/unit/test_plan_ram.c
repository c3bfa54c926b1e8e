/* SPDX-License-Identifier: MIT */
/* Planner: TDX memory extraction and the CMR check (issue 4, rule 1). */
#include <stdlib.h>

#include "core/plan.h"
#include "tests/unit/test.h"
#include "tests/unit/test_plan_check.h"
#include "tests/unit/test_plan_fixture.h"

/* RAM = FREE + BUSY minus non-RAM overlaps, >= 1 MiB, 4K-trimmed; soft
 * reserved never; busy RAM covered but never used for PAMT. */
TEST(plan_ram_extraction)
{
	struct plan_fx *f = pfx_begin();

	ptm_mem(&f->m, 0, 640 * KiB, PLAN_MEM_FREE);              /* below 1 MiB */
	ptm_mem(&f->m, MiB, 2 * GiB, PLAN_MEM_FREE);
	ptm_mem(&f->m, 2 * GiB - 64 * KiB, 2 * GiB, PLAN_MEM_OTHER); /* overlaps */
	ptm_mem(&f->m, 4 * GiB, 6 * GiB + 0x800, PLAN_MEM_RAM_BUSY); /* unaligned end */
	ptm_mem(&f->m, 6 * GiB + 0x800, 8 * GiB, PLAN_MEM_SOFT_RESERVED);
	ptm_cmr(&f->m, 0, 2 * GiB);
	ptm_cmr(&f->m, 4 * GiB, 8 * GiB);
	REQUIRE_PLAN(f);
	/* [0,2G) and [4G,6G): busy RAM trimmed at 6G; soft reserved not covered */
	REQUIRE(f->o->n_tdmrs == 2);
	CHECK_U64_EQ(f->o->tdmrs[0].base, 0);
	CHECK_U64_EQ(f->o->tdmrs[0].size, 2 * GiB);
	CHECK_U64_EQ(f->o->tdmrs[1].base, 4 * GiB);
	CHECK_U64_EQ(f->o->tdmrs[1].size, 2 * GiB);
	/* RAM [1M, 2G-64K) + [4G, 6G): PAMTs all in the free part */
	CHECK_U64_EQ(f->o->tdx_memory_bytes + f->o->pamt_bytes,
		     (2 * GiB - 64 * KiB - MiB) + 2 * GiB);
	for (uint32_t i = 0; i < f->o->n_tdmrs; i++)
		CHECK(f->o->tdmrs[i].pamt_base[2] + f->o->tdmrs[i].pamt_size[2] <=
		      2 * GiB - 64 * KiB);
}

/* Unsorted, overlapping entries: the same RAM as the sorted map. */
TEST(plan_ram_unsorted_overlapping)
{
	struct plan_fx *f = pfx_begin();

	ptm_mem(&f->m, 3 * GiB, 4 * GiB, PLAN_MEM_FREE);
	ptm_mem(&f->m, MiB, 2 * GiB, PLAN_MEM_FREE);
	ptm_mem(&f->m, GiB, 3 * GiB + 4096, PLAN_MEM_FREE);      /* overlaps both */
	ptm_mem(&f->m, 5 * GiB, 5 * GiB, PLAN_MEM_FREE);         /* zero size */
	ptm_mem(&f->m, 100 * MiB, 101 * MiB, PLAN_MEM_OTHER);
	ptm_cmr(&f->m, MiB, 4 * GiB);
	REQUIRE_PLAN(f);
	REQUIRE(f->o->n_tdmrs == 1);
	CHECK_U64_EQ(f->o->tdmrs[0].size, 4 * GiB);
	CHECK_U64_EQ(f->o->tdx_memory_bytes + f->o->pamt_bytes, 4 * GiB - MiB - MiB);
}

/* RAM outside the CMRs: Linux's message naming the region, no plan. */
TEST(plan_ram_noncmr_fails_with_linux_message)
{
	struct plan_fx *f = pfx_begin();

	pfx_ram(f, MiB, 2 * GiB, PLAN_MEM_FREE);
	ptm_mem(&f->m, 4 * GiB, 8 * GiB, PLAN_MEM_FREE);
	ptm_cmr(&f->m, 4 * GiB, 7 * GiB);
	CHECK(pfx_build(f) == TB_ERANGE);
	CHECK_STR_CONTAINS(f->err.msg,
		"memory region [0x100000000, 0x200000000) is not TDX convertible memory");
}

/* noncmr=exclude: the part outside goes to excluded[], the rest is planned. */
TEST(plan_ram_noncmr_exclude)
{
	struct plan_fx *f = pfx_begin();

	pfx_ram(f, MiB, 2 * GiB, PLAN_MEM_FREE);
	ptm_mem(&f->m, 4 * GiB, 8 * GiB, PLAN_MEM_FREE);
	ptm_cmr(&f->m, 4 * GiB, 7 * GiB - 256 * MiB);
	pfx_input(f)->policy.noncmr = PLAN_NONCMR_EXCLUDE;
	REQUIRE_PLAN(f);
	REQUIRE(f->o->n_excluded == 1);
	CHECK_U64_EQ(f->o->excluded[0].base, 7 * GiB - 256 * MiB);
	CHECK_U64_EQ(f->o->excluded[0].size, GiB + 256 * MiB);
	CHECK_U64_EQ(f->o->excluded_noncmr_bytes, GiB + 256 * MiB);
	CHECK_U64_EQ(f->o->excluded_coalesce_bytes, 0);
	/* [0,2G) and [4G,7G); the excluded GiB [7G,8G) costs no PAMT */
	REQUIRE(f->o->n_tdmrs == 2);
	CHECK_U64_EQ(f->o->tdmrs[1].size, 3 * GiB);
}

/* No RAM inside the CMRs at all is a clean error, not an empty plan. */
TEST(plan_ram_nothing_to_cover)
{
	struct plan_fx *f = pfx_begin();

	pfx_ram(f, 0, 640 * KiB, PLAN_MEM_FREE);
	CHECK(pfx_build(f) == TB_ENOTFOUND);
	CHECK(f->err.msg[0] != '\0');
}

/*
 * CMRs out of order and overlapping: the planner merges them as they come
 * while they are sorted and sorts only from the first one out of order;
 * the union is the same either way, so all this RAM is convertible.
 */
TEST(plan_ram_cmrs_out_of_order)
{
	struct plan_fx *f = pfx_begin();

	ptm_mem(&f->m, MiB, 6 * GiB, PLAN_MEM_FREE);
	ptm_cmr(&f->m, MiB, 2 * GiB);
	ptm_cmr(&f->m, 2 * GiB, 3 * GiB);               /* touches: merged as it comes */
	ptm_cmr(&f->m, 4 * GiB, 6 * GiB);
	ptm_cmr(&f->m, GiB, 3 * GiB + 4096);            /* goes back, overlaps two */
	ptm_cmr(&f->m, 3 * GiB, 4 * GiB);
	REQUIRE_PLAN(f);
	REQUIRE(f->o->n_tdmrs == 1);
	CHECK_U64_EQ(f->o->tdmrs[0].size, 6 * GiB);
	CHECK_U64_EQ(f->o->tdx_memory_bytes + f->o->pamt_bytes, 6 * GiB - MiB);
}

/*
 * SRAT ranges of two nodes that overlap are named in address order, (base,
 * end, node), whatever order they come in: [0, 2G) node 0 sorts before
 * [0, 4G) node 1.  Ranges that come in order are merged as they come; an
 * overlap of two nodes must still be named as the sorted list names it.
 */
TEST(plan_ram_srat_overlap_named_in_address_order)
{
	struct plan_fx *f = pfx_begin();

	pfx_ram(f, MiB, 4 * GiB, PLAN_MEM_FREE);
	ptm_node(&f->m, 0, 4 * GiB, 1);
	ptm_node(&f->m, 0, 2 * GiB, 0);
	REQUIRE_PLAN(f);
	REQUIRE(f->o->n_warnings >= 1);
	CHECK_STR_CONTAINS(f->o->warnings[0],
			   "NUMA: SRAT ranges of nodes 0 and 1 overlap; using one node");
	CHECK(f->o->tdmrs[0].pamt_node == 0);
}
