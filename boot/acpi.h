/* SPDX-License-Identifier: MIT */
/* Finds the ACPI SRAT and MADT through the firmware's RSDP and parses them. */
#ifndef TDXBOOT_BOOT_ACPI_H
#define TDXBOOT_BOOT_ACPI_H

#include <efi.h>

#include "core/acpi.h"

struct boot_acpi {
	bool have_srat;
	bool have_madt;
	bool online_capable_flag;  /* FADT 6.3+: Linux honours the MADT flag */
	struct srat_info srat;
	struct madt_info madt;
};

/*
 * Reads what the platform has.  A missing SRAT is not an error (one NUMA
 * node, as Linux assumes); a corrupt table is reported and ignored.
 */
tb_status boot_acpi_read(EFI_SYSTEM_TABLE *st, struct boot_acpi *acpi,
			 struct tb_err *err);

void boot_acpi_report(const struct boot_acpi *acpi);

#endif
