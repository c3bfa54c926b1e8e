/* SPDX-License-Identifier: MIT */
#include "core/config.h"

#include <stdbool.h>

#include "lib/fmt.h"
#include "lib/mem.h"

#define CONFIG_VALUE_MAX 256

enum config_kind { KEY_CHOICE, KEY_NUMBER, KEY_STRING, KEY_STRING_LIST };

struct config_key {
	const char *name;
	enum config_kind kind;
	size_t offset;                  /* of the field in tb_config */
	const char *const *choices;     /* KEY_CHOICE: NULL-terminated */
	uint32_t min, max;              /* KEY_NUMBER bounds; KEY_STRING* size */
};

static const char *const serial_choices[] = { "auto", "on", "off", NULL };
static const char *const log_choices[] = { "error", "warn", "info", "debug", NULL };
static const char *const backend_choices[] = { "auto", "real", "emulate", NULL };
static const char *const on_error_choices[] = { "boot", "halt", NULL };
static const char *const dpamt_choices[] = { "auto", "off", NULL };
static const char *const noncmr_choices[] = { "fail", "exclude", NULL };
static const char *const bool_choices[] = { "no", "yes", NULL };
static const char *const tsc_adjust_choices[] = { "zero", "any", NULL };

#define CHOICE(key, field, list) \
	{ key, KEY_CHOICE, offsetof(struct tb_config, field), list, 0, 0 }
#define STRING(key, field) \
	{ key, KEY_STRING, offsetof(struct tb_config, field), NULL, 0, \
	  sizeof(((struct tb_config *)0)->field) }

static const struct config_key config_keys[] = {
	CHOICE("serial", serial, serial_choices),
	CHOICE("log", log_level, log_choices),
	{ "ap_timeout_ms", KEY_NUMBER, offsetof(struct tb_config, ap_timeout_ms), NULL, 10, 600000 },
	CHOICE("backend", backend, backend_choices),
	CHOICE("on_error", on_error, on_error_choices),
	CHOICE("dpamt", dpamt, dpamt_choices),
	CHOICE("parallel", parallel, bool_choices),
	CHOICE("noncmr", noncmr, noncmr_choices),
	CHOICE("coalesce", coalesce, bool_choices),
	CHOICE("tsc_adjust", tsc_adjust, tsc_adjust_choices),
	CHOICE("seamcall_selftest", seamcall_selftest, bool_choices),
	STRING("module", module),
	STRING("kernel", kernel),
	STRING("options", options),
	{ "initrd", KEY_STRING_LIST, offsetof(struct tb_config, initrd), NULL, 0, CONFIG_PATH_MAX },
	STRING("emu_fault", emu_fault),
};

void config_defaults(struct tb_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->serial = CONFIG_SERIAL_AUTO;
	cfg->log_level = CONFIG_LOG_INFO;
	cfg->ap_timeout_ms = 5000;
	cfg->parallel = CONFIG_YES;
}

/* "tdxboot.conf line 7: unknown key 'foo'" or "load options word 2: ...". */
static void errs_add(struct config_errors *errs, const char *origin,
		     unsigned line, const char *what)
{
	if (errs->count < CONFIG_MAX_ERRORS) {
		struct tb_err *e = &errs->err[errs->count];

		tb_err_clear(e);
		tb_err_set(e, "%s %u: %s", origin, line, what);
	}
	errs->count++;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static bool str_eq_n(const char *a, size_t alen, const char *b)
{
	return strlen(b) == alen && memcmp(a, b, alen) == 0;
}

static const struct config_key *key_find(const char *k, size_t klen)
{
	for (size_t i = 0; i < sizeof(config_keys) / sizeof(config_keys[0]); i++)
		if (str_eq_n(k, klen, config_keys[i].name))
			return &config_keys[i];
	return NULL;
}

static bool parse_u32(const char *v, size_t n, uint32_t *out)
{
	uint64_t x = 0;

	if (n == 0 || n > 10)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			return false;
		x = x * 10 + (uint64_t)(v[i] - '0');
	}
	if (x > UINT32_MAX)
		return false;
	*out = (uint32_t)x;
	return true;
}

static bool set_choice(const struct config_key *key, uint32_t *field,
		       const char *v, size_t vlen, char *why, size_t why_size)
{
	for (uint32_t i = 0; key->choices[i]; i++) {
		if (str_eq_n(v, vlen, key->choices[i])) {
			*field = i;
			return true;
		}
	}
	fmt_snprintf(why, why_size, "%s: '%.*s' is not one of", key->name,
		     (int)vlen, v);
	for (uint32_t i = 0; key->choices[i]; i++)
		fmt_append(why, why_size, "%s%s", i ? "|" : " ", key->choices[i]);
	return false;
}

static bool set_string(const struct config_key *key, char *field, const char *v,
		       size_t vlen, char *why, size_t why_size)
{
	if (vlen >= key->max) {
		fmt_snprintf(why, why_size, "%s: value is %zu characters, the limit is %u",
			     key->name, vlen, key->max - 1);
		return false;
	}
	memcpy(field, v, vlen);
	field[vlen] = '\0';
	return true;
}

