/* SPDX-License-Identifier: MIT */
/*
 * A strict reader for exactly the schema of docs/tdxboot-plan.md: unknown
 * keys, missing keys and wrong types are errors, so the schema cannot drift
 * without the corpus test noticing.
 */
#include "tests/plan/plan_json.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct jr {
	const char *start, *p, *end;
	char *why;
	size_t why_size;
	bool failed;
};

static bool jr_fail(struct jr *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static bool jr_fail(struct jr *r, const char *fmt, ...)
{
	va_list ap;

	if (r->failed)
		return false;
	r->failed = true;
	va_start(ap, fmt);
	vsnprintf(r->why, r->why_size, fmt, ap);
	va_end(ap);
	return false;
}

static void jr_ws(struct jr *r)
{
	while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\t' ||
				 *r->p == '\r'))
		r->p++;
}

static bool jr_peek(struct jr *r, char c)
{
	jr_ws(r);
	return r->p < r->end && *r->p == c;
}

static bool jr_eat(struct jr *r, char c)
{
	if (!jr_peek(r, c))
		return jr_fail(r, "expected '%c' at offset %td", c, r->p - r->start);
	r->p++;
	return true;
}

static bool jr_lit(struct jr *r, const char *lit)
{
	size_t n = strlen(lit);

	jr_ws(r);
	if ((size_t)(r->end - r->p) < n || memcmp(r->p, lit, n))
		return false;
	r->p += n;
	return true;
}

static bool jr_string(struct jr *r, char *buf, size_t size)
{
	size_t n = 0;

	if (!jr_eat(r, '"'))
		return false;
	while (r->p < r->end && *r->p != '"') {
		char c = *r->p++;

		if (c == '\\') {
			if (r->p >= r->end)
				break;
			c = *r->p++;
			if (c == 'u') {
				if (r->end - r->p < 4)
					break;
				c = (char)strtol((char[5]){ r->p[0], r->p[1], r->p[2], r->p[3], 0 }, NULL, 16);
				r->p += 4;
			} else if (c == 'n') {
				c = '\n';
			}
		}
		if (n + 1 < size)
			buf[n++] = c;
	}
	if (size)
		buf[n] = '\0';
	if (r->p >= r->end)
		return jr_fail(r, "unterminated string");
	r->p++;
	return true;
}

/* An integer, or a "0x..." string (the schema allows both). */
static bool jr_u64(struct jr *r, uint64_t *v)
{
	char buf[40], *e;

	jr_ws(r);
	if (jr_peek(r, '"')) {
		if (!jr_string(r, buf, sizeof(buf)))
			return false;
		*v = strtoull(buf, &e, 16);
		if (strncmp(buf, "0x", 2) || *e)
			return jr_fail(r, "number string '%s' is not 0x-hex", buf);
		return true;
	}
	if (r->p >= r->end || *r->p < '0' || *r->p > '9')
		return jr_fail(r, "expected a number");
	*v = 0;
	while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
		*v = *v * 10 + (uint64_t)(*r->p++ - '0');
	return true;
}

/* Iterates "key": value pairs; calls each(key) which consumes the value. */
typedef bool (*jr_member_fn)(struct jr *r, const char *key, void *ctx);

static bool jr_object(struct jr *r, jr_member_fn each, void *ctx)
{
	char key[64];

	if (!jr_eat(r, '{'))
		return false;
	if (jr_peek(r, '}'))
		return jr_eat(r, '}');
	do {
		if (!jr_string(r, key, sizeof(key)) || !jr_eat(r, ':'))
			return false;
		if (!each(r, key, ctx))
			return jr_fail(r, "bad value for key '%s'", key);
	} while (jr_peek(r, ',') && jr_eat(r, ','));
	return jr_eat(r, '}');
}

typedef bool (*jr_elem_fn)(struct jr *r, uint32_t index, void *ctx);

static bool jr_array(struct jr *r, jr_elem_fn each, void *ctx, uint32_t *count)
{
	uint32_t n = 0;

	if (!jr_eat(r, '['))
		return false;
	if (!jr_peek(r, ']')) {
		do {
			if (!each(r, n++, ctx))
				return false;
		} while (jr_peek(r, ',') && jr_eat(r, ','));
	}
	*count = n;
	return jr_eat(r, ']');
}

static bool rsvd_member(struct jr *r, const char *key, void *ctx)
{
	struct plan_range *rg = ctx;

	if (!strcmp(key, "offset"))
		return jr_u64(r, &rg->base);
	if (!strcmp(key, "size"))
		return jr_u64(r, &rg->size);
	return jr_fail(r, "unknown reserved-area key '%s'", key);
}

static bool rsvd_elem(struct jr *r, uint32_t i, void *ctx)
{
	struct plan_tdmr *t = ctx;

	if (i >= PLAN_RSVD_CAP)
		return jr_fail(r, "more than %d reserved areas", PLAN_RSVD_CAP);
	return jr_object(r, rsvd_member, &t->rsvd[i]);
}

