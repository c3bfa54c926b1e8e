/* SPDX-License-Identifier: MIT */
#include "core/platlog_boot.h"

#include <stdbool.h>

#include "core/linescan.h"

enum boot_line { LINE_PLAIN = 0, LINE_MARKER, LINE_BANNER, LINE_MEMORY };

/* Timestamps that go back less than this are reordering, not a reboot. */
#define BOOT_TS_SLACK_US 1000000ULL

static enum boot_line boot_classify(struct linescan s)
{
	struct linescan t = s;

	linescan_skip_blanks(&t);
	if (linescan_take_lit(&t, "-- Boot ") || linescan_take_lit(&t, "-- Reboot --"))
		return LINE_MARKER;
	if ((t = s, linescan_find(&t, "Linux version ")))
		return LINE_BANNER;
	if ((t = s, linescan_find(&t, "BIOS-e820: ")) ||
	    (t = s, linescan_find(&t, "efi: mem")) ||
	    (t = s, linescan_find(&t, "SRAT: Node ")) ||
	    (t = s, linescan_find(&t, "tdx: CMR")))
		return LINE_MEMORY;
	return LINE_PLAIN;
}

/* "[ 12.345678]" at the line's start (after blanks), in microseconds. */
static bool boot_timestamp(struct linescan s, uint64_t *us)
{
	uint64_t sec, frac;
	const char *f;

	linescan_skip_blanks(&s);
	if (!linescan_take_lit(&s, "["))
		return false;
	linescan_skip_blanks(&s);
	if (!linescan_take_dec(&s, &sec) || !linescan_take_lit(&s, "."))
		return false;
	f = s.p;
	if (!linescan_take_dec(&s, &frac) || !linescan_take_lit(&s, "]"))
		return false;
	for (size_t d = (size_t)(s.p - 1 - f); d < 6; d++)
		frac *= 10;
	for (size_t d = (size_t)(s.p - 1 - f); d > 6; d--)
		frac /= 10;
	*us = sec * 1000000ULL + frac;
	return true;
}

struct boot_scan {
	uint32_t boots;      /* boots started so far */
	bool content;        /* the current boot showed a banner or memory line */
	bool have_ts;
	uint64_t last_ts;
};

/* True if line s starts a new boot; updates the scan's state. */
static bool boot_step(struct boot_scan *b, struct linescan s)
{
	enum boot_line kind = boot_classify(s);
	uint64_t ts;
	bool ts_ok = boot_timestamp(s, &ts), starts = false;

	if (kind == LINE_MARKER) {
		starts = b->content;
		b->content = false;
		b->have_ts = false;
		return starts;
	}
	if (b->content && kind == LINE_BANNER)
		starts = true;
	if (b->content && ts_ok && b->have_ts && ts + BOOT_TS_SLACK_US < b->last_ts)
		starts = true;
	if (starts)
		b->content = false;
	if (ts_ok) {
		b->have_ts = true;
		b->last_ts = ts;
	}
	if (kind == LINE_BANNER || kind == LINE_MEMORY)
		b->content = true;
	return starts;
}

void platlog_boot_find(const char *text, size_t len, uint32_t index,
		       struct platlog_boot_span *out)
{
	struct boot_scan b = { .boots = 1 };
	const char *p = text, *end = text + len;
	uint32_t line = 0;

	*out = (struct platlog_boot_span){ .first_line = index == 0 ? 1 : 0,
					   .last_line = UINT32_MAX };
	while (p < end) {
		const char *e = p;

		while (e < end && *e != '\n')
			e++;
		line++;
		if (boot_step(&b, (struct linescan){ p, e })) {
			if (b.boots == index + 1)
				out->last_line = line - 1;
			if (b.boots == index)
				out->first_line = line;
			b.boots++;
		}
		p = e < end ? e + 1 : e;
	}
	out->n_boots = b.boots;
}
