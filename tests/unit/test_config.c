/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "core/config.h"
#include "tests/unit/test.h"

#define SEEN_MAX 16

/* Every message the parser reports, in order (config_errors.report). */
struct seen {
	unsigned n;
	char msg[SEEN_MAX][400];
};

static struct seen seen;

static void collect(void *ctx, const char *msg)
{
	struct seen *s = ctx;

	if (s->n < SEEN_MAX)
		snprintf(s->msg[s->n], sizeof(s->msg[0]), "%s", msg);
	s->n++;
}

static void errs_reset(struct config_errors *e)
{
	memset(&seen, 0, sizeof(seen));
	memset(e, 0, sizeof(*e));
	e->report = collect;
	e->ctx = &seen;
}

static tb_status parse(struct tb_config *c, struct config_errors *e, const char *text)
{
	config_defaults(c);
	errs_reset(e);
	return config_parse_file(c, text, strlen(text), "tdxboot.conf", e);
}

static tb_status parse_options(struct tb_config *c, struct config_errors *e, const char *opts)
{
	config_defaults(c);
	errs_reset(e);
	return config_parse_options(c, opts, strlen(opts), e);
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
	CHECK_STR_EQ(seen.msg[0], "tdxboot.conf line 2: unknown key 'foo'");
	CHECK_STR_EQ(seen.msg[1], "tdxboot.conf line 3: serial: 'maybe' is not one of auto|on|off");
	CHECK_STR_EQ(seen.msg[2], "tdxboot.conf line 4: ap_timeout_ms: '9999999' is not a number from 10 to 600000");
	CHECK_STR_EQ(seen.msg[3], "tdxboot.conf line 5: expected 'key = value', found 'junk'");
	CHECK_INT_EQ(c.log_level, CONFIG_LOG_DEBUG);
	CHECK_INT_EQ(c.serial, CONFIG_SERIAL_ON);
}

TEST(config_nul_byte_is_reported)
{
	struct tb_config c;
	struct config_errors e;
	const char text[] = "log=info\n\0binary\n";

	config_defaults(&c);
	errs_reset(&e);
	CHECK_INT_EQ(config_parse_file(&c, text, sizeof(text) - 1, "tdxboot.conf", &e), TB_EINVAL);
	CHECK_STR_CONTAINS(seen.msg[0], "line 2: contains a NUL byte");
}

TEST(config_load_options_override_and_skip_image_path)
{
	struct tb_config c;
	struct config_errors e;
	const char *opts = "\\EFI\\tdxboot\\tdxboot.efi serial=on  log=\"warn\" bogus";

	CHECK_INT_EQ(parse_options(&c, &e, opts), TB_EINVAL);
	CHECK_INT_EQ(c.serial, CONFIG_SERIAL_ON);
	CHECK_INT_EQ(c.log_level, CONFIG_LOG_WARN);
	CHECK_INT_EQ(e.count, 1);
	CHECK_STR_EQ(seen.msg[0], "load options word 4: expected 'key = value', found 'bogus'");
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
	CHECK_STR_CONTAINS(seen.msg[0], "kernel: value is 267 characters, the limit is 255");
	CHECK_STR_EQ(c.kernel, "");

	CHECK_INT_EQ(parse(&c, &e, "initrd=a\ninitrd=b\ninitrd=c\ninitrd=d\ninitrd=e\ninitrd=f\ninitrd=g\ninitrd=h\ninitrd=i\n"), TB_EINVAL);
	CHECK_INT_EQ(c.n_initrd, 8);
	CHECK_STR_EQ(seen.msg[0], "tdxboot.conf line 9: initrd: more than 8 initrds");
}

TEST(config_options_quoted_value_keeps_spaces)
{
	struct tb_config c;
	struct config_errors e;
	const char *opts = "kernel=\\vmlinuz options=\"console=ttyS0 quiet\" initrd=\\a.img";

	CHECK_INT_EQ(parse_options(&c, &e, opts), TB_OK);
	CHECK_STR_EQ(c.options, "console=ttyS0 quiet");
	CHECK_STR_EQ(c.kernel, "\\vmlinuz");
	CHECK_INT_EQ(c.n_initrd, 1);
}

TEST(config_every_error_is_reported_in_order)
{
	struct tb_config c;
	struct config_errors e;
	char text[512] = "";

	for (int i = 0; i < 10; i++)
		snprintf(text + strlen(text), sizeof(text) - strlen(text), "bogus%d = 1\n", i);
	strcat(text, "log = debug\n");
	CHECK_INT_EQ(parse(&c, &e, text), TB_EINVAL);
	CHECK_INT_EQ(e.count, 10);
	CHECK_INT_EQ(seen.n, 10);
	CHECK_STR_EQ(seen.msg[0], "tdxboot.conf line 1: unknown key 'bogus0'");
	CHECK_STR_EQ(seen.msg[9], "tdxboot.conf line 10: unknown key 'bogus9'");
	CHECK_INT_EQ(c.log_level, CONFIG_LOG_DEBUG);
	CHECK_INT_EQ(e.next_rejected, 0);
}

