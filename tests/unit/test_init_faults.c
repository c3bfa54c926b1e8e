/* SPDX-License-Identifier: MIT */
/*
 * Every SEAMCALL the sequence makes, made to fail through the emulator's
 * fault injection, with the status classes that matter: recoverable busy,
 * entropy, operand invalid, fatal, VMfailInvalid and faults.  For each case
 * the sequence must end, return every reserved byte, leave no PAMT line
 * holding module data, leave VMX off on every LP, and name the step (and
 * the LP, where one LP failed) in the record.
 */
#include <stdio.h>
#include <string.h>

#include "tests/unit/init_harness.h"
#include "tests/unit/test.h"

struct fault_case {
	const char *spec;       /* emu_fault_add syntax; %u = the leaf's last call */
	bool blob;              /* install through P-SEAMLDR first */
	bool serial;            /* TDMR.INIT on the boot CPU only (deterministic LP) */
	uint32_t step;          /* expected failing step; NONE = must succeed */
	uint32_t lp;            /* expected failing LP, or TDXBOOT_LP_NONE */
	const char *message;    /* substring of the record's message */
};

#define NOLP TDXBOOT_LP_NONE

static const struct fault_case fault_cases[] = {
	/* TDH.SYS.INIT */
	{ "sys_init:0xC000092100000122", false, false, TDXBOOT_STEP_SYS_INIT, NOLP,
	  "SEAMCALL (TDH.SYS.INIT) failed: 0xc000092100000122 (TDX_INCORRECT_MSR_VALUE)" },
	{ "sys_init:TDX_SYS_BUSY", false, false, TDXBOOT_STEP_SYS_INIT, NOLP, "TDX_SYS_BUSY" },
	{ "sys_init:TDX_RND_NO_ENTROPY", false, false, TDXBOOT_STEP_NONE, NOLP, NULL },
	{ "sys_init:ud", false, false, TDXBOOT_STEP_SYS_INIT, NOLP, "TDX_SEAMCALL_UD" },
	{ "sys_init:gp", false, false, TDXBOOT_STEP_SYS_INIT, NOLP, "TDX_SEAMCALL_GP" },
	/* TDH.SYS.LP.INIT: first, middle and last LP, and the Nth call */
	{ "lp_init:TDX_INCONSISTENT_MSR:lp0", false, false, TDXBOOT_STEP_LP_INIT, 0, "TDH.SYS.LP.INIT" },
	{ "lp_init:TDX_INCONSISTENT_MSR:lp2", false, false, TDXBOOT_STEP_LP_INIT, 2, "on CPU 2" },
	{ "lp_init:TDX_INVALID_PKG_ID:lp7", false, false, TDXBOOT_STEP_LP_INIT, 7, "TDX_INVALID_PKG_ID" },
	{ "lp_init:TDX_RND_NO_ENTROPY:3", false, false, TDXBOOT_STEP_NONE, NOLP, NULL },
	{ "lp_init:vmfailinvalid:lp5", false, false, TDXBOOT_STEP_LP_INIT, 5, "TDX_SEAMCALL_VMFAILINVALID" },
	/* TDH.SYS.RD: the first, a middle and the last field read */
	{ "sys_rd:TDX_METADATA_FIELD_ID_INCORRECT:1", false, false, TDXBOOT_STEP_SYS_RD, NOLP, "TDH.SYS.RD" },
	{ "sys_rd:TDX_METADATA_FIELD_ID_INCORRECT:9", false, false, TDXBOOT_STEP_SYS_RD, NOLP, "TDX_METADATA_FIELD_ID_INCORRECT" },
	{ "sys_rd:TDX_SYS_LP_INIT_NOT_DONE:%u", false, false, TDXBOOT_STEP_SYS_RD, NOLP, "TDX_SYS_LP_INIT_NOT_DONE" },
	/* TDH.SYS.CONFIG: the module never wrote PAMTs, they are only freed */
	{ "sys_config:TDX_NON_ORDERED_TDMR", false, false, TDXBOOT_STEP_SYS_CONFIG, NOLP, "TDX_NON_ORDERED_TDMR" },
	{ "sys_config:TDX_SYS_BUSY", false, false, TDXBOOT_STEP_SYS_CONFIG, NOLP, "TDX_SYS_BUSY" },
	{ "sys_config:vmfailinvalid", false, false, TDXBOOT_STEP_SYS_CONFIG, NOLP, "VMFAILINVALID" },
	/* TDH.SYS.KEY.CONFIG: transient classes are retried, others are not */
	{ "key_config:TDX_KEY_GENERATION_FAILED:1", false, false, TDXBOOT_STEP_NONE, NOLP, NULL },
	{ "key_config:TDX_SYS_BUSY:2", false, false, TDXBOOT_STEP_NONE, NOLP, NULL },
	{ "key_config:0x80000200000000BB:1", false, false, TDXBOOT_STEP_NONE, NOLP, NULL },
	{ "key_config:TDX_KEY_GENERATION_FAILED:lp0", false, false, TDXBOOT_STEP_KEY_CONFIG, 0, "TDX_KEY_GENERATION_FAILED" },
	{ "key_config:TDX_SYS_KEY_CONFIG_NOT_PENDING:2", false, false, TDXBOOT_STEP_KEY_CONFIG, 4, "TDX_SYS_KEY_CONFIG_NOT_PENDING" },
	{ "key_config:gp:1", false, false, TDXBOOT_STEP_KEY_CONFIG, 0, "TDX_SEAMCALL_GP" },
	/* TDH.SYS.TDMR.INIT: first, middle and last call; PAMTs must be reset */
	{ "tdmr_init:TDX_OPERAND_INVALID:1", false, false, TDXBOOT_STEP_TDMR_INIT, NOLP, "TDH.SYS.TDMR.INIT" },
	{ "tdmr_init:TDX_SYS_NOT_READY:700", false, false, TDXBOOT_STEP_TDMR_INIT, NOLP, "TDX_SYS_NOT_READY" },
	{ "tdmr_init:vmfailinvalid:%u", false, false, TDXBOOT_STEP_TDMR_INIT, NOLP, "VMFAILINVALID" },
	{ "tdmr_init:TDX_OPERAND_BUSY:3", false, false, TDXBOOT_STEP_NONE, NOLP, NULL },
	{ "tdmr_init:TDX_OPERAND_INVALID:lp0", false, true, TDXBOOT_STEP_TDMR_INIT, 0, "on CPU 0" },
	/* P-SEAMLDR */
	{ "seamldr_info:vmfailinvalid", true, false, TDXBOOT_STEP_SEAMLDR_INFO, NOLP, "P-SEAMLDR is not loaded" },
	{ "seamldr_install:EBADSIG:1", true, false, TDXBOOT_STEP_SEAMLDR_INSTALL, 1, "EBADSIG" },
	{ "seamldr_install:ENOENTROPY:lp0", true, false, TDXBOOT_STEP_SEAMLDR_INSTALL, 0, "ENOENTROPY" },
	{ "seamldr_install:vmfailinvalid:4", true, false, TDXBOOT_STEP_SEAMLDR_INSTALL, 4, "VMFAILINVALID" },
	{ "seamldr_install:EBADHASH:%u", true, false, TDXBOOT_STEP_SEAMLDR_INSTALL, 0, "EBADHASH" },
};

