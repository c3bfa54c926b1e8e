/* SPDX-License-Identifier: MIT */
/* Planner: TDX memory extraction and the CMR check (issue 4, rule 1). */
#include <stdlib.h>

#include "core/plan.h"
#include "tests/unit/test.h"
#include "tests/unit/test_plan_check.h"

/* RAM = FREE + BUSY minus non-RAM overlaps, >= 1 MiB, 4K-trimmed; soft
 * reserved never; busy RAM covered but never used for PAMT. */
TEST(plan_ram_extraction)
{
	static struct plan_test_map m;
	struct plan_output *o = plan_test_out();
	struct plan_input in;
	struct tb_err err;

	m = (struct plan_test_map){ 0 };
	ptm_mem(&m, 0, 640 * KiB, PLAN_MEM_FREE);              /* below 1 MiB */
	ptm_mem(&m, MiB, 2 * GiB, PLAN_MEM_FREE);
	ptm_mem(&m, 2 * GiB - 64 * KiB, 2 * GiB, PLAN_MEM_OTHER); /* overlaps */
	ptm_mem(&m, 4 * GiB, 6 * GiB + 0x800, PLAN_MEM_RAM_BUSY); /* unaligned end */
	ptm_mem(&m, 6 * GiB + 0x800, 8 * GiB, PLAN_MEM_SOFT_RESERVED);
	ptm_cmr(&m, 0, 2 * GiB);
	ptm_cmr(&m, 4 * GiB, 8 * GiB);
	in = ptm_input(&m);
	REQUIRE(plan_build(&in, o, &err) == TB_OK);
	CHECK(plan_check(&in, o) == NULL);
	/* [0,2G) and [4G,6G): busy RAM trimmed at 6G; soft reserved not covered */
	REQUIRE(o->n_tdmrs == 2);
	CHECK_U64_EQ(o->tdmrs[0].base, 0);
	CHECK_U64_EQ(o->tdmrs[0].size, 2 * GiB);
	CHECK_U64_EQ(o->tdmrs[1].base, 4 * GiB);
	CHECK_U64_EQ(o->tdmrs[1].size, 2 * GiB);
	/* RAM [1M, 2G-64K) + [4G, 6G): PAMTs all in the free part */
	CHECK_U64_EQ(o->tdx_memory_bytes + o->pamt_bytes,
		     (2 * GiB - 64 * KiB - MiB) + 2 * GiB);
	for (uint32_t i = 0; i < o->n_tdmrs; i++)
		CHECK(o->tdmrs[i].pamt_base[2] + o->tdmrs[i].pamt_size[2] <=
		      2 * GiB - 64 * KiB);
	free(o);
}

/* Unsorted, overlapping entries: the same RAM as the sorted map. */
TEST(plan_ram_unsorted_overlapping)
{
	static struct plan_test_map m;
	struct plan_output *o = plan_test_out();
	struct plan_input in;
	struct tb_err err;

	m = (struct plan_test_map){ 0 };
	ptm_mem(&m, 3 * GiB, 4 * GiB, PLAN_MEM_FREE);
	ptm_mem(&m, MiB, 2 * GiB, PLAN_MEM_FREE);
	ptm_mem(&m, GiB, 3 * GiB + 4096, PLAN_MEM_FREE);      /* overlaps both */
	ptm_mem(&m, 5 * GiB, 5 * GiB, PLAN_MEM_FREE);         /* zero size */
	ptm_mem(&m, 100 * MiB, 101 * MiB, PLAN_MEM_OTHER);
	ptm_cmr(&m, MiB, 4 * GiB);
	in = ptm_input(&m);
	REQUIRE(plan_build(&in, o, &err) == TB_OK);
	CHECK(plan_check(&in, o) == NULL);
	REQUIRE(o->n_tdmrs == 1);
	CHECK_U64_EQ(o->tdmrs[0].size, 4 * GiB);
	CHECK_U64_EQ(o->tdx_memory_bytes + o->pamt_bytes, 4 * GiB - MiB - MiB);
	free(o);
}

/* RAM outside the CMRs: Linux's message naming the region, no plan. */
TEST(plan_ram_noncmr_fails_with_linux_message)
{
	static struct plan_test_map m;
	struct plan_output *o = plan_test_out();
	struct plan_input in;
	struct tb_err err;

	m = (struct plan_test_map){ 0 };
	ptm_mem(&m, MiB, 2 * GiB, PLAN_MEM_FREE);
	ptm_mem(&m, 4 * GiB, 8 * GiB, PLAN_MEM_FREE);
	ptm_cmr(&m, MiB, 2 * GiB);
	ptm_cmr(&m, 4 * GiB, 7 * GiB);
	in = ptm_input(&m);
	CHECK(plan_build(&in, o, &err) == TB_ERANGE);
	CHECK_STR_CONTAINS(err.msg,
		"memory region [0x100000000, 0x200000000) is not TDX convertible memory");
	free(o);
}

/* noncmr=exclude: the part outside goes to excluded[], the rest is planned. */
TEST(plan_ram_noncmr_exclude)
{
	static struct plan_test_map m;
	struct plan_output *o = plan_test_out();
	struct plan_input in;
	struct tb_err err;

	m = (struct plan_test_map){ 0 };
	ptm_mem(&m, MiB, 2 * GiB, PLAN_MEM_FREE);
	ptm_mem(&m, 4 * GiB, 8 * GiB, PLAN_MEM_FREE);
	ptm_cmr(&m, MiB, 2 * GiB);
	ptm_cmr(&m, 4 * GiB, 7 * GiB - 256 * MiB);
	in = ptm_input(&m);
	in.policy.noncmr = PLAN_NONCMR_EXCLUDE;
	REQUIRE(plan_build(&in, o, &err) == TB_OK);
	CHECK(plan_check(&in, o) == NULL);
	REQUIRE(o->n_excluded == 1);
	CHECK_U64_EQ(o->excluded[0].base, 7 * GiB - 256 * MiB);
	CHECK_U64_EQ(o->excluded[0].size, GiB + 256 * MiB);
	CHECK_U64_EQ(o->excluded_noncmr_bytes, GiB + 256 * MiB);
	CHECK_U64_EQ(o->excluded_coalesce_bytes, 0);
	/* [0,2G) and [4G,7G); the excluded GiB [7G,8G) costs no PAMT */
	REQUIRE(o->n_tdmrs == 2);
	CHECK_U64_EQ(o->tdmrs[1].size, 3 * GiB);
	free(o);
}

/* No RAM inside the CMRs at all is a clean error, not an empty plan. */
TEST(plan_ram_nothing_to_cover)
{
	static struct plan_test_map m;
	struct plan_output *o = plan_test_out();
	struct plan_input in;
	struct tb_err err;

	m = (struct plan_test_map){ 0 };
	ptm_mem(&m, 0, 640 * KiB, PLAN_MEM_FREE);
	ptm_cmr(&m, 0, 640 * KiB);
	in = ptm_input(&m);
	CHECK(plan_build(&in, o, &err) == TB_ENOTFOUND);
	CHECK(err.msg[0] != '\0');
	free(o);
}
