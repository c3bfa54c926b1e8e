/* SPDX-License-Identifier: MIT */
#include "core/tsc.h"

uint64_t tsc_hz_from_cpuid(const struct tsc_cpuid *c)
{
	uint64_t crystal;

	if (c->max_leaf < 0x15 || c->l15_eax == 0 || c->l15_ebx == 0)
		return 0;
	crystal = c->l15_ecx;
	if (crystal == 0 && c->max_leaf >= 0x16 && (c->l16_eax & 0xffff))
		crystal = (uint64_t)(c->l16_eax & 0xffff) * 1000000 * c->l15_eax / c->l15_ebx;
	return crystal * c->l15_ebx / c->l15_eax;
}
