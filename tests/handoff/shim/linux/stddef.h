/* SPDX-License-Identifier: MIT */
/* Host stand-in (tests/handoff/corpus.c). */
#include <stddef.h>
