/* SPDX-License-Identifier: MIT */
/*
 * platlog_boot: where one boot ends and the next begins in a log that holds
 * several (journalctl -k without -b, or dmesg files appended together).
 *
 * A new boot starts at a journalctl "-- Boot <id> --" or "-- Reboot --"
 * marker, at a kernel banner ("Linux version ") once the boot so far has
 * shown one or a memory line, and where dmesg timestamps ("[ s.us]") go
 * back by more than a second after such a line.  Lines are numbered from 1.
 */
#ifndef TDXBOOT_CORE_PLATLOG_BOOT_H
#define TDXBOOT_CORE_PLATLOG_BOOT_H

#include <stddef.h>
#include <stdint.h>

struct platlog_boot_span {
	uint32_t n_boots;      /* >= 1 */
	uint32_t first_line;   /* of the boot asked for */
	uint32_t last_line;    /* its last line; UINT32_MAX: to the end */
};

/* Counts the boots, and finds the lines of boot `index` (0-based; an index
 * past the last gives first_line 0). */
void platlog_boot_find(const char *text, size_t len, uint32_t index,
		       struct platlog_boot_span *out);

#endif
