/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: core/platlog on arbitrary bytes.  Operators paste
 * whatever their terminal held, so the parser must never read out of
 * bounds, overflow, or hand the planner a map that breaks its contract.
 * Besides the sanitizers, every accepted log is checked for that contract:
 * the map sorted, disjoint, RAM page-aligned; CMRs sorted and disjoint;
 * limits inside tdxboot's capacities; errors carrying a message.
 * Small capacities, so the "store full" paths are reached too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/platlog.h"

static void check_log(const struct platlog *log)
{
	const struct plan_input *in = &log->in;

	for (size_t i = 0; i < in->n_mem; i++) {
		const struct plan_mem *m = &in->mem[i];

		if (!m->size || m->base + m->size > (1ULL << 52) || m->kind > PLAN_MEM_OTHER)
			abort();
		if (i && m->base < in->mem[i - 1].base + in->mem[i - 1].size)
			abort();
		if (m->kind <= PLAN_MEM_RAM_BUSY && ((m->base | m->size) & 0xfff))
			abort();
	}
	for (size_t i = 0; i < in->n_cmrs; i++)
		if (!in->cmrs[i].size ||
		    (i && in->cmrs[i].base < in->cmrs[i - 1].base + in->cmrs[i - 1].size))
			abort();
	for (size_t i = 1; i < in->n_numa; i++)
		if (in->numa[i].base < in->numa[i - 1].base || in->numa[i].node >= PLAN_NODE_CAP)
			abort();
	if (!in->limits.max_tdmrs || in->limits.max_tdmrs > PLAN_TDMR_CAP ||
	    !in->limits.max_rsvd_per_tdmr || in->limits.max_rsvd_per_tdmr > PLAN_RSVD_CAP)
		abort();
	if (memchr(log->name, 0, sizeof(log->name)) == NULL)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct plan_mem raw[64], mem[128];
	static struct plan_range cmrs[16];
	static struct plan_numa numa[16];
	static struct platlog log;
	struct platlog_store st = { raw, 64, mem, 128, cmrs, 16, numa, 16 };
	struct tb_err err;
	tb_status rc;

	tb_err_clear(&err);
	rc = platlog_parse((const char *)data, size, &st, &log, &err);
	if (rc == TB_OK)
		check_log(&log);
	else if (!err.msg[0] || !memchr(err.msg, 0, sizeof(err.msg)))
		abort();
	return 0;
}
