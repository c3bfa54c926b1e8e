/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: Boot Loader Specification entries, loader.conf and the
 * version comparison (core/bls.c).  Entries are written by kernel-install,
 * by distributions' own scripts and by hand, so none may crash the loader
 * or yield a path the chainloader cannot trust.  The input is the entry
 * text; its first two lines double as two versions and a glob.  Checked
 * besides the sanitizers: every field NUL-terminated, paths absolute with
 * backslashes, at most CONFIG_INITRD_MAX initrds, every report a sentence,
 * and bls_vercmp antisymmetric and reflexive.
 */
#include <stdlib.h>
#include <string.h>

#include "core/bls.h"

static unsigned reported;

static void check_report(void *ctx, const char *msg)
{
	if (!msg[0] || strlen(msg) > 400)
		abort();
	reported++;
}

static void check_string(const char *s, size_t cap)
{
	if (!memchr(s, '\0', cap))
		abort();
}

static void check_entry(const struct bls_entry *e)
{
	check_string(e->id, sizeof(e->id));
	check_string(e->title, sizeof(e->title));
	check_string(e->version, sizeof(e->version));
	check_string(e->options, sizeof(e->options));
	check_string(e->linux_path, sizeof(e->linux_path));
	if (e->n_initrd > CONFIG_INITRD_MAX)
		abort();
	if (e->linux_path[0] && e->linux_path[0] != '\\')
		abort();
	for (uint32_t i = 0; i < e->n_initrd; i++)
		if (e->initrd[i][0] != '\\' || strchr(e->initrd[i], '/'))
			abort();
}

/* The first two lines, NUL-terminated, into a and b. */
static void two_lines(const char *t, size_t n, char *a, char *b, size_t cap)
{
	size_t i = 0, j = 0;

	while (i < n && t[i] != '\n' && i + 1 < cap)
		a[j++] = t[i++];
	a[j] = '\0';
	while (i < n && t[i] != '\n')
		i++;
	i++;
	j = 0;
	while (i < n && t[i] != '\n' && j + 1 < cap)
		b[j++] = t[i++];
	b[j] = '\0';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct bls_entry e;
	struct config_errors errs = { 0, 0, check_report, NULL };
	char a[128], b[128], def[64];

	reported = 0;
	bls_parse_entry("fuzz.conf", (const char *)data, size, &e, &errs);
	if (errs.count != reported)
		abort();
	check_entry(&e);
	bls_loader_default((const char *)data, size, def, sizeof(def));
	check_string(def, sizeof(def));
	two_lines((const char *)data, size, a, b, sizeof(a));
	if (bls_vercmp(a, a) != 0 || bls_vercmp(a, b) != -bls_vercmp(b, a))
		abort();
	(void)bls_glob(a, b);
	(void)bls_compare(&e, &e);
	return 0;
}
