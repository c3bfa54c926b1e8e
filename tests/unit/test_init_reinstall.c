/* SPDX-License-Identifier: MIT */
/*
 * Leaving the module usable after a rollback (issue 12 §6), three paths:
 * a module tdxboot loaded from a TDX-BLOB is loaded again through
 * P-SEAMLDR when the failure came after TDH.SYS.INIT, so it is back in
 * SYSINIT_PENDING and the OS's own initialization works; a module the BIOS
 * loaded is reset with TDH.SYS.DISABLE where it has the leaf
 * (docs/reference/tdx-abi.md §17), with the same result; otherwise it stays
 * unusable (recorded as such).  A quarantined run does neither (not every
 * CPU answers).
 */
#include <stdlib.h>
#include <string.h>

#include "core/handoff_build.h"
#include "lib/handoff.h"
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
	CHECK(!h->ctx->rec.module.sys_disabled && !h->ctx->rec.module.reinstalled);
	CHECK_INT_EQ(emu_leaf_calls(&h->emu, EMU_LEAF_SEAMLDR_INSTALL), 0);
	/* 1.5.01 has no leaf 69: before SYS_READY its gate says so. */
	CHECK_STR_CONTAINS(h->log, "does not offer TDH.SYS.DISABLE (TDX_SYS_NOT_READY)");
	CHECK_INT_EQ(emu_state(&h->emu), EMU_SYSCONFIG_DONE);
	harness_free(h);
}

static struct harness *disable_harness(void)
{
	struct harness *h = harness_new(2, 2, true);
	struct emu_module_desc d;

	emu_module_desc_default(&d);
	d.update = 16;
	d.flags |= EMU_MODFLAG_SYS_DISABLE;
	emu_module_preload(&h->emu, &d);
	return h;
}

/* The handoff table the record makes: module state and flags as built. */
static void disable_check_table(struct harness *h, uint32_t state, uint32_t flags)
{
	size_t cap = handoff_size(&h->ctx->rec), len = 0;
	void *buf = aligned_alloc(8, (cap + 7) & ~(size_t)7);
	struct handoff_view v;

	REQUIRE(buf);
	REQUIRE(handoff_build(&h->ctx->rec, buf, cap, &len, NULL) == TB_OK);
	REQUIRE(handoff_validate(buf, len, &v) == HANDOFF_OK);
	CHECK_INT_EQ(handoff_status(&v)->module_state, state);
	CHECK_INT_EQ(handoff_module(&v)->flags &
		     (TDXBOOT_MODULE_SYS_DISABLED | TDXBOOT_MODULE_REINSTALLED), flags);
	free(buf);
}

/*
 * A BIOS-loaded module that has TDH.SYS.DISABLE, failing at KEY.CONFIG
 * (after CONFIG: PAMTs written with the private KeyID): the rollback
 * disables it, flushes the boot CPU after that SEAMCALL and before the PAMTs
 * go back (the invariants check it), and the OS can initialize it from
 * scratch.
 */
