/* SPDX-License-Identifier: MIT */
/*
 * Brute-force plan checker for the planner's tests (see test_plan_check.h).
 * Rules: docs/reference/tdx-abi.md §6.2 (what TDH.SYS.CONFIG accepts) and
 * docs/reference/planner-input.md §1.6 (what must be covered).
 */
#include "tests/unit/test_plan_check.h"

#include "core/tdmr_info.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char why[512];

#define FAIL(...) do { snprintf(why, sizeof(why), __VA_ARGS__); return why; } while (0)

static uint64_t end_of(uint64_t base, uint64_t size)
{
	uint64_t e = base + size;

	return e < base ? UINT64_MAX : e;
}

struct iv { uint64_t a, b; };

static int iv_cmp(const void *x, const void *y)
{
	const struct iv *p = x, *q = y;

	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return p->b < q->b ? -1 : p->b > q->b;
}

/* CMRs as the module sees them: sorted, contiguous ones merged. */
static size_t merged_cmrs(const struct plan_input *in, struct iv *v)
{
	size_t n = 0, out = 0;

	for (size_t i = 0; i < in->n_cmrs; i++)
		if (in->cmrs[i].size)
			v[n++] = (struct iv){ in->cmrs[i].base,
					      end_of(in->cmrs[i].base, in->cmrs[i].size) };
	qsort(v, n, sizeof(*v), iv_cmp);
	for (size_t i = 0; i < n; i++) {
		if (out && v[i].a <= v[out - 1].b) {
			if (v[i].b > v[out - 1].b)
				v[out - 1].b = v[i].b;
			continue;
		}
		v[out++] = v[i];
	}
	return out;
}

static int in_one(const struct iv *v, size_t n, uint64_t a, uint64_t b)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].a <= a && b <= v[i].b)
			return 1;
	return 0;
}

static uint64_t pamt_need(const struct plan_limits *l, uint64_t size, int lvl)
{
	static const int shift[3] = { 12, 21, 30 };
	uint64_t n = size >> shift[lvl];

	if (lvl == 0 && l->dpamt) {
		uint64_t bits = l->dpamt_bits_per_4k ? l->dpamt_bits_per_4k : 1;

		return (n * bits + 7) / 8;
	}
	return n * l->pamt_entry_size[lvl];
}

/* The TDMR_INFO the initializer builds from t: every reserved-area entry
 * past the plan's n_rsvd is null (docs/reference/tdx-abi.md §6.2 step 6),
 * whatever the plan's unused slots hold. */
static int tdmr_info_nulls_ok(const struct plan_tdmr *t)
{
	struct tdmr_info ti;

	if (t->n_rsvd > TDX_MAX_RESERVED_AREAS)
		return 1;   /* limits above the module's ABI: no TDMR_INFO to build */
	if (tdmr_info_from_plan(t, &ti) != TB_OK)
		return 0;
	for (uint32_t j = t->n_rsvd; j < TDX_MAX_RESERVED_AREAS; j++)
		if (ti.reserved[j].offset || ti.reserved[j].size)
			return 0;
	return 1;
}

/* [a, b) inside the union of the TDMR's reserved areas. */
static int in_rsvd(const struct plan_tdmr *t, uint64_t a, uint64_t b)
{
	uint64_t pos = a;

	for (uint32_t j = 0; j < t->n_rsvd && pos < b; j++) {
		uint64_t ra = t->base + t->rsvd[j].base, rb = ra + t->rsvd[j].size;

		if (ra <= pos && rb > pos)
			pos = rb;
	}
	return pos >= b;
}

