/* SPDX-License-Identifier: MIT */
#include "core/tdmr_info.h"

#include "lib/mem.h"

tb_status tdmr_info_from_plan(const struct plan_tdmr *t, struct tdmr_info *ti)
{
	memset(ti, 0, sizeof(*ti));
	if (t->n_rsvd > TDX_MAX_RESERVED_AREAS)
		return TB_ENOSPC;
	ti->tdmr_base = t->base;
	ti->tdmr_size = t->size;
	ti->pamt_4k_base = t->pamt_base[PLAN_PAMT_4K];
	ti->pamt_4k_size = t->pamt_size[PLAN_PAMT_4K];
	ti->pamt_2m_base = t->pamt_base[PLAN_PAMT_2M];
	ti->pamt_2m_size = t->pamt_size[PLAN_PAMT_2M];
	ti->pamt_1g_base = t->pamt_base[PLAN_PAMT_1G];
	ti->pamt_1g_size = t->pamt_size[PLAN_PAMT_1G];
	for (uint32_t r = 0; r < t->n_rsvd; r++) {
		ti->reserved[r].offset = t->rsvd[r].base;
		ti->reserved[r].size = t->rsvd[r].size;
	}
	return TB_OK;
}
