/* SPDX-License-Identifier: MIT */
/* The NASM instructions of arch/x86/seam.asm. */
#ifndef TDXBOOT_ARCH_X86_SEAM_INSN_H
#define TDXBOOT_ARCH_X86_SEAM_INSN_H

#include <stdint.h>

#include "lib/tdx_abi.h"

enum seam_insn_outcome {
	SEAM_INSN_VMSUCCEED = 0,
	SEAM_INSN_VMFAILINVALID = 1,
	SEAM_INSN_VMFAILVALID = 2,
};

struct seam_regs;

int seam_insn_seamcall(struct seam_regs *regs);
int seam_insn_vmxon(const uint64_t *region_pa);
int seam_insn_vmxoff(void);
void seam_insn_movdir64b(void *dst, const void *src);

/* The address of the SEAMCALL instruction, for the fault handler. */
extern const char seam_insn_seamcall_at[];

#endif
