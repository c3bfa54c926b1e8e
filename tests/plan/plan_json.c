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

/* pamt_placement (schema 3): into the plan_pamt_why of the same index. */
static bool range_member(struct jr *r, const char *key, void *ctx)
{
	struct plan_range *rg = ctx;

	if (!strcmp(key, "base"))
		return jr_u64(r, &rg->base);
	if (!strcmp(key, "size"))
		return jr_u64(r, &rg->size);
	return jr_fail(r, "unknown range key '%s'", key);
}

static bool side_member(struct jr *r, const char *key, void *ctx)
{
	struct plan_pamt_side *sd = ctx;
	char what[32];
	uint64_t v;

	if (!strcmp(key, "base") || !strcmp(key, "size"))
		return range_member(r, key, &sd->range);
	if (!strcmp(key, "tdmr")) {
		if (!jr_u64(r, &v) || v >= PLAN_TDMR_CAP)
			return jr_fail(r, "shares_area_with: tdmr is not a TDMR index");
		sd->tdmr = (uint32_t)v;
		return true;
	}
	if (!strcmp(key, "what")) {
		if (!jr_string(r, what, sizeof(what)))
			return false;
		sd->what = !strcmp(what, "not TDX memory") ? PLAN_NEXT_NOT_TDX :
			   !strcmp(what, "PAMT") ? PLAN_NEXT_PAMT :
			   !strcmp(what, "RAM given up") ? PLAN_NEXT_ISLAND : PLAN_NEXT_NONE;
		return sd->what != PLAN_NEXT_NONE ||
		       jr_fail(r, "shares_area_with: unknown what '%s'", what);
	}
	return jr_fail(r, "unknown shares_area_with key '%s'", key);
}

static bool side_elem(struct jr *r, uint32_t i, void *ctx)
{
	struct plan_pamt_why *w = ctx;

	if (i >= 2)
		return jr_fail(r, "a PAMT shares an area with at most two pieces");
	return jr_object(r, side_member, i ? &w->above : &w->below);
}

static bool placement_member(struct jr *r, const char *key, void *ctx)
{
	struct plan_pamt_why *w = ctx;
	char buf[256];
	uint64_t v;
	uint32_t n;

	if (!strcmp(key, "tdmr_node")) {
		if (!jr_u64(r, &v) || v >= PLAN_NODE_CAP)
			return jr_fail(r, "tdmr_node is not a node id");
		w->want_node = (uint32_t)v;
		return true;
	}
	if (!strcmp(key, "fallback")) {
		if (jr_lit(r, "null")) {
			w->fallback = PLAN_PAMT_ON_NODE;
			return true;
		}
		if (!jr_string(r, buf, sizeof(buf)))
			return false;
		w->fallback = !strcmp(buf, "no room") ? PLAN_PAMT_NODE_NO_ROOM :
			      !strcmp(buf, "reserved areas full") ? PLAN_PAMT_NODE_AREAS_FULL : 99;
		return w->fallback != 99 || jr_fail(r, "unknown fallback '%s'", buf);
	}
	if (!strcmp(key, "free_range"))
		return jr_object(r, range_member, &w->free);
	if (!strcmp(key, "in_tdmr")) {
		if (jr_lit(r, "null")) {
			w->in_tdmr = PLAN_PAMT_OUTSIDE;
			return true;
		}
		if (!jr_u64(r, &v) || v >= PLAN_TDMR_CAP)
			return jr_fail(r, "in_tdmr is not a TDMR index");
		w->in_tdmr = (uint32_t)v;
		return true;
	}
	if (!strcmp(key, "new_areas")) {
		bool neg = jr_lit(r, "-");

		if (!jr_u64(r, &v) || v > 1)
			return jr_fail(r, "new_areas is not -1, 0 or 1");
		w->new_areas = neg ? -(int32_t)v : (int32_t)v;
		return true;
	}
	if (!strcmp(key, "below_4g")) {
		w->low = jr_lit(r, "true");
		return w->low || jr_lit(r, "false");
	}
	if (!strcmp(key, "shares_area_with"))
		return jr_array(r, side_elem, w, &n);
	if (!strcmp(key, "reason"))
		return jr_string(r, buf, sizeof(buf)) && (buf[0] || jr_fail(r, "empty reason"));
	return jr_fail(r, "unknown pamt_placement key '%s'", key);
}

struct tdmr_ctx {
	struct plan_tdmr *t;
	struct plan_pamt_why *w;
};

static bool tdmr_member(struct jr *r, const char *key, void *ctx)
{
	static const char *const lvl[3] = { "4k", "2m", "1g" };
	struct plan_tdmr *t = ((struct tdmr_ctx *)ctx)->t;
	char k[32];

	if (!strcmp(key, "pamt_placement"))
		return jr_object(r, placement_member, ((struct tdmr_ctx *)ctx)->w);

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
	return jr_object(r, tdmr_member,
			 &(struct tdmr_ctx){ &o->tdmrs[i], &o->pamt_why[i] });
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

		return jr_u64(r, &v) && (v == 3 || jr_fail(r, "schema %llu, this reader knows 3",
							     (unsigned long long)v));
	}
	if (!strcmp(key, "hint") || !strcmp(key, "tool")) {
		char buf[256];

		return jr_string(r, buf, sizeof(buf));
	}
	return jr_fail(r, "unknown key '%s'", key);
}

