/* SPDX-License-Identifier: MIT */
/*
 * Building the handoff table (lib/tdxboot_handoff.h, docs/handoff.md) from
 * what the init sequence recorded.
 *
 * The init sequence fills a struct handoff_record as it goes (zero it first:
 * all-zero is "nothing happened yet"), then the boot side sizes a buffer
 * with handoff_size(), builds into it with handoff_build(), and installs the
 * result (boot/handoff_install.h).  Pure: no allocation, no globals, no EFI.
 */
#ifndef TDXBOOT_CORE_HANDOFF_BUILD_H
#define TDXBOOT_CORE_HANDOFF_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/plan.h"
#include "core/status.h"
#include "lib/tdx_abi.h"
#include "lib/tdxboot_handoff.h"

#define HANDOFF_LP_CAP    4096u  /* LPs the LP.INIT bitmap can hold */
#define HANDOFF_PHASE_CAP 32u    /* timing entries */

struct handoff_phase_time {
	uint32_t phase;  /* enum tdxboot_handoff_step or TDXBOOT_PHASE_TOTAL */
	uint64_t usec;
};

/* The module as TDH.SYS.RD described it; copy only when `valid`. */
struct handoff_module_info {
	bool valid;               /* SYS.RD succeeded: the fields below are real */
	bool installed;           /* tdxboot loaded it (vs. already loaded by BIOS) */
	bool dpamt;               /* configured with Dynamic PAMT */
	bool reinstalled;         /* 1.2: rollback loaded it again (P-SEAMLDR) */
	bool sys_disabled;        /* 1.2: rollback reset it with TDH.SYS.DISABLE */
	uint32_t vendor_id;
	uint16_t major_version, minor_version, update_version, internal_version;
	uint32_t build_date;
	uint16_t build_num;
	uint64_t sys_attributes;
	uint64_t tdx_features0;
	struct plan_limits limits; /* max_tdmrs, max_rsvd, PAMT entry sizes, DPAMT bits */
};

/* An MSR the module samples, as every LP held it (handoff 1.1 MSRS). */
struct handoff_msr {
	uint32_t index;
	bool present;              /* read on every LP, one value */
	uint64_t value;
};
#define HANDOFF_MSR_CAP 4u

struct handoff_record {
	/* -- outcome -- */
	uint32_t step;             /* enum tdxboot_handoff_step reached / failed at */
	uint32_t outcome;          /* enum tdxboot_handoff_outcome */
	uint32_t module_state;     /* enum tdxboot_handoff_module_state */
	uint64_t seamcall_status;  /* raw status of the failing SEAMCALL, else 0 */
	uint32_t lp_index;         /* failing LP or TDXBOOT_LP_NONE (0 is an LP!) */
	tb_status error;           /* tdxboot's error class, TB_OK on success */
	char message[TDXBOOT_MESSAGE_LEN]; /* operator sentence (a tb_err's msg) */
	bool emulated;             /* the emulated module was used */
	bool dry_run;              /* planned only, no SEAMCALL */
	const char *producer;      /* NULL: "tdxboot <version> (<gitrev>)", lib/version.h */

	/* -- module and loader -- */
	struct handoff_module_info module;
	const struct seamldr_info *seamldr; /* SEAMLDR.INFO, NULL if not used */

	/* -- keys and CPUs -- */
	uint32_t tdx_keyid_first, tdx_keyid_count, global_keyid, mktme_keyid_count;
	uint32_t n_lps;            /* <= HANDOFF_LP_CAP */
	uint32_t n_packages;
	uint32_t bsp_index;        /* index of the BSP among the n_lps */
	const uint32_t *lp_apic_ids; /* n_lps APIC ids, or NULL if unknown */
	uint64_t lp_init_done[HANDOFF_LP_CAP / 64]; /* bit i: LP i did LP.INIT */

	/* -- memory -- */
	const struct plan_range *cmrs; /* as TDH.SYS.RD reported them */
	size_t n_cmrs;
	const struct plan_output *plan; /* the configured plan, NULL if none */

	/* -- 1.1 -- */
	uint32_t n_msrs;
	struct handoff_msr msrs[HANDOFF_MSR_CAP];
	uint32_t status_flags;     /* TDXBOOT_STATUS_PREV_ATTEMPT_UNFINISHED, _WATCHDOG */
	uint32_t quarantine_step;  /* QUARANTINED: the step that could not complete */
	uint32_t quarantine_reason; /* enum tdxboot_quarantine_reason */
	uint64_t quarantine_bytes; /* PAMT bytes kept reserved */
	uint64_t lp_unconfirmed[HANDOFF_LP_CAP / 64]; /* bit i: LP i unconfirmed */

	/* -- 1.2 -- */
	const struct plan_range *released; /* PAMT ranges a rollback gave back */
	uint32_t n_released;

	/* -- time -- */
	uint32_t n_phases;
	struct handoff_phase_time phases[HANDOFF_PHASE_CAP];
};

/* Marks LP `lp` as having done TDH.SYS.LP.INIT (ignored beyond the cap). */
void handoff_record_lp_init(struct handoff_record *rec, uint32_t lp);

/* Marks LP `lp` as unconfirmed (TDXBOOT_LP_UNCONFIRMED). */
void handoff_record_lp_unconfirmed(struct handoff_record *rec, uint32_t lp);

/* Appends a timing; the last HANDOFF_PHASE_CAP-th and later are dropped. */
void handoff_record_phase(struct handoff_record *rec, uint32_t phase, uint64_t usec);

/* Bytes handoff_build() will write for rec (a multiple of 8). */
size_t handoff_size(const struct handoff_record *rec);

/*
 * Builds the table into buf (cap bytes, 8-byte aligned) and sets *len to
 * its size.  TB_ENOMEM if cap is too small, TB_EINVAL for a record that
 * cannot be represented (too many LPs, NULL arrays with counts).  The table
 * is complete, CRC included; the caller copies it where it belongs.
 */
tb_status handoff_build(const struct handoff_record *rec, void *buf, size_t cap,
			size_t *len, struct tb_err *err);

#endif
