/* SPDX-License-Identifier: MIT */
/*
 * The tdxboot handoff table: THE one definition of its layout.
 *
 * tdxboot initializes the TDX module before the OS starts and leaves this
 * table behind as an EFI configuration table (GUID below), page-aligned in
 * EfiReservedMemoryType so that kexec and kdump kernels find it too.  A
 * kernel or hypervisor may copy this header verbatim: it depends only on
 * <stdint.h> and <stddef.h> types, every integer is fixed-width
 * little-endian, all padding is explicit, and every size and offset is
 * pinned by a _Static_assert.  docs/handoff.md is the specification;
 * lib/handoff.h is a freestanding reader that validates a table.
 *
 * Shape: a 64-byte header, a section directory of 16-byte entries, and the
 * sections.  Each directory entry gives a section's type, offset (from the
 * start of the table, 8-byte aligned), entry size and entry count.
 *
 * Versioning (docs/handoff.md §3):
 *  - version = major << 16 | minor.  A reader rejects a major it does not
 *    know.  Minor versions only ADD: new section types, new bytes at the end
 *    of the header (header_size grows), new bytes at the end of a section's
 *    entries (entry_size grows).  A reader ignores section types it does not
 *    know and reads the prefix it knows of longer entries.
 *  - A version's layout never grows in place: the sizes below are those of
 *    1.0 and stay so; a 1.1 writer that appends fields writes version 1.1.
 *  - Removing or reinterpreting anything is a major bump.
 *
 * CRC (docs/handoff.md §4): crc32 is the IEEE 802.3 CRC-32 (the one UEFI's
 * CalculateCrc32 and zlib's crc32() compute; "123456789" -> 0xCBF43926)
 * of total_size bytes from the start of the header, with the crc32 field
 * itself taken as zero.
 */
#ifndef TDXBOOT_HANDOFF_H
#define TDXBOOT_HANDOFF_H

#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------ identifiers */

/* EFI configuration table GUID: f2949756-336f-4d97-bbfa-7c3cf7884dd3. */
#define TDXBOOT_HANDOFF_TABLE_GUID_STR "f2949756-336f-4d97-bbfa-7c3cf7884dd3"
#define TDXBOOT_HANDOFF_TABLE_GUID_INIT                                  \
	{ 0xf2949756, 0x336f, 0x4d97,                                    \
	  { 0xbb, 0xfa, 0x7c, 0x3c, 0xf7, 0x88, 0x4d, 0xd3 } }

/* Vendor namespace of tdxboot's EFI variables (docs/handoff.md §8):
 * c6673b3d-499e-4fbb-b96f-17de63446059. */
#define TDXBOOT_VARS_GUID_STR "c6673b3d-499e-4fbb-b96f-17de63446059"
#define TDXBOOT_VARS_GUID_INIT                                           \
	{ 0xc6673b3d, 0x499e, 0x4fbb,                                    \
	  { 0xb9, 0x6f, 0x17, 0xde, 0x63, 0x44, 0x60, 0x59 } }

/* EFI_GUID's memory layout: data1..3 little-endian, data4 as bytes. */
struct tdxboot_guid {
	uint32_t data1;
	uint16_t data2;
	uint16_t data3;
	uint8_t data4[8];
};
_Static_assert(sizeof(struct tdxboot_guid) == 16, "guid");

/* "TDXBOOT\0" read as a little-endian u64. */
#define TDXBOOT_HANDOFF_SIGNATURE 0x00544F4F42584454ull

#define TDXBOOT_HANDOFF_VERSION_MAJOR 1u
#define TDXBOOT_HANDOFF_VERSION_MINOR 2u /* the newest minor this header describes */
#define TDXBOOT_HANDOFF_VERSION(maj, min) (((uint32_t)(maj) << 16) | (uint32_t)(min))
#define TDXBOOT_HANDOFF_VERSION_1_0 TDXBOOT_HANDOFF_VERSION(1, 0)
#define TDXBOOT_HANDOFF_VERSION_1_1 TDXBOOT_HANDOFF_VERSION(1, 1)
#define TDXBOOT_HANDOFF_VERSION_1_2 TDXBOOT_HANDOFF_VERSION(1, 2)
#define TDXBOOT_HANDOFF_MAJOR(v) ((uint32_t)(v) >> 16)
#define TDXBOOT_HANDOFF_MINOR(v) ((uint32_t)(v) & 0xFFFFu)