static bool pj_bad(char *why, size_t why_size, uint32_t i, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static bool pj_bad(char *why, size_t why_size, uint32_t i, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(why, why_size, "TDMR %u: pamt_placement: ", i);

	va_start(ap, fmt);
	if (n > 0 && (size_t)n < why_size)
		vsnprintf(why + n, why_size - (size_t)n, fmt, ap);
	va_end(ap);
	return false;
}

/* The reserved area of TDMR t holding [a, b), or NULL. */
static const struct plan_range *area_holding(const struct plan_tdmr *t,
					     uint64_t a, uint64_t b)
{
	for (uint32_t i = 0; i < t->n_rsvd; i++)
		if (t->base + t->rsvd[i].base <= a &&
		    b <= t->base + t->rsvd[i].base + t->rsvd[i].size)
			return &t->rsvd[i];
	return NULL;
}

static uint64_t pamt_total(const struct plan_tdmr *t)
{
	return t->pamt_size[0] + t->pamt_size[1] + t->pamt_size[2];
}

/*
 * One PAMT's placement reason against the plan printed beside it: the
 * chunk is in its free range; no fallback exactly when it is on the TDMR's
 * node; in_tdmr is the first TDMR it lies in (none: in no TDMR), and each
 * TDMR it lies in has a reserved area holding its part; each piece it
 * shares the area with touches in_tdmr's area (a PAMT piece is that TDMR's
 * chunk); in one TDMR, new_areas is one less per such piece; below_4g is
 * its address.
 */
static bool placement_check(const struct plan_output *o, uint32_t i,
			    char *why, size_t why_size)
{
	const struct plan_tdmr *t = &o->tdmrs[i];
	const struct plan_pamt_why *w = &o->pamt_why[i];
	uint64_t a = t->pamt_base[0], b = a + pamt_total(t);
	const struct plan_range *area = NULL;
	int sides = 0;

	if (a < w->free.base || b > w->free.base + w->free.size)
		return pj_bad(why, why_size, i, "the PAMT is not in free_range");
	if ((w->fallback == PLAN_PAMT_ON_NODE) != (t->pamt_node == w->want_node))
		return pj_bad(why, why_size, i, "fallback %u with the PAMT on node %u, tdmr_node %u",
			      w->fallback, t->pamt_node, w->want_node);
	if (w->low != (a < (4ull << 30)))
		return pj_bad(why, why_size, i, "below_4g is wrong");
	if (w->in_tdmr == PLAN_PAMT_OUTSIDE) {
		for (uint32_t k = 0; k < o->n_tdmrs; k++)
			if (a < o->tdmrs[k].base + o->tdmrs[k].size && o->tdmrs[k].base < b)
				return pj_bad(why, why_size, i, "in_tdmr is null, but the PAMT is in TDMR %u", k);
		if (w->new_areas || w->below.what || w->above.what)
			return pj_bad(why, why_size, i, "outside every TDMR, yet areas are counted");
		return true;
	}
	if (w->in_tdmr >= o->n_tdmrs || a >= o->tdmrs[w->in_tdmr].base + o->tdmrs[w->in_tdmr].size ||
	    (w->in_tdmr && a < o->tdmrs[w->in_tdmr - 1].base + o->tdmrs[w->in_tdmr - 1].size))
		return pj_bad(why, why_size, i, "in_tdmr %u is not the first TDMR the PAMT is in", w->in_tdmr);
	/* every TDMR it is in reserves its part (across a boundary: two) */
	for (uint32_t k = w->in_tdmr; k < o->n_tdmrs && o->tdmrs[k].base < b; k++) {
		const struct plan_tdmr *in = &o->tdmrs[k];
		uint64_t lo = a > in->base ? a : in->base;
		uint64_t hi = b < in->base + in->size ? b : in->base + in->size;
		const struct plan_range *ar = area_holding(in, lo, hi);

		if (!ar)
			return pj_bad(why, why_size, i, "TDMR %u has no reserved area holding the PAMT", k);
		if (k == w->in_tdmr)
			area = ar;
		else
			sides = -99;   /* new_areas is summed over the TDMRs */
	}
	for (int s = 0; s < 2; s++) {
		const struct plan_pamt_side *sd = s ? &w->above : &w->below;
		const struct plan_tdmr *in = &o->tdmrs[w->in_tdmr];
		uint64_t lo = in->base + area->base, hi = lo + area->size;

		if (sd->what == PLAN_NEXT_NONE)
			continue;
		if (sides >= 0)
			sides++;
		if (sd->range.base >= hi || sd->range.base + sd->range.size <= lo)
			return pj_bad(why, why_size, i, "shares_area_with [0x%llx, +0x%llx) is not in the PAMT's area",
				      (unsigned long long)sd->range.base,
				      (unsigned long long)sd->range.size);
		if (sd->what == PLAN_NEXT_PAMT &&
		    (sd->tdmr >= o->n_tdmrs || sd->tdmr == i ||
		     o->tdmrs[sd->tdmr].pamt_base[0] != sd->range.base ||
		     pamt_total(&o->tdmrs[sd->tdmr]) != sd->range.size))
			return pj_bad(why, why_size, i, "shares_area_with names a PAMT that TDMR %u does not have",
				      sd->tdmr);
	}
	if (sides >= 0 && w->new_areas != 1 - sides)
		return pj_bad(why, why_size, i, "new_areas %d with %d shared pieces", w->new_areas, sides);
	return true;
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
	for (uint32_t i = 0; pj->ok && i < pj->out.n_tdmrs; i++)
		if (!placement_check(&pj->out, i, why, why_size))
			return false;
	return true;
}
