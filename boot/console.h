/* SPDX-License-Identifier: MIT */
/*
 * Operator output: every line goes to ConOut and to the serial port, and is
 * kept in a memory log that later steps can publish.
 *
 * OVMF and most server firmware already mirror ConOut to the serial
 * console; writing to the UART as well would double every line there.  So
 * with serial=auto (the default) tdxboot writes to EFI_SERIAL_IO_PROTOCOL
 * directly only when the ConOut device path has no UART node.
 */
#ifndef TDXBOOT_BOOT_CONSOLE_H
#define TDXBOOT_BOOT_CONSOLE_H

#include <efi.h>

enum con_serial_mode { CON_SERIAL_AUTO = 0, CON_SERIAL_ON, CON_SERIAL_OFF };
enum con_level { CON_ERROR = 0, CON_WARN, CON_INFO, CON_DEBUG };

void con_init(EFI_SYSTEM_TABLE *st);
/* Applies the configured serial mode and log level (after config is read). */
void con_configure(enum con_serial_mode serial, enum con_level level);

void con_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void con_log(enum con_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
