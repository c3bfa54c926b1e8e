/* SPDX-License-Identifier: MIT */
/*
 * fmt: a small freestanding printf.
 *
 * tdxboot runs in three places -- inside the EFI application, inside host
 * tests and inside host tools -- and every message an operator reads must be
 * byte-identical in all of them, so the formatter is ours rather than libc's.
 *
 * Supported: %% %c %s %d %i %u %x %X %p, the length modifiers hh h l ll z j t,
 * the flags '-' '0' '#' and a field width (literal or '*') and, for %s, a
 * precision ("%.*s").  Output is always NUL-terminated when size > 0; the
 * return value is the length the full output would have had, as in C99.
 */
#ifndef TDXBOOT_LIB_FMT_H
#define TDXBOOT_LIB_FMT_H

#include <stdarg.h>
#include <stddef.h>

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Append to a NUL-terminated string already in buf; never overflows. */
int fmt_append(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Human-readable byte count: "512 KiB", "3 GiB", "1.5 TiB". */
const char *fmt_size(char *buf, size_t size, unsigned long long bytes);

#endif
