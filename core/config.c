/* SPDX-License-Identifier: MIT */
#include "core/config.h"

#include <stdbool.h>

#include "lib/fmt.h"
#include "lib/mem.h"

enum config_kind { KEY_CHOICE, KEY_NUMBER, KEY_STRING, KEY_STRING_LIST, KEY_NEXT,
		   KEY_WATCHDOG };

struct config_key {
	const char *name;
	enum config_kind kind;
	size_t offset;                  /* of the field in tb_config */
	const char *const *choices;     /* KEY_CHOICE: NULL-terminated */
	uint32_t min, max;              /* KEY_NUMBER bounds; KEY_STRING* size */
	const char *what;               /* KEY_STRING*: the value in words */
	bool nonempty;                  /* KEY_STRING*: "" is a mistake, not "unset" */
	bool chooses_next;              /* a rejected line must not start anything else */
};

static const char *const serial_choices[] = { "auto", "on", "off", NULL };
static const char *const log_choices[] = { "error", "warn", "info", "debug", NULL };
static const char *const backend_choices[] = { "auto", "real", "emulate", NULL };
static const char *const on_error_choices[] = { "boot", "halt", NULL };
static const char *const dpamt_choices[] = { "auto", "off", NULL };
static const char *const noncmr_choices[] = { "fail", "exclude", NULL };
static const char *const bool_choices[] = { "no", "yes", NULL };
/* KEY_NEXT: the words; Boot#### is matched apart (config_set_next). */
static const char *const next_choices[] = { "auto", "Boot####", "poweroff", NULL };
static const char *const tsc_adjust_choices[] = { "zero", "any", NULL };

#define CHOICE(key, field, list) \
	{ key, KEY_CHOICE, offsetof(struct tb_config, field), list, 0, 0, NULL, false, false }
#define STRING(key, field, desc, must, next) \
	{ key, KEY_STRING, offsetof(struct tb_config, field), NULL, 0, \
	  sizeof(((struct tb_config *)0)->field), desc, must, next }

static const struct config_key config_keys[] = {
	CHOICE("serial", serial, serial_choices),
	CHOICE("log", log_level, log_choices),
	{ "ap_timeout_ms", KEY_NUMBER, offsetof(struct tb_config, ap_timeout_ms), NULL, 10,
	  600000, NULL, false, false },
	CHOICE("backend", backend, backend_choices),
	CHOICE("on_error", on_error, on_error_choices),
	CHOICE("dpamt", dpamt, dpamt_choices),
	CHOICE("parallel", parallel, bool_choices),
	CHOICE("noncmr", noncmr, noncmr_choices),
	CHOICE("coalesce", coalesce, bool_choices),
	CHOICE("tsc_adjust", tsc_adjust, tsc_adjust_choices),
	CHOICE("seamcall_selftest", seamcall_selftest, bool_choices),
	STRING("module", module, "path", true, false),
	STRING("kernel", kernel, "path|device path|bls", true, true),
	STRING("options", options, "text", false, false),
	{ "initrd", KEY_STRING_LIST, offsetof(struct tb_config, initrd), NULL, 0, CONFIG_PATH_MAX,
	  "path, repeatable", true, false },
	STRING("emu_fault", emu_fault, "fault spec", false, false),
	{ "next", KEY_NEXT, offsetof(struct tb_config, next), next_choices, 0, 0, NULL, false,
	  true },
	STRING("bls", bls, "default|entry id glob", true, true),
	{ "watchdog", KEY_WATCHDOG, offsetof(struct tb_config, watchdog), NULL,
	  CONFIG_WATCHDOG_MIN_S, CONFIG_WATCHDOG_MAX_S, "auto|off|seconds", false, false },
};

#define N_KEYS (sizeof(config_keys) / sizeof(config_keys[0]))

void config_defaults(struct tb_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->serial = CONFIG_SERIAL_AUTO;
	cfg->log_level = CONFIG_LOG_INFO;
	cfg->ap_timeout_ms = 5000;
	cfg->parallel = CONFIG_YES;
	cfg->next = CONFIG_NEXT_AUTO;
	memcpy(cfg->bls, "default", sizeof("default"));
}

const char *config_key_name(unsigned i)
{
	return i < N_KEYS ? config_keys[i].name : NULL;
}

