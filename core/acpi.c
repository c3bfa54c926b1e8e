/* SPDX-License-Identifier: MIT */
#include "core/acpi.h"

#include "lib/mem.h"

static uint32_t get_u32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static uint64_t get_u64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

static uint8_t byte_sum(const uint8_t *p, size_t n)
{
	uint8_t s = 0;

	while (n--)
		s = (uint8_t)(s + *p++);
	return s;
}

/*
 * The entry at off of a table whose entries are {u8 type, u8 length, ...}
 * (SRAT, MADT): its length must cover what we read of its type and stay
 * inside the table.  TB_OK with *type and *elen, or TB_EINVAL naming it.
 */
static tb_status acpi_entry_at(const uint8_t *p, uint32_t len, size_t off, const char *table,
			       uint8_t (*min_len)(uint8_t type), uint8_t *type, uint8_t *elen,
			       struct tb_err *err)
{
	if (len - off < 2) {
		tb_err_set(err, "ACPI %s: truncated entry at offset %zu", table, off);
		return TB_EINVAL;
	}
	*type = p[off];
	*elen = p[off + 1];
	if (*elen < min_len(*type) || *elen > len - off) {
		tb_err_set(err, "ACPI %s: entry type %u at offset %zu has bad length %u",
			   table, *type, off, *elen);
		return TB_EINVAL;
	}
	return TB_OK;
}

/* One entry of an SRAT or MADT walk: its type, its bytes and its offset. */
typedef tb_status (*acpi_visit_fn)(void *ctx, uint8_t type, const uint8_t *e, size_t off,
				   struct tb_err *err);

/*
 * The one walk over a table of {type, length} entries (SRAT, MADT): checks
 * the header and checksum (signature sig), that the table holds its fixed
 * part of entries_off bytes, and every entry's length (min_len), and calls
 * visit for each entry in table order.  The first error stops the walk.
 */
static tb_status acpi_walk_entries(const void *tbl, size_t avail, const char *sig,
				   const char *table, size_t entries_off,
				   uint8_t (*min_len)(uint8_t type), acpi_visit_fn visit,
				   void *ctx, struct tb_err *err)
{
	const uint8_t *p = tbl;
	uint32_t len;
	tb_status st;

	st = acpi_table_check(tbl, avail, sig, &len, err);
	if (st != TB_OK)
		return st;
	if (len < entries_off) {
		tb_err_set(err, "ACPI %s: length %u is shorter than its fixed part", table, len);
		return TB_EINVAL;
	}
	for (size_t off = entries_off; off < len;) {
		uint8_t type, elen;

		st = acpi_entry_at(p, len, off, table, min_len, &type, &elen, err);
		if (st == TB_OK)
			st = visit(ctx, type, p + off, off, err);
		if (st != TB_OK)
			return st;
		off += elen;
	}
	return TB_OK;
}

tb_status acpi_table_check(const void *tbl, size_t avail, const char *sig,
			   uint32_t *len, struct tb_err *err)
{
	const uint8_t *p = tbl;
	char name[5];

	if (avail < ACPI_SDT_HEADER_SIZE) {
		tb_err_set(err, "ACPI table: only %zu bytes, shorter than its header", avail);
		return TB_EINVAL;
	}
	memcpy(name, p, 4);
	name[4] = '\0';
	for (int i = 0; i < 4; i++)
		if (name[i] < 0x20 || name[i] > 0x7e)
			name[i] = '?';
	if (sig && memcmp(p, sig, 4) != 0) {
		tb_err_set(err, "ACPI table: expected %s, found '%s'", sig, name);
		return TB_EINVAL;
	}
	*len = get_u32(p + 4);
	if (*len < ACPI_SDT_HEADER_SIZE || *len > avail) {
		tb_err_set(err, "ACPI %s: length %u is invalid (header %u, %zu bytes available)",
			   name, *len, ACPI_SDT_HEADER_SIZE, avail);
		return TB_EINVAL;
	}
	if (byte_sum(p, *len) != 0) {
		tb_err_set(err, "ACPI %s: checksum mismatch; the firmware's table is corrupt",
			   name);
		return TB_EINVAL;
	}
	return TB_OK;
}

/* RSDP layout: ACPI 6.5 §5.2.5.3. */
#define RSDP_V1_SIZE   20u
#define RSDP_V2_SIZE   36u

