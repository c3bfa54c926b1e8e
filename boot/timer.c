/* SPDX-License-Identifier: MIT */
#include "boot/timer.h"

#include "arch/x86/cpu.h"

#define CALIBRATE_US 20000

void timer_init(EFI_SYSTEM_TABLE *st, struct timer_ctx *t)
{
	t->t0 = cpu_rdtsc();
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
