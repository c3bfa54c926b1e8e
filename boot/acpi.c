/* SPDX-License-Identifier: MIT */
#include "boot/acpi.h"

#include "boot/console.h"
#include "lib/fmt.h"
#include "lib/mem.h"

#define ACPI_TABLES_MAX 64
/* No sane ACPI table is larger; bounds what a corrupt length can make us read. */
#define ACPI_TABLE_MAX_LEN (16u << 20)

static EFI_GUID acpi20_guid = ACPI_20_TABLE_GUID;
static EFI_GUID acpi10_guid = ACPI_TABLE_GUID;

static void *acpi_find_rsdp(EFI_SYSTEM_TABLE *st)
{
	void *v1 = NULL;

	for (UINTN i = 0; i < st->NumberOfTableEntries; i++) {
		EFI_CONFIGURATION_TABLE *t = &st->ConfigurationTable[i];

		if (!memcmp(&t->VendorGuid, &acpi20_guid, sizeof(EFI_GUID)))
			return t->VendorTable;
		if (!memcmp(&t->VendorGuid, &acpi10_guid, sizeof(EFI_GUID)))
			v1 = t->VendorTable;
	}
	return v1;
}

/* The length a table claims, capped; firmware tables are identity mapped. */
static size_t acpi_claimed_len(uint64_t pa)
{
	uint32_t len;

	memcpy(&len, (const uint8_t *)(uintptr_t)pa + 4, sizeof(len));
	return len > ACPI_TABLE_MAX_LEN ? ACPI_TABLE_MAX_LEN : len;
}

static void acpi_parse_one(struct boot_acpi *acpi, uint64_t pa)
{
	const void *t = (const void *)(uintptr_t)pa;
	size_t len = acpi_claimed_len(pa);
	struct tb_err err;

	tb_err_clear(&err);
	if (!memcmp(t, "SRAT", 4) && !acpi->have_srat) {
		if (srat_parse(t, len, &acpi->srat, &err) == TB_OK)
			acpi->have_srat = true;
		else
			con_log(CON_WARN, "%s; treating the machine as one NUMA node\n", err.msg);
	} else if (!memcmp(t, "FACP", 4)) {
		acpi->online_capable_flag = fadt_has_online_capable(t, len);
	} else if (!memcmp(t, "APIC", 4) && !acpi->have_madt) {
		if (madt_parse(t, len, &acpi->madt, &err) == TB_OK)
			acpi->have_madt = true;
		else
			con_log(CON_WARN, "%s\n", err.msg);
	}
}

tb_status boot_acpi_read(EFI_SYSTEM_TABLE *st, struct boot_acpi *acpi,
			 struct tb_err *err)
{
	uint64_t entries[ACPI_TABLES_MAX], xsdt;
	uint32_t rsdt;
	size_t n;
	void *rsdp = acpi_find_rsdp(st);
	tb_status s;

	acpi->have_srat = acpi->have_madt = acpi->online_capable_flag = false;
	if (!rsdp) {
		tb_err_set(err, "ACPI: the firmware publishes no RSDP");
		return TB_ENOTFOUND;
	}
	s = acpi_rsdp_check(rsdp, 36, &xsdt, &rsdt, err);
	if (s != TB_OK)
		return s;
	if (xsdt)
		s = acpi_sdt_entries((void *)(uintptr_t)xsdt, acpi_claimed_len(xsdt),
				     8, entries, ACPI_TABLES_MAX, &n, err);
	else
		s = acpi_sdt_entries((void *)(uintptr_t)rsdt, acpi_claimed_len(rsdt),
				     4, entries, ACPI_TABLES_MAX, &n, err);
	if (s != TB_OK)
		return s;
	for (size_t i = 0; i < n; i++)
		if (entries[i])
			acpi_parse_one(acpi, entries[i]);
	return TB_OK;
}

static void acpi_report_node(const struct srat_info *s, uint32_t node)
{
	uint64_t total = 0;
	char sz[32];

	con_printf("  node %u (proximity domain %u):", node, s->node_domain[node]);
	for (uint32_t i = 0; i < s->n_mem; i++) {
		const struct srat_mem *m = &s->mem[i];

		if (m->node != node)
			continue;
		con_printf(" [0x%llx-0x%llx)%s%s", (unsigned long long)m->base,
			   (unsigned long long)(m->base + m->size),
			   m->hotplug ? " hotplug" : "",
			   m->nonvolatile ? " non-volatile" : "");
		total += m->size;
	}
	con_printf(" %s; cpus", fmt_size(sz, sizeof(sz), total));
	for (uint32_t i = 0; i < s->n_cpu; i++)
		if (s->cpu[i].node == node)
			con_printf(" %u", s->cpu[i].apic_id);
	con_printf("\n");
}

void boot_acpi_report(const struct boot_acpi *acpi)
{
	uint32_t extra = acpi->have_madt ?
		madt_possible_extra(&acpi->madt, acpi->online_capable_flag) : 0;

	if (acpi->have_madt)
		con_printf("acpi: MADT lists %u enabled CPUs (%u more the OS may bring online: %u online-capable, %u %s)\n",
			   acpi->madt.n_enabled, extra, acpi->madt.n_online_capable,
			   acpi->madt.n_disabled, acpi->online_capable_flag ?
			   "disabled, ignored under ACPI 6.3+" : "hot-pluggable");
	else
		con_printf("acpi: no usable MADT\n");
	/* TDH.SYS.LP.INIT must run on every LP before it makes SEAMCALLs
	 * (docs/reference/tdx-abi.md §3); tdxboot reaches only the CPUs running now. */
	if (extra)
		con_log(CON_WARN, "acpi: %u CPUs are not running now but Linux may bring them online; if TDX is initialized here, the kernel must run TDH.SYS.LP.INIT on each before it uses TDX there\n",
			extra);
	if (!acpi->have_srat) {
		con_printf("numa: no SRAT; one node\n");
		return;
	}
	con_printf("numa: %u nodes from SRAT\n", acpi->srat.n_nodes);
	for (uint32_t n = 0; n < acpi->srat.n_nodes; n++)
		acpi_report_node(&acpi->srat, n);
}