tb_status acpi_rsdp_check(const void *rsdp, size_t avail, uint64_t *xsdt,
			  uint32_t *rsdt, struct tb_err *err)
{
	const uint8_t *p = rsdp;

	*xsdt = 0;
	*rsdt = 0;
	if (avail < RSDP_V1_SIZE || memcmp(p, "RSD PTR ", 8) != 0) {
		tb_err_set(err, "ACPI RSDP: signature 'RSD PTR ' not found");
		return TB_EINVAL;
	}
	if (byte_sum(p, RSDP_V1_SIZE) != 0) {
		tb_err_set(err, "ACPI RSDP: checksum mismatch");
		return TB_EINVAL;
	}
	*rsdt = get_u32(p + 16);
	if (p[15] >= 2) {
		uint32_t len;

		if (avail < RSDP_V2_SIZE) {
			tb_err_set(err, "ACPI RSDP: revision %u but only %zu bytes", p[15], avail);
			return TB_EINVAL;
		}
		len = get_u32(p + 20);
		if (len < RSDP_V2_SIZE || len > avail || byte_sum(p, len) != 0) {
			tb_err_set(err, "ACPI RSDP: extended checksum or length (%u) invalid", len);
			return TB_EINVAL;
		}
		*xsdt = get_u64(p + 24);
	}
	return TB_OK;
}

tb_status acpi_sdt_entries(const void *sdt, size_t avail, unsigned entry_size,
			   uint64_t *out, size_t cap, size_t *n_out,
			   struct tb_err *err)
{
	const uint8_t *p = sdt;
	uint32_t len;
	tb_status st;

	*n_out = 0;
	st = acpi_table_check(sdt, avail, entry_size == 8 ? "XSDT" : "RSDT", &len, err);
	if (st != TB_OK)
		return st;
	size_t n = (len - ACPI_SDT_HEADER_SIZE) / entry_size;
	if (n > cap)
		n = cap;
	for (size_t i = 0; i < n; i++) {
		const uint8_t *e = p + ACPI_SDT_HEADER_SIZE + i * entry_size;

		out[i] = entry_size == 8 ? get_u64(e) : get_u32(e);
	}
	*n_out = n;
	return TB_OK;
}

/* ---------------------------------------------------------------- SRAT */

#define SRAT_ENTRIES_OFF  48u   /* header + 4 reserved + 8 reserved */
#define SRAT_LAPIC        0
#define SRAT_MEMORY       1
#define SRAT_X2APIC       2

static tb_status srat_node_of(struct srat_info *s, uint32_t domain,
			      uint32_t *node, struct tb_err *err)
{
	for (uint32_t i = 0; i < s->n_nodes; i++) {
		if (s->node_domain[i] == domain) {
			*node = i;
			return TB_OK;
		}
	}
	if (s->n_nodes == SRAT_NODE_CAP) {
		tb_err_set(err, "ACPI SRAT: more than %u proximity domains", SRAT_NODE_CAP);
		return TB_ENOMEM;
	}
	s->node_domain[s->n_nodes] = domain;
	*node = s->n_nodes++;
	return TB_OK;
}

static tb_status srat_add_cpu(struct srat_info *s, uint32_t apic,
			      uint32_t domain, struct tb_err *err)
{
	struct srat_cpu *c;

	if (s->n_cpu == SRAT_CPU_CAP) {
		tb_err_set(err, "ACPI SRAT: more than %u CPU affinity entries", SRAT_CPU_CAP);
		return TB_ENOMEM;
	}
	c = &s->cpu[s->n_cpu++];
	c->apic_id = apic;
	c->domain = domain;
	return srat_node_of(s, domain, &c->node, err);
}

static tb_status srat_add_mem(struct srat_info *s, const uint8_t *e,
			      size_t off, struct tb_err *err)
{
	uint32_t flags = get_u32(e + 28);
	uint64_t base = get_u64(e + 8), size = get_u64(e + 16);
	struct srat_mem *m;

	if (!(flags & 1) || size == 0)
		return TB_OK;
	if (base + size < base) {
		tb_err_set(err, "ACPI SRAT: memory affinity at offset %zu wraps the address space",
			   off);
		return TB_EINVAL;
	}
	if (s->n_mem == SRAT_MEM_CAP) {
		tb_err_set(err, "ACPI SRAT: more than %u memory affinity entries", SRAT_MEM_CAP);
		return TB_ENOMEM;
	}
	m = &s->mem[s->n_mem++];
	m->base = base;
	m->size = size;
	m->domain = get_u32(e + 2);
	m->hotplug = flags & 2;
	m->nonvolatile = flags & 4;
	return srat_node_of(s, m->domain, &m->node, err);
}

