/* SPDX-License-Identifier: MIT */
/* Host stand-in (tests/handoff/corpus.c): static_assert with an optional
 * message, as the kernel's. */
#ifndef TDXBOOT_SHIM_LINUX_BUILD_BUG_H
#define TDXBOOT_SHIM_LINUX_BUILD_BUG_H
#define static_assert(expr, ...) shim_static_assert(expr, ##__VA_ARGS__, #expr)
#define shim_static_assert(expr, msg, ...) _Static_assert(expr, msg)
#endif