/* Readers may refuse tables with more directory entries than this. */
#define TDXBOOT_HANDOFF_MAX_SECTIONS 64u
/* Sections, the directory and the table start are 8-byte aligned. */
#define TDXBOOT_HANDOFF_ALIGN 8u

/* ----------------------------------------------------------------- header */

struct tdxboot_handoff_header {
	uint64_t signature;       /* TDXBOOT_HANDOFF_SIGNATURE */
	uint32_t version;         /* major << 16 | minor */
	uint32_t header_size;     /* >= 64; grows only with a minor version */
	uint32_t total_size;      /* header + directory + sections + padding */
	uint32_t crc32;           /* see above */
	uint32_t flags;           /* TDXBOOT_HDR_* (1.1); tdxboot writes 0 */
	uint32_t section_count;   /* directory entries */
	uint32_t section_offset;  /* directory offset, >= header_size */
	uint32_t section_entry_size; /* 16 in 1.0; readers accept >= 16 */
	uint64_t reserved[3];     /* 0 */
};
_Static_assert(offsetof(struct tdxboot_handoff_header, version) == 0x08, "hdr");
_Static_assert(offsetof(struct tdxboot_handoff_header, header_size) == 0x0C, "hdr");
_Static_assert(offsetof(struct tdxboot_handoff_header, total_size) == 0x10, "hdr");
_Static_assert(offsetof(struct tdxboot_handoff_header, crc32) == 0x14, "hdr");
_Static_assert(offsetof(struct tdxboot_handoff_header, flags) == 0x18, "hdr");
_Static_assert(offsetof(struct tdxboot_handoff_header, section_count) == 0x1C, "hdr");
_Static_assert(offsetof(struct tdxboot_handoff_header, section_offset) == 0x20, "hdr");
_Static_assert(offsetof(struct tdxboot_handoff_header, section_entry_size) == 0x24, "hdr");
_Static_assert(offsetof(struct tdxboot_handoff_header, reserved) == 0x28, "hdr");
_Static_assert(sizeof(struct tdxboot_handoff_header) == 64, "hdr");

/*
 * Header flags, 1.1.  tdxboot writes 0.  An OS that adopts the module
 * described here sets TDXBOOT_HDR_CONSUMED and recomputes crc32, so that a
 * kernel started later by kexec knows the table no longer describes the
 * module by itself (docs/handoff.md, the kexec lifecycle).
 */
#define TDXBOOT_HDR_CONSUMED (1u << 0)

/* One directory entry: count entries of entry_size bytes at offset. */
struct tdxboot_handoff_section {
	uint32_t type;        /* enum tdxboot_handoff_section_type */
	uint32_t offset;      /* from the table start, 8-byte aligned */
	uint32_t entry_size;  /* >= the 1.0 size of that type's entry */
	uint32_t count;
};
_Static_assert(offsetof(struct tdxboot_handoff_section, offset) == 4, "sec");
_Static_assert(offsetof(struct tdxboot_handoff_section, entry_size) == 8, "sec");
_Static_assert(offsetof(struct tdxboot_handoff_section, count) == 12, "sec");
_Static_assert(sizeof(struct tdxboot_handoff_section) == 16, "sec");

/*
 * Section types of 1.0.  STATUS is mandatory; tdxboot 1.0 writes all of
 * them (array sections possibly with count 0).  Singletons have count 1.
 * Each type appears at most once.
 */
enum tdxboot_handoff_section_type {
	TDXBOOT_SEC_STATUS     = 1,  /* singleton: struct tdxboot_handoff_status */
	TDXBOOT_SEC_MODULE     = 2,  /* singleton: struct tdxboot_handoff_module */
	TDXBOOT_SEC_PLATFORM   = 3,  /* singleton: struct tdxboot_handoff_platform */
	TDXBOOT_SEC_MEMORY     = 4,  /* singleton: struct tdxboot_handoff_memory */
	TDXBOOT_SEC_LPS        = 5,  /* array: struct tdxboot_handoff_lp */
	TDXBOOT_SEC_CMRS       = 6,  /* array: struct tdxboot_handoff_range */
	TDXBOOT_SEC_TDMRS      = 7,  /* array: struct tdxboot_handoff_tdmr */
	TDXBOOT_SEC_RESERVED   = 8,  /* array: struct tdxboot_handoff_range (offsets) */
	TDXBOOT_SEC_PAMT_NODES = 9,  /* array: struct tdxboot_handoff_pamt_node */
	TDXBOOT_SEC_EXCLUDED   = 10, /* array: struct tdxboot_handoff_range */
	TDXBOOT_SEC_TIMINGS    = 11, /* array: struct tdxboot_handoff_timing */
	TDXBOOT_SEC_TYPE_COUNT_1_0 = 12,
	/* 1.1 */
	TDXBOOT_SEC_MSRS       = 12, /* array: struct tdxboot_handoff_msr */
	TDXBOOT_SEC_QUARANTINE = 13, /* singleton: struct tdxboot_handoff_quarantine */
	TDXBOOT_SEC_TYPE_COUNT_1_1 = 14,
	/* 1.2 */
	TDXBOOT_SEC_RELEASED   = 14, /* array: struct tdxboot_handoff_range */
	TDXBOOT_SEC_TYPE_COUNT_1_2 = 15
};

