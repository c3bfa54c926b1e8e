/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for lib/handoff: any bytes, validated twice -- as given
 * (nearly always a CRC mismatch) and with the CRC made right, so mutations
 * reach the directory, section and consistency checks.  When a table
 * validates, every accessor is walked and each pointer it returns must lie
 * inside the input: that is the library's promise to a kernel.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/crc32.h"
#include "lib/handoff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint8_t *fz_lo, *fz_hi;

static void fz_inside(const void *p, size_t n)
{
	const uint8_t *b = p;

	if (!p)
		return;
	if (b < fz_lo || b + n > fz_hi)
		abort();
}

static uint64_t fz_walk(const struct handoff_view *v)
{
	uint64_t sum = 0;

	fz_inside(handoff_status(v), sizeof(struct tdxboot_handoff_status));
	if (!handoff_status(v))
		abort(); /* mandatory once valid */
	sum += handoff_status(v)->outcome + strlen(handoff_status(v)->message);
	fz_inside(handoff_module(v), sizeof(struct tdxboot_handoff_module));
	fz_inside(handoff_platform(v), sizeof(struct tdxboot_handoff_platform));
	fz_inside(handoff_memory(v), sizeof(struct tdxboot_handoff_memory));
	for (uint32_t i = 0; i < handoff_count(v, TDXBOOT_SEC_TDMRS); i++) {
		const struct tdxboot_handoff_tdmr *t = handoff_tdmr(v, i);

		fz_inside(t, sizeof(*t));
		for (uint32_t j = 0; j < t->n_rsvd; j++) {
			const struct tdxboot_handoff_range *r = handoff_tdmr_rsvd(v, t, j);

			if (!r)
				abort();
			fz_inside(r, sizeof(*r));
			sum += r->base + r->size;
		}
	}
	for (uint32_t type = TDXBOOT_SEC_LPS; type < TDXBOOT_SEC_TYPE_COUNT_1_0; type++)
		for (uint32_t i = 0; i < handoff_count(v, type); i++)
			fz_inside(handoff_entry(v, type, i), 8);
	return sum + (uint64_t)handoff_module_ready(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct handoff_view v;
	uint64_t addr;
	uint8_t *buf = malloc(size ? size : 1); /* malloc: 16-byte aligned */

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	fz_lo = buf;
	fz_hi = buf + size;
	if (handoff_validate(buf, size, &v) == HANDOFF_OK)
		fz_walk(&v);
	if (size >= sizeof(struct tdxboot_handoff_header)) {
		struct tdxboot_handoff_header *h = (struct tdxboot_handoff_header *)buf;

		if (h->total_size >= sizeof(*h) && h->total_size <= size) {
			h->crc32 = 0;
			h->crc32 = crc32_ieee(0, buf, h->total_size);
		}
		if (handoff_validate(buf, size, &v) == HANDOFF_OK)
			fz_walk(&v);
		(void)handoff_strerror(handoff_validate(buf + 8, size - 8, &v));
	}
	(void)handoff_find_in_config_table(buf, size / 24, &addr);
	free(buf);
	return 0;
}
