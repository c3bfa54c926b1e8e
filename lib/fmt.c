/* SPDX-License-Identifier: MIT */
#include "lib/fmt.h"

#include <stdint.h>

struct fmt_out {
	char *buf;
	size_t size;
	size_t len;
};

static void out_char(struct fmt_out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void out_pad(struct fmt_out *o, char c, int n)
{
	while (n-- > 0)
		out_char(o, c);
}

static void out_str(struct fmt_out *o, const char *s, int width, int prec,
		    int left)
{
	int n = 0;

	if (!s)
		s = "(null)";
	/* The precision first: "%.*s" may quote bytes with no NUL after them. */
	while ((prec < 0 || n < prec) && s[n])
		n++;
	if (!left)
		out_pad(o, ' ', width - n);
	for (int i = 0; i < n; i++)
		out_char(o, s[i]);
	if (left)
		out_pad(o, ' ', width - n);
}

struct num_spec {
	int width;
	int left;
	int zero;
	int alt;
	int upper;
};

static void out_num(struct fmt_out *o, uint64_t v, int neg, unsigned base,
		    const struct num_spec *sp)
{
	const char *digits = sp->upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, pre = 0;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);

	pre = neg ? 1 : 0;
	if (sp->alt && base == 16)
		pre += 2;
	int pad = sp->width - n - pre;

	if (!sp->left && !sp->zero)
		out_pad(o, ' ', pad);
	if (neg)
		out_char(o, '-');
	if (sp->alt && base == 16) {
		out_char(o, '0');
		out_char(o, sp->upper ? 'X' : 'x');
	}
	if (!sp->left && sp->zero)
		out_pad(o, '0', pad);
	while (n)
		out_char(o, tmp[--n]);
	if (sp->left)
		out_pad(o, ' ', pad);
}

/* Reads the integer argument of the size given by the length modifier. */
static uint64_t arg_unsigned(va_list *ap, int lmod)
{
	switch (lmod) {
	case 'H': return (unsigned char)va_arg(*ap, unsigned int);
	case 'h': return (unsigned short)va_arg(*ap, unsigned int);
	case 'l': return va_arg(*ap, unsigned long);
	case 'L': return va_arg(*ap, unsigned long long);
	case 'z': return va_arg(*ap, size_t);
	case 'j': return va_arg(*ap, uintmax_t);
	case 't': return (uint64_t)va_arg(*ap, ptrdiff_t);
	default: return va_arg(*ap, unsigned int);
	}
}

static int64_t arg_signed(va_list *ap, int lmod)
{
	switch (lmod) {
	case 'H': return (signed char)va_arg(*ap, int);
	case 'h': return (short)va_arg(*ap, int);
	case 'l': return va_arg(*ap, long);
	case 'L': return va_arg(*ap, long long);
	case 'z': return (int64_t)va_arg(*ap, size_t);
	case 'j': return va_arg(*ap, intmax_t);
	case 't': return va_arg(*ap, ptrdiff_t);
	default: return va_arg(*ap, int);
	}
}

static const char *parse_lmod(const char *f, int *lmod)
{
	*lmod = 0;
	if (f[0] == 'h' && f[1] == 'h') { *lmod = 'H'; return f + 2; }
	if (f[0] == 'l' && f[1] == 'l') { *lmod = 'L'; return f + 2; }
	if (*f == 'h' || *f == 'l' || *f == 'z' || *f == 'j' || *f == 't') {
		*lmod = *f;
		return f + 1;
	}
	return f;
}

int fmt_vsnprintf(char *buf, size_t size, const char *f, va_list ap0)
{
	struct fmt_out o = { buf, size, 0 };
	va_list ap;

	va_copy(ap, ap0);
	for (; *f; f++) {
		if (*f != '%') {
			out_char(&o, *f);
			continue;
		}
		f++;
		struct num_spec sp = { 0, 0, 0, 0, 0 };
		int prec = -1, lmod;

		for (;; f++) {
			if (*f == '-') sp.left = 1;
			else if (*f == '0') sp.zero = 1;
			else if (*f == '#') sp.alt = 1;
			else break;
		}
		if (*f == '*') {
			sp.width = va_arg(ap, int);
			f++;
		} else {
			while (*f >= '0' && *f <= '9')
				sp.width = sp.width * 10 + (*f++ - '0');
		}
		if (*f == '.') {
			f++;
			prec = 0;
			if (*f == '*') {
				prec = va_arg(ap, int);
				f++;
			} else {
				while (*f >= '0' && *f <= '9')
					prec = prec * 10 + (*f++ - '0');
			}
		}
		f = parse_lmod(f, &lmod);
		switch (*f) {
		case '%': out_char(&o, '%'); break;
		case 'c': out_char(&o, (char)va_arg(ap, int)); break;
		case 's': out_str(&o, va_arg(ap, const char *), sp.width, prec, sp.left); break;
		case 'd':
		case 'i': {
			int64_t v = arg_signed(&ap, lmod);
			out_num(&o, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, v < 0, 10, &sp);
			break;
		}
		case 'u': out_num(&o, arg_unsigned(&ap, lmod), 0, 10, &sp); break;
		case 'X': sp.upper = 1; /* fall through */
		case 'x': out_num(&o, arg_unsigned(&ap, lmod), 0, 16, &sp); break;
		case 'p':
			sp.alt = 1;
			out_num(&o, (uint64_t)(uintptr_t)va_arg(ap, void *), 0, 16, &sp);
			break;
		case '\0':
			f--;
			break;
		default:
			/* Unknown conversion: print it literally so the bug is visible. */
			out_char(&o, '%');
			out_char(&o, *f);
			break;
		}
	}
	va_end(ap);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int fmt_append(char *buf, size_t size, const char *fmt, ...)
{
	size_t len = 0;
	va_list ap;
	int n;

	while (len < size && buf[len])
		len++;
	if (len >= size)
		return 0;
	va_start(ap, fmt);
	n = fmt_vsnprintf(buf + len, size - len, fmt, ap);
	va_end(ap);
	return n;
}

const char *fmt_size(char *buf, size_t size, unsigned long long bytes)
{
	static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };
	unsigned u = 0;
	unsigned long long whole = bytes, tenths = 0;

	while (whole >= 1024 && u + 1 < sizeof(units) / sizeof(units[0])) {
		tenths = (whole % 1024) * 10 / 1024;
		whole /= 1024;
		u++;
	}
	if (tenths)
		fmt_snprintf(buf, size, "%llu.%llu %s", whole, tenths, units[u]);
	else
		fmt_snprintf(buf, size, "%llu %s", whole, units[u]);
	return buf;
}
