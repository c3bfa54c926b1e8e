/* SPDX-License-Identifier: MIT */
#include "bench/linux_plan.h"

#include <string.h>

#define LP_4K  0x1000ULL
#define LP_1M  0x100000ULL
#define LP_1G  0x40000000ULL
#define LP_CAP (PLAN_MEM_CAP + PLAN_NUMA_CAP + 2)

struct lp_region {
	uint64_t start, end;
	uint32_t nid;
};

/* memblock's memory (RAM, merged, split per node) and its free part. */
static struct lp_region memlist[LP_CAP], freelist[LP_CAP];

static bool lp_is_ram(uint32_t kind)
{
	return kind == PLAN_MEM_FREE || kind == PLAN_MEM_RAM_BUSY;
}

/* The node of addr: the SRAT range holding it (memblock_set_node), else 0.
 * The ranges are sorted by base (platlog sorts them): a binary search. */
static uint32_t lp_nid(const struct plan_input *in, uint64_t addr, uint64_t *next)
{
	size_t lo = 0, hi = in->n_numa;

	while (lo < hi) {           /* first range with base > addr */
		size_t mid = lo + (hi - lo) / 2;

		if (in->numa[mid].base <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	*next = lo < in->n_numa ? in->numa[lo].base : UINT64_MAX;
	if (lo && addr - in->numa[lo - 1].base < in->numa[lo - 1].size) {
		uint64_t e = in->numa[lo - 1].base + in->numa[lo - 1].size;

		*next = e < *next ? e : *next;
		return in->numa[lo - 1].node;
	}
	return 0;
}

/* Appends [s, e) split at node boundaries, merging with the previous entry
 * where memblock would (touching, same node). */
static int lp_push(const struct plan_input *in, struct lp_region *v, size_t *n,
		   uint64_t s, uint64_t e)
{
	s = (s + LP_4K - 1) & ~(LP_4K - 1);   /* PFN_UP */
	e &= ~(LP_4K - 1);                    /* PFN_DOWN */
	if (s < LP_1M)
		s = LP_1M;                    /* build_tdx_memlist's clamp */
	while (s < e) {
		uint64_t next, to;
		uint32_t nid = lp_nid(in, s, &next);

		to = next < e ? next : e;
		if (*n && v[*n - 1].end == s && v[*n - 1].nid == nid) {
			v[*n - 1].end = to;
		} else {
			if (*n >= LP_CAP)
				return -4;
			v[(*n)++] = (struct lp_region){ s, to, nid };
		}
		s = to;
	}
	return 0;
}

/* Step 4: build_tdx_memlist (the map is sorted, as memblock is). */
static int lp_memlist(const struct plan_input *in, size_t *n_mem, size_t *n_free)
{
	*n_mem = *n_free = 0;
	for (size_t i = 0; i < in->n_mem; i++) {
		const struct plan_mem *m = &in->mem[i];
		uint64_t e = m->base + m->size;

		if (!lp_is_ram(m->kind))
			continue;
		/* memblock.memory merges touching RAM of either kind */
		size_t k = i;
		while (k + 1 < in->n_mem && lp_is_ram(in->mem[k + 1].kind) &&
		       in->mem[k + 1].base == e) {
			k++;
			e = in->mem[k].base + in->mem[k].size;
		}
		if (lp_push(in, memlist, n_mem, m->base, e))
			return -4;
		for (size_t f = i; f <= k; f++)
			if (in->mem[f].kind == PLAN_MEM_FREE &&
			    lp_push(in, freelist, n_free, in->mem[f].base,
				    in->mem[f].base + in->mem[f].size))
				return -4;
		i = k;
	}
	return 0;
}

/* Step 6: fill_out_tdmrs. */
static int lp_fill_out_tdmrs(const struct plan_input *in, size_t n_mem,
			     struct linux_plan *out)
{
	uint32_t max = in->limits.max_tdmrs < PLAN_TDMR_CAP ?
		       in->limits.max_tdmrs : PLAN_TDMR_CAP;
	int idx = 0;

	memset(&out->tdmrs[0], 0, sizeof(out->tdmrs[0]));
	for (size_t i = 0; i < n_mem; i++) {
		uint64_t start = memlist[i].start & ~(LP_1G - 1);
		uint64_t end = (memlist[i].end + LP_1G - 1) & ~(LP_1G - 1);
		struct plan_tdmr *t = &out->tdmrs[idx];

		if (t->size) {
			uint64_t tend = t->base + t->size;

			if (end <= tend)
				continue;
			if (start < tend)
				start = tend;
			if ((uint32_t)++idx >= max)
				return -1;
			t = &out->tdmrs[idx];
			memset(t, 0, sizeof(*t));
		}
		t->base = start;
		t->size = end - start;
	}
	out->n_tdmrs = (uint32_t)idx + 1;
	return 0;
}

/* tdmr_get_nid: the node of the first memlist entry ending above base. */
static uint32_t lp_tdmr_nid(size_t n_mem, uint64_t base)
{
	for (size_t i = 0; i < n_mem; i++)
		if (memlist[i].end > base)
			return memlist[i].nid;
	return 0;
}

/* alloc_contig_pages on a node: the first free stretch from the bottom. */
static bool lp_alloc_contig(size_t n_free, uint64_t bytes, uint32_t nid,
			    bool any_node, uint64_t *pa)
{
	for (size_t i = 0; i < n_free; i++) {
		struct lp_region *f = &freelist[i];

		if ((!any_node && f->nid != nid) || f->end - f->start < bytes)
			continue;
		*pa = f->start;
		f->start += bytes;
		return true;
	}
	return false;
}

/* Step 7: tdmrs_set_up_pamt_all, one chunk per TDMR (4K, 2M, 1G). */
static int lp_set_up_pamts(const struct plan_input *in, size_t n_mem,
			   size_t n_free, struct linux_plan *out)
{
	out->pamt_bytes = 0;
	for (uint32_t i = 0; i < out->n_tdmrs; i++) {
		struct plan_tdmr *t = &out->tdmrs[i];
		uint64_t total = 0, pa;

		for (int l = 0; l < 3; l++) {
			uint64_t nr = t->size >> (12 + 9 * l);

			t->pamt_size[l] = (nr * in->limits.pamt_entry_size[l] + LP_4K - 1) &
					  ~(LP_4K - 1);
			total += t->pamt_size[l];
		}
		t->pamt_node = lp_tdmr_nid(n_mem, t->base);
		if (!lp_alloc_contig(n_free, total, t->pamt_node, false, &pa) &&
		    !lp_alloc_contig(n_free, total, t->pamt_node, true, &pa))
			return -3;
		for (int l = 0; l < 3; l++) {
			t->pamt_base[l] = pa;
			pa += t->pamt_size[l];
		}
		out->pamt_bytes += total;
	}
	return 0;
}

static int lp_add_rsvd(struct plan_tdmr *t, uint32_t max, uint64_t addr,
		       uint64_t size)
{
	if (t->n_rsvd >= max)
		return -2;  /* "TDMR [...): reserved areas exhausted." */
	t->rsvd[t->n_rsvd++] = (struct plan_range){ addr - t->base, size };
	return 0;
}

/* Step 8: holes from the memlist, every overlapping PAMT, then sorted. */
static int lp_populate_rsvd(const struct plan_input *in, size_t n_mem,
			    struct linux_plan *out, uint32_t ti)
{
	uint32_t max = in->limits.max_rsvd_per_tdmr < PLAN_RSVD_CAP ?
		       in->limits.max_rsvd_per_tdmr : PLAN_RSVD_CAP;
	struct plan_tdmr *t = &out->tdmrs[ti];
	uint64_t prev_end = t->base, tend = t->base + t->size;
	int rc;

	for (size_t i = 0; i < n_mem; i++) {
		if (memlist[i].start >= tend)
			break;
		if (memlist[i].end <= t->base)
			continue;
		if (memlist[i].start <= prev_end) {
			prev_end = memlist[i].end;
			continue;
		}
		if ((rc = lp_add_rsvd(t, max, prev_end, memlist[i].start - prev_end)))
			return rc;
		prev_end = memlist[i].end;
	}
	if (prev_end < tend && (rc = lp_add_rsvd(t, max, prev_end, tend - prev_end)))
		return rc;
	for (uint32_t k = 0; k < out->n_tdmrs; k++) {
		const struct plan_tdmr *p = &out->tdmrs[k];
		uint64_t b = p->pamt_base[0];
		uint64_t e = b + p->pamt_size[0] + p->pamt_size[1] + p->pamt_size[2];

		if (e <= t->base || b >= tend)
			continue;
		b = b < t->base ? t->base : b;
		e = e > tend ? tend : e;
		if ((rc = lp_add_rsvd(t, max, b, e - b)))
			return rc;
	}
	/* rsvd_area_cmp_func: by offset; few areas, insertion sort */
	for (uint32_t i = 1; i < t->n_rsvd; i++) {
		struct plan_range r = t->rsvd[i];
		uint32_t k = i;

		for (; k && t->rsvd[k - 1].base > r.base; k--)
			t->rsvd[k] = t->rsvd[k - 1];
		t->rsvd[k] = r;
	}
	return 0;
}

int linux_plan_build(const struct plan_input *in, struct linux_plan *out)
{
	size_t n_mem, n_free;
	int rc = lp_memlist(in, &n_mem, &n_free);

	if (!rc)
		rc = lp_fill_out_tdmrs(in, n_mem, out);
	if (!rc)
		rc = lp_set_up_pamts(in, n_mem, n_free, out);
	for (uint32_t i = 0; !rc && i < out->n_tdmrs; i++)
		rc = lp_populate_rsvd(in, n_mem, out, i);
	return rc;
}
