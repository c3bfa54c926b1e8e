/* SPDX-License-Identifier: MIT */
#include "core/tsc.h"
#include "tests/unit/test.h"

TEST(tsc_hz_from_leaf_15)
{
	/* A 25 MHz crystal and ratio 84/1 (Sapphire Rapids style): 2.1 GHz. */
	struct tsc_cpuid c = { 0x20, 1, 84, 25000000, 2100 };

	CHECK_U64_EQ(tsc_hz_from_cpuid(&c), 2100000000ULL);
	c.l15_eax = 2;
	c.l15_ebx = 176;
	CHECK_U64_EQ(tsc_hz_from_cpuid(&c), 2200000000ULL);
}

TEST(tsc_hz_crystal_from_leaf_16)
{
	/* Skylake client: ECX = 0, ratio 200/2, base 2600 MHz. */
	struct tsc_cpuid c = { 0x16, 2, 200, 0, 2600 };

	CHECK_U64_EQ(tsc_hz_from_cpuid(&c), 2600000000ULL);
	c.max_leaf = 0x15;   /* no leaf 16H: nothing known */
	CHECK_U64_EQ(tsc_hz_from_cpuid(&c), 0);
}

TEST(tsc_hz_unknown)
{
	struct tsc_cpuid none = { 0xd, 0, 0, 0, 0 };
	struct tsc_cpuid no_ratio = { 0x16, 1, 0, 25000000, 2100 };
	struct tsc_cpuid no_denominator = { 0x16, 0, 84, 25000000, 2100 };

	CHECK_U64_EQ(tsc_hz_from_cpuid(&none), 0);
	CHECK_U64_EQ(tsc_hz_from_cpuid(&no_ratio), 0);
	CHECK_U64_EQ(tsc_hz_from_cpuid(&no_denominator), 0);
}
