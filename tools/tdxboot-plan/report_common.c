/* SPDX-License-Identifier: MIT */
/* What the reports share: telling a PAMT's reserved area from a hole's. */
#include "tools/tdxboot-plan/tool.h"

uint64_t report_pamt_bytes_in(const struct plan_output *p, uint64_t base, uint64_t end)
{
	uint64_t sum = 0;

	for (uint32_t t = 0; t < p->n_tdmrs; t++) {
		for (int l = 0; l < 3; l++) {
			uint64_t b = p->tdmrs[t].pamt_base[l];
			uint64_t e = b + p->tdmrs[t].pamt_size[l];

			b = b < base ? base : b;
			e = e > end ? end : e;
			if (b < e)
				sum += e - b;
		}
	}
	return sum;
}

const char *report_rsvd_reason(const struct plan_output *p, uint64_t base, uint64_t end)
{
	uint64_t pamt = report_pamt_bytes_in(p, base, end);

	if (!pamt)
		return "not TDX memory";
	return pamt == end - base ? "PAMT" : "PAMT and memory that is not TDX memory";
}
