/* SPDX-License-Identifier: MIT */
#include "core/status.h"

#include <stdarg.h>

#include "lib/fmt.h"

static const char *const status_names[TB_STATUS_COUNT] = {
	[TB_OK] = "TB_OK",
	[TB_EINVAL] = "TB_EINVAL",
	[TB_ENOMEM] = "TB_ENOMEM",
	[TB_ENOSPC] = "TB_ENOSPC",
	[TB_ERANGE] = "TB_ERANGE",
	[TB_ENOTFOUND] = "TB_ENOTFOUND",
	[TB_EUNSUPPORTED] = "TB_EUNSUPPORTED",
	[TB_EIO] = "TB_EIO",
	[TB_ESEAM] = "TB_ESEAM",
	[TB_ETIMEOUT] = "TB_ETIMEOUT",
	[TB_EBUSY] = "TB_EBUSY",
	[TB_EABORTED] = "TB_EABORTED",
};

const char *tb_status_name(tb_status st)
{
	if ((unsigned)st < TB_STATUS_COUNT && status_names[st])
		return status_names[st];
	return "TB_E(unknown)";
}

void tb_err_clear(struct tb_err *err)
{
	if (err)
		err->msg[0] = '\0';
}

int tb_err_is_set(const struct tb_err *err)
{
	return err && err->msg[0] != '\0';
}

void tb_err_set(struct tb_err *err, const char *fmt, ...)
{
	va_list ap;

	if (!err || err->msg[0])
		return;
	va_start(ap, fmt);
	fmt_vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
}
