/* SPDX-License-Identifier: MIT */
/* The planner unit tests' fixture (test_plan_fixture.h). */
#include "tests/unit/test_plan_fixture.h"

#include <stdio.h>

struct plan_fx *pfx_begin(void)
{
	static struct plan_fx fx;
	struct plan_output *o = fx.o ? fx.o : plan_test_out();

	fx = (struct plan_fx){ .o = o };
	tb_err_clear(&fx.err);
	return &fx;
}

void pfx_ram(struct plan_fx *f, uint64_t base, uint64_t end, uint32_t kind)
{
	ptm_mem(&f->m, base, end, kind);
	ptm_cmr(&f->m, base, end);
}

struct plan_input *pfx_input(struct plan_fx *f)
{
	if (!f->in_built) {
		f->in = ptm_input(&f->m);
		f->in_built = true;
	}
	return &f->in;
}

tb_status pfx_build(struct plan_fx *f)
{
	tb_err_clear(&f->err);
	return plan_build(pfx_input(f), f->o, &f->err);
}

const char *pfx_plan(struct plan_fx *f)
{
	static char why[sizeof(f->err.msg) + 32];
	tb_status st = pfx_build(f);

	if (st != TB_OK) {
		snprintf(why, sizeof(why), "plan_build: %s", f->err.msg);
		return why;
	}
	return plan_check(&f->in, f->o);
}
