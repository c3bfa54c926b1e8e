/* SPDX-License-Identifier: MIT */
/*
 * The planner: from the platform's memory map, CMRs, NUMA affinity and the
 * module's limits to TDMRs, PAMTs and reserved areas that the TDX module
 * accepts, plus the memory the boot component must reserve.
 *
 * This header is the contract between the planner (core/plan*.c), its
 * producers (boot/ from EFI data, core/platlog.c from Linux boot logs) and
 * its consumers (the init sequence, tdxboot-plan, the handoff builder).
 * All addresses are physical, all sizes in bytes, all ranges half-open
 * [base, base + size).  No allocation: the caller owns every array.
 */
#ifndef TDXBOOT_CORE_PLAN_H
#define TDXBOOT_CORE_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

/* ------------------------------------------------------------------ input */

/*
 * What a memory-map entry is to the planner.  Producers classify: for EFI,
 * Conventional -> PLAN_MEM_FREE; Loader/Boot Services Code/Data and
 * Unaccepted -> PLAN_MEM_RAM_BUSY (RAM the OS gets later, not free now);
 * anything with EFI_MEMORY_SP -> PLAN_MEM_SOFT_RESERVED; the rest ->
 * PLAN_MEM_OTHER.  For e820 logs, "usable" -> PLAN_MEM_FREE.
 */
enum plan_mem_kind {
	PLAN_MEM_FREE = 0,       /* RAM, free now: PAMTs may go here */
	PLAN_MEM_RAM_BUSY,       /* RAM the OS will own, in use by firmware now */
	PLAN_MEM_SOFT_RESERVED,  /* EFI_MEMORY_SP / CXL: never TDX memory */
	PLAN_MEM_OTHER,          /* reserved, ACPI, MMIO, persistent, unusable */
};

struct plan_mem {
	uint64_t base;
	uint64_t size;
	uint32_t kind;           /* enum plan_mem_kind */
	uint32_t src_index;      /* index/line in the producer's input, for messages */
};

struct plan_range {
	uint64_t base;
	uint64_t size;
};

/* SRAT memory affinity; Linux's node id, not the PXM. */
struct plan_numa {
	uint64_t base;
	uint64_t size;
	uint32_t node;
};

/* The module's limits (TDH.SYS.RD metadata, docs/reference/tdx-abi.md §8). */
struct plan_limits {
	uint32_t max_tdmrs;          /* MAX_TDMRS */
	uint32_t max_rsvd_per_tdmr;  /* MAX_RESERVED_PER_TDMR */
	uint32_t pamt_entry_size[3]; /* PAMT_4K/2M/1G_ENTRY_SIZE, bytes */
	bool dpamt;                  /* Dynamic PAMT enabled: 4K level by bitmap */
	uint32_t dpamt_bits_per_4k;  /* DPAMT: bitmap bits per 4K page (if dpamt) */
};

enum plan_noncmr {
	PLAN_NONCMR_FAIL = 0,  /* RAM outside CMRs: no plan (Linux's behaviour) */
	PLAN_NONCMR_EXCLUDE,   /* give that RAM up: the boot component removes it */
};

struct plan_policy {
	uint32_t noncmr;     /* enum plan_noncmr */
	bool coalesce;       /* may give up small RAM islands to save reserved areas */
	/* LPs that run TDH.SYS.TDMR.INIT at once: TDMRs are split so that none
	 * holds much more than its share (docs/planner.md §3a).  0 or 1: no
	 * split.  Last, so older callers that zero the struct keep their plan. */
	uint32_t parallel_lps;
};

struct plan_input {
	const struct plan_mem *mem;
	size_t n_mem;
	const struct plan_range *cmrs;
	size_t n_cmrs;
	const struct plan_numa *numa;  /* may be empty: one node 0 */
	size_t n_numa;
	struct plan_limits limits;
	struct plan_policy policy;
};

/* ----------------------------------------------------------------- output */

#define PLAN_TDMR_CAP  128   /* > any MAX_TDMRS a module reports (64 in 1.5) */
#define PLAN_RSVD_CAP  64    /* > any MAX_RESERVED_PER_TDMR (16 in 1.5) */
#define PLAN_EXCL_CAP  256
/* Linux's node ids: MAX_NUMNODES is 1 << NODES_SHIFT, and x86 allows
 * NODES_SHIFT up to 10 (arch/x86/Kconfig, config NODES_SHIFT). */