const char *plan_check_module(const struct plan_input *in,
			      const struct plan_output *o)
{
	const struct plan_limits *l = &in->limits;
	struct iv *cmr = calloc(in->n_cmrs + 1, sizeof(*cmr));
	size_t nc = merged_cmrs(in, cmr);
	const char *res = NULL;

	if (o->n_tdmrs < 1 || o->n_tdmrs > l->max_tdmrs) {
		snprintf(why, sizeof(why), "%u TDMRs", o->n_tdmrs);
		res = why;
		goto out;
	}
	for (uint32_t i = 0; i < o->n_tdmrs && !res; i++) {
		const struct plan_tdmr *t = &o->tdmrs[i];
		uint64_t end = t->base + t->size, prev = 0;

		if (!t->size || (t->base | t->size) % GiB || end > (1ull << 52) || end < t->base)
			{ snprintf(why, sizeof(why), "TDMR %u not 1G aligned", i); res = why; break; }
		if (i && t->base < o->tdmrs[i - 1].base + o->tdmrs[i - 1].size)
			{ snprintf(why, sizeof(why), "TDMR %u not ordered", i); res = why; break; }
		if (t->n_rsvd > l->max_rsvd_per_tdmr)
			{ snprintf(why, sizeof(why), "TDMR %u: %u areas", i, t->n_rsvd); res = why; break; }
		if (!tdmr_info_nulls_ok(t))
			{ snprintf(why, sizeof(why), "TDMR %u: TDMR_INFO entry past %u not null", i, t->n_rsvd); res = why; break; }
		for (uint32_t j = 0; j < t->n_rsvd; j++) {
			const struct plan_range *r = &t->rsvd[j];

			if (!r->size || (r->base | r->size) % 0x1000 || r->base < prev ||
			    r->base + r->size > t->size)
				{ snprintf(why, sizeof(why), "TDMR %u: bad area %u [+0x%llx, 0x%llx)", i, j,
					   (unsigned long long)r->base, (unsigned long long)r->size); res = why; break; }
			prev = r->base + r->size;
		}
		if (res)
			break;
		for (int lv = 0; lv < 3; lv++) {
			uint64_t pa = t->pamt_base[lv], ps = t->pamt_size[lv];

			if ((pa | ps) % 0x1000 || ps < pamt_need(l, t->size, lv) || !ps)
				{ snprintf(why, sizeof(why), "TDMR %u: PAMT level %d size 0x%llx", i, lv,
					   (unsigned long long)ps); res = why; break; }
			if (!in_one(cmr, nc, pa, pa + ps))
				{ snprintf(why, sizeof(why), "TDMR %u: PAMT level %d outside CMRs", i, lv); res = why; break; }
			for (uint32_t k = 0; k < o->n_tdmrs; k++) {
				const struct plan_tdmr *u = &o->tdmrs[k];
				uint64_t a = pa > u->base ? pa : u->base;
				uint64_t b = pa + ps < u->base + u->size ? pa + ps : u->base + u->size;

				if (a < b && !in_rsvd(u, a, b))
					{ snprintf(why, sizeof(why), "TDMR %u: PAMT level %d over TDMR %u", i, lv, k); res = why; break; }
				for (int lw = 0; lw < 3 && !res; lw++) {
					uint64_t qa = u->pamt_base[lw], qb = qa + u->pamt_size[lw];

					if ((k != i || lw != lv) && qa < pa + ps && pa < qb)
						{ snprintf(why, sizeof(why), "PAMT overlap TDMR %u/%d and %u/%d", i, lv, k, lw); res = why; }
				}
				if (res)
					break;
			}
			if (res)
				break;
		}
		/* available parts inside one merged CMR each */
		for (uint32_t j = 0, pos = 0; j <= t->n_rsvd && !res; j++) {
			uint64_t a = t->base + (j ? t->rsvd[j - 1].base + t->rsvd[j - 1].size : 0);
			uint64_t b = j < t->n_rsvd ? t->base + t->rsvd[j].base : end;

			(void)pos;
			if (a < b && !in_one(cmr, nc, a, b))
				{ snprintf(why, sizeof(why), "TDMR %u: [0x%llx, 0x%llx) outside CMRs", i,
					   (unsigned long long)a, (unsigned long long)b); res = why; }
		}
	}
out:
	free(cmr);
	return res;
}

static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

