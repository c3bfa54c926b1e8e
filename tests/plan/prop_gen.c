/* SPDX-License-Identifier: MIT */
#include "tests/plan/prop_gen.h"

#include <stdlib.h>
#include <string.h>

#define K4 (1ULL << 12)
#define M1 (1ULL << 20)
#define G1 (1ULL << 30)
#define T1 (1ULL << 40)

uint64_t prop_rng_next(struct prop_rng *r)
{
	/* splitmix64: tiny, good enough, and the same everywhere. */
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint64_t prop_rng_below(struct prop_rng *r, uint64_t n)
{
	return n ? prop_rng_next(r) % n : 0;
}

static bool chance(struct prop_rng *r, unsigned percent)
{
	return prop_rng_below(r, 100) < percent;
}

/* Log-uniform in [lo, hi]: small holes and huge ranges alike. */
static uint64_t log_uniform(struct prop_rng *r, uint64_t lo, uint64_t hi)
{
	unsigned a = 63 - (unsigned)__builtin_clzll(lo), b = 63 - (unsigned)__builtin_clzll(hi);
	unsigned e = a + (unsigned)prop_rng_below(r, b - a + 1);
	uint64_t v = (1ULL << e) + prop_rng_below(r, 1ULL << e);

	return v < lo ? lo : v > hi ? hi : v;
}

static uint32_t pick_kind(struct prop_rng *r)
{
	unsigned x = (unsigned)prop_rng_below(r, 100);

	if (x < 58)
		return PLAN_MEM_FREE;
	if (x < 70)
		return PLAN_MEM_RAM_BUSY;
	if (x < 75)
		return PLAN_MEM_SOFT_RESERVED;
	return PLAN_MEM_OTHER;
}

static void mem_add(struct prop_machine *m, uint64_t base, uint64_t size, uint32_t kind)
{
	if (!size || m->in.n_mem >= PROP_MEM_CAP)
		return;
	m->mem[m->in.n_mem] = (struct plan_mem){ base, size, kind, (uint32_t)m->in.n_mem };
	m->in.n_mem++;
}

static void gen_map(struct prop_machine *m, struct prop_rng *r, uint64_t top,
		    unsigned max_entries)
{
	uint64_t pos = 0;
	bool unaligned = chance(r, 8);

	if (chance(r, 70)) { /* the PC's first MiB */
		mem_add(m, 0, 0x9f000, PLAN_MEM_FREE);
		mem_add(m, 0x9f000, 0x61000, PLAN_MEM_OTHER);
		pos = M1;
	}
	while (pos < top && m->in.n_mem < max_entries) {
		uint64_t len = log_uniform(r, K4, top / 2 > K4 ? top / 2 : K4);

		if (!unaligned)
			len = (len + K4 - 1) & ~(K4 - 1);
		else if (chance(r, 30))
			len += prop_rng_below(r, K4);
		if (chance(r, 10)) { /* a gap: nothing in the map */
			pos += len;
			continue;
		}
		mem_add(m, pos, len, pick_kind(r));
		pos += len;
	}
	if (chance(r, 5)) { /* a firmware map with an overlapping entry */
		uint64_t b = prop_rng_below(r, pos) & ~(K4 - 1);

		mem_add(m, b, log_uniform(r, K4, 64 * M1), PLAN_MEM_OTHER);
	}
	if (chance(r, 10)) { /* unsorted */
		for (size_t i = m->in.n_mem; i > 1; i--) {
			size_t j = (size_t)prop_rng_below(r, i);
			struct plan_mem t = m->mem[i - 1];

			m->mem[i - 1] = m->mem[j];
			m->mem[j] = t;
		}
	}
}

static bool is_ram(uint32_t k)
{
	return k == PLAN_MEM_FREE || k == PLAN_MEM_RAM_BUSY;
}

static void cmr_add(struct prop_machine *m, uint64_t lo, uint64_t hi)
{
	struct plan_range *last = m->in.n_cmrs ? &m->cmrs[m->in.n_cmrs - 1] : NULL;

	lo &= ~(K4 - 1);
	hi = (hi + K4 - 1) & ~(K4 - 1);
	if (hi <= lo)
		return;
	if (last && lo <= last->base + last->size) {
		if (hi > last->base + last->size)
			last->size = hi - last->base;
		return;
	}
	if (m->in.n_cmrs == PROP_CMR_CAP) { /* too many: widen the last one */
		last->size = hi - last->base;
		return;
	}
	m->cmrs[m->in.n_cmrs++] = (struct plan_range){ lo, hi - lo };
}

static int mem_cmp(const void *a, const void *b)
{
	const struct plan_mem *x = a, *y = b;

	return x->base < y->base ? -1 : x->base > y->base;
}

/*
 * CMRs as firmware reports them: the RAM, often stretched over the
 * firmware-reserved memory next to it; sometimes one RAM range left out
 * or cut short (a BIOS hiding memory from TDX).
 */
static void gen_cmrs(struct prop_machine *m, struct prop_rng *r)
{
	static struct plan_mem sorted[PROP_MEM_CAP];
	size_t n = m->in.n_mem, skip = (size_t)-1;
	bool stretch = chance(r, 50);

	memcpy(sorted, m->mem, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), mem_cmp);
	if (chance(r, 15))
		skip = (size_t)prop_rng_below(r, n ? n : 1);
	for (size_t i = 0; i < n; i++) {
		const struct plan_mem *e = &sorted[i];
		uint64_t lo = e->base < M1 ? M1 : e->base, hi = e->base + e->size;

		if (hi <= lo)
			continue;
		if (i == skip && is_ram(e->kind)) {
			if (chance(r, 50))
				cmr_add(m, lo, lo + (hi - lo) / 2);
			continue;
		}
		if (is_ram(e->kind) || (stretch && e->kind == PLAN_MEM_OTHER &&
					e->size < 256 * M1))
			cmr_add(m, lo, hi);
	}
}