#define PLAN_NODE_CAP  1024
#define PLAN_WARN_CAP  16

enum plan_pamt_level { PLAN_PAMT_4K = 0, PLAN_PAMT_2M = 1, PLAN_PAMT_1G = 2 };

struct plan_node_bytes {
	uint32_t node;
	uint32_t reserved;             /* zero */
	uint64_t bytes;
};

struct plan_tdmr {
	uint64_t base;                 /* 1 GiB aligned */
	uint64_t size;                 /* multiple of 1 GiB */
	uint64_t pamt_base[3];         /* per level; the three are one chunk */
	uint64_t pamt_size[3];
	uint32_t pamt_node;            /* NUMA node the PAMT chunk sits on */
	uint32_t n_rsvd;
	struct plan_range rsvd[PLAN_RSVD_CAP]; /* base is an OFFSET from tdmr base,
						  sorted, non-overlapping; the
						  first n_rsvd are the plan, the
						  rest are not written */
};

/*
 * Why a TDMR's PAMT went where it did (docs/planner.md §4, "Placement
 * reasons"), as the placement saw it: the holes it shares an area with are
 * those next to it at that moment (later PAMTs may stack onto it).
 */
enum plan_pamt_fallback {
	PLAN_PAMT_ON_NODE = 0,      /* on the node holding most of the TDMR's RAM */
	PLAN_PAMT_NODE_NO_ROOM,     /* that node has no free range that holds it */
	PLAN_PAMT_NODE_AREAS_FULL,  /* it has, but only where a TDMR's reserved
				       areas would overflow */
};

/* What a neighbouring reserved piece holds (the planner's hole kinds). */
enum plan_pamt_next {
	PLAN_NEXT_NONE = 0,         /* no shared area on this side */
	PLAN_NEXT_NOT_TDX,          /* memory outside the CMRs */
	PLAN_NEXT_PAMT,             /* the PAMT of TDMR `tdmr` */
	PLAN_NEXT_ISLAND,           /* RAM given up by coalesce */
};

#define PLAN_PAMT_OUTSIDE 0xffffffffu  /* in_tdmr: lies in no TDMR */

struct plan_pamt_side {
	uint32_t what;              /* enum plan_pamt_next */
	uint32_t tdmr;              /* PLAN_NEXT_PAMT: whose PAMT */
	struct plan_range range;    /* that piece */
};

struct plan_pamt_why {
	uint32_t want_node;         /* the node holding most of the TDMR's RAM */
	uint32_t fallback;          /* enum plan_pamt_fallback */
	struct plan_range free;     /* the free RAM range the chunk was cut from */
	uint32_t in_tdmr;           /* TDMR whose reserved area holds it, or
				       PLAN_PAMT_OUTSIDE */
	int32_t new_areas;          /* areas it added: 1, 0 (shares one), -1
				       (joined two) */
	struct plan_pamt_side below, above; /* pieces it shares an area with */
	bool low;                   /* below 4 GiB: nothing higher was as good */
};

/*
 * The planner's working storage.  core/ has no heap, and a sort of a
 * 10 000-entry map needs more than an EFI stack holds, so the caller
 * provides it as the last member of struct plan_output.  Its content is
 * private to core/plan*.c and meaningless after plan_build() returns.
 * Capacities: PLAN_MEM_CAP memory-map entries, PLAN_CMR_CAP CMRs and
 * PLAN_NUMA_CAP SRAT ranges; more gives TB_ENOMEM, not a wrong plan.
 */
/* One limit for the log parser and the planner: above the largest firmware
 * maps seen (10 000 entries on 8-socket servers) with room to spare. */
#define PLAN_MEM_CAP   131072
#define PLAN_CMR_CAP   1024
#define PLAN_NUMA_CAP  1024
#define PLAN_SPAN_CAP  (PLAN_MEM_CAP + PLAN_CMR_CAP + PLAN_NUMA_CAP + 2)
#define PLAN_HOLE_CAP  (2 * PLAN_CMR_CAP + 4 * PLAN_TDMR_CAP + 4)

/* [base, end) with the NUMA node of its memory; internal to the planner. */
struct plan_span {
	uint64_t base;
	uint64_t end;
	uint32_t node;
	uint32_t aux;
};

