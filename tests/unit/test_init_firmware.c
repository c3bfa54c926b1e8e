/* SPDX-License-Identifier: MIT */
/*
 * Firmware misbehaviour (issue 9 §3), on the host: AllocatePages at the
 * planned address failing, an AP that does not finish (MP Services
 * timing out), fewer CPUs runnable than the module counts (MP Services
 * absent), and the memory map changing between the snapshot and the
 * reservation.  Each must end with a message naming what and where and a
 * safe outcome: rolled back, nothing reserved, no PAMT line holding module
 * data, VMX off everywhere; the boot then goes on without TDX.
 */
#include <stdio.h>
#include <string.h>

#include "tests/unit/init_harness.h"
#include "tests/unit/test.h"

/* The machine of these tests: 2 packages x 2 LPs, module from a TDX-BLOB. */
static struct harness *fw_machine(void)
{
	struct harness *h = harness_new(2, 2, false);

	harness_add_blob(h, false, false);
	return h;
}

/* Safe after a failure: undone, given back, VMX off; the step named. */
static void fw_check_rolled_back(const char *what, struct harness *h, tb_status st)
{
	const struct handoff_record *rec = &h->ctx->rec;

	if (st == TB_OK || rec->outcome != TDXBOOT_OUTCOME_ROLLED_BACK || !rec->message[0] ||
	    rec->step == TDXBOOT_STEP_NONE)
		test_fail(__FILE__, __LINE__, "%s: %s, outcome %u at step %u: \"%s\"", what,
			  tb_status_name(st), rec->outcome, rec->step, rec->message);
	if (harness_reserved_bytes(h))
		test_fail(__FILE__, __LINE__, "%s: %llu bytes still reserved", what,
			  (unsigned long long)harness_reserved_bytes(h));
	if (harness_private_pamt_lines(h))
		test_fail(__FILE__, __LINE__, "%s: PAMT memory still holds module data", what);
	if (harness_vmx_left_on(h))
		test_fail(__FILE__, __LINE__, "%s: VMX left on", what);
}

/* A clean run's figures: reserve and executor calls, where PAMT 0 lies. */
struct fw_clean {
	uint32_t reserves, exec_calls;
	struct plan_range pamt0;
};

static void fw_clean_run(struct fw_clean *f)
{
	struct harness *h = fw_machine();
	const struct plan_tdmr *t;

	REQUIRE(harness_run(h) == TB_OK);
	f->reserves = h->reserve_calls;
	f->exec_calls = harness_exec_calls(h);
	t = &h->ctx->plan.tdmrs[0];
	f->pamt0 = (struct plan_range){ t->pamt_base[PLAN_PAMT_4K], t->pamt_size[PLAN_PAMT_4K] };
	harness_free(h);
	REQUIRE(f->reserves > 0 && f->exec_calls > 0 && f->pamt0.size);
}

/* AllocatePages(AllocateAddress) at the planned address fails, at each call. */
TEST(init_firmware_reserve_fails_at_each_call)
{
	struct fw_clean f;
	char what[64];

	fw_clean_run(&f);
	for (uint32_t k = 1; k <= f.reserves; k++) {
		struct harness *h = fw_machine();
		tb_status st;

		h->fail_reserve_at = k;
		st = harness_run(h);
		snprintf(what, sizeof(what), "reserve call %u of %u", k, f.reserves);
		fw_check_rolled_back(what, h, st);
		CHECK_INT_EQ(h->ctx->rec.step, TDXBOOT_STEP_PAMT_ALLOC);
		CHECK_STR_CONTAINS(h->ctx->rec.message, "cannot reserve");
		CHECK_STR_CONTAINS(h->ctx->rec.message, "[0x");
		CHECK_STR_CONTAINS(h->ctx->rec.message, "AllocatePages");
		CHECK_INT_EQ(emu_leaf_calls(&h->emu, EMU_LEAF_SYS_CONFIG), 0);
		harness_free(h);
	}
}

/*
 * MP Services times out once at each executor call of the sequence: an AP
 * does not finish (the others did, the boot CPU did not start) and is
 * reset by the firmware.  A call to the boot CPU alone cannot time out
 * (exec_mp.c runs it directly); every other call is a step that fails and
 * is undone:
 * since VMX lives inside each dispatch there is no final VMXOFF pass.
 * After TDH.SYS.CONFIG the AP did answer the rollback's WBINVD, so the
 * memory goes back (rolled back, not quarantined).
 */