/*
 * Real firmware keeps SMRR (SMM memory, below 4 GiB) out of the CMRs and
 * out of RAM; most machines get such a range, so that the emulated module
 * (which checks SMRR against CMRs at TDH.SYS.INIT) can judge their plans.
 */
#define SMRR_BASE 0x7F000000ull
#define SMRR_SIZE (8ull << 20)

static void gen_smrr(struct prop_machine *m)
{
	struct plan_range keep[PROP_CMR_CAP];
	size_t n = 0;

	mem_add(m, SMRR_BASE, SMRR_SIZE, PLAN_MEM_OTHER);
	for (size_t i = 0; i < m->in.n_cmrs; i++) {
		uint64_t b = m->cmrs[i].base, e = b + m->cmrs[i].size;

		if (b < SMRR_BASE && n < PROP_CMR_CAP)
			keep[n++] = (struct plan_range){ b, (e < SMRR_BASE ? e : SMRR_BASE) - b };
		if (e > SMRR_BASE + SMRR_SIZE && n < PROP_CMR_CAP) {
			uint64_t nb = b > SMRR_BASE + SMRR_SIZE ? b : SMRR_BASE + SMRR_SIZE;

			keep[n++] = (struct plan_range){ nb, e - nb };
		}
	}
	memcpy(m->cmrs, keep, n * sizeof(keep[0]));
	m->in.n_cmrs = n;
}

static void gen_numa(struct prop_machine *m, struct prop_rng *r, uint64_t top)
{
	unsigned nodes = chance(r, 30) ? 0 : 1 + (unsigned)prop_rng_below(r, chance(r, 20) ? 40 : 8);
	uint64_t pos = 0;

	for (unsigned k = 0; k < nodes && m->in.n_numa + 1 < PROP_NUMA_CAP; k++) {
		uint64_t end = k + 1 == nodes ? top : pos + prop_rng_below(r, (top - pos) / 2 + 1);

		if (!chance(r, 10))
			end = (end + K4 - 1) & ~(K4 - 1);
		if (end <= pos)
			continue;
		m->numa[m->in.n_numa++] = (struct plan_numa){ pos, end - pos, k };
		pos = end;
	}
	if (nodes && chance(r, 20)) /* a memoryless node above everything */
		m->numa[m->in.n_numa++] = (struct plan_numa){ top + G1, 64 * G1, nodes };
}

/* Fisher-Yates over n elements of size sz (at most 32 bytes). */
_Static_assert(sizeof(struct plan_numa) <= 32 && sizeof(struct plan_range) <= 32,
	       "shuffle's buffer");
static void shuffle(void *v, size_t n, size_t sz, struct prop_rng *r)
{
	unsigned char *b = v, t[32];

	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)prop_rng_below(r, i);

		memcpy(t, b + (i - 1) * sz, sz);
		memcpy(b + (i - 1) * sz, b + j * sz, sz);
		memcpy(b + j * sz, t, sz);
	}
}

/*
 * CMR and SRAT lists as firmware and logs can give them: out of order, a
 * CMR overlapping its neighbour, an SRAT range of one node repeated, or
 * overlapping another node's (the planner warns and uses one node).  The
 * planner sorts and merges them (docs/planner.md §1); sorted lists take
 * its merge-as-they-come path, these the general one.
 */