static bool tdmr_member(struct jr *r, const char *key, void *ctx)
{
	static const char *const lvl[3] = { "4k", "2m", "1g" };
	struct plan_tdmr *t = ctx;
	char k[32];

	if (!strcmp(key, "base"))
		return jr_u64(r, &t->base);
	if (!strcmp(key, "size"))
		return jr_u64(r, &t->size);
	if (!strcmp(key, "reserved"))
		return jr_array(r, rsvd_elem, t, &t->n_rsvd);
	if (!strcmp(key, "node")) {
		uint64_t v;

		if (!jr_u64(r, &v) || v >= PLAN_NODE_CAP)
			return jr_fail(r, "node is not a node id");
		t->pamt_node = (uint32_t)v;
		return true;
	}
	if (!strcmp(key, "reserved_used") || !strcmp(key, "reserved_limit")) {
		uint64_t v;

		/* checked against the areas and the limit by the judge's reader */
		return jr_u64(r, &v) && v <= PLAN_RSVD_CAP;
	}
	for (int l = 0; l < 3; l++) {
		snprintf(k, sizeof(k), "pamt_%s_base", lvl[l]);
		if (!strcmp(key, k))
			return jr_u64(r, &t->pamt_base[l]);
		snprintf(k, sizeof(k), "pamt_%s_size", lvl[l]);
		if (!strcmp(key, k))
			return jr_u64(r, &t->pamt_size[l]);
	}
	return jr_fail(r, "unknown TDMR key '%s'", key);
}

static bool tdmr_elem(struct jr *r, uint32_t i, void *ctx)
{
	struct plan_output *o = ctx;

	if (i >= PLAN_TDMR_CAP)
		return jr_fail(r, "more than %d TDMRs", PLAN_TDMR_CAP);
	return jr_object(r, tdmr_member, &o->tdmrs[i]);
}

static bool excl_member(struct jr *r, const char *key, void *ctx)
{
	struct plan_range *rg = ctx;

	if (!strcmp(key, "base"))
		return jr_u64(r, &rg->base);
	if (!strcmp(key, "size"))
		return jr_u64(r, &rg->size);
	return jr_fail(r, "unknown excluded key '%s'", key);
}

static bool excl_elem(struct jr *r, uint32_t i, void *ctx)
{
	struct plan_output *o = ctx;

	if (i >= PLAN_EXCL_CAP)
		return jr_fail(r, "more than %d excluded ranges", PLAN_EXCL_CAP);
	return jr_object(r, excl_member, &o->excluded[i]);
}

static bool node_member(struct jr *r, const char *key, void *ctx)
{
	struct plan_node_bytes *n = ctx;
	uint64_t v;

	if (!strcmp(key, "node")) {
		if (!jr_u64(r, &v) || v >= PLAN_NODE_CAP)
			return false;
		n->node = (uint32_t)v;
		return true;
	}
	if (!strcmp(key, "pamt_bytes"))
		return jr_u64(r, &n->bytes);
	return jr_fail(r, "unknown node key '%s'", key);
}

static bool node_elem(struct jr *r, uint32_t i, void *ctx)
{
	struct plan_output *o = ctx;

	if (i >= PLAN_TDMR_CAP)
		return jr_fail(r, "more than %d nodes with PAMT", PLAN_TDMR_CAP);
	return jr_object(r, node_member, &o->pamt_nodes[i]);
}

static bool warn_elem(struct jr *r, uint32_t i, void *ctx)
{
	char buf[256];

	return jr_string(r, buf, sizeof(buf));
}

static bool boots_member(struct jr *r, const char *key, void *ctx)
{
	uint64_t v;

	if (!strcmp(key, "count") || !strcmp(key, "planned"))
		return jr_u64(r, &v);
	return jr_fail(r, "unknown boots key '%s'", key);
}

static bool top_member(struct jr *r, const char *key, void *ctx)
{
	struct plan_json *pj = ctx;

	if (!strcmp(key, "name"))
		return jr_string(r, pj->name, sizeof(pj->name));
	if (!strcmp(key, "ok")) {
		pj->ok = jr_lit(r, "true");
		return pj->ok || jr_lit(r, "false");
	}
	if (!strcmp(key, "error")) {
		pj->error[0] = '\0';
		return jr_lit(r, "null") || jr_string(r, pj->error, sizeof(pj->error));
	}
	if (!strcmp(key, "tdmrs"))
		return jr_array(r, tdmr_elem, &pj->out, &pj->out.n_tdmrs);
	if (!strcmp(key, "excluded"))
		return jr_array(r, excl_elem, &pj->out, &pj->out.n_excluded);
	if (!strcmp(key, "pamt_bytes"))
		return jr_u64(r, &pj->out.pamt_bytes);
	if (!strcmp(key, "nodes"))
		return jr_array(r, node_elem, &pj->out, &pj->out.n_pamt_nodes);
	if (!strcmp(key, "warnings")) {
		uint32_t n;

		return jr_array(r, warn_elem, NULL, &n);
	}
	if (!strcmp(key, "boots"))
		return jr_object(r, boots_member, NULL);
	if (!strcmp(key, "schema")) {
		uint64_t v;

		return jr_u64(r, &v) && (v == 2 || jr_fail(r, "schema %llu, this reader knows 2",
							     (unsigned long long)v));
	}
	if (!strcmp(key, "hint") || !strcmp(key, "tool")) {
		char buf[256];

		return jr_string(r, buf, sizeof(buf));
	}
	return jr_fail(r, "unknown key '%s'", key);
}

bool plan_json_read(const char *text, size_t len, struct plan_json *pj,
		    char *why, size_t why_size)
{
	struct jr r = { text, text, text + len, why, why_size, false };

	memset(pj, 0, sizeof(*pj));
	if (!jr_object(&r, top_member, pj))
		return jr_fail(&r, "not a JSON object");
	jr_ws(&r);
	if (r.p != r.end)
		return jr_fail(&r, "text after the JSON object");
	return true;
}
