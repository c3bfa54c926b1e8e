/* SPDX-License-Identifier: MIT */
/*
 * tb_status: the result of every tdxboot function that can fail.
 *
 * Errors are values.  A function that fails returns one of these and, where
 * an operator needs to know what and where, also fills a struct tb_err with a
 * sentence naming the input that was wrong.  SEAMCALL completion statuses are
 * 64-bit values of their own, named by core/seam_name.h; a failed
 * SEAMCALL surfaces here as TB_ESEAM with the raw status kept by the caller.
 */
#ifndef TDXBOOT_CORE_STATUS_H
#define TDXBOOT_CORE_STATUS_H

#include <stddef.h>

typedef enum tb_status {
	TB_OK = 0,
	TB_EINVAL,       /* malformed input: config, table, file, argument */
	TB_ENOMEM,       /* out of memory or out of a fixed-size table */
	TB_ENOSPC,       /* a hardware/module limit would be exceeded */
	TB_ERANGE,       /* a value or address outside what is allowed */
	TB_ENOTFOUND,    /* a required table, protocol, file or CPU is absent */
	TB_EUNSUPPORTED, /* the platform cannot do what was asked */
	TB_EIO,          /* firmware or device reported failure */
	TB_ESEAM,        /* a SEAMCALL failed; see the recorded SEAMCALL status */
	TB_ETIMEOUT,     /* a CPU or service did not answer in time */
	TB_EBUSY,        /* transient contention; retrying may succeed */
	TB_EABORTED,     /* stopped on purpose (policy, operator, earlier error) */
	TB_STATUS_COUNT
} tb_status;

/* "TB_EINVAL" etc.; never NULL. */
const char *tb_status_name(tb_status st);

/*
 * An operator-facing error message.  Producers write one sentence that names
 * what was wrong and where ("config line 7: unknown key 'foo'"); consumers
 * print it verbatim.  The first error wins: later tb_err_set calls on an
 * already-set error are ignored so the root cause is what gets reported.
 */
struct tb_err {
	char msg[256];
};

void tb_err_clear(struct tb_err *err);
void tb_err_set(struct tb_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int tb_err_is_set(const struct tb_err *err);

#endif
