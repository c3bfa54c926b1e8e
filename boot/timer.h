/* SPDX-License-Identifier: MIT */
/*
 * Wall time from the TSC, whose frequency comes from CPUID 15H/16H where the
 * CPU reports it, else from one calibration against BS->Stall.  Used for the
 * phase timings operators see and the handoff records.  The TSC is
 * invariant on every TDX-capable CPU (TDX requires it), so one calibration
 * serves the whole boot.
 */
#ifndef TDXBOOT_BOOT_TIMER_H
#define TDXBOOT_BOOT_TIMER_H

#include <efi.h>
#include <stdint.h>

struct timer_ctx {
	uint64_t tsc_hz;
	uint64_t t0;         /* TSC when tdxboot started */
	int from_cpuid;      /* tsc_hz reported by CPUID, not measured */
};

void timer_init(EFI_SYSTEM_TABLE *st, struct timer_ctx *t);
/* Microseconds since timer_init, or between two TSC values. */
uint64_t timer_us_since_start(const struct timer_ctx *t);
uint64_t timer_us(const struct timer_ctx *t, uint64_t tsc_from, uint64_t tsc_to);

#endif
