/* SPDX-License-Identifier: MIT */
/*
 * The CPU's and the firmware's rules (issue 12), on the host:
 *
 *  - a CPU in VMX root operation ignores INIT (SDM Vol. 3C 24.8), so with
 *    the APs parked in a HLT loop (woken by INIT-SIPI-SIPI, EDK2 MpInitLib
 *    WakeUpAP) a dispatch to an AP left in VMX operation times out; the
 *    sequence must therefore leave VMX inside every dispatch;
 *  - a CPU that hangs stays hung: from the k-th executor call on, every
 *    dispatch to it times out (persistent hang), at every call index, on
 *    every AP, under both AP loop modes;
 *  - TDH.SYS.TDMR.INIT that answers success without advancing RDX is an
 *    error, not a loop.
 *
 * Each run is judged by harness_invariant_problem (tests/unit/init_harness.h).
 */
#include <stdio.h>
#include <string.h>

#include "tests/unit/init_harness.h"
#include "tests/unit/test.h"

static const char *const loop_names[] = { "MWAIT", "HLT" };

static struct harness *hang_machine(enum harness_loop loop)
{
	struct harness *h = harness_new(2, 2, false);

	harness_add_blob(h, false, false);
	h->loop = loop;
	return h;
}

/* Executor calls of a clean run, and the first one after CONFIG. */
static void hang_clean_calls(enum harness_loop loop, uint32_t *calls, uint32_t *after_config)
{
	struct harness *h = hang_machine(loop);
	char buf[160];
	const char *bad;

	REQUIRE(harness_run(h) == TB_OK);
	bad = harness_invariant_problem(h, buf, sizeof(buf));
	if (bad)
		test_fail(__FILE__, __LINE__, "clean run, %s loop: %s", loop_names[loop], bad);
	*calls = harness_exec_calls(h);
	harness_free(h);
	/* The call that ran CONFIG's successor: find it by replaying until a
	 * hang there leaves the module configured. */
	*after_config = 0;
	for (uint32_t k = 1; k <= *calls && !*after_config; k++) {
		h = hang_machine(loop);
		h->hang_from = k;
		h->hang_lp = 1;
		harness_run(h);
		if (h->ctx->config_done)
			*after_config = k;
		harness_free(h);
	}
}

/* With APs in a HLT loop, a whole run succeeds: no CPU is in VMX operation
 * when MP Services sends it INIT-SIPI-SIPI. */
TEST(init_hlt_loop_firmware_runs_the_whole_sequence)
{
	struct harness *h = hang_machine(HARNESS_LOOP_HLT);
	char buf[160];

	CHECK_INT_EQ(harness_run(h), TB_OK);
	CHECK_INT_EQ(h->ctx->rec.outcome, TDXBOOT_OUTCOME_SUCCESS);
	CHECK(harness_invariant_problem(h, buf, sizeof(buf)) == NULL);
	CHECK_INT_EQ(h->vmx_at_dispatch, 0);
	/* One VMXON/VMXOFF pair per procedure that made SEAMCALLs. */
	for (uint32_t lp = 0; lp < h->ex.n_lps; lp++)
		CHECK(h->ctx->lp[lp].vmx_pairs >= 3);
	harness_free(h);
}

/*
 * The rule itself, shown on the harness: an AP left in VMX operation (as
 * the old sequence left them, VMXON in one dispatch and SEAMCALLs in the
 * next) cannot be reached under HLT, and is reached under MWAIT.
 */
static void mark_ran(void *arg, uint32_t lp)
{
	((uint8_t *)arg)[lp] = 1;
}

TEST(init_hlt_loop_cannot_reach_an_ap_in_vmx_operation)
{
	for (int loop = 0; loop < 2; loop++) {
		struct harness *h = hang_machine((enum harness_loop)loop);
		uint8_t ran[4] = { 0 };
		struct tb_err err;
		tb_status st;

		emu_vmxon(&h->emu, 2, true);
		tb_err_clear(&err);
		st = h->ex.ops->run_all(h->ex.ctx, mark_ran, ran, &err);
		if (loop == HARNESS_LOOP_HLT) {
			CHECK_INT_EQ(st, TB_ETIMEOUT);
			CHECK_STR_CONTAINS(err.msg, "CPU 2");
			CHECK(!ran[2] && ran[1] && ran[3]);
		} else {
			CHECK_INT_EQ(st, TB_OK);
			CHECK(ran[0] && ran[1] && ran[2] && ran[3]);
		}
		CHECK_INT_EQ(h->vmx_at_dispatch, 1);
		harness_free(h);
	}
}

