/* SPDX-License-Identifier: MIT */
#include "lib/version.h"

#ifndef TDXBOOT_VERSION
#define TDXBOOT_VERSION "unknown"
#endif
#ifndef TDXBOOT_GITREV
#define TDXBOOT_GITREV "unknown"
#endif

const char tdxboot_version[] = TDXBOOT_VERSION;
const char tdxboot_gitrev[] = TDXBOOT_GITREV;
