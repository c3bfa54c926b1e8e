/* SPDX-License-Identifier: MIT */
/*
 * The init sequence end to end against the emulated module, one thread per
 * LP.  The emulator judges every call (strict WBINVD mode, SEAMCALL #UD
 * outside VMX operation); these tests check what the sequence leaves
 * behind: module state, reservations, PAMT contents, VMX, the record.
 */
#include "tests/unit/init_harness.h"
#include "tests/unit/test.h"

static void check_clean_failure(struct harness *h, uint32_t step)
{
	char why[128];
	const char *problem = harness_rollback_problem(h, why, sizeof(why));

	CHECK_INT_EQ(h->ctx->rec.step, step);
	if (problem)
		test_fail(__FILE__, __LINE__, "%s", problem);
	CHECK(!harness_vmx_left_on(h));
	CHECK(h->ctx->rec.message[0] != '\0');
}

TEST(init_happy_path_two_packages)
{
	struct harness *h = harness_new(2, 4, true);

	REQUIRE(harness_run(h) == TB_OK);
	CHECK_INT_EQ(h->ctx->rec.outcome, TDXBOOT_OUTCOME_SUCCESS);
	CHECK_INT_EQ(h->ctx->rec.module_state, TDXBOOT_MODSTATE_READY);
	CHECK_INT_EQ(emu_state(&h->emu), EMU_SYS_READY);
	CHECK_INT_EQ(emu_leaf_calls(&h->emu, EMU_LEAF_LP_INIT), 8);
	CHECK_INT_EQ(emu_leaf_calls(&h->emu, EMU_LEAF_KEY_CONFIG), 2);
	CHECK(h->ctx->plan.n_tdmrs >= 2);
	CHECK(h->ctx->rec.plan == &h->ctx->plan);
	CHECK_U64_EQ(harness_reserved_bytes(h), h->ctx->plan.pamt_bytes);
	/* Every TDMR's PAMT was written by the module and is still its data. */
	CHECK(harness_private_pamt_lines(h) > 0);
	CHECK(!harness_vmx_left_on(h));
	for (uint32_t i = 0; i < 8; i++)
		CHECK(h->ctx->rec.lp_init_done[0] & (1ull << i));
	CHECK_STR_CONTAINS(h->log, "BIOS enabled: private KeyID range [");
	CHECK_STR_CONTAINS(h->log, "KB allocated for PAMT");
	CHECK_STR_CONTAINS(h->log, "module initialized (emulated)");
	CHECK_STR_CONTAINS(h->log, "CMR: [0x100000, 0xc0000000)");
	CHECK_INT_EQ(h->ctx->rec.tdx_keyid_first, h->ctx->rec.global_keyid);
	CHECK(h->ctx->rec.n_phases >= 10);
	harness_free(h);
}

TEST(init_tdmr_init_spreads_over_cpus)
{
	struct harness *h = harness_new(2, 4, true);
	uint64_t total = 0, busiest = 0;
	uint32_t used = 0;

	REQUIRE(harness_run(h) == TB_OK);
	for (uint32_t lp = 0; lp < 8; lp++) {
		total += h->ctx->lp[lp].calls;
		used += h->ctx->lp[lp].calls != 0;
		if (h->ctx->lp[lp].calls > busiest)
			busiest = h->ctx->lp[lp].calls;
	}
	CHECK_U64_EQ(total, emu_leaf_calls(&h->emu, EMU_LEAF_TDMR_INIT));
	/* With several TDMRs, more than one CPU took part. */
	if (h->ctx->plan.n_tdmrs > 1)
		CHECK(used > 1 && busiest < total);
	harness_free(h);
}

TEST(init_serial_tdmr_init_uses_one_cpu)
{
	struct harness *h = harness_new(2, 2, true);

	h->in.policy.parallel = false;
	REQUIRE(harness_run(h) == TB_OK);
	CHECK_U64_EQ(h->ctx->lp[0].calls, emu_leaf_calls(&h->emu, EMU_LEAF_TDMR_INIT));
	for (uint32_t lp = 1; lp < 4; lp++)
		CHECK_U64_EQ(h->ctx->lp[lp].calls, 0);
	harness_free(h);
}

