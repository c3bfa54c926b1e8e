/* SPDX-License-Identifier: MIT */
/*
 * A deliberately broken log parser, to show that the corpus test catches
 * a parser bug (`make plan-mutant`): linked into a copy of tdxboot-plan
 * with -Wl,--wrap=platlog_parse_boot, it parses as the product does and
 * then loses the RAM entry with the highest base, as a parser that skipped
 * one "usable" line would.  The judge reads the machine's ground truth
 * (tests/plan/truth.h), not this parser's output, so the plans that no
 * longer cover that RAM must fail the corpus run.
 */
#include <stdint.h>
#include <string.h>

#include "core/platlog.h"

tb_status __real_platlog_parse_boot(const char *text, size_t len, int32_t boot,
				    const struct platlog_store *st, struct platlog *log,
				    struct tb_err *err);
tb_status __wrap_platlog_parse_boot(const char *text, size_t len, int32_t boot,
				    const struct platlog_store *st, struct platlog *log,
				    struct tb_err *err);

tb_status __wrap_platlog_parse_boot(const char *text, size_t len, int32_t boot,
				    const struct platlog_store *st, struct platlog *log,
				    struct tb_err *err)
{
	tb_status s = __real_platlog_parse_boot(text, len, boot, st, log, err);
	size_t last = SIZE_MAX;

	if (s != TB_OK || log->in.mem != st->mem)
		return s;
	for (size_t i = 0; i < log->in.n_mem; i++)
		if (st->mem[i].kind == PLAN_MEM_FREE &&
		    (last == SIZE_MAX || st->mem[i].base > st->mem[last].base))
			last = i;
	if (last != SIZE_MAX) {
		memmove(&st->mem[last], &st->mem[last + 1],
			(log->in.n_mem - last - 1) * sizeof(st->mem[0]));
		log->in.n_mem--;
	}
	return s;
}