/* ----------------------------------------------------------------- status */

/* The steps of the init sequence, in order; also the timing phase ids. */
enum tdxboot_handoff_step {
	TDXBOOT_STEP_NONE            = 0,
	TDXBOOT_STEP_PREFLIGHT       = 1,  /* CPU, MSR, SEAMRR, KeyID checks */
	TDXBOOT_STEP_MODULE_LOAD     = 2,  /* reading and checking the TDX-BLOB */
	TDXBOOT_STEP_VMXON           = 3,
	TDXBOOT_STEP_SEAMLDR_INFO    = 4,
	TDXBOOT_STEP_SEAMLDR_INSTALL = 5,
	TDXBOOT_STEP_SYS_INIT        = 6,
	TDXBOOT_STEP_LP_INIT         = 7,
	TDXBOOT_STEP_SYS_RD          = 8,
	TDXBOOT_STEP_PLAN            = 9,
	TDXBOOT_STEP_PAMT_ALLOC      = 10,
	TDXBOOT_STEP_SYS_CONFIG      = 11,
	TDXBOOT_STEP_WBINVD          = 12,
	TDXBOOT_STEP_KEY_CONFIG      = 13,
	TDXBOOT_STEP_TDMR_INIT       = 14,
	TDXBOOT_STEP_VMXOFF          = 15,
	TDXBOOT_STEP_HANDOFF         = 16, /* building/installing this table */
	TDXBOOT_STEP_ROLLBACK        = 17, /* as a timing phase: the unwinding */
	TDXBOOT_STEP_COUNT_1_0       = 18
};
/* Timing phase id for the whole run, start of preflight to handoff. */
#define TDXBOOT_PHASE_TOTAL 0xFFFFu

enum tdxboot_handoff_outcome {
	TDXBOOT_OUTCOME_SUCCESS     = 0, /* module initialized, every TDMR done */
	TDXBOOT_OUTCOME_FAILED      = 1, /* failed at `step`, not unwound */
	TDXBOOT_OUTCOME_SKIPPED     = 2, /* not attempted (policy, no TDX) */
	TDXBOOT_OUTCOME_ROLLED_BACK = 3, /* failed at `step`, PAMTs given back */
	/* 1.1: failed at `step`, and a CPU could not be shown to have flushed
	 * its caches (or left VMX operation) after the module may have written
	 * memory with a private KeyID: the PAMTs in TDMRS stay reserved. */
	TDXBOOT_OUTCOME_QUARANTINED = 4
};

/* What the OS can still do with the TDX module. */
enum tdxboot_handoff_module_state {
	TDXBOOT_MODSTATE_UNKNOWN    = 0,
	TDXBOOT_MODSTATE_NOT_LOADED = 1, /* no module in SEAM range */
	TDXBOOT_MODSTATE_UNTOUCHED  = 2, /* loaded, no TDH.SYS.INIT: OS may init */
	TDXBOOT_MODSTATE_UNUSABLE   = 3, /* init started, not finished: reset needed */
	TDXBOOT_MODSTATE_READY      = 4  /* initialized: OS must skip its own init */
};

#define TDXBOOT_STATUS_EMULATED (1u << 0) /* emulated module: no real TDX */
#define TDXBOOT_STATUS_DRY_RUN  (1u << 1) /* plan only, no SEAMCALL made */
/* 1.1: TDX skipped because an earlier attempt never finished (a hang that
 * the watchdog reset); the attempt marker is an EFI variable. */