static struct harness *case_machine(const struct fault_case *fc)
{
	struct harness *h = harness_new(2, 4, !fc->blob);

	if (fc->blob)
		harness_add_blob(h, false, false);
	h->in.policy.parallel = !fc->serial;
	return h;
}

/* How many calls of the spec's leaf a clean run makes: the "last call". */
static uint32_t clean_run_calls(const struct fault_case *fc, enum emu_leaf leaf)
{
	struct harness *h = case_machine(fc);
	uint32_t n;

	harness_run(h);
	n = emu_leaf_calls(&h->emu, leaf);
	harness_free(h);
	return n;
}

static enum emu_leaf spec_leaf(const char *spec)
{
	for (int l = 0; l < EMU_LEAF_COUNT; l++) {
		size_t n = strlen(emu_leaf_name((enum emu_leaf)l));

		if (!strncmp(spec, emu_leaf_name((enum emu_leaf)l), n) && spec[n] == ':')
			return (enum emu_leaf)l;
	}
	return EMU_LEAF_NONE;
}

static void check_case(const struct fault_case *fc)
{
	struct harness *h;
	char err[160] = "", spec[96], why[128];
	tb_status st;

	snprintf(spec, sizeof(spec), fc->spec,
		 strstr(fc->spec, "%u") ? clean_run_calls(fc, spec_leaf(fc->spec)) : 0);
	h = case_machine(fc);
	if (emu_fault_add(&h->emu, spec, err, sizeof(err)) != 0) {
		test_fail(__FILE__, __LINE__, "fault spec %s: %s", fc->spec, err);
		harness_free(h);
		return;
	}
	st = harness_run(h);
	if (fc->step == TDXBOOT_STEP_NONE) {
		if (st != TB_OK)
			test_fail(__FILE__, __LINE__, "%s: expected success, got %s: %s", fc->spec,
				  tb_status_name(st), h->ctx->rec.message);
		else if (harness_reserved_bytes(h) != h->ctx->plan.pamt_bytes)
			test_fail(__FILE__, __LINE__, "%s: PAMT reservation lost", fc->spec);
	} else {
		if (st == TB_OK || h->ctx->rec.step != fc->step)
			test_fail(__FILE__, __LINE__, "%s: expected failure at step %u, got %s at step %u (%s)",
				  fc->spec, fc->step, tb_status_name(st), h->ctx->rec.step,
				  h->ctx->rec.message);
		if (fc->lp != NOLP && h->ctx->rec.lp_index != fc->lp)
			test_fail(__FILE__, __LINE__, "%s: expected LP %u, got %u", fc->spec, fc->lp,
				  h->ctx->rec.lp_index);
		if (fc->message && !strstr(h->ctx->rec.message, fc->message))
			test_fail(__FILE__, __LINE__, "%s: message \"%s\" lacks \"%s\"", fc->spec,
				  h->ctx->rec.message, fc->message);
		if (harness_rollback_problem(h, why, sizeof(why)))
			test_fail(__FILE__, __LINE__, "%s: %s", fc->spec, why);
	}
	if (harness_vmx_left_on(h))
		test_fail(__FILE__, __LINE__, "%s: VMX left on", fc->spec);
	harness_free(h);
}

