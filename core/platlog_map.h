/* SPDX-License-Identifier: MIT */
/*
 * platlog_map: from memory-map entries as a log lists them (unsorted,
 * possibly overlapping, not page aligned) to the map of docs/reference/planner-input.md
 * §1.6: sorted, non-overlapping, adjacent entries of one kind merged, and
 * every maximal run of RAM trimmed inward to 4 KiB pages, and free RAM in
 * whole pages (a page that is partly busy is busy).
 */
#ifndef TDXBOOT_CORE_PLATLOG_MAP_H
#define TDXBOOT_CORE_PLATLOG_MAP_H

#include <stddef.h>

#include "core/plan.h"
#include "core/status.h"

/* Sorts raw[] by base (then kind), in place, in O(n log n). */
void platlog_map_sort(struct plan_mem *raw, size_t n);

/*
 * Where entries overlap, the higher enum plan_mem_kind wins: any non-RAM
 * entry over RAM ("RAM minus any overlapping non-RAM entry"), busy RAM over
 * free RAM, other over soft reserved.  raw[] is sorted first.  At most
 * PLATLOG_MAP_DEPTH entries may overlap one address.  Zero-size entries
 * must not be passed.
 */
#define PLATLOG_MAP_DEPTH 64
tb_status platlog_map_normalize(struct plan_mem *raw, size_t n,
				struct plan_mem *out, size_t cap,
				size_t *n_out, struct tb_err *err);

#endif