/* RAM runs of the raw map, docs/reference/planner-input.md §1.6, trimmed, >= 1 MiB. */
static size_t ram_runs(const struct plan_input *in, struct iv *runs)
{
	size_t nb = 0, n = 0;
	uint64_t *bp = malloc((2 * in->n_mem + 1) * sizeof(*bp));
	int on = 0;
	uint64_t from = 0;

	for (size_t i = 0; i < in->n_mem; i++) {
		bp[nb++] = in->mem[i].base;
		bp[nb++] = end_of(in->mem[i].base, in->mem[i].size);
	}
	qsort(bp, nb, sizeof(*bp), cmp_u64);
	for (size_t k = 0; k < nb; k++) {
		uint64_t x = bp[k];
		int ram = 0, other = 0;

		if (k + 1 < nb && bp[k + 1] == x)
			continue;
		/* state of [x, next) */
		for (size_t i = 0; i < in->n_mem; i++) {
			const struct plan_mem *m = &in->mem[i];

			if (m->size && m->base <= x && x < end_of(m->base, m->size)) {
				if (m->kind == PLAN_MEM_FREE || m->kind == PLAN_MEM_RAM_BUSY)
					ram = 1;
				else
					other = 1;
			}
		}
		ram = ram && !other;
		if (on && !ram) {
			uint64_t a = (from + 0xfff) & ~0xfffull, b = x & ~0xfffull;

			if (from > UINT64_MAX - 0xfff)
				a = UINT64_MAX & ~0xfffull;
			if (a < MiB)
				a = MiB;
			if (a < b)
				runs[n++] = (struct iv){ a, b };
		}
		if (!on && ram)
			from = x;
		on = ram;
	}
	free(bp);
	return n;
}

static int raw_free(const struct plan_input *in, uint64_t x)
{
	int f = 0;

	for (size_t i = 0; i < in->n_mem; i++) {
		const struct plan_mem *m = &in->mem[i];

		if (m->size && m->base <= x && x < end_of(m->base, m->size)) {
			if (m->kind != PLAN_MEM_FREE)
				return 0;
			f = 1;
		}
	}
	return f;
}