/*
 * Persistent hangs at every executor call index and on every AP, under
 * both AP loop modes.  Before CONFIG the run is rolled back; from CONFIG
 * on, a hung CPU cannot confirm WBINVD, and the PAMTs must stay reserved
 * (quarantined), the CPU named.
 */
TEST(init_persistent_hang_at_every_call_and_lp)
{
	uint32_t cases = 0, quarantined = 0;

	for (int loop = 0; loop < 2; loop++) {
		uint32_t calls, after_config;

		hang_clean_calls((enum harness_loop)loop, &calls, &after_config);
		REQUIRE(calls > 0);
		for (uint32_t k = 1; k <= calls; k++) {
			for (uint32_t lp = 1; lp < 4; lp++) {
				struct harness *h = hang_machine((enum harness_loop)loop);
				const struct handoff_record *rec;
				char buf[160], what[96];
				const char *bad;
				tb_status st;

				h->hang_from = k;
				h->hang_lp = lp;
				st = harness_run(h);
				rec = &h->ctx->rec;
				snprintf(what, sizeof(what), "%s loop, hang of CPU %u from call %u of %u",
					 loop_names[loop], lp, k, calls);
				cases++;
				bad = harness_invariant_problem(h, buf, sizeof(buf));
				if (bad)
					test_fail(__FILE__, __LINE__, "%s: %s", what, bad);
				if (!h->hung) {
					/* the hang came after the last dispatch to this LP */
					if (st != TB_OK)
						test_fail(__FILE__, __LINE__, "%s: never reached, yet %s",
							  what, rec->message);
					harness_free(h);
					continue;
				}
				if (st == TB_OK || !strstr(rec->message, "EFI_TIMEOUT"))
					test_fail(__FILE__, __LINE__, "%s: %s, \"%s\"", what,
						  tb_status_name(st), rec->message);
				if (h->ctx->config_done != (rec->outcome == TDXBOOT_OUTCOME_QUARANTINED))
					test_fail(__FILE__, __LINE__, "%s: config %s, outcome %u", what,
						  h->ctx->config_done ? "done" : "not done", rec->outcome);
				if (rec->outcome == TDXBOOT_OUTCOME_QUARANTINED) {
					quarantined++;
					if (!strstr(h->log, "quarantined"))
						test_fail(__FILE__, __LINE__, "%s: quarantine not said", what);
				}
				harness_free(h);
			}
		}
		CHECK(after_config > 0);
	}
	printf("    %u persistent-hang cases, %u quarantined\n", cases, quarantined);
	CHECK(quarantined > 0);
}

/* TDMR.INIT answering success with RDX unchanged, forever: an error. */
TEST(init_tdmr_init_without_progress_fails)
{
	struct harness *h = harness_new(2, 2, true);
	char err[128], buf[160];

	h->in.policy.parallel = false;
	REQUIRE(emu_fault_add(&h->emu, "tdmr_init:0:lp0", err, sizeof(err)) == 0);
	CHECK(harness_run(h) != TB_OK);
	CHECK_INT_EQ(h->ctx->rec.step, TDXBOOT_STEP_TDMR_INIT);
	CHECK_STR_CONTAINS(h->ctx->rec.message, "without advancing RDX");
	CHECK(harness_invariant_problem(h, buf, sizeof(buf)) == NULL);
	CHECK_INT_EQ(h->ctx->rec.outcome, TDXBOOT_OUTCOME_ROLLED_BACK);
	harness_free(h);
}

/* The emulator's own hang fault (for the EFI app's QEMU test): parsed as a
 * hang, not as a status; a call that matches never returns, so the host
 * tests model hangs in their executor instead of calling it. */
TEST(emu_fault_hang_parses)
{
	struct harness *h = harness_new(1, 2, true);
	char err[128];

	REQUIRE(emu_fault_add(&h->emu, "tdmr_init:hang:lp1", err, sizeof(err)) == 0);
	CHECK(h->emu.fault[0].hang);
	CHECK_INT_EQ(h->emu.fault[0].kind, EMU_FAULT_LP);
	CHECK_INT_EQ(h->emu.fault[0].arg, 1);
	CHECK(emu_fault_add(&h->emu, "tdmr_init:hangs:lp1", err, sizeof(err)) != 0);
	CHECK_STR_CONTAINS(err, "hang");
	harness_free(h);
}