TEST(init_module_load_through_seamldr)
{
	struct harness *h = harness_new(2, 2, false);

	harness_add_blob(h, false, false);
	REQUIRE(harness_run(h) == TB_OK);
	CHECK_INT_EQ(emu_leaf_calls(&h->emu, EMU_LEAF_SEAMLDR_INSTALL), 4);
	/* Before the install, and after it to confirm SEAM_READY. */
	CHECK_INT_EQ(emu_leaf_calls(&h->emu, EMU_LEAF_SEAMLDR_INFO), 2);
	CHECK(h->ctx->rec.module.installed);
	CHECK(h->ctx->rec.seamldr != NULL);
	CHECK_INT_EQ(emu_state(&h->emu), EMU_SYS_READY);
	CHECK_STR_CONTAINS(h->log, "TDX module installed through P-SEAMLDR on 4 CPUs");
	harness_free(h);
}

TEST(init_no_module_says_so_plainly)
{
	struct harness *h = harness_new(1, 2, false);

	CHECK_INT_EQ(harness_run(h), TB_ENOTFOUND);
	check_clean_failure(h, TDXBOOT_STEP_SYS_INIT);
	CHECK_INT_EQ(h->ctx->rec.module_state, TDXBOOT_MODSTATE_NOT_LOADED);
	CHECK_U64_EQ(h->ctx->rec.seamcall_status, TDX_SEAMCALL_VMFAILINVALID);
	CHECK_STR_CONTAINS(h->ctx->rec.message, "module not loaded");
	harness_free(h);
}

TEST(init_blob_with_wrong_hash_fails_install_with_ebadhash)
{
	struct harness *h = harness_new(1, 2, false);

	harness_add_blob(h, false, true);
	CHECK_INT_EQ(harness_run(h), TB_ESEAM);
	check_clean_failure(h, TDXBOOT_STEP_SEAMLDR_INSTALL);
	CHECK_U64_EQ(h->ctx->rec.seamcall_status, SEAMLDR_EBADHASH);
	CHECK_STR_CONTAINS(h->ctx->rec.message, "SEAMCALL (SEAMLDR.INSTALL) failed: 0x8000000000020001 (EBADHASH)");
	/* The boot CPU goes last: the failure is reported on it. */
	CHECK_INT_EQ(h->ctx->rec.lp_index, 0);
	harness_free(h);
}

/* A sparse x2APIC numbering: package k's LPs at IDs k << 10 | i. */
static void sparse_apic_ids(struct harness *h)
{
	h->plat.pkg_shift = 10;
	for (uint32_t i = 0; i < h->plat.num_lps; i++) {
		h->plat.lp[i].x2apic_id = ((i / 2) << 10) | (i % 2);
		h->ex.apic_id[i] = h->plat.lp[i].x2apic_id;
	}
}

/*
 * P-SEAMLDR refuses SEAMLDR.INSTALL on a CPU whose x2APIC ID is 1024 or
 * more (docs/reference/platform-rules.md §9): tdxboot names it before any
 * CPU joins the install session.  The module the BIOS loaded has no such
 * limit: the same machine initializes it.
 */
TEST(init_install_refused_when_an_x2apic_id_reaches_1024)
{
	struct harness *h = harness_new(2, 2, false);

	harness_add_blob(h, false, false);
	sparse_apic_ids(h);
	CHECK_INT_EQ(harness_run(h), TB_EUNSUPPORTED);
	check_clean_failure(h, TDXBOOT_STEP_MODULE_LOAD);
	CHECK_INT_EQ(h->ctx->rec.lp_index, 2);
	CHECK_STR_CONTAINS(h->ctx->rec.message, "CPU 2 has x2APIC ID 0x400: P-SEAMLDR installs a TDX module only when every CPU's x2APIC ID is below 1024");
	CHECK_INT_EQ(emu_leaf_calls(&h->emu, EMU_LEAF_SEAMLDR_INSTALL), 0);
	harness_free(h);

	h = harness_new(2, 2, true);
	sparse_apic_ids(h);
	CHECK_INT_EQ(harness_run(h), TB_OK);
	CHECK_INT_EQ(emu_state(&h->emu), EMU_SYS_READY);
	harness_free(h);
}

