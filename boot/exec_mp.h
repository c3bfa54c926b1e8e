/* SPDX-License-Identifier: MIT */
/* The executor of core/exec.h over EFI MP Services. */
#ifndef TDXBOOT_BOOT_EXEC_MP_H
#define TDXBOOT_BOOT_EXEC_MP_H

#include "boot/mp.h"
#include "core/exec.h"

struct exec_mp_ctx {
	struct mp_ctx *mp;
	uint32_t timeout_ms;
};

/* Fills ex from the MP inventory: LP i is MP Services processor number i. */
tb_status exec_mp_init(struct executor *ex, struct exec_mp_ctx *ctx,
		       struct mp_ctx *mp, uint32_t timeout_ms, struct tb_err *err);

#endif
