/* SPDX-License-Identifier: MIT */
/*
 * The kernel series' reader behind a neutral interface: its header and
 * lib/tdxboot_handoff.h name the same things, so they meet in no
 * translation unit (tests/handoff/corpus.c).
 */
#include "tdxboot.h"
#include "tests/handoff/kreader.h"

const char *kreader_validate(const void *buf, size_t avail)
{
	struct tdxboot_view v;

	return tdxboot_validate(buf, avail, &v);
}
