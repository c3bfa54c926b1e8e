/* SPDX-License-Identifier: MIT */
/*
 * The guard around a TDX attempt, so that a hang ends in a reset and the
 * reset does not end in the same hang (docs/initializer.md, "An attempt
 * that never finished"):
 *
 *   - before the first SEAMCALL, the non-volatile variable TdxbootAttempt
 *     (tdxboot's vendor GUID, TDXBOOT_VARS_GUID_STR) says "in progress";
 *     then the firmware watchdog is armed, when the policy says so;
 *   - when the attempt ends (success, rollback or quarantine), the
 *     watchdog is disarmed and the variable deleted;
 *   - a boot that finds the variable skips TDX, says why, and rewrites it
 *     to "did not finish": TDX stays skipped until the operator deletes it.
 *
 * Like systemd-boot's boot counting, the state lives where firmware keeps
 * it across a reset, not in the OS.
 */
#ifndef TDXBOOT_BOOT_ATTEMPT_H
#define TDXBOOT_BOOT_ATTEMPT_H

#include <efi.h>
#include <stdbool.h>
#include <stddef.h>

#include "boot/memmap.h"
#include "core/config.h"
#include "core/status.h"

#define ATTEMPT_VAR_NAME "TdxbootAttempt"

struct attempt {
	EFI_SYSTEM_TABLE *st;
	bool marked;            /* TdxbootAttempt written by this boot */
	bool watchdog;          /* the firmware watchdog is armed */
	uint32_t seconds;       /* its budget */
};

/*
 * True when an earlier attempt never finished: the variable is there.
 * Rewrites it to say so (once) and fills why with the sentence for the
 * console, the handoff and TdxbootStatus.
 */
bool attempt_unfinished(EFI_SYSTEM_TABLE *st, char *why, size_t cap);

/*
 * Marks the attempt, then arms the watchdog as cfg->watchdog says, with a
 * budget from the CPUs, the memory and the AP timeout (core/watchdog.h),
 * printed.  A marker that cannot be written is an error: TDX is then
 * skipped, because a hang could not be told from a first try.
 */
tb_status attempt_begin(struct attempt *a, EFI_SYSTEM_TABLE *st, const struct tb_config *cfg,
			bool emulated, uint32_t n_cpus, const struct boot_memmap *mm,
			struct tb_err *err);

/* Disarms the watchdog and deletes the marker; safe after a failed begin. */
void attempt_end(struct attempt *a);

#endif
