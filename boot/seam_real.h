/* SPDX-License-Identifier: MIT */
/*
 * The real SEAM backend: VMXON/VMXOFF, SEAMCALL, WBINVD, RDMSR and
 * MOVDIR64B executed on the CPU the executor runs us on.
 */
#ifndef TDXBOOT_BOOT_SEAM_REAL_H
#define TDXBOOT_BOOT_SEAM_REAL_H

#include <efi.h>

#include "core/exec.h"
#include "core/seam.h"

/* Per-LP VMX state: written only by that LP (and by the BSP before). */
struct seam_real_lp {
	uint64_t region_pa;    /* 4 KiB VMXON region, allocated by the BSP */
	uint64_t saved_cr0, saved_cr4;
	uint8_t vmx_on;
	uint8_t pad[39];
};

struct seam_real_ctx {
	uint32_t n_lps;
	struct seam_real_lp lp[EXEC_MAX_LPS];
};

/*
 * Allocates one VMXON region per LP (APs cannot allocate) and fills the
 * backend.  ctx must live until seam_real_release.
 */
tb_status seam_real_init(EFI_SYSTEM_TABLE *st, struct seam_real_ctx *ctx,
			 uint32_t n_lps, struct seam_backend *be, struct tb_err *err);
void seam_real_release(EFI_SYSTEM_TABLE *st, struct seam_real_ctx *ctx);

#endif