TEST(init_rollback_disables_a_bios_loaded_module_for_the_os)
{
	struct harness *h = disable_harness();
	char err[128], buf[160];
	uint64_t rel;

	REQUIRE(emu_fault_add(&h->emu, "key_config:TDX_SYS_SHUTDOWN:2", err, sizeof(err)) == 0);
	CHECK(harness_run(h) != TB_OK);
	CHECK_INT_EQ(h->ctx->rec.step, TDXBOOT_STEP_KEY_CONFIG);
	CHECK_INT_EQ(h->ctx->rec.outcome, TDXBOOT_OUTCOME_ROLLED_BACK);
	CHECK_INT_EQ(h->ctx->rec.module_state, TDXBOOT_MODSTATE_UNTOUCHED);
	CHECK_INT_EQ(emu_leaf_calls(&h->emu, EMU_LEAF_SYS_DISABLE), 1);
	CHECK_INT_EQ(emu_leaf_calls(&h->emu, EMU_LEAF_SEAMLDR_INSTALL), 0);
	CHECK_INT_EQ(emu_state(&h->emu), EMU_SYSINIT_PENDING);
	CHECK_STR_CONTAINS(h->log, "TDX module disabled with TDH.SYS.DISABLE");
	CHECK(harness_invariant_problem(h, buf, sizeof(buf)) == NULL);
	CHECK(harness_rollback_problem(h, buf, sizeof(buf)) == NULL);
	disable_check_table(h, TDXBOOT_MODSTATE_UNTOUCHED, TDXBOOT_MODULE_SYS_DISABLED);
	/* Every PAMT byte given back is listed for the OS (handoff 1.2). */
	rel = 0;
	for (uint32_t i = 0; i < h->ctx->rec.n_released; i++)
		rel += h->ctx->rec.released[i].size;
	CHECK(h->ctx->rec.n_released > 0);
	CHECK_U64_EQ(rel, h->ctx->plan.pamt_bytes);

	emu_fault_clear(&h->emu);
	CHECK_INT_EQ(harness_run(h), TB_OK);
	CHECK_INT_EQ(emu_state(&h->emu), EMU_SYS_READY);
	harness_free(h);
}

/* INTERRUPTED_RESUMABLE is retried (Linux's loop); a status that is
 * neither success nor "no such leaf" leaves the module unusable. */
TEST(init_rollback_disable_retries_then_gives_up_on_errors)
{
	struct harness *h = disable_harness();
	char err[128];

	REQUIRE(emu_fault_add(&h->emu, "tdmr_init:TDX_OPERAND_INVALID:3,"
			      "sys_disable:TDX_INTERRUPTED_RESUMABLE:1", err, sizeof(err)) == 0);
	CHECK(harness_run(h) != TB_OK);
	CHECK_INT_EQ(h->ctx->rec.step, TDXBOOT_STEP_TDMR_INIT);
	CHECK_INT_EQ(h->ctx->rec.module_state, TDXBOOT_MODSTATE_UNTOUCHED);
	CHECK_INT_EQ(emu_leaf_calls(&h->emu, EMU_LEAF_SYS_DISABLE), 2);
	harness_free(h);

	h = disable_harness();
	REQUIRE(emu_fault_add(&h->emu, "key_config:TDX_SYS_SHUTDOWN:2,"
			      "sys_disable:TDX_SYS_SHUTDOWN:1", err, sizeof(err)) == 0);
	CHECK(harness_run(h) != TB_OK);
	CHECK_INT_EQ(h->ctx->rec.module_state, TDXBOOT_MODSTATE_UNUSABLE);
	CHECK(!h->ctx->rec.module.sys_disabled);
	CHECK_STR_CONTAINS(h->log, "SEAMCALL (TDH.SYS.DISABLE) failed");
	disable_check_table(h, TDXBOOT_MODSTATE_UNUSABLE, 0);
	harness_free(h);
}

/* With a TDX-BLOB at hand the module is reloaded instead: P-SEAMLDR's
 * LOAD gives the OS the same fresh module without relying on leaf 69. */
TEST(init_rollback_with_a_blob_reinstalls_rather_than_disables)
{
	struct harness *h = harness_new(2, 2, false);
	char err[128];

	harness_add_blob(h, false, false);
	REQUIRE(emu_fault_add(&h->emu, "key_config:TDX_SYS_SHUTDOWN:2", err, sizeof(err)) == 0);
	CHECK(harness_run(h) != TB_OK);
	CHECK_INT_EQ(h->ctx->rec.module_state, TDXBOOT_MODSTATE_UNTOUCHED);
	CHECK(h->ctx->rec.module.reinstalled);
	CHECK(!h->ctx->rec.module.sys_disabled);
	CHECK(!strstr(h->log, "TDH.SYS.DISABLE"));
	disable_check_table(h, TDXBOOT_MODSTATE_UNTOUCHED, TDXBOOT_MODULE_REINSTALLED);
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