static void gen_disorder(struct prop_machine *m, struct prop_rng *r)
{
	size_t nc = m->in.n_cmrs, nn = m->in.n_numa;

	if (nc > 1 && nc < PROP_CMR_CAP && chance(r, 5)) {
		const struct plan_range *c = &m->cmrs[prop_rng_below(r, nc)];

		m->cmrs[m->in.n_cmrs++] = (struct plan_range){ c->base, c->size / 2 + K4 };
	}
	if (m->in.n_cmrs > 1 && chance(r, 10))
		shuffle(m->cmrs, m->in.n_cmrs, sizeof(m->cmrs[0]), r);
	if (nn && nn < PROP_NUMA_CAP && chance(r, 5)) {
		struct plan_numa n = m->numa[prop_rng_below(r, nn)];

		if (chance(r, 50))
			n.node = m->numa[prop_rng_below(r, nn)].node;  /* maybe another node's */
		m->numa[m->in.n_numa++] = n;
	}
	if (m->in.n_numa > 1 && chance(r, 10))
		shuffle(m->numa, m->in.n_numa, sizeof(m->numa[0]), r);
}

static void gen_limits(struct prop_machine *m, struct prop_rng *r)
{
	struct plan_limits *l = &m->in.limits;
	uint32_t e = chance(r, 90) ? 16 : (chance(r, 50) ? 8 : 32);

	l->max_tdmrs = chance(r, 60) ? 64 : 1 + (uint32_t)prop_rng_below(r, 64);
	l->max_rsvd_per_tdmr = chance(r, 60) ? 16 : 1 + (uint32_t)prop_rng_below(r, 16);
	l->pamt_entry_size[0] = l->pamt_entry_size[1] = l->pamt_entry_size[2] = e;
	l->dpamt = chance(r, 10);
	l->dpamt_bits_per_4k = 1;
	m->in.policy.noncmr = chance(r, 30) ? PLAN_NONCMR_EXCLUDE : PLAN_NONCMR_FAIL;
	m->in.policy.coalesce = chance(r, 30);
}

static void machine_reset(struct prop_machine *m)
{
	memset(&m->in, 0, sizeof(m->in));
	m->in.mem = m->mem;
	m->in.cmrs = m->cmrs;
	m->in.numa = m->numa;
}

void prop_gen_machine(struct prop_machine *m, uint64_t seed)
{
	static const uint64_t tops[] = { 4 * G1, 64 * G1, 512 * G1, 4 * T1, 16 * T1 };
	struct prop_rng r = { seed * 0x2545f4914f6cdd1dULL + 1 };
	uint64_t top = tops[prop_rng_below(&r, 5)];

	machine_reset(m);
	gen_map(m, &r, top, chance(&r, 10) ? 400 : 40);
	gen_cmrs(m, &r);
	if (chance(&r, 80))
		gen_smrr(m);
	gen_numa(m, &r, top);
	gen_disorder(m, &r);
	gen_limits(m, &r);
}

static int numa_cmp(const void *a, const void *b)
{
	const struct plan_numa *x = a, *y = b;

	return x->base < y->base ? -1 : x->base > y->base;
}

/* Whether [b, e) lies wholly inside one CMR of the (unsorted) list. */
static bool plain_in_cmr(const struct prop_machine *m, uint64_t b, uint64_t e)
{
	for (size_t i = 0; i < m->in.n_cmrs; i++)
		if (b >= m->cmrs[i].base && e <= m->cmrs[i].base + m->cmrs[i].size)
			return true;
	return false;
}

static void plain_map(struct prop_machine *m)
{
	size_t n = 0;

	qsort(m->mem, m->in.n_mem, sizeof(m->mem[0]), mem_cmp);
	for (size_t i = 0; i < m->in.n_mem; i++) {
		struct plan_mem e = m->mem[i];

		if (n && e.base < m->mem[n - 1].base + m->mem[n - 1].size)
			continue;   /* overlaps the entry before: dropped */
		if (is_ram(e.kind) && !plain_in_cmr(m, e.base, e.base + e.size))
			e.kind = PLAN_MEM_OTHER;
		m->mem[n++] = e;
	}
	m->in.n_mem = n;
}

/* SRAT ranges from their sorted bases, each cut at the next GiB boundary
 * at or above its base, the first from 0 and the last to 2^52. */
static void plain_numa(struct prop_machine *m)
{
	size_t n = 0;

	qsort(m->numa, m->in.n_numa, sizeof(m->numa[0]), numa_cmp);
	for (size_t i = 0; i < m->in.n_numa; i++) {
		uint64_t b = i ? (m->numa[i].base + G1 - 1) & ~(G1 - 1) : 0;
		uint64_t e = i + 1 < m->in.n_numa ?
			     (m->numa[i + 1].base + G1 - 1) & ~(G1 - 1) : 1ULL << 52;

		if (e > b)
			m->numa[n++] = (struct plan_numa){ b, e - b, m->numa[i].node };
	}
	m->in.n_numa = n;
}

