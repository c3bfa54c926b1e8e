/* SPDX-License-Identifier: MIT */
/*
 * The handoff table's consumer library: find the table, validate it, read it.
 *
 * For kernels, hypervisors and tdxboot's own tools.  Freestanding C11 that
 * needs only <stddef.h>, <stdint.h>, lib/tdxboot_handoff.h and
 * lib/crc32.{h,c} (a kernel may map crc32_ieee(c, p, n) to
 * ~crc32_le(~c, p, n)): no allocation, no libc, not even lib/mem.h -- byte
 * loops instead -- so the two .c files drop into another code base as they
 * are.  Little-endian hosts only, as the table itself.
 *
 * handoff_validate() checks everything a reader relies on before it returns
 * HANDOFF_OK: signature, major version, header size, total size against the
 * bytes available, the CRC, the directory and every section's offset, entry
 * size and count (64-bit arithmetic: nothing overflows), overlaps,
 * duplicate types, terminated strings and the cross-references between
 * sections.  After HANDOFF_OK every accessor below is safe: it returns NULL
 * or 0 for what is absent, never a pointer outside the table.
 */
#ifndef TDXBOOT_LIB_HANDOFF_H
#define TDXBOOT_LIB_HANDOFF_H

#include <stddef.h>
#include <stdint.h>

#include "lib/tdxboot_handoff.h"

enum handoff_error {
	HANDOFF_OK = 0,
	HANDOFF_ENULL,           /* no buffer or no view */
	HANDOFF_EALIGN,          /* buffer not 8-byte aligned */
	HANDOFF_ESHORT,          /* fewer bytes available than a header */
	HANDOFF_ESIGNATURE,      /* not "TDXBOOT\0" */
	HANDOFF_EVERSION,        /* a major version this reader does not know */
	HANDOFF_EHEADER_SIZE,    /* header_size < 64, unaligned or > total_size */
	HANDOFF_ETOTAL_SIZE,     /* total_size < header_size or > bytes available */
	HANDOFF_ECRC,            /* CRC-32 mismatch */
	HANDOFF_EDIRECTORY,      /* directory out of bounds, unaligned, too many */
	HANDOFF_ESECTION_BOUNDS, /* a section outside the table or over the header */
	HANDOFF_ESECTION_ALIGN,  /* a section offset (or entry size) not 8-aligned */
	HANDOFF_EENTRY_SIZE,     /* entry smaller than 1.0's, or a singleton count != 1 */
	HANDOFF_EOVERLAP,        /* two sections share bytes */
	HANDOFF_EDUPLICATE,      /* a section type listed twice */
	HANDOFF_EMISSING,        /* the STATUS section is absent */
	HANDOFF_ESTRING,         /* a string field without its NUL */
	HANDOFF_EINCONSISTENT,   /* sections disagree (reserved areas, LP counts, ranges) */
	HANDOFF_ERROR_COUNT
};

#define HANDOFF_NO_INDEX 0xFFFFFFFFu

/* One known section as found in the table; data is NULL if absent. */
struct handoff_section_ref {
	const uint8_t *data;
	uint32_t entry_size;  /* stride; readers use the 1.0 prefix */
	uint32_t count;
	uint32_t dir_index;   /* its place in the directory */
};

/* A validated table.  Filled by handoff_validate(); read with the accessors. */
struct handoff_view {
	const uint8_t *base;
	uint32_t total_size;
	uint32_t version;
	struct handoff_section_ref sec[TDXBOOT_SEC_TYPE_COUNT_1_2]; /* by type */
	/* Where validation failed, for messages: directory index of the
	 * section and index of the entry within it (HANDOFF_NO_INDEX if n/a). */
	uint32_t bad_section;
	uint32_t bad_entry;
};

/* Validates avail bytes at buf (8-byte aligned); fills *v. */
enum handoff_error handoff_validate(const void *buf, size_t avail, struct handoff_view *v);

/* "CRC-32 mismatch" etc.; never NULL. */
const char *handoff_strerror(enum handoff_error e);

/*
 * Scans n_entries EFI_CONFIGURATION_TABLE entries (24 bytes each on x86-64:
 * a GUID then a 64-bit pointer; any alignment) for the handoff table's GUID.
 * Returns 1 and sets *table_addr if found, else 0.
 */
int handoff_find_in_config_table(const void *entries, size_t n_entries,
				 uint64_t *table_addr);

/* --- accessors (valid only after HANDOFF_OK) --- */

/* The STATUS section: always present in a valid table. */
const struct tdxboot_handoff_status *handoff_status(const struct handoff_view *v);
/* Singletons; NULL when the table does not carry them. */
const struct tdxboot_handoff_module *handoff_module(const struct handoff_view *v);
const struct tdxboot_handoff_platform *handoff_platform(const struct handoff_view *v);
const struct tdxboot_handoff_memory *handoff_memory(const struct handoff_view *v);

/* Entries of a known array section (0 when absent); entry i or NULL. */
uint32_t handoff_count(const struct handoff_view *v, uint32_t type);
const void *handoff_entry(const struct handoff_view *v, uint32_t type, uint32_t i);

const struct tdxboot_handoff_tdmr *handoff_tdmr(const struct handoff_view *v, uint32_t i);
/* Reserved area j of TDMR t: offset from the TDMR's base, and size. */
const struct tdxboot_handoff_range *handoff_tdmr_rsvd(const struct handoff_view *v,
							const struct tdxboot_handoff_tdmr *t,
							uint32_t j);
const struct tdxboot_handoff_range *handoff_cmr(const struct handoff_view *v, uint32_t i);
const struct tdxboot_handoff_range *handoff_excluded(const struct handoff_view *v, uint32_t i);
const struct tdxboot_handoff_lp *handoff_lp(const struct handoff_view *v, uint32_t i);
const struct tdxboot_handoff_pamt_node *handoff_pamt_node(const struct handoff_view *v,
							  uint32_t i);
const struct tdxboot_handoff_timing *handoff_timing(const struct handoff_view *v, uint32_t i);
/* 1.1: the sampled MSRs; the quarantine record (NULL unless QUARANTINED). */
const struct tdxboot_handoff_msr *handoff_msr(const struct handoff_view *v, uint32_t i);
const struct tdxboot_handoff_quarantine *handoff_quarantine(const struct handoff_view *v);
/* 1.2: PAMT range i a rollback gave back to the OS (never to be reserved). */
const struct tdxboot_handoff_range *handoff_released(const struct handoff_view *v, uint32_t i);

/* 1 if tdxboot initialized the module and the OS must not re-initialize it. */
int handoff_module_ready(const struct handoff_view *v);

/* --- names for messages (lib/handoff_names.c); never NULL --- */
const char *handoff_step_name(uint32_t step);       /* "sys_config" */
const char *handoff_outcome_name(uint32_t outcome); /* "success" */
const char *handoff_module_state_name(uint32_t state); /* "ready" */
const char *handoff_section_name(uint32_t type);    /* "TDMRS" */
const char *handoff_quarantine_reason_name(uint32_t reason); /* "wbinvd_unconfirmed" */

#endif
