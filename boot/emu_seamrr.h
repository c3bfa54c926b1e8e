/* SPDX-License-Identifier: MIT */
#ifndef TDXBOOT_BOOT_EMU_SEAMRR_H
#define TDXBOOT_BOOT_EMU_SEAMRR_H

#include <efi.h>

#include "emu/emu.h"

/*
 * With the emulated backend: the emulated module's state after the run,
 * copied into EfiReservedMemoryType pages (which survive ExitBootServices
 * and stay out of the OS's RAM) and published as an EFI configuration table
 * (EMU_SEAMRR_GUID), so that a test kernel can keep running the module
 * tdxboot configured (docs/kernel.md §5).  Nothing reads it in the product
 * path: the handoff still says "emulated" and a product kernel refuses it.
 * A failure costs only the test path: it is reported, never fatal.
 *
 * The pages are reserved before the initializer runs: reserved later, the
 * firmware could place them in PAMT memory that a rollback just gave back,
 * and the handoff's RELEASED list (docs/handoff.md) would then name memory
 * the OS never gets.
 */
struct emu_seamrr_pages {
	EFI_PHYSICAL_ADDRESS pa;
	UINTN pages;
};

void emu_seamrr_reserve(EFI_SYSTEM_TABLE *st, struct emu_seamrr_pages *r);
/* Fills and publishes the reserved pages; they then belong to the OS's reserved memory. */
void emu_seamrr_publish(EFI_SYSTEM_TABLE *st, struct emu_seamrr_pages *r, const struct emu *e);
/* Frees reserved pages that were not published (every path calls it). */
void emu_seamrr_release(EFI_SYSTEM_TABLE *st, struct emu_seamrr_pages *r);

#endif