const char *config_key_values(unsigned i, char *buf, size_t size)
{
	const struct config_key *k;

	if (i >= N_KEYS)
		return NULL;
	k = &config_keys[i];
	buf[0] = '\0';
	if (k->kind == KEY_NUMBER)
		fmt_snprintf(buf, size, "%u..%u", k->min, k->max);
	else if (k->kind == KEY_WATCHDOG)
		fmt_snprintf(buf, size, "auto|off|%u..%u", k->min, k->max);
	else if (k->choices)
		for (unsigned c = 0; k->choices[c]; c++)
			fmt_append(buf, size, "%s%s", c ? "|" : "", k->choices[c]);
	else
		fmt_snprintf(buf, size, "%s", k->what);
	return buf;
}

/*
 * Where a line or word came from: "tdxboot.conf line 7" or "load options
 * word 2".  col0 is the 1-based column of the line's first character in
 * its source, for errors that point into the line.
 */
struct config_where {
	const char *origin;
	const char *unit;
	unsigned n;
	size_t col0;
	bool options;   /* the load options, not the file */
};

static void errs_add(struct config_errors *errs, const struct config_where *w,
		     size_t col, const char *what)
{
	char msg[384];

	if (col)
		fmt_snprintf(msg, sizeof(msg), "%s %s %u column %zu: %s", w->origin, w->unit,
			     w->n, col, what);
	else
		fmt_snprintf(msg, sizeof(msg), "%s %s %u: %s", w->origin, w->unit, w->n, what);
	errs->count++;
	if (errs->report)
		errs->report(errs->ctx, msg);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static bool str_eq_n(const char *a, size_t alen, const char *b)
{
	return strlen(b) == alen && memcmp(a, b, alen) == 0;
}

/*
 * One edit apart: one character inserted, deleted or replaced, or two
 * neighbours swapped ("kernal", "kerel", "kenrel" for "kernel").
 */
static bool one_edit_n(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0;

	if (alen + 1 == blen)
		return one_edit_n(b, blen, a, alen);
	if (alen != blen && alen != blen + 1)
		return false;
	while (i < blen && a[i] == b[i])
		i++;
	if (alen == blen + 1)   /* a has one character more, at i */
		return memcmp(a + i + 1, b + i, blen - i) == 0;
	if (i == alen)
		return false;   /* equal */
	if (memcmp(a + i + 1, b + i + 1, alen - i - 1) == 0)
		return true;
	return i + 1 < alen && a[i] == b[i + 1] && a[i + 1] == b[i] &&
	       memcmp(a + i + 2, b + i + 2, alen - i - 2) == 0;
}

static bool one_edit(const char *a, size_t alen, const char *b)
{
	return one_edit_n(a, alen, b, strlen(b));
}

static const struct config_key *key_find(const char *k, size_t klen)
{
	for (size_t i = 0; i < N_KEYS; i++)
		if (str_eq_n(k, klen, config_keys[i].name))
			return &config_keys[i];
	return NULL;
}

static const struct config_key *key_suggest(const char *k, size_t klen)
{
	for (size_t i = 0; i < N_KEYS; i++)
		if (one_edit(k, klen, config_keys[i].name))
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

/*
 * A value one edit from a choice gets "did you mean"; a choice the value
 * begins ("of" -> "off") is preferred to one with a letter replaced ("on").
 */
static bool set_choice(const struct config_key *key, uint32_t *field,
		       const char *v, size_t vlen, char *why, size_t why_size)
{
	const char *near = NULL;

	for (uint32_t i = 0; key->choices[i]; i++) {
		if (str_eq_n(v, vlen, key->choices[i])) {
			*field = i;
			return true;
		}
	}
	fmt_snprintf(why, why_size, "%s: '%.*s' is not one of", key->name,
		     (int)vlen, v);
	for (uint32_t i = 0; key->choices[i]; i++) {
		fmt_append(why, why_size, "%s%s", i ? "|" : " ", key->choices[i]);
		if (!near && vlen && strlen(key->choices[i]) == vlen + 1 &&
		    memcmp(key->choices[i], v, vlen) == 0)
			near = key->choices[i];
	}
	for (uint32_t i = 0; key->choices[i]; i++)
		if (one_edit(v, vlen, key->choices[i]) && !near)
			near = key->choices[i];
	if (near)
		fmt_append(why, why_size, " (did you mean '%s'?)", near);
	return false;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)(c | 0x20);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/*
 * next = auto | poweroff | Boot####: the boot option variable's name,
 * "Boot" and four hex digits (UEFI 2.10 §3.1.1), as efibootmgr lists it.
 */
static bool set_next(const struct config_key *key, struct tb_config *cfg, const char *v,
		     size_t vlen, char *why, size_t why_size)
{
	uint32_t n = 0;

	if (vlen == 8 && (v[0] | 0x20) == 'b' && (v[1] | 0x20) == 'o' && (v[2] | 0x20) == 'o' &&
	    (v[3] | 0x20) == 't') {
		for (size_t i = 4; i < 8; i++) {
			int d = hex_digit(v[i]);

			if (d < 0)
				goto bad;
			n = n << 4 | (uint32_t)d;
		}
		cfg->next = CONFIG_NEXT_ENTRY;
		cfg->next_entry = n;
		return true;
	}
	if (str_eq_n(v, vlen, "auto") || str_eq_n(v, vlen, "poweroff")) {
		cfg->next = v[0] == 'a' ? CONFIG_NEXT_AUTO : CONFIG_NEXT_POWEROFF;
		return true;
	}
bad:
	fmt_snprintf(why, why_size, "%s: '%.*s' is not auto, poweroff or Boot#### (four hex "
		     "digits, as efibootmgr lists the entries)", key->name, (int)vlen, v);
	return false;
}

/* watchdog = auto | off | seconds (boot/watchdog.h). */
static bool set_watchdog(const struct config_key *key, struct tb_config *cfg, const char *v,
			 size_t vlen, char *why, size_t why_size)
{
	uint32_t x;

	if (str_eq_n(v, vlen, "auto") || str_eq_n(v, vlen, "off")) {
		cfg->watchdog = v[0] == 'a' ? CONFIG_WATCHDOG_AUTO : CONFIG_WATCHDOG_OFF;
		return true;
	}
	if (!parse_u32(v, vlen, &x) || x < key->min || x > key->max) {
		fmt_snprintf(why, why_size, "%s: '%.*s' is not auto, off or a number of seconds from %u to %u",
			     key->name, (int)vlen, v, key->min, key->max);
		return false;
	}
	cfg->watchdog = CONFIG_WATCHDOG_SECONDS;
	cfg->watchdog_s = x;
	return true;
}

static bool set_string(const struct config_key *key, char *field, const char *v,
		       size_t vlen, char *why, size_t why_size)
{
	if (vlen >= key->max) {
		fmt_snprintf(why, why_size, "%s: value is %zu characters, the limit is %u",
			     key->name, vlen, key->max - 1);
		return false;
	}
	if (vlen == 0 && key->nonempty) {
		fmt_snprintf(why, why_size, "%s: the value is empty (remove the line to mean none)",
			     key->name);
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

static bool set_number(const struct config_key *key, uint32_t *field, const char *v,
		       size_t vlen, char *why, size_t why_size)
{
	uint32_t x;

	if (!parse_u32(v, vlen, &x) || x < key->min || x > key->max) {
		fmt_snprintf(why, why_size, "%s: '%.*s' is not a number from %u to %u",
			     key->name, (int)vlen, v, key->min, key->max);
		return false;
	}
	*field = x;
	return true;
}

static void unknown_key(const char *k, size_t klen, struct config_errors *errs, char *why,
			size_t why_size)
{
	const struct config_key *near = key_suggest(k, klen);

	fmt_snprintf(why, why_size, "unknown key '%.*s'", (int)klen, k);
	if (!near)
		return;
	fmt_append(why, why_size, " (did you mean '%s'?)", near->name);
	if (near->chooses_next)
		errs->next_rejected++;
}

/* Sets one key; on failure writes the reason into why. */
static bool config_set(struct tb_config *cfg, const char *k, size_t klen,
		       const char *v, size_t vlen, struct config_errors *errs, char *why,
		       size_t why_size)
{
	const struct config_key *key = key_find(k, klen);
	char *field;
	bool ok = false;

	if (!key) {
		unknown_key(k, klen, errs, why, why_size);
		return false;
	}
	field = (char *)cfg + key->offset;
	switch (key->kind) {
	case KEY_CHOICE:
		ok = set_choice(key, (uint32_t *)field, v, vlen, why, why_size);
		break;
	case KEY_STRING:
		ok = set_string(key, field, v, vlen, why, why_size);
		break;
	case KEY_STRING_LIST:
		ok = add_initrd(cfg, key, v, vlen, why, why_size);
		break;
	case KEY_NUMBER:
		ok = set_number(key, (uint32_t *)field, v, vlen, why, why_size);
		break;
	case KEY_NEXT:
		ok = set_next(key, cfg, v, vlen, why, why_size);
		break;
	case KEY_WATCHDOG:
		ok = set_watchdog(key, cfg, v, vlen, why, why_size);
		break;
	}
	if (!ok && key->chooses_next)
		errs->next_rejected++;
	return ok;
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

/* The first word of s names a key that chooses the next image. */
static void note_next_word(const char *s, size_t n, struct config_errors *errs)
{
	const struct config_key *key;
	size_t w = 0;

	while (w < n && !is_space(s[w]) && s[w] != '=' && s[w] != '"')
		w++;
	key = key_find(s, w);
	if (!key)
		key = key_suggest(s, w);
	if (key && key->chooses_next)
		errs->next_rejected++;
}

/*
 * Where the line's comment starts ('#' outside double quotes), or n.  An
 * opening quote without its closing one is returned in *open_quote (its
 * index + 1), 0 otherwise.
 */
static size_t line_content(const char *s, size_t n, size_t *open_quote)
{
	size_t open = 0;

	*open_quote = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			open = open ? 0 : i + 1;
		else if (s[i] == '#' && !open)
			return i;
	}
	*open_quote = open;
	return n;
}

/* A value wholly inside one pair of quotes loses them; other quotes are data. */
static void unquote(const char **v, size_t *vlen)
{
	const char *close;

	if (*vlen < 2 || (*v)[0] != '"')
		return;
	close = memchr(*v + 1, '"', *vlen - 1);
	if (close != *v + *vlen - 1)
		return;
	(*v)++;
	*vlen -= 2;
}

static void config_line(struct tb_config *cfg, const char *s, size_t n,
			const struct config_where *w, struct config_errors *errs)
{
	size_t open;
	char why[256];
	const char *eq;
	size_t klen;

	n = line_content(s, n, &open);
	if (open) {
		const char *k = s;
		size_t kn = n;

		trim(&k, &kn);
		note_next_word(k, kn, errs);
		errs_add(errs, w, w->col0 + open - 1, w->options ?
			 "unterminated quote: no closing '\"'; the rest of the load options were "
			 "ignored" :
			 "unterminated quote: no closing '\"' on this line; the line was ignored");
		return;
	}
	trim(&s, &n);
	if (n == 0)
		return;
	eq = memchr(s, '=', n);
	if (!eq) {
		note_next_word(s, n, errs);
		fmt_snprintf(why, sizeof(why), "expected 'key = value', found '%.*s'",
			     (int)(n > 64 ? 64 : n), s);
		errs_add(errs, w, 0, why);
		return;
	}
	klen = (size_t)(eq - s);
	const char *v = eq + 1;
	size_t vlen = n - klen - 1;
	trim(&s, &klen);
	trim(&v, &vlen);
	unquote(&v, &vlen);
	if (!config_set(cfg, s, klen, v, vlen, errs, why, sizeof(why)))
		errs_add(errs, w, 0, why);
}

/* A file saved by an editor that writes a UTF-8 byte-order mark. */
static size_t skip_bom(const char *text, size_t len)
{
	static const char bom[] = "\xef\xbb\xbf";

	return len >= 3 && memcmp(text, bom, 3) == 0 ? 3 : 0;
}

tb_status config_parse_file(struct tb_config *cfg, const char *text, size_t len,
			    const char *origin, struct config_errors *errs)
{
	struct config_where w = { origin, "line", 0, 1, false };
	unsigned before = errs->count;

	for (size_t pos = skip_bom(text, len); pos < len;) {
		size_t end = pos;

		while (end < len && text[end] != '\n')
			end++;
		w.n++;
		if (memchr(text + pos, '\0', end - pos))
			errs_add(errs, &w, 0, "contains a NUL byte; is this a text file?");
		else
			config_line(cfg, text + pos, end - pos, &w, errs);
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
		else if (!quoted && (is_space(s[i]) || s[i] == '\n' || s[i] == '\0'))
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
	struct config_where w = { "load options", "word", 0, 1, true };
	unsigned before = errs->count;

	for (size_t pos = 0; pos < len;) {
		size_t n;

		if (is_space(text[pos]) || text[pos] == '\n' || text[pos] == '\0') {
			pos++;
			continue;
		}
		n = option_word(text + pos, len - pos);
		w.n++;
		w.col0 = pos + 1;
		if (!(w.n == 1 && is_image_path(text + pos, n)))
			config_line(cfg, text + pos, n, &w, errs);
		pos += n;
	}
	return errs->count == before ? TB_OK : TB_EINVAL;
}
