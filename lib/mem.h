/* SPDX-License-Identifier: MIT */
/*
 * The string functions freestanding code may call.  The prototypes are the
 * standard ones, so host builds bind them to libc and the EFI build to
 * lib/string.c.  Nothing else from libc is available to core/, emu/ or lib/.
 */
#ifndef TDXBOOT_LIB_MEM_H
#define TDXBOOT_LIB_MEM_H

#include <stddef.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);

#endif
