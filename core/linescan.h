/* SPDX-License-Identifier: MIT */
/*
 * linescan: a cursor over one line of text, for parsers of log lines.
 *
 * Logs are read as (pointer, length) pairs, never as NUL-terminated strings:
 * a line is whatever lies between two newlines, including NUL bytes, so no
 * helper here may run past the cursor's end.  Every take_* function either
 * consumes what it matched and returns true, or leaves the cursor alone and
 * returns false, so a parser can try alternatives.
 */
#ifndef TDXBOOT_CORE_LINESCAN_H
#define TDXBOOT_CORE_LINESCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct linescan {
	const char *p;
	const char *end;
};

/* Skips spaces and tabs. */
void linescan_skip_blanks(struct linescan *s);

/* The literal text lit (NUL-terminated) at the cursor. */
bool linescan_take_lit(struct linescan *s, const char *lit);

/* "0x" and 1..16 hex digits (either case). */
bool linescan_take_hex(struct linescan *s, uint64_t *v);

/* 1..19 decimal digits. */
bool linescan_take_dec(struct linescan *s, uint64_t *v);

/*
 * Finds lit anywhere in [s->p, s->end) and moves the cursor just past it.
 * Log lines carry arbitrary prefixes (timestamps, journal headers, quoting),
 * so markers are searched for rather than expected at the start.
 */
bool linescan_find(struct linescan *s, const char *lit);

/* The rest of the line without leading and trailing blanks. */
void linescan_trim(struct linescan *s);

/* The text under the cursor equals lit exactly (after the caller trims). */
bool linescan_equals(const struct linescan *s, const char *lit);

/* Nothing left under the cursor. */
bool linescan_at_end(const struct linescan *s);

#endif
