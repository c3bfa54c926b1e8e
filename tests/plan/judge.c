/* SPDX-License-Identifier: MIT */
/*
 * The judge, rule by rule.  Each check_* function tests one rule and, on a
 * violation, writes the reason and returns false.  Sources:
 *   docs/reference/planner-input.md §1.6: RAM to cover, PAMT sizes, PAMTs in RAM;
 *   docs/reference/tdx-abi.md §6.1-6.2: TDMR alignment/order, reserved-area shape,
 *     PAMT overlap and CMR containment (TDH.SYS.CONFIG's own checks).
 */
#include "tests/plan/judge.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "tests/plan/ivset.h"

#define K4 (1ULL << 12)
#define M1 (1ULL << 20)
#define G1 (1ULL << 30)
#define PA_LIMIT (1ULL << 52)

struct judge {
	const struct plan_input *in;
	const struct plan_output *out;
	char *why;
	size_t why_size;
	struct ivset ram;       /* RAM to cover: >= 1 MiB, page-trimmed input */
	struct ivset free_ram;  /* RAM free now: where PAMTs may go */
	struct ivset cmr;       /* CMRs, touching ones merged */
	struct ivset avail;     /* non-reserved TDMR bytes */
	struct ivset pamt;      /* every PAMT */
	struct ivset excl;      /* memory the plan gives up */
	uint64_t need_bytes;    /* RAM less PAMTs and exclusions */
	bool totals;            /* also judge the per-node and total figures */
};

