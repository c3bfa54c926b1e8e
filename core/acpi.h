/* SPDX-License-Identifier: MIT */
/*
 * ACPI tables tdxboot reads: the SRAT (NUMA memory and CPU affinity) and the
 * MADT (the CPUs the platform declares).  Parsers take the table's bytes
 * and how many bytes may be read; every length and offset is checked, so a
 * corrupt table gives a message naming the table and the entry, never a
 * read past its end.  ACPI 6.5 §5.2.16 (SRAT), §5.2.12 (MADT).
 */
#ifndef TDXBOOT_CORE_ACPI_H
#define TDXBOOT_CORE_ACPI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

#define ACPI_SDT_HEADER_SIZE 36u

/*
 * Checks a system description table: at least a header, a length that fits
 * in `avail`, the expected signature (when sig is not NULL) and a zero byte
 * sum.  On success *len is the table's own length.
 */
tb_status acpi_table_check(const void *tbl, size_t avail, const char *sig,
			   uint32_t *len, struct tb_err *err);

/* Validates an RSDP (ACPI 1.0 checksum; 2.0+ also the extended one). */
tb_status acpi_rsdp_check(const void *rsdp, size_t avail, uint64_t *xsdt,
			  uint32_t *rsdt, struct tb_err *err);

/*
 * Walks an XSDT (entry_size 8) or RSDT (entry_size 4) and returns the
 * physical address of each entry; the caller looks at their signatures.
 */
tb_status acpi_sdt_entries(const void *sdt, size_t avail, unsigned entry_size,
			   uint64_t *out, size_t cap, size_t *n_out,
			   struct tb_err *err);

#define SRAT_MEM_CAP   512
#define SRAT_CPU_CAP   4096
#define SRAT_NODE_CAP  64

struct srat_mem {
	uint64_t base;
	uint64_t size;
	uint32_t domain;  /* proximity domain */
	uint32_t node;    /* dense node id, in order of first appearance */
	bool hotplug;
	bool nonvolatile;
};

struct srat_cpu {
	uint32_t apic_id;
	uint32_t domain;
	uint32_t node;
};

struct srat_info {
	uint32_t n_mem;
	struct srat_mem mem[SRAT_MEM_CAP];
	uint32_t n_cpu;
	struct srat_cpu cpu[SRAT_CPU_CAP];
	uint32_t n_nodes;
	uint32_t node_domain[SRAT_NODE_CAP]; /* node id -> proximity domain */
};

/*
 * Parses the enabled memory and CPU affinity entries (types 0, 1, 2);
 * disabled entries (flags bit 0 clear, as QEMU's trailing all-zero entry)
 * are skipped, unknown types are stepped over by their length.  Node ids are
 * assigned to proximity domains in order of first appearance, CPUs first,
 * as Linux does.
 */
tb_status srat_parse(const void *tbl, size_t avail, struct srat_info *out,
		     struct tb_err *err);

#define MADT_CPU_CAP 4096

struct madt_info {
	uint32_t n_enabled;          /* Enabled flag set */
	uint32_t n_online_capable;   /* not enabled, Online Capable flag set (ACPI 6.3+) */
	uint32_t n_disabled;         /* neither flag: hot-pluggable to an OS whose
					FADT predates ACPI 6.3 (madt_possible_extra) */
	uint32_t apic_id[MADT_CPU_CAP]; /* the enabled ones */
};

/* Counts Local APIC (type 0) and Local x2APIC (type 9) entries; entries
 * with the invalid APIC ID (0xFF, 0xFFFFFFFF) are not CPUs (Linux,
 * arch/x86/kernel/acpi/boot.c acpi_parse_lapic, acpi_parse_x2apic). */
tb_status madt_parse(const void *tbl, size_t avail, struct madt_info *out,
		     struct tb_err *err);

/*
 * Whether the OS honours the MADT's Online Capable flag: FADT revision 6
 * minor 3 or later (ACPI 6.3 §5.2.12.2; Linux acpi_parse_madt).  False for
 * a table too short to say.
 */
bool fadt_has_online_capable(const void *tbl, size_t avail);

/*
 * The CPUs not enabled now that Linux counts as possible and may bring
 * online later (acpi_is_processor_usable): the online-capable ones when the
 * flag is honoured, every listed one otherwise (QEMU's hot-pluggable CPUs).
 */
uint32_t madt_possible_extra(const struct madt_info *m, bool online_capable_flag);

#endif
