/* SPDX-License-Identifier: MIT */
/*
 * The TDX initialization sequence (docs/reference/tdx-abi.md §14), over a SEAM backend
 * (core/seam.h) and an executor (core/exec.h):
 *
 *   preflight -> [SEAMLDR.INFO, INSTALL on each LP] -> TDH.SYS.INIT
 *   -> LP.INIT on each LP -> TDH.SYS.RD (version, limits, CMRs) -> plan
 *   -> reserve PAMTs -> TDH.SYS.CONFIG -> WBINVD everywhere
 *   -> KEY.CONFIG per package -> TDMR.INIT in parallel
 *
 * Every procedure that makes SEAMCALLs does VMXON first and VMXOFF last, on
 * its own CPU, within one dispatch (core/init_vmx.c).
 *
 * It never leaves the machine half-configured: on failure it undoes what it
 * did in reverse (WBINVD, PAMT reset when the module may have written it,
 * PAMTs and exclusions released), records the step, the SEAMCALL status
 * and the LP in the handoff record, and returns; the caller boots anyway.
 * When a CPU cannot be shown to have flushed its caches after the module
 * may have written private-KeyID lines, the PAMTs stay reserved instead
 * (outcome QUARANTINED, core/init_rollback.c).
 */
#ifndef TDXBOOT_CORE_INIT_H
#define TDXBOOT_CORE_INIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/exec.h"
#include "core/handoff_build.h"
#include "core/plan.h"
#include "core/seam.h"
#include "core/status.h"

enum init_log_level { INIT_LOG_ERROR = 0, INIT_LOG_WARN, INIT_LOG_INFO, INIT_LOG_DEBUG };

/* What the boot side provides: memory services, time, messages. */
struct init_platform_ops {
	/* Take [base, base+size) out of the OS's RAM: PAMTs and excluded
	 * memory.  Must be exactly that range (AllocatePages at an address). */
	tb_status (*reserve)(void *ctx, uint64_t base, uint64_t size, struct tb_err *err);
	void (*unreserve)(void *ctx, uint64_t base, uint64_t size);
	/* Scratch memory the module reads (TDMR_INFO, SEAMLDR_PARAMS, module
	 * pages): 4 KiB aligned, zeroed, returned by free after the sequence. */
	tb_status (*alloc)(void *ctx, uint64_t size, uint64_t *pa, struct tb_err *err);
	void (*free)(void *ctx, uint64_t pa, uint64_t size);
	/* A CPU pointer to physical memory (identity in EFI). */
	void *(*ptr)(void *ctx, uint64_t pa, uint64_t size);
	/* Optional: a fresh snapshot of the memory map, taken just before
	 * planning (earlier allocations change it); NULL keeps in->mem. */
	tb_status (*memory_map)(void *ctx, const struct plan_mem **mem, size_t *n,
				struct tb_err *err);
	uint64_t (*now_us)(void *ctx);
	void (*log)(void *ctx, enum init_log_level level, const char *msg);
	void *ctx;
};

struct init_policy {
	bool parallel;          /* TDMR.INIT on all LPs at once */
	bool dpamt;             /* use Dynamic PAMT when the module offers it */
	uint32_t noncmr;        /* enum plan_noncmr */
	bool coalesce;
	uint32_t key_retries;   /* bounded retries of transient KEY.CONFIG failures */
	bool check_tsc_adjust;  /* preflight reads IA32_TSC_ADJUST (real HW) */
	bool tsc_adjust_any;    /* accept a non-zero TSC_ADJUST that all LPs share */
	bool check_msrs;        /* preflight reads the enabling MSRs (real HW) */
};

struct init_input {
	const uint8_t *blob;          /* TDX-BLOB to install, or NULL */
	size_t blob_size;
	const struct plan_mem *mem;   /* the memory map, classified */
	size_t n_mem;
	const struct plan_numa *numa; /* SRAT memory affinity, may be empty */
	size_t n_numa;
	struct init_policy policy;
	bool all_cpus_enabled;        /* firmware: NumberOfEnabled == Number */
};

