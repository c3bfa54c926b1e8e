/* SPDX-License-Identifier: MIT */
#include "core/seam.h"

uint64_t seam_outcome_status(enum seam_outcome o, const struct seam_regs *r)
{
	switch (o) {
	case SEAM_VMSUCCEED: return r->rax;
	case SEAM_UD: return TDX_SEAMCALL_UD;
	case SEAM_GP: return TDX_SEAMCALL_GP;
	case SEAM_VMFAILINVALID:
	case SEAM_VMFAILVALID:
	default: return TDX_SEAMCALL_VMFAILINVALID;
	}
}
