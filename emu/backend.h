/* SPDX-License-Identifier: MIT */
/*
 * The emulated module as a SEAM backend (core/seam.h): what "emulate" mode
 * runs in the EFI application, and what every host test of the init
 * sequence runs against.  This file is glue only; every rule the module
 * enforces lives in the leaves of emu/.
 */
#ifndef TDXBOOT_EMU_BACKEND_H
#define TDXBOOT_EMU_BACKEND_H

#include "core/seam.h"
#include "emu/emu.h"

void emu_backend_init(struct emu *e, struct seam_backend *be);

/*
 * The smallest package shift that maps every LP's APIC ID to its package
 * as the firmware reports it (apic >> shift), for an emulated platform
 * that mirrors the real one.  -1 when no shift does.
 */
int emu_backend_pkg_shift(const uint32_t *apic, const uint32_t *pkg, uint32_t n);

#endif