/* Minimum lengths of the entry types we read (ACPI 6.5 §5.2.16). */
static uint8_t srat_min_len(uint8_t type)
{
	switch (type) {
	case SRAT_LAPIC: return 16;
	case SRAT_MEMORY: return 40;
	case SRAT_X2APIC: return 24;
	default: return 2;
	}
}

struct srat_walk {
	struct srat_info *out;
	int pass;       /* 0: CPU entries, 1: memory entries */
};

static tb_status srat_visit(void *ctx, uint8_t type, const uint8_t *e, size_t off,
			    struct tb_err *err)
{
	struct srat_walk *w = ctx;

	if (w->pass == 0 && type == SRAT_LAPIC && (get_u32(e + 4) & 1)) {
		uint32_t dom = e[2] | (uint32_t)e[9] << 8 |
			       (uint32_t)e[10] << 16 | (uint32_t)e[11] << 24;
		return srat_add_cpu(w->out, e[3], dom, err);
	}
	if (w->pass == 0 && type == SRAT_X2APIC && (get_u32(e + 12) & 1))
		return srat_add_cpu(w->out, get_u32(e + 8), get_u32(e + 4), err);
	if (w->pass == 1 && type == SRAT_MEMORY)
		return srat_add_mem(w->out, e, off, err);
	return TB_OK;
}

/*
 * Memory entries are assigned node ids after all CPU entries, whatever
 * their order in the table, so node numbering matches Linux's: two walks.
 */
tb_status srat_parse(const void *tbl, size_t avail, struct srat_info *out,
		     struct tb_err *err)
{
	struct srat_walk w = { .out = out };
	tb_status st = TB_OK;

	memset(out, 0, sizeof(*out));
	for (w.pass = 0; w.pass < 2 && st == TB_OK; w.pass++)
		st = acpi_walk_entries(tbl, avail, "SRAT", "SRAT", SRAT_ENTRIES_OFF,
				       srat_min_len, srat_visit, &w, err);
	return st;
}

/* ---------------------------------------------------------------- MADT */

#define MADT_ENTRIES_OFF  44u   /* header + local APIC address + flags */
#define MADT_LAPIC        0
#define MADT_X2APIC       9

/* Minimum lengths of the entry types we read (ACPI 6.5 §5.2.12). */
static uint8_t madt_min_len(uint8_t type)
{
	switch (type) {
	case MADT_LAPIC: return 8;
	case MADT_X2APIC: return 16;
	default: return 2;
	}
}

static void madt_count(struct madt_info *m, uint32_t apic, uint32_t flags, uint32_t invalid)
{
	if (apic == invalid)
		return;
	if (flags & 1) {
		if (m->n_enabled < MADT_CPU_CAP)
			m->apic_id[m->n_enabled] = apic;
		m->n_enabled++;
	} else if (flags & 2) {
		m->n_online_capable++;
	} else {
		m->n_disabled++;
	}
}

static tb_status madt_visit(void *ctx, uint8_t type, const uint8_t *e, size_t off,
			    struct tb_err *err)
{
	struct madt_info *m = ctx;

	if (type == MADT_LAPIC)
		madt_count(m, e[3], get_u32(e + 4), 0xff);
	else if (type == MADT_X2APIC)
		madt_count(m, get_u32(e + 4), get_u32(e + 8), 0xffffffffu);
	return TB_OK;
}

uint32_t madt_possible_extra(const struct madt_info *m, bool online_capable_flag)
{
	return m->n_online_capable + (online_capable_flag ? 0 : m->n_disabled);
}

/* FADT: header revision at 8, FADT Minor Version at 131 (ACPI 6.5 §5.2.9). */
#define FADT_MINOR_OFF 131u

bool fadt_has_online_capable(const void *tbl, size_t avail)
{
	const uint8_t *p = tbl;

	if (avail < FADT_MINOR_OFF + 1 || memcmp(p, "FACP", 4) != 0)
		return false;
	return p[8] > 6 || (p[8] == 6 && p[FADT_MINOR_OFF] >= 3);
}

tb_status madt_parse(const void *tbl, size_t avail, struct madt_info *out,
		     struct tb_err *err)
{
	tb_status st;

	memset(out, 0, sizeof(*out));
	st = acpi_walk_entries(tbl, avail, "APIC", "MADT", MADT_ENTRIES_OFF, madt_min_len,
			       madt_visit, out, err);
	if (st != TB_OK)
		return st;
	if (out->n_enabled > MADT_CPU_CAP) {
		tb_err_set(err, "ACPI MADT: %u CPUs, more than the %u tdxboot can list",
			   out->n_enabled, MADT_CPU_CAP);
		return TB_ENOMEM;
	}
	return TB_OK;
}
