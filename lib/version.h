/* SPDX-License-Identifier: MIT */
/*
 * tdxboot's version and source revision, "0.1.0" and the git commit.
 * Defined in one object (lib/version.c) that the build recompiles whenever
 * either changes, so no other object carries a stale revision.
 */
#ifndef TDXBOOT_LIB_VERSION_H
#define TDXBOOT_LIB_VERSION_H

extern const char tdxboot_version[];
extern const char tdxboot_gitrev[];

#endif
