/* SPDX-License-Identifier: MIT */
/* Host stand-in for the kernel headers the series' handoff reader
 * includes (tests/handoff/corpus.c): fixed-width types under kernel names. */
#ifndef TDXBOOT_SHIM_LINUX_TYPES_H
#define TDXBOOT_SHIM_LINUX_TYPES_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
#define BIT(n) (1UL << (n))
#endif
