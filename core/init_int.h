/* SPDX-License-Identifier: MIT */
/* Internals shared by the core/init_*.c steps. */
#ifndef TDXBOOT_CORE_INIT_INT_H
#define TDXBOOT_CORE_INIT_INT_H

#include "core/init.h"
#include "lib/tdxboot_handoff.h"

/* Linux retries RND_NO_ENTROPY up to RDRAND_RETRY_LOOPS = 10 (docs/reference/tdx-abi.md §1.4). */
#define INIT_ENTROPY_RETRIES 10

void init_log(struct init_ctx *c, enum init_log_level level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Records a failure (first one wins) and logs it as an error: the step, the
 * LP (TDXBOOT_LP_NONE when none), the SEAMCALL status (0 when none).
 */
tb_status init_fail(struct init_ctx *c, uint32_t step, uint32_t lp, uint64_t status,
		    tb_status st, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* A failed SEAMCALL, in the operator's words: "SEAMCALL (X) failed: ...". */
tb_status init_fail_seamcall(struct init_ctx *c, uint32_t step, uint32_t lp,
			     uint64_t leaf, uint64_t status);

/*
 * One SEAMCALL on the CPU we run on (which must be LP lp), retried while
 * the module reports TDX_RND_NO_ENTROPY.  Returns the 64-bit status
 * (seam_outcome_status).  Safe on APs: touches only r and c->be.
 */
uint64_t init_seamcall(struct init_ctx *c, uint32_t lp, struct seam_regs *r);

/*
 * Runs fn on every LP (lp = TDXBOOT_LP_NONE) or on one; with vmx, between
 * VMXON and VMXOFF on each (core/init_vmx.c).  An executor failure is
 * recorded as a failure of step, a VMXON failure as one of VMXON.
 */
tb_status init_dispatch(struct init_ctx *c, uint32_t step, uint32_t lp, exec_fn fn, bool vmx);
tb_status init_on_all(struct init_ctx *c, uint32_t step, exec_fn fn);
tb_status init_on_one(struct init_ctx *c, uint32_t step, uint32_t lp, exec_fn fn);
tb_status init_seam_on_all(struct init_ctx *c, uint32_t step, exec_fn fn);
tb_status init_seam_on_one(struct init_ctx *c, uint32_t step, uint32_t lp, exec_fn fn);

/* VMX on this LP, inside a procedure; and the boot CPU's own sections. */
tb_status init_vmx_enter(struct init_ctx *c, uint32_t lp);
void init_vmx_leave(struct init_ctx *c, uint32_t lp);
tb_status init_bsp_vmx_enter(struct init_ctx *c, uint32_t step);
void init_bsp_vmx_leave(struct init_ctx *c);

/* LPs a dispatch did not finish on; asking each of them again. */
uint32_t init_lost_lps(const struct init_ctx *c);
void init_confirm_lost(struct init_ctx *c);

/* The first LP whose slot says it failed, or TDXBOOT_LP_NONE. */
uint32_t init_first_failed_lp(const struct init_ctx *c);

/* Scratch memory for the module to read, freed after the sequence. */
tb_status init_scratch_alloc(struct init_ctx *c, uint32_t step, uint64_t size,
			     uint64_t *pa, void **va);
void init_scratch_free_all(struct init_ctx *c);

/* The steps, in order (each records its own failure). */
tb_status init_preflight(struct init_ctx *c);
tb_status init_module_load(struct init_ctx *c);
tb_status init_sys_init(struct init_ctx *c);
tb_status init_lp_init(struct init_ctx *c);
tb_status init_sys_rd(struct init_ctx *c);
tb_status init_make_plan(struct init_ctx *c);
tb_status init_reserve(struct init_ctx *c);
tb_status init_sys_config(struct init_ctx *c);
tb_status init_wbinvd(struct init_ctx *c);
tb_status init_key_config(struct init_ctx *c);
tb_status init_tdmr_init(struct init_ctx *c);
void init_rollback(struct init_ctx *c);
void init_module_reinstall(struct init_ctx *c);
void init_module_disable(struct init_ctx *c);

#endif
