/* SPDX-License-Identifier: MIT */
/*
 * The CPUID leaves a host VMM may configure for TDs, as TDH.SYS.RD
 * (CPUID_CONFIG_LEAVES/VALUES) and TDH.SYS.INFO (cpuid_config[]) report
 * them (docs/reference/tdx-abi.md §8.2, §8.3).  Host init never interprets them: the list
 * is representative (12 leaves, as 1.5.01's NUM_CPUID_CONFIG), with every
 * bit reported configurable.
 */
#include "emu/internal.h"

static const uint32_t cpuid_config_leaves[][2] = {
	{ 0x1, 0xFFFFFFFF }, { 0x7, 0x0 }, { 0xD, 0x0 }, { 0xD, 0x1 },
	{ 0x14, 0x0 }, { 0x19, 0xFFFFFFFF }, { 0x1C, 0x0 }, { 0x1D, 0x0 },
	{ 0x1D, 0x1 }, { 0x1E, 0x0 }, { 0x80000008, 0xFFFFFFFF }, { 0x24, 0x0 },
};
#define NUM_LEAVES (sizeof(cpuid_config_leaves) / sizeof(cpuid_config_leaves[0]))

uint32_t emu_cpuid_config_count(const struct emu *e)
{
	uint32_t n = e->mod.desc.num_cpuid_config;

	return n < NUM_LEAVES ? n : (uint32_t)NUM_LEAVES;
}

/* Entry i as {leaf | subleaf << 32, EAX | EBX << 32, ECX | EDX << 32}. */
void emu_cpuid_config_get(uint32_t i, uint64_t *leaf_subleaf, uint64_t *low,
			  uint64_t *high)
{
	*leaf_subleaf = cpuid_config_leaves[i][0] |
			((uint64_t)cpuid_config_leaves[i][1] << 32);
	*low = ~0ull;
	*high = ~0ull;
}
