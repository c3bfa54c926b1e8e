/* SPDX-License-Identifier: MIT */
/*
 * Planner: an Emerald-Rapids-like low-memory map (issue 4, rule 4).
 *
 * canonical/tdx #135 and #415 (docs/reference/landscape.md §1.8): Linux fails with
 * "TDMR [0x0, 0x80000000): reserved areas exhausted." because the e820 has
 * many small entries below 2 GiB and one usable region crosses 1 GiB, so
 * Linux's single TDMR [0, 2G) collects every memblock hole plus its PAMT.
 * Here the CMRs are fragmented below 2 GiB as well, so even CMR-based holes
 * (the LKML patch) leave 21 areas in [0, 2G): only splitting the TDMR
 * helps.  The split must also keep each PAMT on its node.
 */
#include <stdlib.h>

#include "core/plan.h"
#include "tests/unit/test.h"
#include "tests/unit/test_plan_check.h"

#define EMR_CHUNKS 24

/* 24 reserved 1 MiB chunks below 2 GiB, every sixth one inside a CMR. */
static void emr_map(struct plan_test_map *m)
{
	uint64_t pos = MiB, cmr_from = MiB;

	*m = (struct plan_test_map){ 0 };
	ptm_mem(m, 0, 0x9f000, PLAN_MEM_FREE);
	ptm_mem(m, 0x9f000, MiB, PLAN_MEM_OTHER);
	for (uint64_t k = 0; k < EMR_CHUNKS; k++) {
		uint64_t c = 16 * MiB + k * 80 * MiB;

		ptm_mem(m, pos, c, PLAN_MEM_FREE);
		ptm_mem(m, c, c + MiB, PLAN_MEM_OTHER);
		pos = c + MiB;
		if (k % 6 != 5) {              /* a CMR hole */
			ptm_cmr(m, cmr_from, c);
			cmr_from = c + MiB;
		}
	}
	ptm_mem(m, pos, 2 * GiB, PLAN_MEM_FREE);
	ptm_cmr(m, cmr_from, 2 * GiB);
	ptm_mem(m, 2 * GiB, 4 * GiB, PLAN_MEM_OTHER);   /* MMIO hole */
	ptm_mem(m, 4 * GiB, 66 * GiB, PLAN_MEM_FREE);
	ptm_cmr(m, 4 * GiB, 66 * GiB);
	ptm_node(m, 0, 34 * GiB, 0);
	ptm_node(m, 34 * GiB, 66 * GiB, 1);
}

/* Gaps in [a, b) between the given ranges (Linux's hole count). */
static unsigned gaps_in(const struct plan_range *v, size_t n, uint64_t a, uint64_t b)
{
	unsigned cnt = 0;
	uint64_t prev = a;

	for (size_t i = 0; i < n; i++) {
		if (v[i].base >= b || v[i].base + v[i].size <= a)
			continue;
		if (v[i].base > prev)
			cnt++;
		prev = v[i].base + v[i].size;
	}
	return cnt + (prev < b);
}

TEST(plan_emr_low_memory_split)
{
	static struct plan_test_map m;
	static struct plan_range ram[64];
	struct plan_output *o = plan_test_out();
	struct plan_input in;
	struct tb_err err;
	size_t nr = 0;

	emr_map(&m);
	/* Linux: memblock >= 1 MiB; TDMR [0, 2G) (a region crosses 1 GiB) */
	for (size_t i = 0; i < m.n_mem; i++)
		if (m.mem[i].kind == PLAN_MEM_FREE && m.mem[i].base >= MiB &&
		    m.mem[i].base < 2 * GiB)
			ram[nr++] = (struct plan_range){ m.mem[i].base, m.mem[i].size };
	CHECK(gaps_in(ram, nr, 0, 2 * GiB) + 1 > 16);    /* Linux: 26 areas */
	CHECK(gaps_in(m.cmr, m.n_cmr, 0, 2 * GiB) > 16);  /* LKML patch: 21 */

	in = ptm_input(&m);
	REQUIRE(plan_build(&in, o, &err) == TB_OK);
	CHECK(plan_check(&in, o) == NULL);
	REQUIRE(o->n_tdmrs == 4);
	CHECK_U64_EQ(o->tdmrs[0].base, 0);
	CHECK_U64_EQ(o->tdmrs[0].size, GiB);
	CHECK_U64_EQ(o->tdmrs[1].base, GiB);
	CHECK_U64_EQ(o->tdmrs[1].size, GiB);
	CHECK_U64_EQ(o->tdmrs[2].base, 4 * GiB);
	CHECK_U64_EQ(o->tdmrs[3].base, 34 * GiB);
	for (uint32_t i = 0; i < o->n_tdmrs; i++)
		CHECK(o->tdmrs[i].n_rsvd <= 16);
	CHECK_INT_EQ(o->tdmrs[0].n_rsvd, 12);
	CHECK_INT_EQ(o->tdmrs[1].n_rsvd, 9);
	CHECK_INT_EQ(o->tdmrs[2].pamt_node, 0);
	CHECK_INT_EQ(o->tdmrs[3].pamt_node, 1);
	CHECK(o->tdmrs[3].pamt_base[0] >= 34 * GiB);
	CHECK_U64_EQ(o->excluded_coalesce_bytes, 0);
	free(o);
}

/* Fewer reserved slots: the split goes finer and coalesce is not needed
 * while each GiB fits. */
TEST(plan_emr_tight_limit_still_fits)
{
	static struct plan_test_map m;
	struct plan_output *o = plan_test_out();
	struct plan_input in;
	struct tb_err err;

	emr_map(&m);
	in = ptm_input(&m);
	in.limits.max_rsvd_per_tdmr = 12;
	REQUIRE(plan_build(&in, o, &err) == TB_OK);
	CHECK(plan_check(&in, o) == NULL);
	for (uint32_t i = 0; i < o->n_tdmrs; i++)
		CHECK(o->tdmrs[i].n_rsvd <= 12);

	/* 8 areas cannot hold GiB 0's 12 holes: Linux's message, at that GiB */
	in.limits.max_rsvd_per_tdmr = 8;
	CHECK(plan_build(&in, o, &err) == TB_ENOSPC);
	CHECK_STR_CONTAINS(err.msg, "TDMR [0x0, 0x40000000): reserved areas exhausted.");
	free(o);
}