/* The emulated P-SEAMLDR enforces the rule itself (the initializer's check
 * is not what the test above sees). */
TEST(emu_seamldr_install_refuses_x2apic_id_1024)
{
	struct harness *h = harness_new(2, 2, false);
	struct seam_regs r = { .rax = SEAMLDR_INSTALL };

	sparse_apic_ids(h);
	emu_vmxon(&h->emu, 2, true);
	CHECK_U64_EQ(emu_seamcall(&h->emu, 2, &r), EMU_VMSUCCEED);
	CHECK_U64_EQ(r.rax, SEAMLDR_EUNSPECERR);
	harness_free(h);
}

TEST(init_corrupt_blob_is_refused_before_any_seamcall)
{
	struct harness *h = harness_new(1, 2, false);

	harness_add_blob(h, true, false);
	CHECK_INT_EQ(harness_run(h), TB_EINVAL);
	check_clean_failure(h, TDXBOOT_STEP_MODULE_LOAD);
	CHECK_STR_CONTAINS(h->ctx->rec.message, "TDX-BLOB: checksum mismatch");
	CHECK_INT_EQ(emu_leaf_calls(&h->emu, EMU_LEAF_SEAMLDR_INFO), 0);
	harness_free(h);
}

TEST(init_tdmr_queue_takes_the_largest_first)
{
	struct harness *h = harness_new(1, 1, true);

	h->in.policy.parallel = false;
	uint32_t seen = 0;

	REQUIRE(harness_run(h) == TB_OK);
	REQUIRE(h->ctx->plan.n_tdmrs >= 2);
	/* A permutation of the TDMRs, sizes non-increasing. */
	for (uint32_t q = 0; q < h->ctx->plan.n_tdmrs; q++) {
		seen |= 1u << h->ctx->tdmr_order[q];
		if (q)
			CHECK(h->ctx->plan.tdmrs[h->ctx->tdmr_order[q - 1]].size >=
			      h->ctx->plan.tdmrs[h->ctx->tdmr_order[q]].size);
	}
	CHECK_U64_EQ(seen, (1u << h->ctx->plan.n_tdmrs) - 1);
	/* The harness's node 1 (4 GiB) is larger than node 0's TDMR: it goes first. */
	CHECK(h->ctx->plan.tdmrs[h->ctx->tdmr_order[0]].size >= h->ctx->plan.tdmrs[0].size);
	harness_free(h);
}

TEST(init_tdmr_init_runs_in_bounded_rounds)
{
	struct harness *h = harness_new(1, 2, true);

	h->in.policy.parallel = false;
	REQUIRE(harness_run(h) == TB_OK);
	/* 7 GiB of TDMR at 4 MiB a call is far more than one round's 256
	 * calls: the boot CPU came back between rounds. */
	CHECK(h->ctx->tdmr_rounds > 1);
	CHECK_U64_EQ(h->ctx->lp[0].calls, emu_leaf_calls(&h->emu, EMU_LEAF_TDMR_INIT));
	CHECK_STR_CONTAINS(h->log, " rounds");
	harness_free(h);
}

TEST(init_tdmr_busy_forever_fails_after_bounded_retries)
{
	struct harness *h = harness_new(1, 2, true);
	char err[128];

	h->in.policy.parallel = false;
	REQUIRE(emu_fault_add(&h->emu, "tdmr_init:TDX_OPERAND_BUSY:lp0", err, sizeof(err)) == 0);
	CHECK_INT_EQ(harness_run(h), TB_ESEAM);
	CHECK_INT_EQ(h->ctx->rec.step, TDXBOOT_STEP_TDMR_INIT);
	CHECK_STR_CONTAINS(h->ctx->rec.message, "TDX_OPERAND_BUSY");
	/* The retries are counted per TDMR over all rounds: 1000, not forever. */
	CHECK_INT_EQ(emu_leaf_calls(&h->emu, EMU_LEAF_TDMR_INIT), 1000);
	CHECK_U64_EQ(harness_reserved_bytes(h), 0);
	harness_free(h);
}
