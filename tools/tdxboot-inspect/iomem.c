/* SPDX-License-Identifier: MIT */
/*
 * --check-iomem: what the running kernel made of tdxboot's handover, read
 * from /proc/iomem (as root, which sees real addresses):
 *
 *  1. every PAMT lies in a top-level "Reserved" resource and in no
 *     "System RAM": the kernel never hands PAMT pages to its allocator;
 *  2. every System RAM byte from 1 MiB up lies inside a TDMR and outside
 *     its reserved areas: what Linux's TDX memory-hotplug notifier demands
 *     of memory it onlines (docs/reference/landscape.md §1.6).  Below 1 MiB is never TDX
 *     memory (Linux's build_tdx_memlist skips it).
 *
 * Only meaningful when the table says the module is ready (it then lists
 * TDMRs); prints one line per finding and returns the number of problems.
 * After a rollback (1.2 RELEASED) the other side: each PAMT range tdxboot
 * gave back must be System RAM again (inspect_check_released).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "tools/tdxboot-inspect/inspect.h"

#define IOMEM_MAX 4096
#define MiB (1ull << 20)

struct iomem_range {
	uint64_t base, end;     /* [base, end) */
	int ram;                /* "System RAM" */
	int reserved;           /* "Reserved" */
};

/* Top-level lines only: "0000000000100000-000000007fffffff : System RAM". */
static size_t iomem_read(FILE *f, struct iomem_range *r, size_t cap)
{
	char line[256];
	size_t n = 0;

	while (n < cap && fgets(line, sizeof(line), f)) {
		uint64_t a, b;
		char name[128] = "";

		if (line[0] == ' ' || sscanf(line, "%" SCNx64 "-%" SCNx64 " : %127[^\n]", &a, &b, name) != 3)
			continue;
		r[n++] = (struct iomem_range){ a, b + 1, !strcmp(name, "System RAM"),
					       !strcmp(name, "Reserved") };
	}
	return n;
}

static int iomem_check_pamt(FILE *out, const struct iomem_range *r, size_t n,
			    uint64_t base, uint64_t size)
{
	int in_reserved = 0;

	for (size_t i = 0; i < n; i++) {
		if (r[i].ram && base < r[i].end && r[i].base < base + size) {
			fprintf(out, "iomem: PAMT [0x%" PRIx64 ", 0x%" PRIx64 ") overlaps System RAM [0x%" PRIx64 ", 0x%" PRIx64 ")\n",
				base, base + size, r[i].base, r[i].end);
			return 1;
		}
		in_reserved |= r[i].reserved && r[i].base <= base && base + size <= r[i].end;
	}
	if (!in_reserved) {
		fprintf(out, "iomem: PAMT [0x%" PRIx64 ", 0x%" PRIx64 ") is not inside a Reserved resource\n",
			base, base + size);
		return 1;
	}
	return 0;
}

/* The end of the TDMR non-reserved space that contains pa, or pa if none. */
static uint64_t tdx_space_end(const struct handoff_view *v, uint64_t pa)
{
	for (uint32_t i = 0; i < handoff_count(v, TDXBOOT_SEC_TDMRS); i++) {
		const struct tdxboot_handoff_tdmr *t = handoff_tdmr(v, i);
		uint64_t end = t->base + t->size;

		if (pa < t->base || pa >= end)
			continue;
		for (uint32_t j = 0; j < t->n_rsvd; j++) {
			const struct tdxboot_handoff_range *rs = handoff_tdmr_rsvd(v, t, j);
			uint64_t rb = t->base + rs->base, re = rb + rs->size;

			if (pa >= rb && pa < re)
				return pa;       /* in a reserved area */
			if (rb > pa && rb < end)
				end = rb;        /* up to the next reserved area */
		}
		return end;
	}
	return pa;
}

static int iomem_check_ram(FILE *out, const struct handoff_view *v, uint64_t base, uint64_t end)
{
	uint64_t pa = base < MiB ? MiB : base;

	while (pa < end) {
		uint64_t next = tdx_space_end(v, pa);

		if (next == pa) {
			fprintf(out, "iomem: System RAM at 0x%" PRIx64 " (in [0x%" PRIx64 ", 0x%" PRIx64 ")) is outside TDMR non-reserved space\n",
				pa, base, end);
			return 1;
		}
		pa = next;
	}
	return 0;
}

/* [base, base + size) covered by top-level System RAM (adjacent lines chain). */
static int iomem_is_ram(const struct iomem_range *r, size_t n, uint64_t base, uint64_t size)
{
	uint64_t pa = base, end = base + size;
	bool moved = true;

	while (pa < end && moved) {
		moved = false;
		for (size_t i = 0; i < n; i++)
			if (r[i].ram && r[i].base <= pa && pa < r[i].end) {
				pa = r[i].end;
				moved = true;
			}
	}
	return pa >= end;
}

static struct iomem_range *iomem_load(FILE *out, const char *path, size_t *n)
{
	struct iomem_range *r = calloc(IOMEM_MAX, sizeof(*r));
	FILE *f = fopen(path, "r");

	if (!r || !f) {
		fprintf(out, "iomem: cannot read %s\n", path);
		free(r);
		if (f)
			fclose(f);
		return NULL;
	}
	*n = iomem_read(f, r, IOMEM_MAX);
	fclose(f);
	return r;
}

int inspect_check_released(FILE *out, const struct handoff_view *v, const char *path)
{
	uint32_t count = handoff_count(v, TDXBOOT_SEC_RELEASED);
	int bad = 0;
	size_t n = 0;
	struct iomem_range *r = iomem_load(out, path, &n);

	if (!r)
		return 1;
	for (uint32_t i = 0; i < count; i++) {
		const struct tdxboot_handoff_range *rel = handoff_released(v, i);

		if (iomem_is_ram(r, n, rel->base, rel->size))
			continue;
		fprintf(out, "iomem: released PAMT [0x%" PRIx64 ", 0x%" PRIx64 ") is not System RAM\n",
			rel->base, rel->base + rel->size);
		bad++;
	}
	if (!bad)
		fprintf(out, "iomem: %u released PAMT ranges back in System RAM\n", count);
	free(r);
	return bad;
}

int inspect_check_iomem(FILE *out, const struct handoff_view *v, const char *path,
			bool pamt_only)
{
	int bad = 0, pamts = 0, rams = 0;
	size_t n = 0;
	struct iomem_range *r = iomem_load(out, path, &n);

	if (!r)
		return 1;
	for (uint32_t i = 0; i < handoff_count(v, TDXBOOT_SEC_TDMRS); i++) {
		const struct tdxboot_handoff_tdmr *t = handoff_tdmr(v, i);

		for (int l = 0; l < 3; l++) {
			if (!t->pamt_size[l])
				continue;
			bad += iomem_check_pamt(out, r, n, t->pamt_base[l], t->pamt_size[l]);
			pamts++;
		}
	}
	/* Quarantined: TDX is off, only the PAMTs' fate matters. */
	for (size_t i = 0; i < n && !pamt_only; i++) {
		if (!r[i].ram || r[i].end <= MiB)
			continue;
		bad += iomem_check_ram(out, v, r[i].base, r[i].end);
		rams++;
	}
	if (!bad && pamt_only)
		fprintf(out, "iomem: %d quarantined PAMT ranges Reserved and outside System RAM\n",
			pamts);
	else if (!bad)
		fprintf(out, "iomem: %d PAMT ranges Reserved and outside System RAM; %d System RAM ranges inside TDMR non-reserved space\n",
			pamts, rams);
	free(r);
	return bad;
}
