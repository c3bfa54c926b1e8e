/* SPDX-License-Identifier: MIT */
/*
 * Every logical CPU, from EFI MP Services (PI 1.7 vol. 2 §13.4).
 *
 * The inventory is what the firmware says (processor number, APIC ID,
 * package/core/thread, enabled and healthy bits); the probe is what each
 * CPU says about itself when it runs our code: every AP writes the APIC ID
 * it reads with CPUID into its own pre-allocated slot.  A slot left empty
 * or disagreeing with the firmware is a CPU we cannot rely on for the
 * per-LP steps of TDX initialization.
 */
#ifndef TDXBOOT_BOOT_MP_H
#define TDXBOOT_BOOT_MP_H

#include <efi.h>
#include <stdbool.h>

#include "boot/efi_extra.h"
#include "core/status.h"

struct mp_cpu {
	uint64_t apic_id;       /* ProcessorId from the firmware */
	uint32_t package, core, thread;
	bool bsp, enabled, healthy;
};

/*
 * One slot per processor number, a cache line each so APs never share a
 * line.  Written only by the CPU it belongs to, read by the BSP after the
 * blocking StartupAllAPs returns.
 */
struct mp_slot {
	volatile uint32_t ran;          /* 1 once the CPU executed the probe */
	volatile uint32_t cpuid_apic;   /* APIC ID from CPUID on that CPU */
	uint8_t pad[56];
};
_Static_assert(sizeof(struct mp_slot) == 64, "one cache line a slot");

struct mp_ctx {
	TB_EFI_MP_SERVICES_PROTOCOL *mp;  /* NULL: firmware has none, BSP only */
	EFI_BOOT_SERVICES *bs;            /* frees the tables and what MP Services hands back */
	UINTN n_cpus, n_enabled, bsp;
	uint32_t n_packages;
	struct mp_cpu *cpus;              /* n_cpus entries, pool memory */
	struct mp_slot *slots;            /* n_cpus entries, pool memory */
	void *slots_raw;                  /* the allocation slots is aligned inside */
};

/* Finds MP Services and reads the inventory. */
tb_status mp_init(EFI_SYSTEM_TABLE *st, struct mp_ctx *mp, struct tb_err *err);

/*
 * Runs the CPUID probe on every enabled CPU (APs in parallel, then the BSP)
 * and checks that each wrote its slot with the APIC ID the firmware
 * reported.  timeout_ms bounds the wait for APs.
 */
tb_status mp_probe(struct mp_ctx *mp, uint32_t timeout_ms, struct tb_err *err);

void mp_report(const struct mp_ctx *mp);

/*
 * Frees the CPU table and the slots (pool memory); safe on a context that
 * mp_init() filled partly or not at all, and twice.  Called before the next
 * image starts, so no tdxboot pool memory of MP's is live at its
 * ExitBootServices().
 */
void mp_release(struct mp_ctx *mp);

#endif
