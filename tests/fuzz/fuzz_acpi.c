/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the ACPI tables tdxboot reads (core/acpi.c): the RSDP,
 * the XSDT/RSDT walk, the SRAT and the MADT.  Firmware tables can be
 * corrupt or truncated; the parsers must never read past what they were
 * given, and what they return must be consistent: counts inside the
 * arrays, every node id naming its proximity domain, entries that do not
 * wrap, a sentence with every refusal.
 *
 * Input: byte 0 picks the parser (bits 0-2) and whether to repair the
 * checksum first (bit 3: without it almost every mutation dies at the
 * checksum); the rest is the table.
 */
#include <stdlib.h>
#include <string.h>

#include "core/acpi.h"

#define FUZZ_TABLE_MAX 65536

enum fuzz_acpi_kind { FUZZ_RSDP, FUZZ_XSDT, FUZZ_RSDT, FUZZ_SRAT, FUZZ_MADT, FUZZ_KINDS };

static uint8_t byte_sum(const uint8_t *p, size_t n)
{
	uint8_t s = 0;

	while (n--)
		s = (uint8_t)(s + *p++);
	return s;
}

static uint32_t get_u32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

/* Makes the byte sum over the table's own length zero, as firmware does. */
static void fix_checksums(enum fuzz_acpi_kind kind, uint8_t *t, size_t n)
{
	if (kind == FUZZ_RSDP) {
		if (n >= 20) {
			t[8] = 0;
			t[8] = (uint8_t)-byte_sum(t, 20);
		}
		if (n >= 36 && get_u32(t + 20) >= 36 && get_u32(t + 20) <= n) {
			t[32] = 0;
			t[32] = (uint8_t)-byte_sum(t, get_u32(t + 20));
		}
		return;
	}
	if (n >= ACPI_SDT_HEADER_SIZE && get_u32(t + 4) <= n) {
		t[9] = 0;
		t[9] = (uint8_t)-byte_sum(t, get_u32(t + 4));
	}
}

static void check_srat(const struct srat_info *s)
{
	if (s->n_mem > SRAT_MEM_CAP || s->n_cpu > SRAT_CPU_CAP || s->n_nodes > SRAT_NODE_CAP)
		abort();
	for (uint32_t i = 0; i < s->n_mem; i++) {
		const struct srat_mem *m = &s->mem[i];

		if (!m->size || m->base + m->size < m->base || m->node >= s->n_nodes ||
		    s->node_domain[m->node] != m->domain)
			abort();
	}
	for (uint32_t i = 0; i < s->n_cpu; i++)
		if (s->cpu[i].node >= s->n_nodes ||
		    s->node_domain[s->cpu[i].node] != s->cpu[i].domain)
			abort();
}

static tb_status parse_one(enum fuzz_acpi_kind kind, const uint8_t *t, size_t n,
			   struct tb_err *err)
{
	static struct srat_info srat;
	static struct madt_info madt;
	static uint64_t ent[64];
	uint64_t xsdt;
	uint32_t rsdt;
	size_t k = 99;
	tb_status st;

	switch (kind) {
	case FUZZ_RSDP:
		return acpi_rsdp_check(t, n, &xsdt, &rsdt, err);
	case FUZZ_XSDT:
	case FUZZ_RSDT:
		st = acpi_sdt_entries(t, n, kind == FUZZ_XSDT ? 8 : 4, ent, 64, &k, err);
		if (k > 64 || (st != TB_OK && k))
			abort();
		return st;
	case FUZZ_SRAT:
		st = srat_parse(t, n, &srat, err);
		if (st == TB_OK)
			check_srat(&srat);
		return st;
	default:
		st = madt_parse(t, n, &madt, err);
		if (st == TB_OK && madt.n_enabled > MADT_CPU_CAP)
			abort();
		return st;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum fuzz_acpi_kind kind;
	struct tb_err err;
	uint8_t *t;
	size_t n;

	if (size < 1 || size - 1 > FUZZ_TABLE_MAX)
		return 0;
	kind = (enum fuzz_acpi_kind)((data[0] & 7) % FUZZ_KINDS);
	n = size - 1;
	/* A copy of exactly n bytes: ASan sees any read past the table. */
	t = malloc(n ? n : 1);
	memcpy(t, data + 1, n);
	if (data[0] & 8)
		fix_checksums(kind, t, n);
	tb_err_clear(&err);
	if (parse_one(kind, t, n, &err) != TB_OK && !err.msg[0])
		abort();
	free(t);
	return 0;
}