#define TDXBOOT_STATUS_PREV_ATTEMPT_UNFINISHED (1u << 2)
/* 1.1: the firmware watchdog was armed for the run. */
#define TDXBOOT_STATUS_WATCHDOG (1u << 3)
#define TDXBOOT_LP_NONE 0xFFFFFFFFu

#define TDXBOOT_PRODUCER_LEN 48u
#define TDXBOOT_MESSAGE_LEN  256u

struct tdxboot_handoff_status {
	uint32_t step;            /* enum tdxboot_handoff_step: reached/failed at */
	uint32_t outcome;         /* enum tdxboot_handoff_outcome */
	uint64_t seamcall_status; /* raw completion status of the failing call, 0 */
	uint32_t lp_index;        /* LP that failed (index in LPS), or LP_NONE */
	uint32_t error;           /* tdxboot's error class (tb_status), 0 = none */
	uint32_t flags;           /* TDXBOOT_STATUS_* */
	uint32_t module_state;    /* enum tdxboot_handoff_module_state */
	char producer[TDXBOOT_PRODUCER_LEN]; /* "tdxboot 0.1.0 (gitrev)", NUL-terminated */
	char message[TDXBOOT_MESSAGE_LEN];   /* one sentence, NUL-terminated */
};
_Static_assert(offsetof(struct tdxboot_handoff_status, seamcall_status) == 0x08, "st");
_Static_assert(offsetof(struct tdxboot_handoff_status, lp_index) == 0x10, "st");
_Static_assert(offsetof(struct tdxboot_handoff_status, error) == 0x14, "st");
_Static_assert(offsetof(struct tdxboot_handoff_status, flags) == 0x18, "st");
_Static_assert(offsetof(struct tdxboot_handoff_status, module_state) == 0x1C, "st");
_Static_assert(offsetof(struct tdxboot_handoff_status, producer) == 0x20, "st");
_Static_assert(offsetof(struct tdxboot_handoff_status, message) == 0x50, "st");
_Static_assert(sizeof(struct tdxboot_handoff_status) == 0x150, "st");

/* ----------------------------------------------------------------- module */

#define TDXBOOT_MODULE_VALID       (1u << 0) /* version..limits read (SYS.RD) */
#define TDXBOOT_MODULE_SEAMLDR     (1u << 1) /* seamldr_* valid: P-SEAMLDR used */
#define TDXBOOT_MODULE_INSTALLED   (1u << 2) /* tdxboot installed the module */
#define TDXBOOT_MODULE_DPAMT       (1u << 3) /* configured with Dynamic PAMT */
/* 1.2: how a rollback left the module initializable by the OS (module_state
 * UNTOUCHED after a failure past TDH.SYS.INIT): loaded again through
 * P-SEAMLDR, or returned to its initial state with TDH.SYS.DISABLE. */
#define TDXBOOT_MODULE_REINSTALLED  (1u << 4)
#define TDXBOOT_MODULE_SYS_DISABLED (1u << 5)

struct tdxboot_handoff_module {
	uint32_t flags;              /* TDXBOOT_MODULE_* */
	uint32_t vendor_id;
	uint16_t major_version;
	uint16_t minor_version;
	uint16_t update_version;
	uint16_t internal_version;
	uint32_t build_date;         /* yyyymmdd */
	uint16_t build_num;
	uint16_t reserved0;
	uint64_t sys_attributes;     /* SYS_ATTRIBUTES */
	uint64_t tdx_features0;      /* TDX_FEATURES0 */
	uint16_t max_tdmrs;
	uint16_t max_reserved_per_tdmr;
	uint16_t pamt_entry_size[3]; /* bytes: [0] 4K, [1] 2M, [2] 1G */
	uint16_t reserved1;
	uint32_t dpamt_bits_per_4k;  /* PAMT_PAGE_BITMAP_ENTRY_BITS if DPAMT */
	uint16_t seamldr_major_version;
	uint16_t seamldr_minor_version;
	uint16_t seamldr_update_version;
	uint16_t reserved2;
	uint32_t seamldr_build_date;
	uint16_t seamldr_build_num;
	uint16_t reserved3;
	uint32_t seamldr_attributes;
	uint32_t seamldr_num_remaining_updates;
};
_Static_assert(offsetof(struct tdxboot_handoff_module, major_version) == 0x08, "mod");
_Static_assert(offsetof(struct tdxboot_handoff_module, build_date) == 0x10, "mod");
_Static_assert(offsetof(struct tdxboot_handoff_module, sys_attributes) == 0x18, "mod");
_Static_assert(offsetof(struct tdxboot_handoff_module, tdx_features0) == 0x20, "mod");
_Static_assert(offsetof(struct tdxboot_handoff_module, max_tdmrs) == 0x28, "mod");
_Static_assert(offsetof(struct tdxboot_handoff_module, pamt_entry_size) == 0x2C, "mod");
_Static_assert(offsetof(struct tdxboot_handoff_module, dpamt_bits_per_4k) == 0x34, "mod");
_Static_assert(offsetof(struct tdxboot_handoff_module, seamldr_major_version) == 0x38, "mod");
_Static_assert(offsetof(struct tdxboot_handoff_module, seamldr_build_date) == 0x40, "mod");
_Static_assert(offsetof(struct tdxboot_handoff_module, seamldr_attributes) == 0x48, "mod");
_Static_assert(sizeof(struct tdxboot_handoff_module) == 0x50, "mod");