TEST(config_utf8_bom_is_skipped)
{
	struct tb_config c;
	struct config_errors e;

	CHECK_INT_EQ(parse(&c, &e, "\xef\xbb\xbfkernel = \\vmlinuz\nlog = warn\n"), TB_OK);
	CHECK_STR_EQ(c.kernel, "\\vmlinuz");
	CHECK_INT_EQ(c.log_level, CONFIG_LOG_WARN);
	/* Only at the start: elsewhere the bytes are part of a key. */
	CHECK_INT_EQ(parse(&c, &e, "log = warn\n\xef\xbb\xbfserial = on\n"), TB_EINVAL);
	CHECK_STR_CONTAINS(seen.msg[0], "line 2: unknown key");
}

TEST(config_hash_inside_quotes_is_data)
{
	struct tb_config c;
	struct config_errors e;

	CHECK_INT_EQ(parse(&c, &e, "options = \"console=ttyS0 tag=#7\"  # a comment\n"), TB_OK);
	CHECK_STR_EQ(c.options, "console=ttyS0 tag=#7");
	/* Quotes inside a longer value are the kernel's, kept as written. */
	CHECK_INT_EQ(parse(&c, &e, "options = quiet dyndbg=\"file a#b.c +p\" # note\n"), TB_OK);
	CHECK_STR_EQ(c.options, "quiet dyndbg=\"file a#b.c +p\"");
	/* Unquoted, '#' still starts a comment. */
	CHECK_INT_EQ(parse(&c, &e, "options = quiet # loud\n"), TB_OK);
	CHECK_STR_EQ(c.options, "quiet");
	CHECK_INT_EQ(parse_options(&c, &e, "options=\"root=/dev/sda #1\" log=warn"), TB_OK);
	CHECK_STR_EQ(c.options, "root=/dev/sda #1");
	CHECK_INT_EQ(c.log_level, CONFIG_LOG_WARN);
}

TEST(config_unterminated_quote_names_origin_and_column)
{
	struct tb_config c;
	struct config_errors e;

	CHECK_INT_EQ(parse(&c, &e, "log = warn\noptions = \"quiet\nserial = on\n"), TB_EINVAL);
	CHECK_INT_EQ(e.count, 1);
	CHECK_STR_EQ(seen.msg[0], "tdxboot.conf line 2 column 11: unterminated quote: no "
				   "closing '\"' on this line; the line was ignored");
	CHECK_STR_EQ(c.options, "");
	CHECK_INT_EQ(c.serial, CONFIG_SERIAL_ON);
	CHECK_INT_EQ(e.next_rejected, 0);

	/* In the load options: no stray quote reaches the command line. */
	CHECK_INT_EQ(parse_options(&c, &e, "log=warn options=\"quiet splash"), TB_EINVAL);
	CHECK_STR_EQ(seen.msg[0], "load options word 2 column 18: unterminated quote: no "
				   "closing '\"'; the rest of the load options were ignored");
	CHECK_STR_EQ(c.options, "");
	CHECK_INT_EQ(c.log_level, CONFIG_LOG_WARN);

	/* On the kernel line, the next image is not guessed. */
	CHECK_INT_EQ(parse(&c, &e, "  kernel = \"\\EFI\\debian\\vmlinuz\n"), TB_EINVAL);
	CHECK_STR_CONTAINS(seen.msg[0], "line 1 column 12: unterminated quote");
	CHECK_INT_EQ(e.next_rejected, 1);
}

TEST(config_did_you_mean)
{
	struct tb_config c;
	struct config_errors e;

	CHECK_INT_EQ(parse(&c, &e, "kernal = vmlinuz\nlgo = debug\nbakcend = real\n"
				   "modul = x\nserial = of\nwhatever = 1\n"), TB_EINVAL);
	CHECK_INT_EQ(e.count, 6);
	CHECK_STR_EQ(seen.msg[0], "tdxboot.conf line 1: unknown key 'kernal' (did you mean 'kernel'?)");
	CHECK_STR_EQ(seen.msg[1], "tdxboot.conf line 2: unknown key 'lgo' (did you mean 'log'?)");
	CHECK_STR_EQ(seen.msg[2], "tdxboot.conf line 3: unknown key 'bakcend' (did you mean 'backend'?)");
	CHECK_STR_EQ(seen.msg[3], "tdxboot.conf line 4: unknown key 'modul' (did you mean 'module'?)");
	CHECK_STR_EQ(seen.msg[4], "tdxboot.conf line 5: serial: 'of' is not one of auto|on|off (did you mean 'off'?)");
	CHECK_STR_EQ(seen.msg[5], "tdxboot.conf line 6: unknown key 'whatever'");
	/* The misspelt kernel line chose the next image: nothing is guessed. */
	CHECK_INT_EQ(e.next_rejected, 1);
	CHECK_STR_EQ(c.kernel, "");
}

