/* SPDX-License-Identifier: MIT */
#include "boot/timer.h"

#include "arch/x86/cpu.h"
#include "core/tsc.h"

#define CALIBRATE_US 20000

/* CPUID 15H/16H (core/tsc.h); 0 when the CPU does not report it. */
static uint64_t timer_hz_cpuid(void)
{
	struct tsc_cpuid c = { cpu_cpuid(0, 0).eax, 0, 0, 0, 0 };
	struct cpuid_regs r;

	if (c.max_leaf >= 0x15) {
		r = cpu_cpuid(0x15, 0);
		c.l15_eax = r.eax;
		c.l15_ebx = r.ebx;
		c.l15_ecx = r.ecx;
	}
	if (c.max_leaf >= 0x16)
		c.l16_eax = cpu_cpuid(0x16, 0).eax;
	return tsc_hz_from_cpuid(&c);
}

/*
 * The TSC frequency from CPUID where the CPU reports it (no stall); else
 * measured against BS->Stall over 20 ms.
 */
void timer_init(EFI_SYSTEM_TABLE *st, struct timer_ctx *t)
{
	t->t0 = cpu_rdtsc();
	t->tsc_hz = timer_hz_cpuid();
	t->from_cpuid = t->tsc_hz != 0;
	if (t->from_cpuid)
		return;
	uint64_t a = cpu_rdtsc();
	st->BootServices->Stall(CALIBRATE_US);
	uint64_t b = cpu_rdtsc();
	t->tsc_hz = (b - a) * (1000000 / CALIBRATE_US);
	if (t->tsc_hz == 0)
		t->tsc_hz = 1;
}

uint64_t timer_us(const struct timer_ctx *t, uint64_t from, uint64_t to)
{
	uint64_t d = to - from;

	/* Split to avoid overflow of d * 1e6 for long intervals. */
	return d / t->tsc_hz * 1000000 + d % t->tsc_hz * 1000000 / t->tsc_hz;
}

uint64_t timer_us_since_start(const struct timer_ctx *t)
{
	return timer_us(t, t->t0, cpu_rdtsc());
}
