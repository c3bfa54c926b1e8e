/* SPDX-License-Identifier: MIT */
/*
 * tdxboot.conf and the boot entry's load options.
 *
 * The file sits next to the binary (\EFI\tdxboot\tdxboot.conf, or
 * \EFI\BOOT\tdxboot.conf on removable media) and holds `key = value` lines;
 * '#' starts a comment.  The boot entry's load options carry the same keys
 * as space-separated `key=value` words (double quotes keep spaces in a
 * value) and override the file, so an operator can change one boot entry
 * without touching the ESP.
 *
 * A bad line is reported with its origin and line number (and the column
 * of an unterminated quote) and skipped; the other lines still apply,
 * because a typo in the config must not leave the machine unbootable.
 * Every error reaches the caller's report function, in order: none is
 * dropped.  A UTF-8 byte-order mark at the start of the file is skipped,
 * and '#' inside double quotes is data.
 *
 * The parser is built into the EFI application and into the host tool
 * tdxboot-config, so both say the same thing about the same file.
 */
#ifndef TDXBOOT_CORE_CONFIG_H
#define TDXBOOT_CORE_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

enum config_serial { CONFIG_SERIAL_AUTO = 0, CONFIG_SERIAL_ON, CONFIG_SERIAL_OFF };
enum config_log { CONFIG_LOG_ERROR = 0, CONFIG_LOG_WARN, CONFIG_LOG_INFO, CONFIG_LOG_DEBUG };
enum config_backend { CONFIG_BACKEND_AUTO = 0, CONFIG_BACKEND_REAL, CONFIG_BACKEND_EMULATE };
enum config_on_error { CONFIG_ON_ERROR_BOOT = 0, CONFIG_ON_ERROR_HALT };
enum config_dpamt { CONFIG_DPAMT_AUTO = 0, CONFIG_DPAMT_OFF };
enum config_noncmr { CONFIG_NONCMR_FAIL = 0, CONFIG_NONCMR_EXCLUDE };
enum config_bool { CONFIG_NO = 0, CONFIG_YES };
/* What starts when `kernel` is not set (boot/bootentry.h). */
enum config_next { CONFIG_NEXT_AUTO = 0, CONFIG_NEXT_ENTRY, CONFIG_NEXT_POWEROFF };

/* `kernel = bls`: a Boot Loader Specification entry (core/bls.h). */
#define CONFIG_KERNEL_BLS "bls"
/* IA32_TSC_ADJUST at preflight: 0 on every CPU, or any one shared value. */
enum config_tsc_adjust { CONFIG_TSC_ADJUST_ZERO = 0, CONFIG_TSC_ADJUST_ANY };
/* The firmware watchdog during the TDX run (boot/watchdog.h): armed with a
 * computed budget for the real backend, off, or a fixed number of seconds. */
enum config_watchdog { CONFIG_WATCHDOG_AUTO = 0, CONFIG_WATCHDOG_OFF, CONFIG_WATCHDOG_SECONDS };
#define CONFIG_WATCHDOG_MIN_S 10
#define CONFIG_WATCHDOG_MAX_S 86400

#define CONFIG_PATH_MAX     256
#define CONFIG_OPTIONS_MAX  1024
#define CONFIG_INITRD_MAX   8
#define CONFIG_FAULT_MAX    256

struct tb_config {
	uint32_t serial;         /* enum config_serial */
	uint32_t log_level;      /* enum config_log */
	uint32_t ap_timeout_ms;  /* how long an AP may take before it is reported */
	uint32_t backend;        /* enum config_backend: SEAMCALL or the emulator */
	uint32_t on_error;       /* enum config_on_error */
	uint32_t dpamt;          /* enum config_dpamt */
	uint32_t parallel;       /* enum config_bool: TDMR.INIT on all CPUs at once */
	uint32_t noncmr;         /* enum config_noncmr */
	uint32_t coalesce;       /* enum config_bool */
	uint32_t tsc_adjust;     /* enum config_tsc_adjust */
	uint32_t seamcall_selftest; /* enum config_bool: SEAMCALL outside VMX on every CPU */
	uint32_t watchdog;       /* enum config_watchdog */
	uint32_t watchdog_s;     /* CONFIG_WATCHDOG_SECONDS: the budget in seconds */
	char module[CONFIG_PATH_MAX];      /* TDX-BLOB to load; "" = use the BIOS's */
	char kernel[CONFIG_PATH_MAX];      /* next image; "" = none */
	char options[CONFIG_OPTIONS_MAX];  /* kernel command line */
	uint32_t n_initrd;
	char initrd[CONFIG_INITRD_MAX][CONFIG_PATH_MAX]; /* repeatable key */
	char emu_fault[CONFIG_FAULT_MAX];  /* emulator fault injection spec */
	uint32_t next;           /* enum config_next */
	uint32_t next_entry;     /* CONFIG_NEXT_ENTRY: the #### of Boot#### */
	char bls[CONFIG_PATH_MAX];         /* "default" or a glob over entry ids */
};

/* Called with every error, in order ("tdxboot.conf line 3: ..."). */
typedef void (*config_report_fn)(void *ctx, const char *msg);

struct config_errors {
	unsigned count;
	/*
	 * A line that chooses the next image (kernel, next, bls, or an unknown
	 * key one edit away from one of them) was rejected: tdxboot must not
	 * guess, and returns to the firmware's boot manager instead.
	 */
	unsigned next_rejected;
	config_report_fn report;  /* may be NULL: errors are only counted */
	void *ctx;
};

void config_defaults(struct tb_config *cfg);

/* origin names the source in messages, e.g. "tdxboot.conf". */
tb_status config_parse_file(struct tb_config *cfg, const char *text, size_t len,
			    const char *origin, struct config_errors *errs);

tb_status config_parse_options(struct tb_config *cfg, const char *text,
			       size_t len, struct config_errors *errs);

/*
 * The key table, the single source of truth for `tdxboot-config keys` and
 * the manual page's check: key i's name, and its values in words
 * ("auto|on|off", "10..600000", "path", "text", ...).  NULL past the end.
 */
const char *config_key_name(unsigned i);
const char *config_key_values(unsigned i, char *buf, size_t size);

#endif