TEST(config_rejected_next_image_lines)
{
	struct tb_config c;
	struct config_errors e;

	CHECK_INT_EQ(parse(&c, &e, "kernel = \n"), TB_EINVAL);
	CHECK_STR_EQ(seen.msg[0], "tdxboot.conf line 1: kernel: the value is empty (remove the line to mean none)");
	CHECK_INT_EQ(e.next_rejected, 1);
	CHECK_INT_EQ(parse(&c, &e, "kernel \\vmlinuz\n"), TB_EINVAL);
	CHECK_INT_EQ(e.next_rejected, 1);
	CHECK_INT_EQ(parse(&c, &e, "next = Boot12\n"), TB_EINVAL);
	CHECK_STR_CONTAINS(seen.msg[0], "next: 'Boot12' is not auto, poweroff or Boot####");
	CHECK_INT_EQ(e.next_rejected, 1);
	/* Other keys' errors leave the choice alone. */
	CHECK_INT_EQ(parse(&c, &e, "initrd = \noptions = \"x\nlog = loud\n"), TB_EINVAL);
	CHECK_INT_EQ(e.count, 3);
	CHECK_INT_EQ(e.next_rejected, 0);
}

TEST(config_next_and_bls_keys)
{
	struct tb_config c;
	struct config_errors e;

	CHECK_INT_EQ(parse(&c, &e, ""), TB_OK);
	CHECK_INT_EQ(c.next, CONFIG_NEXT_AUTO);
	CHECK_STR_EQ(c.bls, "default");
	CHECK_INT_EQ(parse(&c, &e, "next = Boot000a\n"), TB_OK);
	CHECK_INT_EQ(c.next, CONFIG_NEXT_ENTRY);
	CHECK_INT_EQ(c.next_entry, 0xa);
	CHECK_INT_EQ(parse(&c, &e, "next = poweroff\n"), TB_OK);
	CHECK_INT_EQ(c.next, CONFIG_NEXT_POWEROFF);
	CHECK_INT_EQ(parse_options(&c, &e, "next=BOOT0003 next=auto"), TB_OK);
	CHECK_INT_EQ(c.next, CONFIG_NEXT_AUTO);
	CHECK_INT_EQ(parse(&c, &e, "kernel = bls\nbls = debian-*\n"), TB_OK);
	CHECK_STR_EQ(c.kernel, CONFIG_KERNEL_BLS);
	CHECK_STR_EQ(c.bls, "debian-*");
}

TEST(config_key_table_is_listed)
{
	char buf[128];
	unsigned n = 0;

	while (config_key_name(n))
		n++;
	CHECK(n >= 17);
	CHECK_STR_EQ(config_key_name(0), "serial");
	CHECK_STR_EQ(config_key_values(0, buf, sizeof(buf)), "auto|on|off");
	CHECK_STR_EQ(config_key_values(2, buf, sizeof(buf)), "10..600000");
	CHECK(config_key_values(n, buf, sizeof(buf)) == NULL);
}

TEST(config_watchdog_auto_off_seconds)
{
	struct tb_config c;
	struct config_errors e;

	CHECK_INT_EQ(parse(&c, &e, ""), TB_OK);
	CHECK_INT_EQ(c.watchdog, CONFIG_WATCHDOG_AUTO);
	CHECK_INT_EQ(parse(&c, &e, "watchdog = off\n"), TB_OK);
	CHECK_INT_EQ(c.watchdog, CONFIG_WATCHDOG_OFF);
	CHECK_INT_EQ(parse(&c, &e, "watchdog = 30\n"), TB_OK);
	CHECK_INT_EQ(c.watchdog, CONFIG_WATCHDOG_SECONDS);
	CHECK_INT_EQ(c.watchdog_s, 30);
	CHECK_INT_EQ(parse(&c, &e, "watchdog = 5\n"), TB_EINVAL);
	CHECK_STR_EQ(seen.msg[0], "tdxboot.conf line 1: watchdog: '5' is not auto, off or a number of seconds from 10 to 86400");
	CHECK_INT_EQ(c.watchdog, CONFIG_WATCHDOG_AUTO);
}
