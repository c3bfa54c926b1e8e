/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "core/config.h"
#include "tests/unit/test.h"

static tb_status parse(struct tb_config *c, struct config_errors *e, const char *text)
{
	config_defaults(c);
	memset(e, 0, sizeof(*e));
	return config_parse_file(c, text, strlen(text), "tdxboot.conf", e);
}

TEST(config_defaults_without_file)
{
	struct tb_config c;
	struct config_errors e;

	CHECK_INT_EQ(parse(&c, &e, ""), TB_OK);
	CHECK_INT_EQ(c.serial, CONFIG_SERIAL_AUTO);
	CHECK_INT_EQ(c.log_level, CONFIG_LOG_INFO);
	CHECK_INT_EQ(c.ap_timeout_ms, 5000);
}

TEST(config_keys_comments_whitespace_quotes)
{
	struct tb_config c;
	struct config_errors e;

	CHECK_INT_EQ(parse(&c, &e, "# tdxboot\r\n  serial =  off  # no UART\n\nlog=\"debug\"\r\nap_timeout_ms = 250\n"), TB_OK);
	CHECK_INT_EQ(e.count, 0);
	CHECK_INT_EQ(c.serial, CONFIG_SERIAL_OFF);
	CHECK_INT_EQ(c.log_level, CONFIG_LOG_DEBUG);
	CHECK_INT_EQ(c.ap_timeout_ms, 250);
}

TEST(config_errors_name_the_line_and_keep_other_keys)
{
	struct tb_config c;
	struct config_errors e;

	CHECK_INT_EQ(parse(&c, &e, "log = debug\nfoo = 1\nserial = maybe\nap_timeout_ms = 9999999\njunk\nserial=on\n"), TB_EINVAL);
	CHECK_INT_EQ(e.count, 4);
	CHECK_STR_EQ(e.err[0].msg, "tdxboot.conf line 2: unknown key 'foo'");
	CHECK_STR_EQ(e.err[1].msg, "tdxboot.conf line 3: serial: 'maybe' is not one of auto|on|off");
	CHECK_STR_EQ(e.err[2].msg, "tdxboot.conf line 4: ap_timeout_ms: '9999999' is not a number from 10 to 600000");
	CHECK_STR_EQ(e.err[3].msg, "tdxboot.conf line 5: expected 'key = value', found 'junk'");
	CHECK_INT_EQ(c.log_level, CONFIG_LOG_DEBUG);
	CHECK_INT_EQ(c.serial, CONFIG_SERIAL_ON);
}

TEST(config_nul_byte_is_reported)
{
	struct tb_config c;
	struct config_errors e;
	const char text[] = "log=info\n\0binary\n";

	config_defaults(&c);
	memset(&e, 0, sizeof(e));
	CHECK_INT_EQ(config_parse_file(&c, text, sizeof(text) - 1, "tdxboot.conf", &e), TB_EINVAL);
	CHECK_STR_CONTAINS(e.err[0].msg, "line 2: contains a NUL byte");
}

TEST(config_load_options_override_and_skip_image_path)
{
	struct tb_config c;
	struct config_errors e;
	const char *opts = "\\EFI\\tdxboot\\tdxboot.efi serial=on  log=\"warn\" bogus";

	config_defaults(&c);
	memset(&e, 0, sizeof(e));
	CHECK_INT_EQ(config_parse_options(&c, opts, strlen(opts), &e), TB_EINVAL);
	CHECK_INT_EQ(c.serial, CONFIG_SERIAL_ON);
	CHECK_INT_EQ(c.log_level, CONFIG_LOG_WARN);
	CHECK_INT_EQ(e.count, 1);
	CHECK_STR_EQ(e.err[0].msg, "load options word 4: expected 'key = value', found 'bogus'");
}

TEST(config_string_and_list_keys)
{
	struct tb_config c;
	struct config_errors e;

	CHECK_INT_EQ(parse(&c, &e,
		"kernel = \\vmlinuz\n"
		"options = console=ttyS0 root=/dev/sda1 quiet\n"
		"initrd = \\initrd.img\n"
		"initrd = \\microcode.img\n"
		"module = \\EFI\\tdxboot\\TDX-BLOB.bin\n"
		"backend = emulate\non_error = halt\ndpamt = off\nparallel = no\n"
		"noncmr = exclude\ncoalesce = yes\nemu_fault = key_config:0x8000080000000000:2\n"), TB_OK);
	CHECK_INT_EQ(e.count, 0);
	CHECK_STR_EQ(c.kernel, "\\vmlinuz");
	CHECK_STR_EQ(c.options, "console=ttyS0 root=/dev/sda1 quiet");
	CHECK_INT_EQ(c.n_initrd, 2);
	CHECK_STR_EQ(c.initrd[1], "\\microcode.img");
	CHECK_STR_EQ(c.module, "\\EFI\\tdxboot\\TDX-BLOB.bin");
	CHECK_INT_EQ(c.backend, CONFIG_BACKEND_EMULATE);
	CHECK_INT_EQ(c.on_error, CONFIG_ON_ERROR_HALT);
	CHECK_INT_EQ(c.dpamt, CONFIG_DPAMT_OFF);
	CHECK_INT_EQ(c.parallel, CONFIG_NO);
	CHECK_INT_EQ(c.noncmr, CONFIG_NONCMR_EXCLUDE);
	CHECK_INT_EQ(c.coalesce, CONFIG_YES);
	CHECK_STR_EQ(c.emu_fault, "key_config:0x8000080000000000:2");
}

TEST(config_string_limits)
{
	struct tb_config c;
	struct config_errors e;
	char text[2 * CONFIG_PATH_MAX];
	size_t n = 0;

	n += (size_t)snprintf(text, sizeof(text), "kernel = ");
	while (n < CONFIG_PATH_MAX + 20)
		text[n++] = 'x';
	text[n] = '\0';
	CHECK_INT_EQ(parse(&c, &e, text), TB_EINVAL);
	CHECK_STR_CONTAINS(e.err[0].msg, "kernel: value is 267 characters, the limit is 255");
	CHECK_STR_EQ(c.kernel, "");

	CHECK_INT_EQ(parse(&c, &e, "initrd=a\ninitrd=b\ninitrd=c\ninitrd=d\ninitrd=e\ninitrd=f\ninitrd=g\ninitrd=h\ninitrd=i\n"), TB_EINVAL);
	CHECK_INT_EQ(c.n_initrd, 8);
	CHECK_STR_EQ(e.err[0].msg, "tdxboot.conf line 9: initrd: more than 8 initrds");
}

TEST(config_options_quoted_value_keeps_spaces)
{
	struct tb_config c;
	struct config_errors e;
	const char *opts = "kernel=\\vmlinuz options=\"console=ttyS0 quiet\" initrd=\\a.img";

	config_defaults(&c);
	memset(&e, 0, sizeof(e));
	CHECK_INT_EQ(config_parse_options(&c, opts, strlen(opts), &e), TB_OK);
	CHECK_STR_EQ(c.options, "console=ttyS0 quiet");
	CHECK_STR_EQ(c.kernel, "\\vmlinuz");
	CHECK_INT_EQ(c.n_initrd, 1);
}