struct plan_scratch {
	struct plan_span ev_start[PLAN_MEM_CAP]; /* map entries' starts, sorted */
	struct plan_span ev_end[PLAN_MEM_CAP];   /* map entries' ends, sorted */
	struct plan_span cmr[PLAN_CMR_CAP]; /* CMRs sorted, merged, 4K; aux:
					       holds RAM (ram_build) */
	struct plan_span numa[PLAN_NUMA_CAP];
	struct plan_span tmp[PLAN_SPAN_CAP];  /* RAM before the CMR check */
	struct plan_span ram[PLAN_SPAN_CAP];  /* TDX memory, by node, in CMRs */
	struct plan_span free[PLAN_SPAN_CAP]; /* free RAM: PAMT candidates */
	struct plan_span piece[PLAN_SPAN_CAP]; /* TDMR candidates (layout) */
	uint32_t piece_next[PLAN_SPAN_CAP];
	uint32_t heap[PLAN_SPAN_CAP];          /* layout: merge candidates */
	struct plan_span hole[PLAN_HOLE_CAP];  /* must-reserve: CMR holes,
						  PAMTs, coalesced islands */
	uint32_t link_sum[PLAN_HOLE_CAP + 1];  /* prefix count of hole links */
	struct plan_hole_spot {               /* PAMT placement: the RAM next */
		uint64_t up, down;            /* to hole i, [up, ...) and */
		uint32_t up_free, down_free;  /* [..., down), and the free[] */
	} spot[PLAN_HOLE_CAP];                /* stretch there (or none) */
	uint32_t pamt_areas[PLAN_TDMR_CAP];   /* PAMT placement: each TDMR's
						  reserved areas now, or
						  UINT32_MAX: not yet counted
						  (all unset until a job first
						  needs one) */
	struct plan_span isl[PLAN_HOLE_CAP];   /* coalesce: island candidates */
	uint64_t node_bytes[PLAN_NODE_CAP];    /* tdmr_node: RAM per node; zero
						  between calls (each call clears
						  what it touched) */
	uint32_t n_cmr, n_numa, n_tmp, n_ram, n_free, n_piece, n_hole;
};

struct plan_output {
	uint32_t n_tdmrs;
	struct plan_tdmr tdmrs[PLAN_TDMR_CAP];
	/* Memory the boot component must take out of the OS's memory map:
	 * non-CMR RAM under noncmr=exclude and islands given up by coalesce;
	 * sorted, disjoint.  PAMT chunks are not listed: they lie in
	 * PLAN_MEM_FREE memory the boot component allocates for them. */
	uint32_t n_excluded;
	struct plan_range excluded[PLAN_EXCL_CAP];
	uint64_t excluded_noncmr_bytes;
	uint64_t excluded_coalesce_bytes;
	uint64_t pamt_bytes;                     /* total, all TDMRs */
	/* PAMT bytes per NUMA node, nodes holding PAMT only, sorted by node
	 * (at most one node per TDMR, so no node-sized array to clear). */
	uint32_t n_pamt_nodes;
	struct plan_node_bytes pamt_nodes[PLAN_TDMR_CAP];
	uint64_t tdx_memory_bytes;               /* RAM that stays TDX memory for
						    the OS: not PAMT, not excluded */
	uint32_t n_warnings;
	char warnings[PLAN_WARN_CAP][160];
	/* Why each TDMR's PAMT is where it is (same index as tdmrs[]). */
	struct plan_pamt_why pamt_why[PLAN_TDMR_CAP];
	/* Working storage, last so the fields above keep their places. */
	struct plan_scratch scratch;
};

/*
 * Builds a plan.  On TB_OK *out is complete.  Otherwise *out is undefined
 * and err holds Linux's message text where the event is the same
 * ("memory region [0x..., 0x...) is not TDX convertible memory",
 * "TDMR [0x..., 0x...): reserved areas exhausted.", "TDMRs exhausted").
 * Deterministic: the same input gives the same plan.  Reserved areas may
 * extend over non-RAM beyond the CMR holes (never over TDX memory); see
 * docs/planner.md.  *out is about 2.3 MiB (the scratch): allocate it
 * statically or from a pool, not on a small stack.  err may be NULL.
 */
tb_status plan_build(const struct plan_input *in, struct plan_output *out,
		     struct tb_err *err);

#endif