const char *plan_check(const struct plan_input *in, const struct plan_output *o)
{
	const char *res = plan_check_module(in, o);
	struct iv *runs, *cmr;
	uint64_t *bp, covered = 0, excl = 0;
	size_t nr, nc, nb = 0;

	if (res)
		return res;
	runs = calloc(2 * in->n_mem + 2, sizeof(*runs));
	cmr = calloc(in->n_cmrs + 1, sizeof(*cmr));
	nr = ram_runs(in, runs);
	nc = merged_cmrs(in, cmr);
	bp = malloc((2 * nr + 2 * nc + 2 * o->n_excluded + o->n_tdmrs * (8 + 2 * PLAN_RSVD_CAP) + 4) *
		    sizeof(*bp));
	for (size_t i = 0; i < nr; i++)
		bp[nb++] = runs[i].a, bp[nb++] = runs[i].b;
	for (size_t i = 0; i < nc; i++)
		bp[nb++] = cmr[i].a, bp[nb++] = cmr[i].b;
	for (uint32_t i = 0; i < o->n_excluded; i++) {
		bp[nb++] = o->excluded[i].base;
		bp[nb++] = o->excluded[i].base + o->excluded[i].size;
		excl += o->excluded[i].size;
	}
	for (uint32_t i = 0; i < o->n_tdmrs; i++) {
		const struct plan_tdmr *t = &o->tdmrs[i];

		bp[nb++] = t->base, bp[nb++] = t->base + t->size;
		for (int l = 0; l < 3; l++)
			bp[nb++] = t->pamt_base[l], bp[nb++] = t->pamt_base[l] + t->pamt_size[l];
		for (uint32_t j = 0; j < t->n_rsvd; j++) {
			bp[nb++] = t->base + t->rsvd[j].base;
			bp[nb++] = t->base + t->rsvd[j].base + t->rsvd[j].size;
		}
	}
	if (excl != o->excluded_noncmr_bytes + o->excluded_coalesce_bytes)
		FAIL("excluded bytes 0x%llx != noncmr + coalesce", (unsigned long long)excl);
	qsort(bp, nb, sizeof(*bp), cmp_u64);
	for (size_t k = 0; k + 1 < nb && !res; k++) {
		uint64_t x = bp[k], y = bp[k + 1];
		int ram = 0, ex = 0, pamt = 0, incmr = 0, rsvd = 0;
		int tdmr = -1;

		if (x == y)
			continue;
		for (size_t i = 0; i < nr; i++)
			ram |= runs[i].a <= x && x < runs[i].b;
		for (size_t i = 0; i < nc; i++)
			incmr |= cmr[i].a <= x && x < cmr[i].b;
		for (uint32_t i = 0; i < o->n_excluded; i++)
			ex |= o->excluded[i].base <= x && x < o->excluded[i].base + o->excluded[i].size;
		for (uint32_t i = 0; i < o->n_tdmrs; i++) {
			const struct plan_tdmr *t = &o->tdmrs[i];

			for (int l = 0; l < 3; l++)
				pamt |= t->pamt_base[l] <= x && x < t->pamt_base[l] + t->pamt_size[l];
			if (t->base <= x && x < t->base + t->size) {
				tdmr = (int)i;
				rsvd = in_rsvd(t, x, y);
			}
		}
		if (ram && !ex && !pamt) {
			covered += y - x;
			if (tdmr < 0 || rsvd)
				snprintf(why, sizeof(why), "RAM [0x%llx, 0x%llx) not covered",
					 (unsigned long long)x, (unsigned long long)y), res = why;
		}
		if (pamt && (!raw_free(in, x) || ex || (tdmr >= 0 && !rsvd)))
			snprintf(why, sizeof(why), "PAMT at [0x%llx, 0x%llx) misplaced",
				 (unsigned long long)x, (unsigned long long)y), res = why;
		if (ex && (!ram || (incmr && !rsvd && tdmr >= 0)))
			snprintf(why, sizeof(why), "excluded [0x%llx, 0x%llx) wrong",
				 (unsigned long long)x, (unsigned long long)y), res = why;
	}
	if (!res && covered != o->tdx_memory_bytes)
		snprintf(why, sizeof(why), "tdx_memory_bytes 0x%llx, checker 0x%llx",
			 (unsigned long long)o->tdx_memory_bytes, (unsigned long long)covered), res = why;
	free(bp);
	free(runs);
	free(cmr);
	return res;
}

struct plan_limits plan_test_limits(void)
{
	return (struct plan_limits){ .max_tdmrs = 64, .max_rsvd_per_tdmr = 16,
				     .pamt_entry_size = { 16, 16, 16 } };
}

struct plan_output *plan_test_out(void)
{
	return calloc(1, sizeof(struct plan_output));
}

void ptm_mem(struct plan_test_map *m, uint64_t base, uint64_t end, uint32_t kind)
{
	m->mem[m->n_mem] = (struct plan_mem){ base, end - base, kind, (uint32_t)m->n_mem };
	m->n_mem++;
}

void ptm_cmr(struct plan_test_map *m, uint64_t base, uint64_t end)
{
	m->cmr[m->n_cmr++] = (struct plan_range){ base, end - base };
}

void ptm_node(struct plan_test_map *m, uint64_t base, uint64_t end, uint32_t node)
{
	m->numa[m->n_numa++] = (struct plan_numa){ base, end - base, node };
}

struct plan_input ptm_input(const struct plan_test_map *m)
{
	return (struct plan_input){
		.mem = m->mem, .n_mem = m->n_mem,
		.cmrs = m->cmr, .n_cmrs = m->n_cmr,
		.numa = m->numa, .n_numa = m->n_numa,
		.limits = plan_test_limits(),
	};
}

uint64_t plan_test_rsvd_bytes(const struct plan_tdmr *t, uint64_t a, uint64_t b)
{
	uint64_t sum = 0;

	for (uint32_t j = 0; j < t->n_rsvd; j++) {
		uint64_t ra = t->base + t->rsvd[j].base, rb = ra + t->rsvd[j].size;

		ra = ra > a ? ra : a;
		rb = rb < b ? rb : b;
		if (rb > ra)
			sum += rb - ra;
	}
	return sum;
}
