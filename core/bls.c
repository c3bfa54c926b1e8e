/* SPDX-License-Identifier: MIT */
#include "core/bls.h"

#include "lib/fmt.h"
#include "lib/mem.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

/* Characters the version format knows; the rest only separate segments. */
static bool ver_char(char c)
{
	return is_digit(c) || is_alpha(c) || c == '~' || c == '-' || c == '^' || c == '.';
}

/* Both at a prefix character p, or neither: which one is older. */
static int ver_prefix(const char **a, const char **b, char p, int *r)
{
	if (**a != p && **b != p)
		return 0;
	/* The one with the prefix is older (for '~' even than the end). */
	*r = (**a != p) - (**b != p);
	if (*r)
		return 1;
	(*a)++;
	(*b)++;
	return 0;
}

static int ver_segment(const char **a, const char **b)
{
	const char *ea = *a, *eb = *b;
	size_t la, lb;
	int r;

	if (is_digit(**a) || is_digit(**b)) {
		while (is_digit(*ea))
			ea++;
		while (is_digit(*eb))
			eb++;
		/* A number is newer than letters (or nothing). */
		if ((ea == *a) != (eb == *b))
			return ea == *a ? -1 : 1;
		while (**a == '0')
			(*a)++;
		while (**b == '0')
			(*b)++;
		la = (size_t)(ea - *a);
		lb = (size_t)(eb - *b);
		if (la != lb)
			return la < lb ? -1 : 1;
		r = sign(memcmp(*a, *b, la));
	} else {
		while (is_alpha(*ea))
			ea++;
		while (is_alpha(*eb))
			eb++;
		la = (size_t)(ea - *a);
		lb = (size_t)(eb - *b);
		r = sign(memcmp(*a, *b, la < lb ? la : lb));
		if (!r && la != lb)
			r = la < lb ? -1 : 1;
	}
	*a = ea;
	*b = eb;
	return r;
}

int bls_vercmp(const char *a, const char *b)
{
	int r = 0;

	a = a ? a : "";
	b = b ? b : "";
	for (;;) {
		while (*a && !ver_char(*a))
			a++;
		while (*b && !ver_char(*b))
			b++;
		if (ver_prefix(&a, &b, '~', &r))
			return r;
		if (!*a || !*b)   /* more segments is newer */
			return (*a != 0) - (*b != 0);
		if (ver_prefix(&a, &b, '-', &r) || ver_prefix(&a, &b, '^', &r) ||
		    ver_prefix(&a, &b, '.', &r))
			return r;
		r = ver_segment(&a, &b);
		if (r)
			return r;
	}
}

static int str_cmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return sign((unsigned char)*a - (unsigned char)*b);
}

int bls_compare(const struct bls_entry *a, const struct bls_entry *b)
{
	bool ka = a->sort_key[0], kb = b->sort_key[0];
	int r;

	if (ka != kb)
		return ka ? -1 : 1;
	if (ka) {
		r = str_cmp(a->sort_key, b->sort_key);
		if (r)
			return r;
		r = str_cmp(a->machine_id, b->machine_id);
		if (r)
			return r;
		r = -bls_vercmp(a->version, b->version);
		if (r)
			return r;
	}
	return -bls_vercmp(a->id, b->id);
}

/* [set] at p (after '['): matches c; *end is set past ']'. */
static bool glob_set(const char *p, char c, const char **end)
{
	bool neg = *p == '!' || *p == '^', hit = false;

	if (neg)
		p++;
	for (bool first = true; *p && (first || *p != ']'); first = false, p++) {
		if (p[1] == '-' && p[2] && p[2] != ']') {
			hit |= lower(p[0]) <= c && c <= lower(p[2]);
			p += 2;
		} else {
			hit |= lower(*p) == c;
		}
	}
	*end = *p ? p + 1 : p;
	return hit != neg;
}

bool bls_glob(const char *p, const char *s)
{
	const char *star = NULL, *resume = NULL, *end;

	while (*s) {
		char c = lower(*s);

		if (*p == '*') {
			star = ++p;
			resume = s;
			continue;
		}
		if (*p == '?' || (*p && *p != '[' && lower(*p) == c)) {
			p++;
			s++;
			continue;
		}
		if (*p == '[' && glob_set(p + 1, c, &end)) {
			p = end;
			s++;
			continue;
		}
		if (!star)
			return false;
		p = star;
		s = ++resume;
	}
	while (*p == '*')
		p++;
	return *p == '\0';
}

static const char *const bls_known_keys[] = {
	"title", "version", "machine-id", "sort-key", "linux", "initrd", "efi", "options",
	"devicetree", "devicetree-overlay", "architecture", "uki", "uki-url", "profile", NULL,
};

static bool bls_copy(char *dst, size_t cap, const char *v, size_t n)
{
	if (n >= cap)
		return false;
	memcpy(dst, v, n);
	dst[n] = '\0';
	return true;
}

/* A path in an entry is relative to the volume's root, with '/'. */
static bool bls_path(char *dst, const char *v, size_t n)
{
	size_t lead;

	if (n == 0)   /* "linux" with no value */
		return false;
	lead = v[0] == '/' || v[0] == '\\' ? 0 : 1;
	if (n + lead >= CONFIG_PATH_MAX)
		return false;
	dst[0] = '\\';
	for (size_t i = 0; i < n; i++)
		dst[i + lead] = v[i] == '/' ? '\\' : v[i];
	dst[n + lead] = '\0';
	return true;
}