TEST(init_firmware_ap_timeout_at_each_executor_call)
{
	struct fw_clean f;
	char what[64], buf[160];
	uint32_t fired = 0;

	fw_clean_run(&f);
	for (uint32_t k = 1; k <= f.exec_calls; k++) {
		struct harness *h = fw_machine();
		tb_status st;
		const char *bad;

		h->fail_exec_at = k;
		st = harness_run(h);
		snprintf(what, sizeof(what), "executor call %u of %u", k, f.exec_calls);
		if (!h->one_off_fired) {
			CHECK_INT_EQ(st, TB_OK);
		} else {
			fw_check_rolled_back(what, h, st);
			CHECK_STR_CONTAINS(h->ctx->rec.message, "EFI_TIMEOUT");
			CHECK_STR_CONTAINS(h->ctx->rec.message, "CPU ");
			fired++;
		}
		bad = harness_invariant_problem(h, buf, sizeof(buf));
		if (bad)
			test_fail(__FILE__, __LINE__, "%s: %s", what, bad);
		harness_free(h);
	}
	CHECK(fired > f.exec_calls / 2);
}

/*
 * MP Services absent: the executor runs code on the boot CPU only, while
 * the platform (and the module) has 4 LPs.  boot/tdx.c refuses before
 * starting when the MADT lists more CPUs than it can run code on; here the
 * sequence is made to go ahead anyway, to show that the module's own
 * refusal is undone cleanly too.
 */
TEST(init_firmware_one_runnable_cpu_of_four)
{
	struct harness *h = fw_machine();
	tb_status st;

	h->ex.n_lps = 1;
	st = harness_run(h);
	fw_check_rolled_back("one CPU of four", h, st);
	CHECK_INT_EQ(h->ctx->rec.step, TDXBOOT_STEP_SEAMLDR_INSTALL);
	CHECK_STR_CONTAINS(h->ctx->rec.message, "P-SEAMLDR did not load the module");
	harness_free(h);
}

/*
 * The firmware allocated where the stale map had free memory, before the
 * sequence re-read the map: the fresh map shows it, the plan goes around
 * it, and the sequence succeeds.
 */
TEST(init_firmware_map_changed_before_the_plan_is_avoided)
{
	struct harness *h;
	struct fw_clean f;

	fw_clean_run(&f);
	h = fw_machine();
	h->refresh_map = true;
	h->taken_before_plan = f.pamt0;
	REQUIRE(harness_run(h) == TB_OK);
	for (uint32_t i = 0; i < h->ctx->plan.n_tdmrs; i++)
		for (int l = 0; l < 3; l++) {
			const struct plan_tdmr *t = &h->ctx->plan.tdmrs[i];

			CHECK(!t->pamt_size[l] || t->pamt_base[l] >= f.pamt0.base + f.pamt0.size ||
			      t->pamt_base[l] + t->pamt_size[l] <= f.pamt0.base);
		}
	CHECK_U64_EQ(harness_reserved_bytes(h), h->ctx->plan.pamt_bytes);
	harness_free(h);
}

/*
 * Without a fresh map (stale snapshot), or when the firmware allocates
 * after the map was read: the reservation at the planned address fails;
 * the message names the range and says why; everything is undone.
 */
TEST(init_firmware_map_changed_after_the_snapshot_rolls_back)
{
	struct fw_clean f;

	fw_clean_run(&f);
	for (int fresh = 0; fresh < 2; fresh++) {
		struct harness *h = fw_machine();
		tb_status st;
		char range[64];

		h->refresh_map = fresh;
		if (fresh)
			h->taken_after_plan = f.pamt0;
		else
			h->taken_before_plan = f.pamt0;
		st = harness_run(h);
		fw_check_rolled_back(fresh ? "allocated after the fresh map" : "stale map", h, st);
		CHECK_INT_EQ(h->ctx->rec.step, TDXBOOT_STEP_PAMT_ALLOC);
		snprintf(range, sizeof(range), "[0x%llx", (unsigned long long)f.pamt0.base);
		CHECK_STR_CONTAINS(h->ctx->rec.message, range);
		CHECK_STR_CONTAINS(h->ctx->rec.message, "allocated that memory after the plan");
		CHECK_INT_EQ(emu_leaf_calls(&h->emu, EMU_LEAF_SYS_CONFIG), 0);
		harness_free(h);
	}
}
