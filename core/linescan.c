/* SPDX-License-Identifier: MIT */
#include "core/linescan.h"

#include "lib/mem.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

void linescan_skip_blanks(struct linescan *s)
{
	while (s->p < s->end && is_blank(*s->p))
		s->p++;
}

bool linescan_take_lit(struct linescan *s, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(s->end - s->p) < n || memcmp(s->p, lit, n) != 0)
		return false;
	s->p += n;
	return true;
}

bool linescan_take_hex(struct linescan *s, uint64_t *v)
{
	const char *q = s->p;
	uint64_t x = 0;
	int digits = 0;

	if (s->end - q < 2 || q[0] != '0' || (q[1] != 'x' && q[1] != 'X'))
		return false;
	q += 2;
	while (q < s->end && hex_value(*q) >= 0) {
		if (++digits > 16)
			return false; /* more than 64 bits: not an address */
		x = (x << 4) | (uint64_t)hex_value(*q);
		q++;
	}
	if (!digits)
		return false;
	*v = x;
	s->p = q;
	return true;
}

bool linescan_take_dec(struct linescan *s, uint64_t *v)
{
	const char *q = s->p;
	uint64_t x = 0;
	int digits = 0;

	while (q < s->end && *q >= '0' && *q <= '9') {
		if (++digits > 19)
			return false; /* would overflow 64 bits */
		x = x * 10 + (uint64_t)(*q - '0');
		q++;
	}
	if (!digits)
		return false;
	*v = x;
	s->p = q;
	return true;
}

bool linescan_find(struct linescan *s, const char *lit)
{
	size_t n = strlen(lit);

	for (const char *q = s->p; (size_t)(s->end - q) >= n; q++) {
		if (memcmp(q, lit, n) == 0) {
			s->p = q + n;
			return true;
		}
	}
	return false;
}

void linescan_trim(struct linescan *s)
{
	linescan_skip_blanks(s);
	while (s->end > s->p && is_blank(s->end[-1]))
		s->end--;
}

bool linescan_equals(const struct linescan *s, const char *lit)
{
	size_t n = strlen(lit);

	return (size_t)(s->end - s->p) == n && memcmp(s->p, lit, n) == 0;
}

bool linescan_at_end(const struct linescan *s)
{
	return s->p >= s->end;
}