struct bls_where {
	const char *name;
	unsigned line;
	struct config_errors *errs;
};

static void bls_report(const struct bls_where *w, const char *fmt, const char *what,
		       size_t n)
{
	char msg[320];
	int len = w->line ? fmt_snprintf(msg, sizeof(msg), "\\loader\\entries\\%s line %u: ",
					 w->name, w->line)
			  : fmt_snprintf(msg, sizeof(msg), "\\loader\\entries\\%s: ", w->name);

	fmt_snprintf(msg + len, sizeof(msg) - (size_t)len, fmt, (int)n, what);
	w->errs->count++;
	if (w->errs->report)
		w->errs->report(w->errs->ctx, msg);
}

static bool bls_options(struct bls_entry *e, const char *v, size_t n)
{
	size_t have = strlen(e->options);

	if (have + (have ? 1 : 0) + n >= sizeof(e->options))
		return false;
	if (have)
		e->options[have++] = ' ';
	memcpy(e->options + have, v, n);
	e->options[have + n] = '\0';
	return true;
}

/* One "key value" line; false when the entry cannot be used. */
static bool bls_line(struct bls_entry *e, const char *k, size_t kn, const char *v, size_t vn,
		     const struct bls_where *w)
{
	bool ok = true;

#define KEY(s) (kn == sizeof(s) - 1 && memcmp(k, s, kn) == 0)
	if (KEY("title"))
		ok = bls_copy(e->title, sizeof(e->title), v, vn);
	else if (KEY("version"))
		ok = bls_copy(e->version, sizeof(e->version), v, vn);
	else if (KEY("machine-id"))
		ok = bls_copy(e->machine_id, sizeof(e->machine_id), v, vn);
	else if (KEY("sort-key"))
		ok = bls_copy(e->sort_key, sizeof(e->sort_key), v, vn);
	else if (KEY("linux"))
		ok = bls_path(e->linux_path, v, vn);
	else if (KEY("initrd") && e->n_initrd == CONFIG_INITRD_MAX)
		ok = false;
	else if (KEY("initrd") && (ok = bls_path(e->initrd[e->n_initrd], v, vn)))
		e->n_initrd++;
	else if (KEY("options"))
		ok = bls_options(e, v, vn);
	else if (KEY("architecture") && !(vn == 3 && (memcmp(v, "x64", 3) == 0 ||
						       memcmp(v, "X64", 3) == 0))) {
		bls_report(w, "architecture '%.*s': not this machine's (x64); entry ignored", v, vn);
		return false;
	} else {
		bool known = false;

		for (unsigned i = 0; bls_known_keys[i]; i++)
			known |= kn == strlen(bls_known_keys[i]) &&
				 memcmp(k, bls_known_keys[i], kn) == 0;
		if (!known)
			bls_report(w, "unknown key '%.*s' (ignored)", k, kn);
	}
#undef KEY
	if (!ok)
		bls_report(w, "'%.*s': too long or too many for tdxboot; entry ignored", k, kn);
	return ok;
}

tb_status bls_parse_entry(const char *name, const char *text, size_t len,
			  struct bls_entry *e, struct config_errors *errs)
{
	struct bls_where w = { name, 0, errs };
	bool usable = true;

	memset(e, 0, sizeof(*e));
	for (size_t i = 0; name[i] && i + 1 < sizeof(e->id); i++)
		e->id[i] = lower(name[i]);
	for (size_t pos = 0; pos < len;) {
		size_t end = pos, ks, ke, vs, ve;

		while (end < len && text[end] != '\n')
			end++;
		w.line++;
		ks = pos;
		while (ks < end && is_blank(text[ks]))
			ks++;
		ke = ks;
		while (ke < end && !is_blank(text[ke]))
			ke++;
		vs = ke;
		while (vs < end && is_blank(text[vs]))
			vs++;
		ve = end;
		while (ve > vs && is_blank(text[ve - 1]))
			ve--;
		if (ks < end && text[ks] != '#' && !memchr(text + ks, '\0', end - ks))
			usable &= bls_line(e, text + ks, ke - ks, text + vs, ve - vs, &w);
		pos = end + 1;
	}
	if (usable && !e->linux_path[0]) {
		w.line = 0;
		bls_report(&w, "no 'linux' line (an efi or uki entry): tdxboot starts only "
			       "Linux entries%.*s", "", 0);
		usable = false;
	}
	return usable ? TB_OK : TB_EINVAL;
}

void bls_loader_default(const char *text, size_t len, char *out, size_t cap)
{
	out[0] = '\0';
	for (size_t pos = 0; pos < len;) {
		size_t end = pos, s, n;

		while (end < len && text[end] != '\n')
			end++;
		s = pos;
		while (s < end && is_blank(text[s]))
			s++;
		if (end - s > 8 && memcmp(text + s, "default", 7) == 0 && is_blank(text[s + 7])) {
			s += 8;
			while (s < end && is_blank(text[s]))
				s++;
			n = end - s;
			while (n && is_blank(text[s + n - 1]))
				n--;
			if (n < cap) {
				memcpy(out, text + s, n);
				out[n] = '\0';
			}
		}
		pos = end + 1;
	}
}
