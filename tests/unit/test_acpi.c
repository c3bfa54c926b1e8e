/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "core/acpi.h"
#include "tests/unit/test.h"

struct table {
	uint8_t b[1024];
	uint32_t len;
};

static void table_start(struct table *t, const char *sig, uint32_t fixed)
{
	memset(t, 0, sizeof(*t));
	memcpy(t->b, sig, 4);
	t->b[8] = 1;
	t->len = fixed;
}

static void table_add(struct table *t, const void *entry, uint8_t len)
{
	memcpy(t->b + t->len, entry, len);
	t->len += len;
}

static void table_finish(struct table *t)
{
	uint8_t sum = 0;

	memcpy(t->b + 4, &t->len, 4);
	t->b[9] = 0;
	for (uint32_t i = 0; i < t->len; i++)
		sum = (uint8_t)(sum + t->b[i]);
	t->b[9] = (uint8_t)(0x100 - sum);
}

static void srat_lapic(struct table *t, uint8_t apic, uint8_t dom, uint32_t flags)
{
	uint8_t e[16] = { 0, 16, dom, apic };

	memcpy(e + 4, &flags, 4);
	table_add(t, e, 16);
}

static void srat_mem(struct table *t, uint32_t dom, uint64_t base, uint64_t size,
		     uint32_t flags)
{
	uint8_t e[40] = { 1, 40 };

	memcpy(e + 2, &dom, 4);
	memcpy(e + 8, &base, 8);
	memcpy(e + 16, &size, 8);
	memcpy(e + 28, &flags, 4);
	table_add(t, e, 40);
}

/* The SRAT QEMU builds for -numa with 2 nodes (docs/reference/toolchain.md §4). */
static void srat_qemu(struct table *t)
{
	table_start(t, "SRAT", 48);
	srat_lapic(t, 0, 0, 1);
	srat_lapic(t, 1, 0, 1);
	srat_lapic(t, 2, 1, 1);
	srat_lapic(t, 3, 1, 1);
	srat_mem(t, 0, 0, 0xa0000, 1);
	srat_mem(t, 0, 0x100000, 0x7ff00000, 1);
	srat_mem(t, 1, 0x100000000, 0x80000000, 1);
	srat_mem(t, 0, 0, 0, 0);   /* trailing disabled entry */
	table_finish(t);
}

TEST(srat_parse_qemu_two_nodes)
{
	static struct srat_info s;
	struct table t;
	struct tb_err e;

	srat_qemu(&t);
	tb_err_clear(&e);
	REQUIRE(srat_parse(t.b, t.len, &s, &e) == TB_OK);
	CHECK_INT_EQ(s.n_nodes, 2);
	CHECK_INT_EQ(s.n_cpu, 4);
	CHECK_INT_EQ(s.n_mem, 3);
	CHECK_U64_EQ(s.mem[1].base, 0x100000);
	CHECK_U64_EQ(s.mem[1].size, 0x7ff00000);
	CHECK_INT_EQ(s.mem[2].node, 1);
	CHECK_INT_EQ(s.cpu[3].node, 1);
	CHECK_INT_EQ(s.cpu[3].apic_id, 3);
}

TEST(srat_nodes_numbered_cpus_first_like_linux)
{
	static struct srat_info s;
	struct table t;
	struct tb_err e;

	/* Memory for domain 7 comes first in the table, but CPUs of domain 5
	 * come before any CPU of domain 7: domain 5 is node 0. */
	table_start(&t, "SRAT", 48);
	srat_mem(&t, 7, 0x100000000, 0x40000000, 1 | 2 | 4);
	srat_lapic(&t, 0, 5, 1);
	srat_lapic(&t, 1, 7, 1);
	srat_lapic(&t, 2, 9, 0);   /* disabled: ignored */
	table_finish(&t);
	tb_err_clear(&e);
	REQUIRE(srat_parse(t.b, t.len, &s, &e) == TB_OK);
	CHECK_INT_EQ(s.n_nodes, 2);
	CHECK_INT_EQ(s.node_domain[0], 5);
	CHECK_INT_EQ(s.mem[0].node, 1);
	CHECK(s.mem[0].hotplug && s.mem[0].nonvolatile);
	CHECK_INT_EQ(s.n_cpu, 2);
}

TEST(srat_rejects_corruption_with_offsets)
{
	static struct srat_info s;
	struct table t;
	struct tb_err e;

	srat_qemu(&t);
	t.b[9] ^= 1;
	tb_err_clear(&e);
	CHECK_INT_EQ(srat_parse(t.b, t.len, &s, &e), TB_EINVAL);
	CHECK_STR_CONTAINS(e.msg, "ACPI SRAT: checksum mismatch");

	srat_qemu(&t);
	t.b[48 + 16 + 1] = 250;     /* second entry runs past the table */
	table_finish(&t);
	tb_err_clear(&e);
	CHECK_INT_EQ(srat_parse(t.b, t.len, &s, &e), TB_EINVAL);
	CHECK_STR_EQ(e.msg, "ACPI SRAT: entry type 0 at offset 64 has bad length 250");

	srat_qemu(&t);
	tb_err_clear(&e);
	CHECK_INT_EQ(srat_parse(t.b, t.len - 1, &s, &e), TB_EINVAL);
	CHECK_STR_CONTAINS(e.msg, "length");

	srat_qemu(&t);
	tb_err_clear(&e);
	CHECK_INT_EQ(srat_parse(t.b, t.len, &s, &e) == TB_OK && 1, 1);
	memcpy(t.b, "SRAX", 4);
	tb_err_clear(&e);
	CHECK_INT_EQ(srat_parse(t.b, t.len, &s, &e), TB_EINVAL);
	CHECK_STR_EQ(e.msg, "ACPI table: expected SRAT, found 'SRAX'");
}

