/* SPDX-License-Identifier: MIT */
/* JSON output shared by the host tools (tdxboot-inspect, tdxboot-plan). */
#ifndef TDXBOOT_TOOLS_JSON_H
#define TDXBOOT_TOOLS_JSON_H

#include <stdio.h>

/* s as a JSON string: quotes and backslashes escaped, control characters
 * and bytes outside ASCII as \u00XX (every name the tools print is ASCII;
 * a message is still valid JSON whatever bytes reach it). */
void json_write_string(FILE *f, const char *s);

#endif