void prop_gen_plain(struct prop_machine *m)
{
	plain_map(m);
	plain_numa(m);
}

void prop_gen_large(struct prop_machine *m, uint64_t seed, unsigned sockets,
		    uint64_t total, unsigned n_entries)
{
	struct prop_rng r = { seed };
	uint64_t per = total / sockets, pos = 4 * G1;
	unsigned per_entries = n_entries / sockets / 2; /* two entries a piece */

	machine_reset(m);
	mem_add(m, 0, 0x9f000, PLAN_MEM_FREE);
	mem_add(m, 0x9f000, 0x61000, PLAN_MEM_OTHER);
	mem_add(m, M1, 2 * G1 - M1, PLAN_MEM_FREE);
	mem_add(m, 2 * G1, 2 * G1, PLAN_MEM_OTHER);
	m->cmrs[m->in.n_cmrs++] = (struct plan_range){ M1, 2 * G1 - M1 };
	for (unsigned s = 0; s < sockets; s++) {
		uint64_t base = pos, end = pos + per - (s ? 0 : 2 * G1), step = (end - base) / per_entries;

		/* Busy pieces spread over the socket: the EFI map of a booted box. */
		for (unsigned k = 0; k < per_entries; k++) {
			uint64_t b = base + k * step, busy = (prop_rng_below(&r, 64) + 1) * K4;

			mem_add(m, b, busy, k % 3 ? PLAN_MEM_RAM_BUSY : PLAN_MEM_OTHER);
			mem_add(m, b + busy, (k + 1 == per_entries ? end : b + step) - b - busy,
				PLAN_MEM_FREE);
		}
		m->cmrs[m->in.n_cmrs++] = (struct plan_range){ base, end - base };
		m->numa[m->in.n_numa++] = (struct plan_numa){ s ? base : 0, end - (s ? base : 0), s };
		pos = end + 16 * G1; /* an MMIO window after each socket */
	}
	m->in.limits = (struct plan_limits){ .max_tdmrs = 64, .max_rsvd_per_tdmr = 16,
					     .pamt_entry_size = { 16, 16, 16 },
					     .dpamt_bits_per_4k = 1 };
}

void prop_gen_print(FILE *f, const struct prop_machine *m)
{
	static const char *const names[] = { "Conventional", "Boot Data   ",
					     "Conventional", "Reserved    " };
	const struct plan_input *in = &m->in;
	const struct plan_limits *l = &in->limits;

	fprintf(f, "# limits: max_tdmrs=%u max_rsvd=%u pamt_entry=%u dpamt=%d\n",
		l->max_tdmrs, l->max_rsvd_per_tdmr, l->pamt_entry_size[0], l->dpamt);
	fprintf(f, "# expect%s%s%s: ?\n", in->policy.noncmr || in->policy.coalesce ? "(" : "",
		in->policy.noncmr ? "--noncmr=exclude" : "",
		in->policy.coalesce ? (in->policy.noncmr ? " --coalesce)" : "--coalesce)")
				    : (in->policy.noncmr ? ")" : ""));
	for (size_t i = 0; i < in->n_mem; i++) {
		const struct plan_mem *e = &in->mem[i];

		fprintf(f, "efi: mem%02zu: [%s|   |  |  |%s|  |  |  |  |  |   |WB|WT|WC|UC] "
			"range=[0x%016llx-0x%016llx] (%lluMB)\n", i, names[e->kind & 3],
			e->kind == PLAN_MEM_SOFT_RESERVED ? "SP" : "  ",
			(unsigned long long)e->base,
			(unsigned long long)(e->base + e->size - 1),
			(unsigned long long)(e->size >> 20));
	}
	for (size_t i = 0; i < in->n_numa; i++)
		fprintf(f, "ACPI: SRAT: Node %u PXM %u [mem 0x%08llx-0x%08llx]\n",
			in->numa[i].node, in->numa[i].node,
			(unsigned long long)in->numa[i].base,
			(unsigned long long)(in->numa[i].base + in->numa[i].size - 1));
	for (size_t i = 0; i < in->n_cmrs; i++)
		fprintf(f, "virt/tdx: CMR: [%#llx, %#llx)\n",
			(unsigned long long)in->cmrs[i].base,
			(unsigned long long)(in->cmrs[i].base + in->cmrs[i].size));
}
