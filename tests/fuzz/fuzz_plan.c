/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: platform log -> platlog -> plan_build() -> two judges.
 * The planner must not crash on anything the parser accepts; a refusal must
 * say why; any plan it returns must satisfy the independent coverage judge
 * (tests/plan/judge.c) and be accepted by the emulated TDX module's
 * TDH.SYS.CONFIG (tests/plan/emu_judge.c: every check of docs/reference/tdx-abi.md §6.2,
 * after SYS.INIT and LP.INIT on a platform whose CMRs are the log's).  The
 * emulator shares no code with the planner: this is the boot's real
 * question, would the module take what tdxboot built?
 * Seeds: tests/fuzz/platlog/ (the same logs as the parser target).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/platlog.h"
#include "tests/plan/emu_judge.h"
#include "tests/plan/judge.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct plan_mem raw[256], mem[512];
	static struct plan_range cmrs[32];
	static struct plan_numa numa[32];
	static struct platlog log;
	static struct plan_output out;
	struct platlog_store st = { raw, 256, mem, 512, cmrs, 32, numa, 32 };
	struct tb_err err;
	char why[512];

	tb_err_clear(&err);
	if (platlog_parse((const char *)data, size, &st, &log, &err) != TB_OK)
		return 0;
	/* Both policies from one input: the first byte picks. */
	log.in.policy.noncmr = size && (data[0] & 1) ? PLAN_NONCMR_EXCLUDE : PLAN_NONCMR_FAIL;
	log.in.policy.coalesce = size && (data[0] & 2);
	tb_err_clear(&err);
	if (plan_build(&log.in, &out, &err) != TB_OK) {
		if (!err.msg[0])
			abort(); /* a refusal must say why */
		return 0;
	}
	if (!judge_plan_totals(&log.in, &out, why, sizeof(why))) {
		fprintf(stderr, "judge: %s\n", why);
		abort();
	}
	if (emu_judge_plan(&log.in, &out, why, sizeof(why)) == EMU_JUDGE_REJECT) {
		fprintf(stderr, "emulated TDH.SYS.CONFIG refused the plan: %s\n", why);
		abort();
	}
	return 0;
}