/* --------------------------------------------------------------- platform */

struct tdxboot_handoff_platform {
	uint32_t n_lps;              /* logical processors (entries in LPS) */
	uint32_t n_packages;
	uint32_t tdx_keyid_first;    /* first TDX (private) KeyID */
	uint32_t tdx_keyid_count;
	uint32_t global_keyid;       /* the module's global private KeyID */
	uint32_t mktme_keyid_count;  /* shared KeyIDs below the TDX range */
	uint32_t n_lps_initialized;  /* LPs that did TDH.SYS.LP.INIT */
	uint32_t reserved0;
};
_Static_assert(offsetof(struct tdxboot_handoff_platform, tdx_keyid_first) == 0x08, "plat");
_Static_assert(offsetof(struct tdxboot_handoff_platform, global_keyid) == 0x10, "plat");
_Static_assert(offsetof(struct tdxboot_handoff_platform, n_lps_initialized) == 0x18, "plat");
_Static_assert(sizeof(struct tdxboot_handoff_platform) == 0x20, "plat");

#define TDXBOOT_LP_INIT_DONE (1u << 0) /* TDH.SYS.LP.INIT succeeded here */
#define TDXBOOT_LP_BSP       (1u << 1)
/* 1.1: this LP never confirmed a step that the outcome depends on (WBINVD
 * or VMXOFF after private-KeyID writes): why the outcome is QUARANTINED. */
#define TDXBOOT_LP_UNCONFIRMED (1u << 2)
#define TDXBOOT_APIC_ID_NONE 0xFFFFFFFFu

struct tdxboot_handoff_lp {
	uint32_t apic_id;  /* x2APIC/APIC id, or APIC_ID_NONE if not known */
	uint32_t flags;    /* TDXBOOT_LP_* */
};
_Static_assert(sizeof(struct tdxboot_handoff_lp) == 8, "lp");

/* ----------------------------------------------------------------- memory */

struct tdxboot_handoff_memory {
	uint64_t tdx_memory_bytes;        /* RAM covered by the TDMRs */
	uint64_t pamt_bytes;              /* all PAMTs ("N KB allocated for PAMT") */
	uint64_t excluded_noncmr_bytes;   /* RAM outside CMRs given up by policy */
	uint64_t excluded_coalesce_bytes; /* RAM islands given up to save
					     reserved areas */
};
_Static_assert(sizeof(struct tdxboot_handoff_memory) == 32, "mem");

/* CMRS and EXCLUDED: [base, base + size).  RESERVED: base is an offset
 * from its TDMR's base, as in TDMR_INFO. */
struct tdxboot_handoff_range {
	uint64_t base;
	uint64_t size;
};
_Static_assert(sizeof(struct tdxboot_handoff_range) == 16, "range");

#define TDXBOOT_PAMT_4K 0
#define TDXBOOT_PAMT_2M 1
#define TDXBOOT_PAMT_1G 2

/*
 * One TDMR as configured with TDH.SYS.CONFIG.  Its reserved areas are
 * entries [rsvd_first, rsvd_first + n_rsvd) of RESERVED; TDMRs list theirs
 * in order, so rsvd_first is the sum of the n_rsvd before it.
 */
