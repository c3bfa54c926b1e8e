/* SPDX-License-Identifier: MIT */
/*
 * The CPUID leaves a host VMM may configure for TDs, as TDH.SYS.RD
 * (CPUID_CONFIG_LEAVES/VALUES) and TDH.SYS.INFO (cpuid_config[]) report
 * them (docs/reference/tdx-abi.md §8.2, §8.3): module 1.5.01 include/auto_gen/
 * cpuid_configurations.c cpuid_configurable[] (MAX_NUM_CPUID_CONFIG 12),
 * leaf/subleaf and config_direct.  Simplification: SYS.INFO's
 * allow_direct & native-value part is not added (docs/emulator.md).
 */
#include "emu/internal.h"

static const struct {
	uint32_t leaf, subleaf;
	uint32_t direct[4]; /* EAX..EDX */
} cpuid_configurable[] = {
	{ 0x1, 0xffffffff, { 0xfff3fff, 0xff0000, 0x0, 0x0 } },
	{ 0x4, 0x0, { 0xffffc3ff, 0xfffff000, 0xffffffff, 0xfffffffb } },
	{ 0x4, 0x1, { 0xffffc3ff, 0xfffff000, 0xffffffff, 0xfffffffb } },
	{ 0x4, 0x2, { 0xffffc3ff, 0xfffff000, 0xffffffff, 0xfffffffb } },
	{ 0x4, 0x3, { 0xffffc3ff, 0xfffff000, 0xffffffff, 0x7 } },
	{ 0x7, 0x0, { 0, 0, 0, 0 } },
	{ 0x7, 0x1, { 0, 0, 0, 0 } },
	{ 0x7, 0x2, { 0, 0, 0, 0 } },
	{ 0xa, 0xffffffff, { 0, 0, 0, 0 } },
	{ 0x1c, 0xffffffff, { 0, 0, 0, 0 } },
	{ 0x23, 0x0, { 0, 0, 0, 0 } },
	{ 0x80000008, 0xffffffff, { 0, 0, 0, 0 } },
};
#define NUM_LEAVES (sizeof(cpuid_configurable) / sizeof(cpuid_configurable[0]))

uint32_t emu_cpuid_config_count(const struct emu *e)
{
	uint32_t n = e->mod.desc.num_cpuid_config;

	return n < NUM_LEAVES ? n : (uint32_t)NUM_LEAVES;
}

/* Entry i as {leaf | subleaf << 32, EAX | EBX << 32, ECX | EDX << 32}. */
void emu_cpuid_config_get(uint32_t i, uint64_t *leaf_subleaf, uint64_t *low,
			  uint64_t *high)
{
	const uint32_t *d = cpuid_configurable[i].direct;

	*leaf_subleaf = cpuid_configurable[i].leaf |
			((uint64_t)cpuid_configurable[i].subleaf << 32);
	*low = d[0] | (uint64_t)d[1] << 32;
	*high = d[2] | (uint64_t)d[3] << 32;
}
