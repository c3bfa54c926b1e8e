/* SPDX-License-Identifier: MIT */
/*
 * plan_json: reads tdxboot-plan --json output back into a struct
 * plan_output, so the judge checks what the tool printed (the product),
 * not a second run of the planner.  Host test code.
 */
#ifndef TDXBOOT_TESTS_PLAN_PLAN_JSON_H
#define TDXBOOT_TESTS_PLAN_PLAN_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "core/plan.h"

struct plan_json {
	char name[128];
	bool ok;
	char error[256];
	struct plan_output out;   /* tdmrs, excluded, pamt_bytes */
};

/* False, with why, if text is not JSON of the documented schema. */
bool plan_json_read(const char *text, size_t len, struct plan_json *pj,
		    char *why, size_t why_size);

#endif
