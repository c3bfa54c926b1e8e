/* SPDX-License-Identifier: MIT */
/*
 * Leaving the module usable after a rollback (issue 12 §6): a module
 * tdxboot loaded from a TDX-BLOB is loaded again through P-SEAMLDR when the
 * failure came after TDH.SYS.INIT, so it is back in SYSINIT_PENDING and the
 * OS's own initialization works; a module the BIOS loaded stays unusable
 * (recorded as such); a quarantined run does not reload (not every CPU
 * answers, and P-SEAMLDR needs them all).
 */
#include "tests/unit/init_harness.h"
#include "tests/unit/test.h"

TEST(init_rollback_reinstalls_the_module_for_the_os)
{
	struct harness *h = harness_new(2, 2, false);
	char err[128], buf[160];

	harness_add_blob(h, false, false);
	REQUIRE(emu_fault_add(&h->emu, "key_config:TDX_SYS_SHUTDOWN:2", err, sizeof(err)) == 0);
	CHECK(harness_run(h) != TB_OK);
	CHECK_INT_EQ(h->ctx->rec.step, TDXBOOT_STEP_KEY_CONFIG);
	CHECK_INT_EQ(h->ctx->rec.outcome, TDXBOOT_OUTCOME_ROLLED_BACK);
	CHECK_INT_EQ(h->ctx->rec.module_state, TDXBOOT_MODSTATE_UNTOUCHED);
	CHECK_INT_EQ(emu_state(&h->emu), EMU_SYSINIT_PENDING);
	CHECK_INT_EQ(emu_leaf_calls(&h->emu, EMU_LEAF_SEAMLDR_INSTALL), 2 * 4);
	CHECK_STR_CONTAINS(h->log, "re-installed through P-SEAMLDR");
	CHECK(harness_invariant_problem(h, buf, sizeof(buf)) == NULL);

	/* "The OS" initializes the reloaded module: the whole sequence again,
	 * on the module as tdxboot left it, without loading it. */
	emu_fault_clear(&h->emu);
	h->in.blob = NULL;
	h->in.blob_size = 0;
	CHECK_INT_EQ(harness_run(h), TB_OK);
	CHECK_INT_EQ(emu_state(&h->emu), EMU_SYS_READY);
	harness_free(h);
}

TEST(init_rollback_of_a_bios_loaded_module_leaves_it_unusable)
{
	struct harness *h = harness_new(2, 2, true);
	char err[128];

	REQUIRE(emu_fault_add(&h->emu, "key_config:TDX_SYS_SHUTDOWN:2", err, sizeof(err)) == 0);
	CHECK(harness_run(h) != TB_OK);
	CHECK_INT_EQ(h->ctx->rec.outcome, TDXBOOT_OUTCOME_ROLLED_BACK);
	CHECK_INT_EQ(h->ctx->rec.module_state, TDXBOOT_MODSTATE_UNUSABLE);
	CHECK_INT_EQ(emu_leaf_calls(&h->emu, EMU_LEAF_SEAMLDR_INSTALL), 0);
	harness_free(h);
}

TEST(init_quarantine_does_not_reinstall)
{
	struct harness *h = harness_new(2, 2, false);
	uint32_t k;

	harness_add_blob(h, false, false);
	/* Hang CPU 1 from the last executor call of a clean run (a TDMR.INIT
	 * round, after CONFIG). */
	REQUIRE(harness_run(h) == TB_OK);
	k = harness_exec_calls(h);
	harness_free(h);
	h = harness_new(2, 2, false);
	harness_add_blob(h, false, false);
	h->hang_from = k;
	h->hang_lp = 1;
	CHECK(harness_run(h) != TB_OK);
	CHECK_INT_EQ(h->ctx->rec.outcome, TDXBOOT_OUTCOME_QUARANTINED);
	CHECK_INT_EQ(h->ctx->rec.module_state, TDXBOOT_MODSTATE_UNUSABLE);
	CHECK_INT_EQ(emu_leaf_calls(&h->emu, EMU_LEAF_SEAMLDR_INSTALL), 4);
	harness_free(h);
}

/* A failed TDH.SYS.INIT leaves the module tdxboot loaded in SYSINIT_PENDING
 * (the module changes state only when SYS.INIT succeeds): untouched, and
 * no reload is needed. */
TEST(init_failed_sys_init_leaves_the_module_untouched)
{
	struct harness *h = harness_new(2, 2, false);
	char err[128];

	harness_add_blob(h, false, false);
	REQUIRE(emu_fault_add(&h->emu, "sys_init:TDX_SYS_BUSY", err, sizeof(err)) == 0);
	CHECK(harness_run(h) != TB_OK);
	CHECK_INT_EQ(h->ctx->rec.step, TDXBOOT_STEP_SYS_INIT);
	CHECK_INT_EQ(h->ctx->rec.module_state, TDXBOOT_MODSTATE_UNTOUCHED);
	CHECK_INT_EQ(emu_state(&h->emu), EMU_SYSINIT_PENDING);
	CHECK_INT_EQ(emu_leaf_calls(&h->emu, EMU_LEAF_SEAMLDR_INSTALL), 4);
	harness_free(h);
}