static bool judge_fail(struct judge *j, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static bool judge_fail(struct judge *j, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(j->why, j->why_size, fmt, ap);
	va_end(ap);
	return false;
}

static bool is_ram(uint32_t kind)
{
	return kind == PLAN_MEM_FREE || kind == PLAN_MEM_RAM_BUSY;
}

/* RAM = RAM entries minus any non-RAM entry, page-trimmed, >= 1 MiB. */
static void judge_build_ram(struct judge *j)
{
	struct ivset ram = { 0 }, busy_or_not = { 0 }, not_ram = { 0 }, runs = { 0 };
	const struct plan_input *in = j->in;

	for (size_t i = 0; i < in->n_mem; i++) {
		const struct plan_mem *m = &in->mem[i];

		ivset_add(is_ram(m->kind) ? &ram : &not_ram, m->base, m->base + m->size);
		if (m->kind != PLAN_MEM_FREE)
			ivset_add(&busy_or_not, m->base, m->base + m->size);
	}
	ivset_add(&not_ram, 0, M1);
	ivset_add(&busy_or_not, 0, M1);
	ivset_norm(&ram);
	ivset_norm(&not_ram);
	ivset_norm(&busy_or_not);
	ivset_sub(&ram, &not_ram, &runs);
	for (size_t i = 0; i < runs.n; i++) {
		uint64_t lo = (runs.v[i].lo + K4 - 1) & ~(K4 - 1);
		uint64_t hi = runs.v[i].hi & ~(K4 - 1);

		ivset_add(&j->ram, lo, hi);
	}
	ivset_norm(&j->ram);
	ivset_sub(&j->ram, &busy_or_not, &j->free_ram);
	ivset_free(&ram);
	ivset_free(&not_ram);
	ivset_free(&busy_or_not);
	ivset_free(&runs);
}

static bool check_tdmr_shape(struct judge *j)
{
	const struct plan_output *o = j->out;
	uint32_t max = j->in->limits.max_tdmrs;

	if (o->n_tdmrs == 0 || o->n_tdmrs > max || o->n_tdmrs > PLAN_TDMR_CAP)
		return judge_fail(j, "%u TDMRs: the module takes 1 to %u",
				  o->n_tdmrs, max);
	for (uint32_t i = 0; i < o->n_tdmrs; i++) {
		const struct plan_tdmr *t = &o->tdmrs[i];

		if (t->base % G1 || t->size % G1 || !t->size ||
		    t->base >= PA_LIMIT || t->size > PA_LIMIT - t->base)
			return judge_fail(j, "TDMR %u [%#llx, +%#llx): not 1 GiB "
					  "aligned, empty or beyond 2^52", i,
					  (unsigned long long)t->base,
					  (unsigned long long)t->size);
		if (i && t->base < o->tdmrs[i - 1].base + o->tdmrs[i - 1].size)
			return judge_fail(j, "TDMR %u at %#llx overlaps or precedes "
					  "TDMR %u", i, (unsigned long long)t->base,
					  i - 1);
	}
	return true;
}

static bool check_rsvd_one(struct judge *j, uint32_t i)
{
	const struct plan_tdmr *t = &j->out->tdmrs[i];
	uint32_t max = j->in->limits.max_rsvd_per_tdmr;
	uint64_t prev_end = 0;

	if (t->n_rsvd > max || t->n_rsvd > PLAN_RSVD_CAP)
		return judge_fail(j, "TDMR %u: %u reserved areas, the module takes "
				  "%u", i, t->n_rsvd, max);
	for (uint32_t r = 0; r < t->n_rsvd; r++) {
		uint64_t off = t->rsvd[r].base, sz = t->rsvd[r].size;

		if (off % K4 || sz % K4 || !sz || off > t->size || sz > t->size - off)
			return judge_fail(j, "TDMR %u: reserved area %u [+%#llx, "
					  "+%#llx) not 4K aligned, empty or outside "
					  "the TDMR", i, r, (unsigned long long)off,
					  (unsigned long long)sz);
		if (r && off < prev_end)
			return judge_fail(j, "TDMR %u: reserved area %u at +%#llx "
					  "overlaps or precedes area %u", i, r,
					  (unsigned long long)off, r - 1);
		prev_end = off + sz;
	}
	return true;
}

/* The available (non-reserved) bytes of every TDMR. */
static void judge_build_avail(struct judge *j)
{
	for (uint32_t i = 0; i < j->out->n_tdmrs; i++) {
		const struct plan_tdmr *t = &j->out->tdmrs[i];
		uint64_t pos = t->base;

		for (uint32_t r = 0; r < t->n_rsvd; r++) {
			ivset_add(&j->avail, pos, t->base + t->rsvd[r].base);
			pos = t->base + t->rsvd[r].base + t->rsvd[r].size;
		}
		ivset_add(&j->avail, pos, t->base + t->size);
	}
	ivset_norm(&j->avail);
}

static uint64_t align_4k(uint64_t x)
{
	return (x + K4 - 1) & ~(K4 - 1);
}

/* docs/reference/planner-input.md §1.6 sizes; DPAMT's 4K level per docs/reference/tdx-abi.md §7. */
static uint64_t pamt_need(const struct plan_limits *l, uint64_t size, int level)
{
	static const unsigned shift[3] = { 12, 21, 30 };
	uint64_t entries = size >> shift[level];

	if (level == PLAN_PAMT_4K && l->dpamt)
		return align_4k((entries * l->dpamt_bits_per_4k + 7) / 8);
	return align_4k(entries * l->pamt_entry_size[level]);
}

static bool check_pamt_sizes(struct judge *j)
{
	static const char *const lvl[3] = { "4K", "2M", "1G" };
	const struct plan_output *o = j->out;
	uint64_t total = 0, per_node = 0;

	for (uint32_t i = 0; i < o->n_tdmrs; i++) {
		const struct plan_tdmr *t = &o->tdmrs[i];

		for (int l = 0; l < 3; l++) {
			uint64_t b = t->pamt_base[l], s = t->pamt_size[l];

			if (b % K4 || s % K4 || s < pamt_need(&j->in->limits, t->size, l) ||
			    b >= PA_LIMIT || s > PA_LIMIT - b)
				return judge_fail(j, "TDMR %u: PAMT_%s [%#llx, +%#llx) "
						  "misaligned or smaller than %#llx",
						  i, lvl[l], (unsigned long long)b,
						  (unsigned long long)s,
						  (unsigned long long)pamt_need(&j->in->limits, t->size, l));
			total += s;
		}
	}
	if (total != o->pamt_bytes)
		return judge_fail(j, "pamt_bytes %llu, but the PAMTs add up to %llu",
				  (unsigned long long)o->pamt_bytes,
				  (unsigned long long)total);
	if (!j->totals)
		return true;
	for (uint32_t n = 0; n < o->n_pamt_nodes && n < PLAN_TDMR_CAP; n++) {
		if (n && o->pamt_nodes[n].node <= o->pamt_nodes[n - 1].node)
			return judge_fail(j, "pamt_nodes[] is not sorted by node");
		per_node += o->pamt_nodes[n].bytes;
	}
	if (per_node != o->pamt_bytes)
		return judge_fail(j, "pamt_nodes[] adds up to %llu, pamt_bytes "
				  "is %llu", (unsigned long long)per_node,
				  (unsigned long long)o->pamt_bytes);
	return true;
}

static bool check_pamt_overlap(struct judge *j)
{
	struct ivset all = { 0 };
	uint64_t sum = 0;

	for (uint32_t i = 0; i < j->out->n_tdmrs; i++) {
		for (int l = 0; l < 3; l++) {
			const struct plan_tdmr *t = &j->out->tdmrs[i];

			ivset_add(&all, t->pamt_base[l], t->pamt_base[l] + t->pamt_size[l]);
			ivset_add(&j->pamt, t->pamt_base[l], t->pamt_base[l] + t->pamt_size[l]);
			sum += t->pamt_size[l];
		}
	}
	ivset_norm(&j->pamt);
	ivset_free(&all);
	if (ivset_bytes(&j->pamt) != sum)
		return judge_fail(j, "PAMTs overlap each other (%llu bytes of PAMT "
				  "in %llu distinct bytes)", (unsigned long long)sum,
				  (unsigned long long)ivset_bytes(&j->pamt));
	return true;
}

/* docs/reference/tdx-abi.md §6.2 steps 9-10; docs/reference/planner-input.md: PAMTs are in free RAM. */
static bool check_pamt_places(struct judge *j)
{
	static const char *const lvl[3] = { "4K", "2M", "1G" };
	struct iv hit;

	for (uint32_t i = 0; i < j->out->n_tdmrs; i++) {
		const struct plan_tdmr *t = &j->out->tdmrs[i];

		for (int l = 0; l < 3; l++) {
			uint64_t b = t->pamt_base[l], e = b + t->pamt_size[l];

			if (ivset_meets(&j->avail, b, e, &hit))
				return judge_fail(j, "TDMR %u: PAMT_%s [%#llx, %#llx) "
						  "overlaps non-reserved TDMR memory "
						  "[%#llx, %#llx)", i, lvl[l],
						  (unsigned long long)b, (unsigned long long)e,
						  (unsigned long long)hit.lo,
						  (unsigned long long)hit.hi);
			if (!ivset_holds(&j->cmr, b, e))
				return judge_fail(j, "TDMR %u: PAMT_%s [%#llx, %#llx) "
						  "is not inside one CMR", i, lvl[l],
						  (unsigned long long)b, (unsigned long long)e);
			if (!ivset_holds(&j->free_ram, b, e))
				return judge_fail(j, "TDMR %u: PAMT_%s [%#llx, %#llx) "
						  "is not in free RAM above 1 MiB", i,
						  lvl[l], (unsigned long long)b,
						  (unsigned long long)e);
			if (ivset_meets(&j->excl, b, e, NULL))
				return judge_fail(j, "TDMR %u: PAMT_%s [%#llx, %#llx) "
						  "is in memory the plan excludes", i,
						  lvl[l], (unsigned long long)b,
						  (unsigned long long)e);
		}
	}
	return true;
}

/*
 * The node each PAMT is said to sit on, from the SRAT alone (docs/planner.md
 * §1, "NUMA"): with no ranges, ranges of two nodes that overlap, or 1 MiB
 * or more of RAM no range covers, every node is 0; otherwise a chunk inside
 * one range (its pages) is on that range's node.  Near the 1 MiB line the
 * planner's page rounding of unaligned ranges decides, so that band is not
 * judged.
 */
static bool srat_nodes_overlap(const struct plan_input *in)
{
	for (size_t a = 0; a < in->n_numa; a++)
		for (size_t b = a + 1; b < in->n_numa; b++)
			if (in->numa[a].node != in->numa[b].node &&
			    in->numa[a].base < in->numa[b].base + in->numa[b].size &&
			    in->numa[b].base < in->numa[a].base + in->numa[a].size)
				return true;
	return false;
}

/* 1: one node 0; 0: the SRAT's nodes; -1: too close to the line to say. */
static int srat_one_node(struct judge *j)
{
	struct ivset srat = { 0 }, uncovered = { 0 };
	uint64_t bytes, slack = 2 * K4 * j->in->n_numa;

	if (!j->in->n_numa || srat_nodes_overlap(j->in))
		return 1;
	for (size_t i = 0; i < j->in->n_numa; i++)
		ivset_add(&srat, j->in->numa[i].base, j->in->numa[i].base + j->in->numa[i].size);
	ivset_norm(&srat);
	ivset_sub(&j->ram, &srat, &uncovered);
	bytes = ivset_bytes(&uncovered);
	ivset_free(&srat);
	ivset_free(&uncovered);
	if (bytes >= M1 + slack)
		return 1;
	return bytes + slack < M1 ? 0 : -1;
}

/* The SRAT node whose range holds [b, e) in whole pages, or UINT32_MAX. */
static uint32_t srat_node_of(const struct plan_input *in, uint64_t b, uint64_t e)
{
	for (size_t i = 0; i < in->n_numa; i++) {
		uint64_t lo = align_4k(in->numa[i].base);
		uint64_t hi = (in->numa[i].base + in->numa[i].size) & ~(K4 - 1);

		if (lo <= b && e <= hi)
			return in->numa[i].node;
	}
	return UINT32_MAX;
}

static bool check_pamt_nodes(struct judge *j)
{
	int one = srat_one_node(j);

	for (uint32_t i = 0; one >= 0 && i < j->out->n_tdmrs; i++) {
		const struct plan_tdmr *t = &j->out->tdmrs[i];
		uint64_t b = t->pamt_base[0];
		uint64_t e = b + t->pamt_size[0] + t->pamt_size[1] + t->pamt_size[2];
		uint32_t want = one ? 0 : srat_node_of(j->in, b, e);

		if (want != UINT32_MAX && t->pamt_node != want)
			return judge_fail(j, "TDMR %u: PAMT [%#llx, %#llx) is said to be on node %u, "
					  "the SRAT puts it on node %u%s", i,
					  (unsigned long long)b, (unsigned long long)e,
					  t->pamt_node, want, one ? " (one node: no usable SRAT)" : "");
	}
	return true;
}

/* docs/reference/tdx-abi.md §6.2 step 11: available TDMR bytes inside (merged) CMRs. */
static bool check_avail_in_cmrs(struct judge *j)
{
	struct ivset outside = { 0 };
	bool ok = true;

	ivset_sub(&j->avail, &j->cmr, &outside);
	if (outside.n)
		ok = judge_fail(j, "non-reserved TDMR memory [%#llx, %#llx) is "
				"outside all CMRs",
				(unsigned long long)outside.v[0].lo,
				(unsigned long long)outside.v[0].hi);
	ivset_free(&outside);
	return ok;
}

/* docs/reference/planner-input.md §1.6: all RAM but PAMTs and excluded memory covered. */
static bool check_coverage(struct judge *j)
{
	struct ivset gone = { 0 }, need = { 0 }, miss = { 0 };
	bool ok = true;

	for (size_t i = 0; i < j->pamt.n; i++)
		ivset_add(&gone, j->pamt.v[i].lo, j->pamt.v[i].hi);
	for (size_t i = 0; i < j->excl.n; i++)
		ivset_add(&gone, j->excl.v[i].lo, j->excl.v[i].hi);
	ivset_norm(&gone);
	ivset_sub(&j->ram, &gone, &need);
	ivset_sub(&need, &j->avail, &miss);
	if (miss.n)
		ok = judge_fail(j, "RAM [%#llx, %#llx) is not covered: outside all "
				"TDMRs or in a reserved area",
				(unsigned long long)miss.v[0].lo,
				(unsigned long long)miss.v[0].hi);
	j->need_bytes = ivset_bytes(&need);
	ivset_free(&gone);
	ivset_free(&need);
	ivset_free(&miss);
	return ok;
}

/* Does [lo, hi) meet a whole 4 KiB page inside the CMRs? */
static bool cmr_pages_meet(const struct judge *j, uint64_t lo, uint64_t hi,
			   struct iv *hit)
{
	for (size_t i = 0; i < j->cmr.n; i++) {
		uint64_t a = (j->cmr.v[i].lo + K4 - 1) & ~(K4 - 1);
		uint64_t b = j->cmr.v[i].hi & ~(K4 - 1);

		a = a > lo ? a : lo;
		b = b < hi ? b : hi;
		if (a < b) {
			*hit = (struct iv){ a, b };
			return true;
		}
	}
	return false;
}

/* Giving RAM up is allowed only as the policy says. */
static bool check_excluded(struct judge *j)
{
	const struct plan_policy *p = &j->in->policy;
	struct ivset not_ram = { 0 }, ram_gone = { 0 };
	struct iv hit;
	bool ok = true;

	if (p->coalesce || !j->excl.n)
		return true;
	if (p->noncmr != PLAN_NONCMR_EXCLUDE)
		return judge_fail(j, "the plan excludes [%#llx, %#llx) but the policy "
				  "allows no exclusions",
				  (unsigned long long)j->excl.v[0].lo,
				  (unsigned long long)j->excl.v[0].hi);
	/* noncmr=exclude: only RAM outside CMRs may go, in whole pages: a
	 * page partly outside a CMR cannot be TDX memory either. */
	ivset_sub(&j->excl, &j->ram, &not_ram);
	ivset_sub(&j->excl, &not_ram, &ram_gone);
	for (size_t i = 0; i < ram_gone.n && ok; i++)
		if (cmr_pages_meet(j, ram_gone.v[i].lo, ram_gone.v[i].hi, &hit))
			ok = judge_fail(j, "the plan excludes RAM [%#llx, %#llx) "
					"that is inside a CMR",
					(unsigned long long)hit.lo,
					(unsigned long long)hit.hi);
	ivset_free(&not_ram);
	ivset_free(&ram_gone);
	return ok;
}

static void judge_build_sets(struct judge *j)
{
	for (size_t i = 0; i < j->in->n_cmrs; i++)
		ivset_add(&j->cmr, j->in->cmrs[i].base,
			  j->in->cmrs[i].base + j->in->cmrs[i].size);
	ivset_norm(&j->cmr);
	for (uint32_t i = 0; i < j->out->n_excluded && i < PLAN_EXCL_CAP; i++)
		ivset_add(&j->excl, j->out->excluded[i].base,
			  j->out->excluded[i].base + j->out->excluded[i].size);
	ivset_norm(&j->excl);
	judge_build_ram(j);
}

static bool judge_run(struct judge *j)
{
	if (j->out->n_excluded > PLAN_EXCL_CAP)
		return judge_fail(j, "n_excluded %u beyond the array", j->out->n_excluded);
	judge_build_sets(j);
	if (!check_tdmr_shape(j))
		return false;
	for (uint32_t i = 0; i < j->out->n_tdmrs; i++)
		if (!check_rsvd_one(j, i))
			return false;
	judge_build_avail(j);
	if (!(check_pamt_sizes(j) && check_pamt_overlap(j) &&
	      check_pamt_places(j) && check_pamt_nodes(j) && check_avail_in_cmrs(j) &&
	      check_coverage(j) && check_excluded(j)))
		return false;
	if (j->totals && j->need_bytes != j->out->tdx_memory_bytes)
		return judge_fail(j, "tdx_memory_bytes %llu, but RAM less PAMTs and "
				  "exclusions is %llu bytes",
				  (unsigned long long)j->out->tdx_memory_bytes,
				  (unsigned long long)j->need_bytes);
	return true;
}

static bool judge_any(const struct plan_input *in, const struct plan_output *out,
		      char *why, size_t why_size, bool totals)
{
	struct judge j = { .in = in, .out = out, .why = why, .why_size = why_size,
			   .totals = totals };
	bool ok;

	if (why_size)
		why[0] = '\0';
	ok = judge_run(&j);
	ivset_free(&j.ram);
	ivset_free(&j.free_ram);
	ivset_free(&j.cmr);
	ivset_free(&j.avail);
	ivset_free(&j.pamt);
	ivset_free(&j.excl);
	return ok;
}

bool judge_plan(const struct plan_input *in, const struct plan_output *out,
		char *why, size_t why_size)
{
	return judge_any(in, out, why, why_size, false);
}

bool judge_plan_totals(const struct plan_input *in, const struct plan_output *out,
		       char *why, size_t why_size)
{
	return judge_any(in, out, why, why_size, true);
}

bool judge_ram_outside_cmrs(const struct plan_input *in)
{
	struct judge j = { .in = in };
	struct ivset outside = { 0 };
	bool any;

	for (size_t i = 0; i < in->n_cmrs; i++)
		ivset_add(&j.cmr, in->cmrs[i].base, in->cmrs[i].base + in->cmrs[i].size);
	ivset_norm(&j.cmr);
	judge_build_ram(&j);
	ivset_sub(&j.ram, &j.cmr, &outside);
	any = outside.n != 0;
	ivset_free(&outside);
	ivset_free(&j.ram);
	ivset_free(&j.free_ram);
	ivset_free(&j.cmr);
	return any;
}

/*
 * Whatever TDMRs cover the RAM, they lie inside [first RAM GiB, last RAM
 * GiB], so their PAMTs take at most the PAMT of that whole span plus the
 * 4 KiB rounding of each level of each TDMR.  A free block inside one CMR
 * at least that big holds every PAMT of any cover, contiguously.
 */
bool judge_pamt_surely_fits(const struct plan_input *in)
{
	struct judge j = { .in = in };
	struct ivset room = { 0 }, outside = { 0 }, all = { 0 };
	uint64_t span, need, best = 0;

	for (size_t i = 0; i < in->n_cmrs; i++)
		ivset_add(&j.cmr, in->cmrs[i].base, in->cmrs[i].base + in->cmrs[i].size);
	ivset_norm(&j.cmr);
	judge_build_ram(&j);
	ivset_add(&all, 0, PA_LIMIT);
	ivset_sub(&all, &j.cmr, &outside);
	ivset_sub(&j.free_ram, &outside, &room);
	for (size_t i = 0; i < room.n; i++) {
		uint64_t lo = align_4k(room.v[i].lo), hi = room.v[i].hi & ~(K4 - 1);

		if (hi > lo && hi - lo > best)
			best = hi - lo;
	}
	span = j.ram.n ? ((j.ram.v[j.ram.n - 1].hi + G1 - 1) & ~(G1 - 1)) -
			 (j.ram.v[0].lo & ~(G1 - 1)) : 0;
	need = pamt_need(&in->limits, span, 0) + pamt_need(&in->limits, span, 1) +
	       pamt_need(&in->limits, span, 2) + 3 * K4 * PLAN_TDMR_CAP;
	ivset_free(&room);
	ivset_free(&outside);
	ivset_free(&all);
	ivset_free(&j.ram);
	ivset_free(&j.free_ram);
	ivset_free(&j.cmr);
	return span && best >= need;
}

/* Reserved areas any TDMR covering GiB g needs for the bytes outside CMRs:
 * one per run of such bytes, runs with no RAM between them sharing one. */
static uint32_t gib_min_areas(const struct judge *j, const struct ivset *outside,
			      uint64_t g)
{
	uint32_t n = 0;
	uint64_t prev_end = 0;

	for (size_t i = 0; i < outside->n; i++) {
		uint64_t lo = outside->v[i].lo > g ? outside->v[i].lo : g;
		uint64_t hi = outside->v[i].hi < g + G1 ? outside->v[i].hi : g + G1;

		if (lo >= hi)
			continue;
		if (!n || ivset_meets(&j->ram, prev_end, lo, NULL))
			n++;
		prev_end = hi;
	}
	return n;
}

/*
 * A sufficient condition for a plan to exist, from the rules alone: all
 * RAM inside CMRs; one 1 GiB TDMR per GiB holding RAM fits MAX_TDMRS; each
 * such GiB leaves two reserved areas spare (a PAMT chunk, which may
 * straddle a GiB boundary); and one free block holds every PAMT.
 */
bool judge_plan_surely_exists(const struct plan_input *in)
{
	struct judge j = { .in = in };
	struct ivset outside = { 0 }, all = { 0 };
	uint64_t last = UINT64_MAX, gibs = 0;
	bool ok = !judge_ram_outside_cmrs(in) && judge_pamt_surely_fits(in);

	for (size_t i = 0; i < in->n_cmrs; i++)
		ivset_add(&j.cmr, in->cmrs[i].base, in->cmrs[i].base + in->cmrs[i].size);
	ivset_norm(&j.cmr);
	judge_build_ram(&j);
	ivset_add(&all, 0, PA_LIMIT);
	ivset_sub(&all, &j.cmr, &outside);
	for (size_t i = 0; i < j.ram.n && ok; i++) {
		for (uint64_t g = j.ram.v[i].lo & ~(G1 - 1); g < j.ram.v[i].hi && ok; g += G1) {
			if (g == last)
				continue;
			last = g;
			gibs++;
			ok = gibs <= in->limits.max_tdmrs &&
			     gib_min_areas(&j, &outside, g) + 2 <= in->limits.max_rsvd_per_tdmr;
		}
	}
	ivset_free(&outside);
	ivset_free(&all);
	ivset_free(&j.ram);
	ivset_free(&j.free_ram);
	ivset_free(&j.cmr);
	return ok && gibs;
}
