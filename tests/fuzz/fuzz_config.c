/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: tdxboot.conf and the boot entry's load options
 * (core/config.c).  Both come from places an operator or another tool
 * writes (the ESP, efibootmgr), so neither may crash the loader or leave a
 * field the rest of tdxboot cannot trust.  The input is the file, then a
 * NUL byte, then the load options; the file is parsed first, as boot/ does.
 * Besides the sanitizers, every result is checked: each string field
 * NUL-terminated inside its array, each choice one of its values, the
 * number in its bounds, every reported error a non-empty sentence, and the
 * status saying whether an error was added.
 */
#include <stdlib.h>
#include <string.h>

#include "core/config.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static void check_string(const char *s, size_t cap)
{
	if (!memchr(s, '\0', cap))
		abort();
}

static void check_config(const struct tb_config *c)
{
	if (c->serial > CONFIG_SERIAL_OFF || c->log_level > CONFIG_LOG_DEBUG ||
	    c->backend > CONFIG_BACKEND_EMULATE || c->on_error > CONFIG_ON_ERROR_HALT ||
	    c->dpamt > CONFIG_DPAMT_OFF || c->noncmr > CONFIG_NONCMR_EXCLUDE ||
	    c->parallel > CONFIG_YES || c->coalesce > CONFIG_YES ||
	    c->seamcall_selftest > CONFIG_YES)
		abort();
	if (c->next > CONFIG_NEXT_POWEROFF || c->next_entry > 0xffff)
		abort();
	if (c->ap_timeout_ms < 10 || c->ap_timeout_ms > 600000)
		abort();
	if (c->n_initrd > CONFIG_INITRD_MAX)
		abort();
	check_string(c->module, sizeof(c->module));
	check_string(c->kernel, sizeof(c->kernel));
	check_string(c->options, sizeof(c->options));
	check_string(c->emu_fault, sizeof(c->emu_fault));
	check_string(c->bls, sizeof(c->bls));
	for (uint32_t i = 0; i < ARRAY_LEN(c->initrd); i++)
		check_string(c->initrd[i], sizeof(c->initrd[i]));
}

/* Each reported error is a sentence; the count follows the reports. */
static unsigned reported;

static void check_report(void *ctx, const char *msg)
{
	if (!msg[0] || strlen(msg) > 400)
		abort();
	reported++;
}

/* The status says whether errors were added. */
static void check_errors(tb_status st, const struct config_errors *e, unsigned before)
{
	if ((st == TB_OK) != (e->count == before) || e->count != reported)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct tb_config cfg;
	static struct config_errors errs;
	const char *text = (const char *)data;
	const char *nul = memchr(text, '\0', size);
	size_t file_len = nul ? (size_t)(nul - text) : size;
	unsigned before;
	tb_status st;

	config_defaults(&cfg);
	memset(&errs, 0, sizeof(errs));
	errs.report = check_report;
	reported = 0;
	st = config_parse_file(&cfg, text, file_len, "tdxboot.conf", &errs);
	check_errors(st, &errs, 0);
	check_config(&cfg);
	if (!nul)
		return 0;
	before = errs.count;
	st = config_parse_options(&cfg, nul + 1, size - file_len - 1, &errs);
	check_errors(st, &errs, before);
	check_config(&cfg);
	return 0;
}
