/* SPDX-License-Identifier: MIT */
/*
 * CRC-32 as IEEE 802.3, zlib's crc32() and UEFI's CalculateCrc32 define it:
 * reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF.
 * Check value: crc32_ieee(0, "123456789", 9) == 0xCBF43926.
 *
 * Chainable like zlib's: crc32_ieee(crc32_ieee(0, a, n), b, m) is the CRC
 * of a followed by b, which lets a reader skip over a field it must treat
 * as zero without copying the buffer.  A Linux kernel gets the same value
 * from ~crc32_le(~crc, buf, len).
 */
#ifndef TDXBOOT_LIB_CRC32_H
#define TDXBOOT_LIB_CRC32_H

#include <stddef.h>
#include <stdint.h>

uint32_t crc32_ieee(uint32_t crc, const void *buf, size_t len);

#endif
