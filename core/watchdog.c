/* SPDX-License-Identifier: MIT */
#include "core/watchdog.h"

/* P-SEAMLDR's install, SYS.INIT, SYS.RD, the plan, CONFIG: BSP work. */
#define WATCHDOG_FIXED_S 60u
/* Per CPU: P-SEAMLDR.INSTALL (serial, one CPU at a time), LP.INIT,
 * KEY.CONFIG, WBINVD, the VMXON/VMXOFF pairs. */
#define WATCHDOG_PER_CPU_MS 100u
/* Dispatches that may each wait ap_timeout_ms for a lost AP before they
 * report it: every step's and the rollback's (core/init.c). */
#define WATCHDOG_DISPATCHES 16u
/* One TDH.SYS.TDMR.INIT initializes 1024 PAMT_4K entries, 4 MB of TDMR
 * (docs/reference/tdx-abi.md §5); charged 1 ms each as if serial, with no
 * credit for the parallel run, so a machine with few CPUs is covered. */
#define WATCHDOG_TDMR_CALL_US 1000u
#define WATCHDOG_TDMR_CALL_BYTES (4ull << 20)
#define WATCHDOG_GB (1ull << 30)
/* The most one SetWatchdogTimer call is asked for: a day. */
#define WATCHDOG_MAX_S 86400u

void watchdog_budget_compute(const struct watchdog_work *w, struct watchdog_budget *out)
{
	/* TDMRs are 1 GB aligned: the covered memory rounds up to whole GB. */
	uint64_t covered = (w->ram_bytes + WATCHDOG_GB - 1) / WATCHDOG_GB * WATCHDOG_GB;
	uint64_t ms;

	out->tdmr_init_calls = covered / WATCHDOG_TDMR_CALL_BYTES;
	ms = (uint64_t)WATCHDOG_FIXED_S * 1000 + (uint64_t)w->n_cpus * WATCHDOG_PER_CPU_MS +
	     (uint64_t)WATCHDOG_DISPATCHES * w->ap_timeout_ms +
	     out->tdmr_init_calls * WATCHDOG_TDMR_CALL_US / 1000;
	ms = (ms + 999) / 1000;
	out->seconds = ms > WATCHDOG_MAX_S ? WATCHDOG_MAX_S : (uint32_t)ms;
}
