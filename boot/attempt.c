/* SPDX-License-Identifier: MIT */
#include "boot/attempt.h"

#include "boot/console.h"
#include "boot/efi_util.h"
#include "core/watchdog.h"
#include "lib/fmt.h"
#include "lib/mem.h"
#include "lib/tdxboot_handoff.h"
#include "lib/version.h"

static EFI_GUID attempt_guid = TDXBOOT_VARS_GUID_INIT;

/* Non-volatile: the point is to survive the reset (UEFI 2.10 §8.2). */
#define ATTEMPT_ATTRS (EFI_VARIABLE_NON_VOLATILE | EFI_VARIABLE_BOOTSERVICE_ACCESS | \
		       EFI_VARIABLE_RUNTIME_ACCESS)
#define ATTEMPT_TEXT_MAX 96
#define ATTEMPT_IN_PROGRESS "in progress"
#define ATTEMPT_UNFINISHED "did not finish"
/* Watchdog codes up to 0xFFFF belong to the firmware (UEFI 2.10 §7.5);
 * chainload.c uses 0x10000 for the next image. */
#define ATTEMPT_WATCHDOG_CODE 0x10001

static CHAR16 attempt_name[] = L"TdxbootAttempt";

/* UTF-16 text with its NUL, as the other variables (boot/efivars.h). */
static EFI_STATUS attempt_write(EFI_SYSTEM_TABLE *st, const char *text)
{
	CHAR16 w[ATTEMPT_TEXT_MAX];
	size_t n = 0;

	for (; text[n] && n + 1 < ATTEMPT_TEXT_MAX; n++)
		w[n] = (CHAR16)(unsigned char)text[n];
	w[n] = 0;
	return st->RuntimeServices->SetVariable(attempt_name, &attempt_guid, ATTEMPT_ATTRS,
						(n + 1) * sizeof(CHAR16), w);
}

static void attempt_read(EFI_SYSTEM_TABLE *st, char *out, size_t cap, bool *found)
{
	CHAR16 w[ATTEMPT_TEXT_MAX];
	UINTN size = sizeof(w);
	UINT32 attrs = 0;
	EFI_STATUS s = st->RuntimeServices->GetVariable(attempt_name, &attempt_guid, &attrs,
							&size, w);
	size_t n = 0;

	*found = s == EFI_SUCCESS || s == EFI_BUFFER_TOO_SMALL;
	if (s == EFI_SUCCESS)
		for (; n < size / sizeof(CHAR16) && w[n] && n + 1 < cap; n++)
			out[n] = w[n] < 0x80 ? (char)w[n] : '?';
	out[n] = '\0';
}

bool attempt_unfinished(EFI_SYSTEM_TABLE *st, char *why, size_t cap)
{
	char text[ATTEMPT_TEXT_MAX];
	bool found;

	attempt_read(st, text, sizeof(text), &found);
	if (!found)
		return false;
	if (memcmp(text, ATTEMPT_IN_PROGRESS, sizeof(ATTEMPT_IN_PROGRESS) - 1) == 0) {
		fmt_snprintf(why, cap, "the previous TDX attempt did not finish (the machine was reset during it, e.g. by the watchdog)");
		/* From here on the variable says what happened, not what runs. */
		if (attempt_write(st, ATTEMPT_UNFINISHED) != EFI_SUCCESS)
			con_log(CON_WARN, "tdx: cannot rewrite EFI variable %s\n", ATTEMPT_VAR_NAME);
	} else {
		fmt_snprintf(why, cap, "an earlier TDX attempt did not finish");
	}
	fmt_append(why, cap, "; TDX is skipped until EFI variable %s-%s is deleted",
		   ATTEMPT_VAR_NAME, TDXBOOT_VARS_GUID_STR);
	return true;
}

static uint64_t attempt_ram_bytes(const struct boot_memmap *mm)
{
	uint64_t bytes = 0;

	for (size_t i = 0; i < mm->n; i++)
		if (memmap_is_os_ram(mm->desc[i].type, mm->desc[i].attr))
			bytes += mm->desc[i].pages << 12;
	return bytes;
}

static void attempt_arm(struct attempt *a, const struct tb_config *cfg, bool emulated,
			uint32_t n_cpus, const struct boot_memmap *mm)
{
	struct watchdog_work w = { n_cpus, attempt_ram_bytes(mm), cfg->ap_timeout_ms };
	struct watchdog_budget b;
	EFI_STATUS s;

	if (cfg->watchdog == CONFIG_WATCHDOG_OFF ||
	    (cfg->watchdog == CONFIG_WATCHDOG_AUTO && emulated)) {
		con_printf("tdx: watchdog off (%s)\n", cfg->watchdog == CONFIG_WATCHDOG_OFF ?
			   "watchdog = off" : "emulated backend; watchdog = SECONDS arms it");
		return;
	}
	watchdog_budget_compute(&w, &b);
	a->seconds = cfg->watchdog == CONFIG_WATCHDOG_SECONDS ? cfg->watchdog_s : b.seconds;
	s = a->st->BootServices->SetWatchdogTimer(a->seconds, ATTEMPT_WATCHDOG_CODE, 0, NULL);
	if (s != EFI_SUCCESS) {
		con_log(CON_WARN, "tdx: the firmware refused the watchdog (%s); a hang will not reset the machine\n",
			efi_status_name(s));
		return;
	}
	a->watchdog = true;
	if (cfg->watchdog == CONFIG_WATCHDOG_SECONDS)
		con_printf("tdx: watchdog armed for %u s (watchdog = %u)\n", a->seconds, a->seconds);
	else
		con_printf("tdx: watchdog armed for %u s (%u CPUs, %llu MB of RAM: %llu TDMR.INIT calls, AP timeout %u ms)\n",
			   a->seconds, n_cpus, (unsigned long long)(w.ram_bytes >> 20),
			   (unsigned long long)b.tdmr_init_calls, cfg->ap_timeout_ms);
}

tb_status attempt_begin(struct attempt *a, EFI_SYSTEM_TABLE *st, const struct tb_config *cfg,
			bool emulated, uint32_t n_cpus, const struct boot_memmap *mm,
			struct tb_err *err)
{
	char text[ATTEMPT_TEXT_MAX];
	EFI_STATUS s;

	memset(a, 0, sizeof(*a));
	a->st = st;
	fmt_snprintf(text, sizeof(text), "%s: tdxboot %s", ATTEMPT_IN_PROGRESS, tdxboot_version);
	s = attempt_write(st, text);
	if (s != EFI_SUCCESS) {
		tb_err_set(err, "cannot record the attempt in EFI variable %s (%s), so a hang could not be told apart after a reset",
			   ATTEMPT_VAR_NAME, efi_status_name(s));
		return TB_EIO;
	}
	a->marked = true;
	attempt_arm(a, cfg, emulated, n_cpus, mm);
	return TB_OK;
}

void attempt_end(struct attempt *a)
{
	EFI_STATUS s;

	if (a->watchdog)
		a->st->BootServices->SetWatchdogTimer(0, ATTEMPT_WATCHDOG_CODE, 0, NULL);
	a->watchdog = false;
	if (!a->marked)
		return;
	a->marked = false;
	s = a->st->RuntimeServices->SetVariable(attempt_name, &attempt_guid, ATTEMPT_ATTRS, 0,
						NULL);
	if (s != EFI_SUCCESS && s != EFI_NOT_FOUND)
		con_log(CON_ERROR, "tdx: cannot delete EFI variable %s (%s): the next boot will skip TDX\n",
			ATTEMPT_VAR_NAME, efi_status_name(s));
}
