/* SPDX-License-Identifier: MIT */
/*
 * The initializer against every module profile the emulator runs
 * (emu/profile.c, docs/emulator.md "Profiles"), each module installed from
 * its own TDX-BLOB (the 1.0 one preloaded: P-SEAMLDR refuses it).  The
 * happy path ends in SYS_READY on 1.5.01, 1.5.05 and 1.5.16 (Dynamic PAMT,
 * TDH.SYS.DISABLE), and in the refusal before CONFIG on 1.0
 * (docs/initializer.md "TDX 1.0 modules").  The fault matrix runs against
 * every profile in test_init_matrix.c.
 */
#include <stdio.h>

#include "tests/unit/init_harness.h"
#include "tests/unit/test.h"

TEST(init_happy_path_every_profile)
{
	for (uint32_t i = 0; i < emu_profile_count(); i++) {
		const struct emu_profile *p = emu_profile_at(i);
		struct harness *h = harness_new_profile(2, 2, p);
		char why[256];
		tb_status st = harness_run(h);

		if (!harness_profile_outcome_ok(h, p, st, why, sizeof(why)))
			test_fail(__FILE__, __LINE__, "profile %s: %s", p->name, why);
		if (p->minor != 0)
			CHECK(harness_private_pamt_lines(h) > 0);
		CHECK(!harness_vmx_left_on(h));
		harness_free(h);
	}
}

/* A 1.0 blob: P-SEAMLDR refuses major SVN 0 (EUNSUPPORTED, before it wipes
 * anything, tdx-loader seamldr_install.c lines 248-253); the record names it. */
TEST(init_v10_blob_refused_by_seamldr)
{
	struct harness *h = harness_new(2, 2, false);

	harness_add_blob_profile(h, emu_profile_find(1, 0, 3), false, false);
	CHECK(harness_run(h) != TB_OK);
	CHECK_INT_EQ(h->ctx->rec.step, TDXBOOT_STEP_SEAMLDR_INSTALL);
	CHECK(strstr(h->ctx->rec.message, "EUNSUPPORTED") != NULL);
	CHECK_U64_EQ(harness_reserved_bytes(h), 0);
	harness_free(h);
}