TEST(madt_counts_enabled_and_online_capable)
{
	static struct madt_info m;
	struct table t;
	struct tb_err e;
	uint8_t lapic[8] = { 0, 8, 0, 0, 1, 0, 0, 0 };
	uint8_t x2[16] = { 9, 16 };
	uint8_t ioapic[12] = { 1, 12 };
	uint32_t x2id = 0x100, flags = 1;

	table_start(&t, "APIC", 44);
	table_add(&t, lapic, 8);
	lapic[3] = 1;
	table_add(&t, lapic, 8);
	lapic[3] = 2;
	lapic[4] = 2;               /* online capable, not enabled */
	table_add(&t, lapic, 8);
	lapic[3] = 3;
	lapic[4] = 0;               /* neither flag: hot-pluggable before ACPI 6.3 */
	table_add(&t, lapic, 8);
	lapic[3] = 0xff;            /* the invalid APIC ID: not a CPU */
	table_add(&t, lapic, 8);
	table_add(&t, ioapic, 12);
	memcpy(x2 + 4, &x2id, 4);
	memcpy(x2 + 8, &flags, 4);
	table_add(&t, x2, 16);
	table_finish(&t);
	tb_err_clear(&e);
	REQUIRE(madt_parse(t.b, t.len, &m, &e) == TB_OK);
	CHECK_INT_EQ(m.n_enabled, 3);
	CHECK_INT_EQ(m.n_online_capable, 1);
	CHECK_INT_EQ(m.n_disabled, 1);
	CHECK_INT_EQ(m.apic_id[2], 0x100);

	t.b[44 + 1] = 4;            /* a Local APIC entry shorter than 8 */
	table_finish(&t);
	tb_err_clear(&e);
	CHECK_INT_EQ(madt_parse(t.b, t.len, &m, &e), TB_EINVAL);
	CHECK_STR_CONTAINS(e.msg, "ACPI MADT: entry type 0 at offset 44 has bad length 4");
}

TEST(acpi_rsdp_and_xsdt_walk)
{
	uint8_t rsdp[36] = { 'R', 'S', 'D', ' ', 'P', 'T', 'R', ' ' };
	uint64_t xsdt_pa = 0x7fbfe0e8, out[4];
	uint32_t len = 36, rsdt;
	uint64_t xsdt;
	struct table t;
	struct tb_err e;
	size_t n;
	uint8_t s = 0;

	rsdp[15] = 2;
	memcpy(rsdp + 20, &len, 4);
	memcpy(rsdp + 24, &xsdt_pa, 8);
	for (int i = 0; i < 20; i++)
		s = (uint8_t)(s + rsdp[i]);
	rsdp[8] = (uint8_t)(0x100 - s);
	s = 0;
	for (int i = 0; i < 36; i++)
		s = (uint8_t)(s + rsdp[i]);
	rsdp[32] = (uint8_t)(0x100 - s);
	tb_err_clear(&e);
	REQUIRE(acpi_rsdp_check(rsdp, 36, &xsdt, &rsdt, &e) == TB_OK);
	CHECK_U64_EQ(xsdt, xsdt_pa);

	table_start(&t, "XSDT", 36);
	uint64_t a = 0x1000, b = 0x2000;
	table_add(&t, &a, 8);
	table_add(&t, &b, 8);
	table_finish(&t);
	tb_err_clear(&e);
	REQUIRE(acpi_sdt_entries(t.b, t.len, 8, out, 4, &n, &e) == TB_OK);
	CHECK_INT_EQ(n, 2);
	CHECK_U64_EQ(out[1], 0x2000);

	rsdp[0] = 'X';
	tb_err_clear(&e);
	CHECK_INT_EQ(acpi_rsdp_check(rsdp, 36, &xsdt, &rsdt, &e), TB_EINVAL);
}

TEST(madt_possible_cpus_as_linux_counts_them)
{
	struct madt_info m = { 0 };
	uint8_t fadt[132] = { 'F', 'A', 'C', 'P' };

	/* QEMU -smp 4,maxcpus=8: 4 enabled, 4 with neither flag. */
	m.n_enabled = 4;
	m.n_disabled = 4;
	CHECK_INT_EQ(madt_possible_extra(&m, false), 4);
	CHECK_INT_EQ(madt_possible_extra(&m, true), 0);
	m.n_online_capable = 2;
	CHECK_INT_EQ(madt_possible_extra(&m, true), 2);
	CHECK_INT_EQ(madt_possible_extra(&m, false), 6);

	fadt[8] = 6;
	fadt[131] = 2;
	CHECK(!fadt_has_online_capable(fadt, sizeof(fadt)));
	fadt[131] = 3;
	CHECK(fadt_has_online_capable(fadt, sizeof(fadt)));
	CHECK(!fadt_has_online_capable(fadt, 131));
	fadt[8] = 5;
	fadt[131] = 9;
	CHECK(!fadt_has_online_capable(fadt, sizeof(fadt)));
}
