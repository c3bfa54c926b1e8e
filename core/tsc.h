/* SPDX-License-Identifier: MIT */
/*
 * The TSC frequency as the CPU reports it, so no calibration stall is
 * needed (boot/timer.c).  Intel SDM Vol. 2A, CPUID leaf 15H: TSC Hz =
 * ECX (core crystal clock Hz) * EBX / EAX; EBX = 0 means the ratio is not
 * enumerated, ECX = 0 that the crystal is not.  Then, as Linux does
 * (arch/x86/kernel/tsc.c, native_calibrate_tsc), the crystal follows from
 * leaf 16H EAX, the processor base frequency in MHz, which is the TSC
 * frequency: crystal = base * EAX / EBX.
 */
#ifndef TDXBOOT_CORE_TSC_H
#define TDXBOOT_CORE_TSC_H

#include <stdint.h>

struct tsc_cpuid {
	uint32_t max_leaf;                 /* CPUID.0:EAX */
	uint32_t l15_eax, l15_ebx, l15_ecx;
	uint32_t l16_eax;
};

/* The TSC frequency in Hz, or 0 when the CPU does not tell. */
uint64_t tsc_hz_from_cpuid(const struct tsc_cpuid *c);

#endif
