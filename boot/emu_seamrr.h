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
 */
void emu_seamrr_publish(EFI_SYSTEM_TABLE *st, const struct emu *e);

#endif
