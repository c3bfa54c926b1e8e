/* SPDX-License-Identifier: MIT */
#include "boot/console.h"

#include <stdarg.h>

#include "lib/fmt.h"

#define CON_LINE_MAX  512
#define CON_LOG_SIZE  (64 * 1024)

/* The console subsystem's one context. */
static struct {
	EFI_SYSTEM_TABLE *st;
	EFI_SERIAL_IO_PROTOCOL *serial;   /* non-NULL: write the UART directly */
	int serial_in_conout;
	enum con_level level;
	size_t log_len;
	char log[CON_LOG_SIZE];           /* first 64 KiB of output, for the record */
} con;

static EFI_GUID global_var_guid = EFI_GLOBAL_VARIABLE;
static EFI_GUID serial_io_guid = EFI_SERIAL_IO_PROTOCOL_GUID;

/* Does any instance of the ConOut device path end in a UART node? */
static int conout_has_uart(void)
{
	UINT8 buf[1024];
	UINTN size = sizeof(buf);
	CHAR16 name[] = { 'C', 'o', 'n', 'O', 'u', 't', 0 };

	if (con.st->RuntimeServices->GetVariable(name, &global_var_guid, NULL,
						  &size, buf) != EFI_SUCCESS)
		return 0;
	for (UINTN off = 0; off + 4 <= size;) {
		EFI_DEVICE_PATH_PROTOCOL *n = (EFI_DEVICE_PATH_PROTOCOL *)(buf + off);
		UINTN len = DevicePathNodeLength(n);

		if (n->Type == MESSAGING_DEVICE_PATH && n->SubType == MSG_UART_DP)
			return 1;
		if (len < 4)
			break;
		off += len;
	}
	return 0;
}

void con_init(EFI_SYSTEM_TABLE *st)
{
	con.st = st;
	con.level = CON_INFO;
	con.serial_in_conout = conout_has_uart();
	con_configure(CON_SERIAL_AUTO, CON_INFO);
}

void con_configure(enum con_serial_mode mode, enum con_level level)
{
	con.level = level;
	con.serial = NULL;
	if (mode == CON_SERIAL_OFF || (mode == CON_SERIAL_AUTO && con.serial_in_conout))
		return;
	if (con.st->BootServices->LocateProtocol(&serial_io_guid, NULL,
						 (VOID **)&con.serial) != EFI_SUCCESS)
		con.serial = NULL;
}

static void out_conout(const char *s, size_t n)
{
	CHAR16 wbuf[CON_LINE_MAX * 2 + 1];
	size_t w = 0;

	if (!con.st->ConOut)
		return;
	for (size_t i = 0; i < n && w + 2 < sizeof(wbuf) / sizeof(wbuf[0]); i++) {
		if (s[i] == '\n')
			wbuf[w++] = '\r';
		wbuf[w++] = (CHAR16)(unsigned char)s[i];
	}
	wbuf[w] = 0;
	con.st->ConOut->OutputString(con.st->ConOut, wbuf);
}

static void out_serial(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		UINTN one = 1;

		if (s[i] == '\n') {
			char cr = '\r';
			con.serial->Write(con.serial, &one, &cr);
			one = 1;
		}
		con.serial->Write(con.serial, &one, (VOID *)&s[i]);
	}
}

static void out_log(const char *s, size_t n)
{
	size_t room = CON_LOG_SIZE - con.log_len;

	if (n > room)
		n = room;
	for (size_t i = 0; i < n; i++)
		con.log[con.log_len++] = s[i];
}

static void con_vemit(const char *fmt, va_list ap)
{
	char line[CON_LINE_MAX];
	int n = fmt_vsnprintf(line, sizeof(line), fmt, ap);
	size_t len = n < 0 ? 0 : (size_t)n;

	if (len >= sizeof(line))
		len = sizeof(line) - 1;
	out_conout(line, len);
	if (con.serial)
		out_serial(line, len);
	out_log(line, len);
}

void con_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	con_vemit(fmt, ap);
	va_end(ap);
}

void con_log(enum con_level level, const char *fmt, ...)
{
	static const char *const prefix[] = { "error: ", "warning: ", "", "debug: " };
	va_list ap;

	if (level > con.level)
		return;
	con_printf("%s", prefix[level]);
	va_start(ap, fmt);
	con_vemit(fmt, ap);
	va_end(ap);
}