TEST(init_fault_matrix)
{
	size_t n = 0;

	for (; n < sizeof(fault_cases) / sizeof(fault_cases[0]); n++)
		check_case(&fault_cases[n]);
	printf("    fault matrix: %zu cases run\n", n);
}

TEST(init_key_config_retry_is_reported)
{
	struct harness *h = harness_new(2, 2, true);
	char err[128];

	REQUIRE(emu_fault_add(&h->emu, "key_config:TDX_KEY_GENERATION_FAILED:1", err, sizeof(err)) == 0);
	REQUIRE(harness_run(h) == TB_OK);
	CHECK_STR_CONTAINS(h->log, "TDX_KEY_GENERATION_FAILED, retrying (1 of 10)");
	CHECK_INT_EQ(emu_leaf_calls(&h->emu, EMU_LEAF_KEY_CONFIG), 3);
	harness_free(h);
}

TEST(init_key_config_retries_are_bounded)
{
	struct harness *h = harness_new(2, 2, true);
	char err[128];

	h->in.policy.key_retries = 3;
	REQUIRE(emu_fault_add(&h->emu, "key_config:TDX_SYS_BUSY:lp0", err, sizeof(err)) == 0);
	CHECK_INT_EQ(harness_run(h), TB_ESEAM);
	CHECK_INT_EQ(emu_leaf_calls(&h->emu, EMU_LEAF_KEY_CONFIG), 4);
	CHECK_INT_EQ(h->ctx->rec.step, TDXBOOT_STEP_KEY_CONFIG);
	harness_free(h);
}

TEST(init_pamt_reservation_failure_releases_the_rest)
{
	struct harness *h = harness_new(2, 2, true);

	h->fail_reserve_at = 4;
	CHECK_INT_EQ(harness_run(h), TB_ENOMEM);
	CHECK_INT_EQ(h->ctx->rec.step, TDXBOOT_STEP_PAMT_ALLOC);
	CHECK_STR_CONTAINS(h->ctx->rec.message, "cannot reserve the PAMT at [0x");
	CHECK_U64_EQ(harness_reserved_bytes(h), 0);
	CHECK_INT_EQ(emu_leaf_calls(&h->emu, EMU_LEAF_SYS_CONFIG), 0);
	CHECK(!harness_vmx_left_on(h));
	harness_free(h);
}

TEST(init_preflight_refusals_name_cpu_and_msr)
{
	struct harness *h = harness_new(2, 2, true);

	/* One TDX KeyID only (MSR 0x87 bits 63:32). */
	emu_platform_set_msr(&h->plat, EMU_MSR_MKTME_KEYID_PARTITIONING, (1ull << 32) | 63);
	CHECK_INT_EQ(harness_run(h), TB_EUNSUPPORTED);
	CHECK_INT_EQ(h->ctx->rec.step, TDXBOOT_STEP_PREFLIGHT);
	CHECK_STR_CONTAINS(h->ctx->rec.message, "only 1 TDX KeyIDs (IA32_MKTME_KEYID_PARTITIONING (MSR 0x87)");
	CHECK_INT_EQ(emu_leaf_calls(&h->emu, EMU_LEAF_SYS_INIT), 0);
	harness_free(h);

	h = harness_new(2, 2, true);
	h->plat.lp[3].msr[EMU_MSR_MISC_ENABLE] |= 1ull << 22;
	CHECK_INT_EQ(harness_run(h), TB_EUNSUPPORTED);
	CHECK_STR_CONTAINS(h->ctx->rec.message, "CPU 3 (APIC 0x");
	CHECK_STR_CONTAINS(h->ctx->rec.message, "LIMIT_CPUID_MAXVAL");
	CHECK_INT_EQ(h->ctx->rec.lp_index, 3);
	harness_free(h);

	h = harness_new(2, 2, true);
	h->in.all_cpus_enabled = false;
	CHECK_INT_EQ(harness_run(h), TB_EUNSUPPORTED);
	CHECK_STR_CONTAINS(h->ctx->rec.message, "not every processor is enabled");
	harness_free(h);
}
