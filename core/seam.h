/* SPDX-License-Identifier: MIT */
/*
 * The SEAM backend: what the init sequence needs from the CPU, behind one
 * interface so the same sequence drives the real instructions
 * (boot/seam_real.c) or the emulated TDX module (emu/backend.c), and runs on
 * the host against the emulator in tests.
 *
 * Every operation that names an LP must be called ON that LP (through the
 * executor, core/exec.h): the real backend executes the instruction on the
 * CPU it runs on, and the emulator needs to know which LP "it" is.
 * Operations called from APs touch only that LP's state.
 */
#ifndef TDXBOOT_CORE_SEAM_H
#define TDXBOOT_CORE_SEAM_H

#include <stdbool.h>
#include <stdint.h>

#include "core/status.h"
#include "lib/tdx_abi.h"

/* How a SEAMCALL completed (docs/reference/tdx-abi.md §1.3). */
enum seam_outcome {
	SEAM_VMSUCCEED = 0,   /* RAX holds the completion status */
	SEAM_VMFAILINVALID,   /* no module loaded / P-SEAMLDR busy; RAX unchanged */
	SEAM_VMFAILVALID,
	SEAM_UD,              /* not in VMX operation */
	SEAM_GP,              /* SEAM not enabled by the BIOS */
};

struct seam_backend_ops {
	enum seam_outcome (*call)(void *ctx, uint32_t lp, struct seam_regs *r);
	/* VMXON on this LP, with the region prepared by prepare_vmx. */
	tb_status (*vmx_on)(void *ctx, uint32_t lp, struct tb_err *err);
	/* VMXOFF and CR4.VMXE cleared; harmless when VMX is off. */
	void (*vmx_off)(void *ctx, uint32_t lp);
	void (*wbinvd)(void *ctx, uint32_t lp);
	/* An MSR of this LP; TB_EUNSUPPORTED when the backend has no value. */
	tb_status (*read_msr)(void *ctx, uint32_t lp, uint32_t msr, uint64_t *val);
	/*
	 * Zero [pa, pa + size) with 64-byte direct stores (MOVDIR64B), the
	 * reset that clears TDX private memory without partial writes
	 * (docs/reference/tdx-abi.md §12).  Called on the BSP.
	 */
	void (*reset_mem)(void *ctx, uint64_t pa, uint64_t size);
};

struct seam_backend {
	const struct seam_backend_ops *ops;
	void *ctx;
	const char *name;   /* "real" or "emulated" */
	bool emulated;
};

/*
 * One 64-bit status for every outcome, as Linux reports them (docs/reference/tdx-abi.md
 * §1.4): RAX for VMsucceed, TDX_SEAMCALL_VMFAILINVALID, TDX_SEAMCALL_UD,
 * TDX_SEAMCALL_GP for the others.
 */
uint64_t seam_outcome_status(enum seam_outcome o, const struct seam_regs *r);

#endif
