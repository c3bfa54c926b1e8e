/* SPDX-License-Identifier: MIT */
/*
 * A planned TDMR as the module reads it: TDMR_INFO (docs/reference/tdx-abi.md §6.1).
 * A layout conversion only; what the module accepts is the emulator's and
 * the planner's business.
 */
#ifndef TDXBOOT_CORE_TDMR_INFO_H
#define TDXBOOT_CORE_TDMR_INFO_H

#include "core/plan.h"
#include "lib/tdx_abi.h"

/*
 * Fills *ti from t (levels 4K/2M/1G, reserved areas as offsets).
 * TB_ENOSPC when t has more reserved areas than TDMR_INFO holds.
 */
tb_status tdmr_info_from_plan(const struct plan_tdmr *t, struct tdmr_info *ti);

#endif