/* Per-LP slot: written only by its LP while the executor runs it. */
struct init_lp {
	uint64_t status;              /* last SEAMCALL status on this LP */
	uint32_t outcome;             /* enum seam_outcome */
	tb_status st;
	uint8_t vmx_on;               /* between VMXON and VMXOFF of one procedure */
	uint8_t vmx_failed;           /* VMXON failed in this dispatch */
	uint8_t lp_init_done;
	uint8_t msr_valid;            /* bit i: msr[i] was read */
	uint8_t lost;                 /* BSP: a dispatch did not finish here */
	uint8_t lost_in_vmx;          /* BSP: ... while it may have been in VMX */
	uint8_t flushed;              /* WBINVD done in the rollback */
	uint8_t pad[1];
	uint32_t done_seq;            /* the last dispatch finished here */
	uint32_t tdmr;                /* the TDMR this LP worked on last */
	uint64_t vmx_pairs;           /* VMXON/VMXOFF pairs on this LP */
	uint64_t msr[7];              /* preflight samples, see init_cpu.c */
	uint64_t out_rdx;             /* RDX of the last SEAMCALL (INSTALL: 1 = unrecoverable) */
	uint64_t calls;               /* TDMR.INIT calls made on this LP */
	struct tb_err err;
};

#define INIT_SCRATCH_MAX 8

/* The sequence's whole state; large (a plan inside): put it in pool memory. */
struct init_ctx {
	struct seam_backend *be;
	struct executor *ex;
	const struct init_platform_ops *plat;
	struct init_input in;

	struct init_lp lp[EXEC_MAX_LPS];
	struct handoff_record rec;
	struct plan_output plan;
	struct plan_range cmrs[TDX_MAX_CMRS];
	uint32_t n_cmrs;
	struct seamldr_info seamldr;
	uint64_t seamldr_info_pa;     /* SEAMLDR.INFO's buffer, one for both calls */
	void *seamldr_info_va;
	uint64_t seamldr_params_pa;

	/* The dispatch in flight (core/init_vmx.c): read-only for the LPs. */
	exec_fn dispatch_fn;
	uint32_t dispatch_seq;
	uint32_t n_dispatches;

	/* What rollback must undo. */
	uint8_t pamt_reserved[PLAN_TDMR_CAP];   /* bit l: PAMT level l reserved */
	bool excluded_reserved[PLAN_EXCL_CAP];
	/* PAMT ranges a rollback gave back (handoff 1.2 RELEASED). */
	struct plan_range released[3 * PLAN_TDMR_CAP];
	bool config_done;             /* from here the module may write PAMTs */

	/* TDH.SYS.TDMR.INIT work queue (init_tdmr.c). */
	uint32_t tdmr_next;           /* atomic: the next queue slot to take */
	uint32_t tdmr_abort;          /* atomic: an LP failed, stop taking */
	uint32_t tdmr_rounds;         /* dispatches it took */
	uint32_t n_tdmr_queue;
	uint64_t tdmr_status[PLAN_TDMR_CAP];
	uint8_t tdmr_order[PLAN_TDMR_CAP];  /* every TDMR, largest first */
	uint8_t tdmr_queue[PLAN_TDMR_CAP];  /* this round: the unfinished ones */
	uint8_t tdmr_done[PLAN_TDMR_CAP];   /* written by the LP that took it */
	uint16_t tdmr_busy[PLAN_TDMR_CAP];  /* OPERAND_BUSY answers, all rounds */
	uint64_t tdmr_pos[PLAN_TDMR_CAP];   /* RDX the module last returned */
	uint32_t tdmr_stall[PLAN_TDMR_CAP]; /* successful calls since it moved */
	uint32_t tdmr_round_cap;            /* rounds the plan can need at most */
	uint32_t n_scratch;
	struct plan_range scratch[INIT_SCRATCH_MAX];

	uint64_t t_start;
	char msg[256];                /* formatting buffer for log lines */
};

/*
 * Runs the whole sequence.  TB_OK: the module is initialized and the record
 * says so.  Otherwise everything was rolled back, and c->rec names the step,
 * the SEAMCALL status and the LP.  Never returns with VMX on anywhere.
 */
tb_status init_run(struct init_ctx *c);

/* Zeroes c and attaches the collaborators. */
void init_setup(struct init_ctx *c, struct seam_backend *be, struct executor *ex,
		const struct init_platform_ops *plat, const struct init_input *in);

#endif
