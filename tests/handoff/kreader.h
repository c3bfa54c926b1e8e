/* SPDX-License-Identifier: MIT */
#ifndef TDXBOOT_TESTS_HANDOFF_KREADER_H
#define TDXBOOT_TESTS_HANDOFF_KREADER_H
#include <stddef.h>
/* NULL if the kernel series' reader accepts the table, else its reason. */
const char *kreader_validate(const void *buf, size_t avail);
#endif