/* initrd= may repeat: each one is appended (they are concatenated at boot). */
static bool add_initrd(struct tb_config *cfg, const struct config_key *key,
		       const char *v, size_t vlen, char *why, size_t why_size)
{
	if (cfg->n_initrd == CONFIG_INITRD_MAX) {
		fmt_snprintf(why, why_size, "initrd: more than %u initrds", CONFIG_INITRD_MAX);
		return false;
	}
	if (!set_string(key, cfg->initrd[cfg->n_initrd], v, vlen, why, why_size))
		return false;
	cfg->n_initrd++;
	return true;
}

/* Sets one key; on failure writes the reason into why. */
static bool config_set(struct tb_config *cfg, const char *k, size_t klen,
		       const char *v, size_t vlen, char *why, size_t why_size)
{
	const struct config_key *key = key_find(k, klen);
	char *field;
	uint32_t x;

	if (!key) {
		fmt_snprintf(why, why_size, "unknown key '%.*s'", (int)klen, k);
		return false;
	}
	field = (char *)cfg + key->offset;
	switch (key->kind) {
	case KEY_CHOICE:
		return set_choice(key, (uint32_t *)field, v, vlen, why, why_size);
	case KEY_STRING:
		return set_string(key, field, v, vlen, why, why_size);
	case KEY_STRING_LIST:
		return add_initrd(cfg, key, v, vlen, why, why_size);
	case KEY_NUMBER:
		break;
	}
	if (!parse_u32(v, vlen, &x) || x < key->min || x > key->max) {
		fmt_snprintf(why, why_size, "%s: '%.*s' is not a number from %u to %u",
			     key->name, (int)vlen, v, key->min, key->max);
		return false;
	}
	*(uint32_t *)field = x;
	return true;
}

static void trim(const char **s, size_t *n)
{
	while (*n && is_space(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && is_space((*s)[*n - 1]))
		(*n)--;
}

static void config_line(struct tb_config *cfg, const char *s, size_t n,
			const char *origin, unsigned lineno,
			struct config_errors *errs)
{
	char why[192];
	const char *eq;
	size_t klen;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '#') {
			n = i;
			break;
		}
	}
	trim(&s, &n);
	if (n == 0)
		return;
	eq = memchr(s, '=', n) ;
	if (!eq) {
		fmt_snprintf(why, sizeof(why), "expected 'key = value', found '%.*s'",
			     (int)(n > 64 ? 64 : n), s);
		errs_add(errs, origin, lineno, why);
		return;
	}
	klen = (size_t)(eq - s);
	const char *v = eq + 1;
	size_t vlen = n - klen - 1;
	trim(&s, &klen);
	trim(&v, &vlen);
	if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
		v++;
		vlen -= 2;
	}
	if (!config_set(cfg, s, klen, v, vlen, why, sizeof(why)))
		errs_add(errs, origin, lineno, why);
}

tb_status config_parse_file(struct tb_config *cfg, const char *text, size_t len,
			    const char *origin, struct config_errors *errs)
{
	unsigned before = errs->count, lineno = 0;
	char where[64];

	fmt_snprintf(where, sizeof(where), "%s line", origin);
	origin = where;

	for (size_t pos = 0; pos < len;) {
		size_t end = pos;

		while (end < len && text[end] != '\n')
			end++;
		lineno++;
		if (memchr(text + pos, '\0', end - pos))
			errs_add(errs, origin, lineno, "contains a NUL byte; is this a text file?");
		else
			config_line(cfg, text + pos, end - pos, origin, lineno, errs);
		pos = end + 1;
	}
	return errs->count == before ? TB_OK : TB_EINVAL;
}

/* The next word, honouring double quotes; returns its length. */
static size_t option_word(const char *s, size_t n)
{
	bool quoted = false;
	size_t i = 0;

	for (; i < n; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && is_space(s[i]))
			break;
	}
	return i;
}

/*
 * Firmware and shells often pass the image's own path as the first word of
 * LoadOptions ("\EFI\tdxboot\tdxboot.efi log=debug").  A first word
 * without '=' that looks like a path (a backslash, or ending in ".efi") is
 * that path and skipped.
 */
static bool is_image_path(const char *w, size_t n)
{
	if (memchr(w, '=', n))
		return false;
	if (memchr(w, '\\', n))
		return true;
	return n >= 4 && (w[n - 4] == '.') &&
	       (w[n - 3] | 0x20) == 'e' && (w[n - 2] | 0x20) == 'f' &&
	       (w[n - 1] | 0x20) == 'i';
}

tb_status config_parse_options(struct tb_config *cfg, const char *text,
			       size_t len, struct config_errors *errs)
{
	unsigned before = errs->count, word = 0;

	for (size_t pos = 0; pos < len;) {
		size_t n;

		if (is_space(text[pos]) || text[pos] == '\n' || text[pos] == '\0') {
			pos++;
			continue;
		}
		n = option_word(text + pos, len - pos);
		word++;
		if (!(word == 1 && is_image_path(text + pos, n)))
			config_line(cfg, text + pos, n, "load options word", word, errs);
		pos += n;
	}
	return errs->count == before ? TB_OK : TB_EINVAL;
}