struct tdxboot_handoff_tdmr {
	uint64_t base;          /* 1 GiB aligned */
	uint64_t size;
	uint64_t pamt_base[3];  /* TDXBOOT_PAMT_4K/2M/1G */
	uint64_t pamt_size[3];
	uint32_t pamt_node;     /* NUMA node (Linux id) of the PAMT memory */
	uint32_t n_rsvd;
	uint32_t rsvd_first;
	uint32_t reserved0;
};
_Static_assert(offsetof(struct tdxboot_handoff_tdmr, pamt_base) == 0x10, "tdmr");
_Static_assert(offsetof(struct tdxboot_handoff_tdmr, pamt_size) == 0x28, "tdmr");
_Static_assert(offsetof(struct tdxboot_handoff_tdmr, pamt_node) == 0x40, "tdmr");
_Static_assert(offsetof(struct tdxboot_handoff_tdmr, rsvd_first) == 0x48, "tdmr");
_Static_assert(sizeof(struct tdxboot_handoff_tdmr) == 0x50, "tdmr");

struct tdxboot_handoff_pamt_node {
	uint32_t node;     /* NUMA node (Linux id) */
	uint32_t reserved0;
	uint64_t bytes;    /* PAMT bytes on that node */
};
_Static_assert(sizeof(struct tdxboot_handoff_pamt_node) == 16, "pamt node");

struct tdxboot_handoff_timing {
	uint32_t phase;    /* enum tdxboot_handoff_step, or TDXBOOT_PHASE_TOTAL */
	uint32_t reserved0;
	uint64_t usec;     /* wall time of the phase, microseconds */
};
_Static_assert(sizeof(struct tdxboot_handoff_timing) == 16, "timing");

/* -------------------------------------------------------------- 1.1: MSRs */

/*
 * MSRs the TDX module samples at TDH.SYS.INIT and checks again later
 * (LP.INIT, TDH.MNG.INIT, TDH.VP.INIT, TDH.VP.ENTER fail with
 * TDX_INCONSISTENT_MSR when they changed): the value every LP held when
 * tdxboot ran.  A kernel compares before it creates TDs.
 */
#define TDXBOOT_MSR_IA32_TSC_ADJUST 0x3Bu
#define TDXBOOT_MSR_IA32_TSX_CTRL   0x122u
#define TDXBOOT_MSR_PRESENT (1u << 0) /* read on every LP; value valid */

struct tdxboot_handoff_msr {
	uint32_t index;    /* the MSR's address */
	uint32_t flags;    /* TDXBOOT_MSR_* */
	uint64_t value;    /* the same on every LP (preflight checks) */
};
_Static_assert(offsetof(struct tdxboot_handoff_msr, value) == 8, "msr");
_Static_assert(sizeof(struct tdxboot_handoff_msr) == 16, "msr");

/* ------------------------------------------------------- 1.1: quarantine */

enum tdxboot_quarantine_reason {
	TDXBOOT_QUARANTINE_NONE   = 0,
	TDXBOOT_QUARANTINE_WBINVD = 1, /* WBINVD not confirmed on every LP */
	TDXBOOT_QUARANTINE_VMXOFF = 2, /* VMXOFF not confirmed on every LP */
	TDXBOOT_QUARANTINE_RESET  = 3  /* PAMT reset (MOVDIR64B) not completed */
};

/* Present when the outcome is QUARANTINED; LPS flags name the CPUs. */
struct tdxboot_handoff_quarantine {
	uint32_t step;     /* enum tdxboot_handoff_step that could not complete */
	uint32_t reason;   /* enum tdxboot_quarantine_reason */
	uint32_t n_lps;    /* LPs flagged TDXBOOT_LP_UNCONFIRMED */
	uint32_t reserved0;
	uint64_t bytes;    /* memory kept reserved: the PAMTs in TDMRS */
};
_Static_assert(offsetof(struct tdxboot_handoff_quarantine, bytes) == 16, "quar");
_Static_assert(sizeof(struct tdxboot_handoff_quarantine) == 24, "quar");

/* --------------------------------------------------------- 1.2: released */

/*
 * RELEASED (1.2): when the outcome is ROLLED_BACK, each PAMT range that
 * tdxboot had reserved and gave back to the firmware (after WBINVD on every
 * LP and the MOVDIR64B reset), as struct tdxboot_handoff_range [base,
 * base + size), one entry per PAMT level, in TDMR order.  The OS owns them
 * as ordinary RAM: a reader must NOT reserve them.  Empty otherwise.
 */

#endif
