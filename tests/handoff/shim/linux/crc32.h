/* SPDX-License-Identifier: MIT */
/* Host stand-in (tests/handoff/corpus.c): the kernel's crc32_le(), the
 * reflected IEEE CRC-32 without pre- or post-inversion, bit by bit so that
 * it shares nothing with lib/crc32.c. */
#ifndef TDXBOOT_SHIM_LINUX_CRC32_H
#define TDXBOOT_SHIM_LINUX_CRC32_H
#include "linux/types.h"
static inline u32 crc32_le(u32 crc, const void *buf, size_t len)
{
	const u8 *p = buf;

	while (len--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1));
	}
	return crc;
}
#endif
