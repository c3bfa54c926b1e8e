/* SPDX-License-Identifier: MIT */
/*
 * Validation of and access to a handoff table (lib/handoff.h).  The table
 * may come from another program, an older or newer tdxboot, or a corrupted
 * page, so every number read from it is bounds-checked in 64-bit
 * arithmetic before it is used as a length or offset.
 */
#include "lib/handoff.h"

#include "lib/crc32.h"

#define HV_HDR_SIZE ((uint32_t)sizeof(struct tdxboot_handoff_header))
#define HV_DIR_SIZE ((uint32_t)sizeof(struct tdxboot_handoff_section))
#define HV_NTYPES   TDXBOOT_SEC_TYPE_COUNT_1_2

/* The size of each known type's entry in the version that introduced it:
 * the least a reader accepts. */
static const uint32_t hv_min_entry[HV_NTYPES] = {
	[TDXBOOT_SEC_STATUS] = sizeof(struct tdxboot_handoff_status),
	[TDXBOOT_SEC_MODULE] = sizeof(struct tdxboot_handoff_module),
	[TDXBOOT_SEC_PLATFORM] = sizeof(struct tdxboot_handoff_platform),
	[TDXBOOT_SEC_MEMORY] = sizeof(struct tdxboot_handoff_memory),
	[TDXBOOT_SEC_LPS] = sizeof(struct tdxboot_handoff_lp),
	[TDXBOOT_SEC_CMRS] = sizeof(struct tdxboot_handoff_range),
	[TDXBOOT_SEC_TDMRS] = sizeof(struct tdxboot_handoff_tdmr),
	[TDXBOOT_SEC_RESERVED] = sizeof(struct tdxboot_handoff_range),
	[TDXBOOT_SEC_PAMT_NODES] = sizeof(struct tdxboot_handoff_pamt_node),
	[TDXBOOT_SEC_EXCLUDED] = sizeof(struct tdxboot_handoff_range),
	[TDXBOOT_SEC_TIMINGS] = sizeof(struct tdxboot_handoff_timing),
	[TDXBOOT_SEC_MSRS] = sizeof(struct tdxboot_handoff_msr),
	[TDXBOOT_SEC_QUARANTINE] = sizeof(struct tdxboot_handoff_quarantine),
	[TDXBOOT_SEC_RELEASED] = sizeof(struct tdxboot_handoff_range),
};

static int hv_is_known(uint32_t type)
{
	return type >= 1 && type < HV_NTYPES;
}

static int hv_is_singleton(uint32_t type)
{
	return type >= TDXBOOT_SEC_STATUS && type <= TDXBOOT_SEC_MEMORY;
}

/* No lib/mem.h here (see the header): a byte loop clears the view. */
static void hv_clear(struct handoff_view *v)
{
	uint8_t *p = (uint8_t *)v;

	for (size_t i = 0; i < sizeof(*v); i++)
		p[i] = 0;
	v->bad_section = HANDOFF_NO_INDEX;
	v->bad_entry = HANDOFF_NO_INDEX;
}

static const struct tdxboot_handoff_header *hv_header(const struct handoff_view *v)
{
	return (const struct tdxboot_handoff_header *)v->base;
}

static enum handoff_error hv_check_header(const struct tdxboot_handoff_header *h,
					  size_t avail)
{
	if (avail < HV_HDR_SIZE)
		return HANDOFF_ESHORT;
	if (h->signature != TDXBOOT_HANDOFF_SIGNATURE)
		return HANDOFF_ESIGNATURE;
	if (TDXBOOT_HANDOFF_MAJOR(h->version) != TDXBOOT_HANDOFF_VERSION_MAJOR)
		return HANDOFF_EVERSION;
	if (h->header_size < HV_HDR_SIZE || h->header_size % TDXBOOT_HANDOFF_ALIGN ||
	    h->header_size > h->total_size)
		return HANDOFF_EHEADER_SIZE;
	if (h->total_size > avail)
		return HANDOFF_ETOTAL_SIZE;
	return HANDOFF_OK;
}

/* CRC of the table with its crc32 field read as zero, without writing. */
static uint32_t hv_crc(const uint8_t *p, uint32_t total)
{
	static const uint8_t zero[4];
	const uint32_t at = (uint32_t)offsetof(struct tdxboot_handoff_header, crc32);
	uint32_t crc;

	crc = crc32_ieee(0, p, at);
	crc = crc32_ieee(crc, zero, sizeof(zero));
	return crc32_ieee(crc, p + at + 4, total - at - 4);
}

static enum handoff_error hv_check_directory(const struct tdxboot_handoff_header *h)
{
	uint64_t end = (uint64_t)h->section_offset +
		       (uint64_t)h->section_count * h->section_entry_size;

	if (h->section_count > TDXBOOT_HANDOFF_MAX_SECTIONS ||
	    h->section_entry_size < HV_DIR_SIZE ||
	    h->section_entry_size % TDXBOOT_HANDOFF_ALIGN ||
	    h->section_offset % TDXBOOT_HANDOFF_ALIGN ||
	    h->section_offset < h->header_size || end > h->total_size)
		return HANDOFF_EDIRECTORY;
	return HANDOFF_OK;
}

static const struct tdxboot_handoff_section *hv_dir(const struct handoff_view *v, uint32_t i)
{
	const struct tdxboot_handoff_header *h = hv_header(v);

	return (const struct tdxboot_handoff_section *)(v->base + h->section_offset +
							(size_t)i * h->section_entry_size);
}

static uint64_t hv_sec_end(const struct tdxboot_handoff_section *s)
{
	return (uint64_t)s->offset + (uint64_t)s->entry_size * s->count;
}

/* One directory entry on its own: bounds, alignment, known-type sizes. */
static enum handoff_error hv_check_section(const struct handoff_view *v,
					   const struct tdxboot_handoff_section *s)
{
	const struct tdxboot_handoff_header *h = hv_header(v);
	uint64_t end = hv_sec_end(s);
	uint64_t dir_end = (uint64_t)h->section_offset +
			   (uint64_t)h->section_count * h->section_entry_size;

	if (end > h->total_size)
		return HANDOFF_ESECTION_BOUNDS;
	if (s->offset % TDXBOOT_HANDOFF_ALIGN)
		return HANDOFF_ESECTION_ALIGN;
	if (end > s->offset && (s->offset < h->header_size ||
				(s->offset < dir_end && end > h->section_offset)))
		return HANDOFF_ESECTION_BOUNDS;
	if (!hv_is_known(s->type))
		return HANDOFF_OK;
	if (s->entry_size % TDXBOOT_HANDOFF_ALIGN)
		return HANDOFF_ESECTION_ALIGN;
	if (s->entry_size < hv_min_entry[s->type] ||
	    (hv_is_singleton(s->type) && s->count != 1) ||
	    (s->type == TDXBOOT_SEC_QUARANTINE && s->count > 1))
		return HANDOFF_EENTRY_SIZE;
	return HANDOFF_OK;
}

/* Pairs: one type once, no shared bytes.  At most 64 entries: 2016 pairs. */
static enum handoff_error hv_check_pair(const struct tdxboot_handoff_section *a,
					const struct tdxboot_handoff_section *b)
{
	if (a->type == b->type)
		return HANDOFF_EDUPLICATE;
	if (hv_sec_end(a) > a->offset && hv_sec_end(b) > b->offset &&
	    a->offset < hv_sec_end(b) && b->offset < hv_sec_end(a))
		return HANDOFF_EOVERLAP;
	return HANDOFF_OK;
}

static enum handoff_error hv_check_sections(struct handoff_view *v)
{
	uint32_t n = hv_header(v)->section_count;
	enum handoff_error e;

	for (uint32_t i = 0; i < n; i++) {
		const struct tdxboot_handoff_section *s = hv_dir(v, i);

		v->bad_section = i;
		e = hv_check_section(v, s);
		for (uint32_t j = 0; e == HANDOFF_OK && j < i; j++)
			e = hv_check_pair(hv_dir(v, j), s);
		if (e != HANDOFF_OK)
			return e;
		if (hv_is_known(s->type)) {
			v->sec[s->type].data = v->base + s->offset;
			v->sec[s->type].entry_size = s->entry_size;
			v->sec[s->type].count = s->count;
			v->sec[s->type].dir_index = i;
		}
	}
	v->bad_section = HANDOFF_NO_INDEX;
	return HANDOFF_OK;
}

static int hv_has_nul(const char *s, size_t cap)
{
	for (size_t i = 0; i < cap; i++)
		if (s[i] == '\0')
			return 1;
	return 0;
}

/* Sets the failing section/entry and returns the error, for one-liners. */
static enum handoff_error hv_fail(struct handoff_view *v, uint32_t type, uint32_t entry,
				  enum handoff_error e)
{
	v->bad_section = v->sec[type].data ? v->sec[type].dir_index : HANDOFF_NO_INDEX;
	v->bad_entry = entry;
	return e;
}

static enum handoff_error hv_check_status(struct handoff_view *v)
{
	const struct tdxboot_handoff_status *st = handoff_status(v);

	if (!st)
		return HANDOFF_EMISSING;
	if (!hv_has_nul(st->producer, sizeof(st->producer)) ||
	    !hv_has_nul(st->message, sizeof(st->message)))
		return hv_fail(v, TDXBOOT_SEC_STATUS, 0, HANDOFF_ESTRING);
	return HANDOFF_OK;
}

static enum handoff_error hv_check_lps(struct handoff_view *v)
{
	const struct tdxboot_handoff_platform *p = handoff_platform(v);

	if (!p)
		return HANDOFF_OK;
	if (p->n_lps_initialized > p->n_lps)
		return hv_fail(v, TDXBOOT_SEC_PLATFORM, 0, HANDOFF_EINCONSISTENT);
	if (v->sec[TDXBOOT_SEC_LPS].data && handoff_count(v, TDXBOOT_SEC_LPS) != p->n_lps)
		return hv_fail(v, TDXBOOT_SEC_LPS, HANDOFF_NO_INDEX, HANDOFF_EINCONSISTENT);
	return HANDOFF_OK;
}

static int hv_range_wraps(uint64_t base, uint64_t size)
{
	return base + size < base;
}

static enum handoff_error hv_check_ranges(struct handoff_view *v, uint32_t type)
{
	for (uint32_t i = 0; i < handoff_count(v, type); i++) {
		const struct tdxboot_handoff_range *r = handoff_entry(v, type, i);

		if (hv_range_wraps(r->base, r->size))
			return hv_fail(v, type, i, HANDOFF_EINCONSISTENT);
	}
	return HANDOFF_OK;
}

/* A TDMR's own ranges: no wrap-around, reserved areas inside the TDMR. */
static int hv_tdmr_ok(const struct handoff_view *v, const struct tdxboot_handoff_tdmr *t)
{
	if (hv_range_wraps(t->base, t->size))
		return 0;
	for (int l = 0; l < 3; l++)
		if (hv_range_wraps(t->pamt_base[l], t->pamt_size[l]))
			return 0;
	for (uint32_t j = 0; j < t->n_rsvd; j++) {
		const struct tdxboot_handoff_range *r = handoff_tdmr_rsvd(v, t, j);

		if (hv_range_wraps(r->base, r->size) || r->base + r->size > t->size)
			return 0;
	}
	return 1;
}

/* TDMRs take their reserved areas in order: rsvd_first is a running sum
 * that must end exactly at RESERVED's count.  Linear in the table size. */
static enum handoff_error hv_check_tdmrs(struct handoff_view *v)
{
	uint32_t n_rsvd = handoff_count(v, TDXBOOT_SEC_RESERVED);
	uint64_t sum = 0;

	for (uint32_t i = 0; i < handoff_count(v, TDXBOOT_SEC_TDMRS); i++) {
		const struct tdxboot_handoff_tdmr *t = handoff_tdmr(v, i);

		if (t->rsvd_first != sum || sum + t->n_rsvd > n_rsvd || !hv_tdmr_ok(v, t))
			return hv_fail(v, TDXBOOT_SEC_TDMRS, i, HANDOFF_EINCONSISTENT);
		sum += t->n_rsvd;
	}
	if (sum != n_rsvd)
		return hv_fail(v, TDXBOOT_SEC_RESERVED, HANDOFF_NO_INDEX, HANDOFF_EINCONSISTENT);
	return HANDOFF_OK;
}

/* MSRS: only the PRESENT flag, a value only when present. */
static enum handoff_error hv_check_msrs(struct handoff_view *v)
{
	for (uint32_t i = 0; i < handoff_count(v, TDXBOOT_SEC_MSRS); i++) {
		const struct tdxboot_handoff_msr *m = handoff_msr(v, i);

		if ((m->flags & ~TDXBOOT_MSR_PRESENT) ||
		    (!(m->flags & TDXBOOT_MSR_PRESENT) && m->value))
			return hv_fail(v, TDXBOOT_SEC_MSRS, i, HANDOFF_EINCONSISTENT);
	}
	return HANDOFF_OK;
}

/*
 * QUARANTINE is there exactly when the outcome is QUARANTINED (1.1
 * tables), with a known reason, as many LPs flagged UNCONFIRMED as it
 * counts, and the TDMRs whose PAMTs stay reserved.
 */
static enum handoff_error hv_check_quarantine(struct handoff_view *v)
{
	const struct tdxboot_handoff_quarantine *q = handoff_quarantine(v);
	const struct tdxboot_handoff_status *st = handoff_status(v);
	uint32_t flagged = 0;

	if (TDXBOOT_HANDOFF_MINOR(v->version) < 1 && !q)
		return HANDOFF_OK;
	if ((st->outcome == TDXBOOT_OUTCOME_QUARANTINED) != (q != 0))
		return hv_fail(v, TDXBOOT_SEC_STATUS, 0, HANDOFF_EINCONSISTENT);
	if (!q)
		return HANDOFF_OK;
	for (uint32_t i = 0; i < handoff_count(v, TDXBOOT_SEC_LPS); i++)
		flagged += (handoff_lp(v, i)->flags & TDXBOOT_LP_UNCONFIRMED) != 0;
	if (q->reason == TDXBOOT_QUARANTINE_NONE || q->reason > TDXBOOT_QUARANTINE_RESET ||
	    q->n_lps != flagged || handoff_count(v, TDXBOOT_SEC_TDMRS) == 0)
		return hv_fail(v, TDXBOOT_SEC_QUARANTINE, 0, HANDOFF_EINCONSISTENT);
	return HANDOFF_OK;
}

/*
 * RELEASED (1.2): entries only when the outcome is ROLLED_BACK (memory
 * the OS owns again), each a non-empty 4 KiB-aligned range that does not
 * wrap and is no TDMR's PAMT (a published PAMT stays reserved).
 */
static enum handoff_error hv_check_released(struct handoff_view *v)
{
	uint32_t n = handoff_count(v, TDXBOOT_SEC_RELEASED);

	if (n && handoff_status(v)->outcome != TDXBOOT_OUTCOME_ROLLED_BACK)
		return hv_fail(v, TDXBOOT_SEC_STATUS, 0, HANDOFF_EINCONSISTENT);
	for (uint32_t i = 0; i < n; i++) {
		const struct tdxboot_handoff_range *r = handoff_released(v, i);

		if (!r->size || ((r->base | r->size) & 0xFFF) || hv_range_wraps(r->base, r->size) ||
		    handoff_count(v, TDXBOOT_SEC_TDMRS))
			return hv_fail(v, TDXBOOT_SEC_RELEASED, i, HANDOFF_EINCONSISTENT);
	}
	return HANDOFF_OK;
}

static enum handoff_error hv_check_content(struct handoff_view *v)
{
	enum handoff_error e;

	e = hv_check_status(v);
	if (e == HANDOFF_OK)
		e = hv_check_lps(v);
	if (e == HANDOFF_OK)
		e = hv_check_ranges(v, TDXBOOT_SEC_CMRS);
	if (e == HANDOFF_OK)
		e = hv_check_ranges(v, TDXBOOT_SEC_EXCLUDED);
	if (e == HANDOFF_OK)
		e = hv_check_tdmrs(v);
	if (e == HANDOFF_OK)
		e = hv_check_msrs(v);
	if (e == HANDOFF_OK)
		e = hv_check_quarantine(v);
	if (e == HANDOFF_OK)
		e = hv_check_released(v);
	return e;
}

enum handoff_error handoff_validate(const void *buf, size_t avail, struct handoff_view *v)
{
	const struct tdxboot_handoff_header *h = buf;
	enum handoff_error e;

	if (!v)
		return HANDOFF_ENULL;
	hv_clear(v);
	if (!buf)
		return HANDOFF_ENULL;
	if ((uintptr_t)buf % TDXBOOT_HANDOFF_ALIGN)
		return HANDOFF_EALIGN;
	e = hv_check_header(h, avail);
	if (e != HANDOFF_OK)
		return e;
	if (hv_crc(buf, h->total_size) != h->crc32)
		return HANDOFF_ECRC;
	e = hv_check_directory(h);
	if (e != HANDOFF_OK)
		return e;
	v->base = buf;
	v->total_size = h->total_size;
	v->version = h->version;
	e = hv_check_sections(v);
	if (e == HANDOFF_OK)
		e = hv_check_content(v);
	if (e != HANDOFF_OK) {
		/* Keep the error location, drop the pointers: the table is bad. */
		for (uint32_t t = 0; t < HV_NTYPES; t++)
			v->sec[t].data = 0;
		v->base = 0;
	}
	return e;
}

/* ---------------------------------------------------------------- lookup */

static int hv_bytes_equal(const uint8_t *a, const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

int handoff_find_in_config_table(const void *entries, size_t n_entries,
				 uint64_t *table_addr)
{
	static const struct tdxboot_guid guid = TDXBOOT_HANDOFF_TABLE_GUID_INIT;
	const uint8_t *e = entries;

	for (size_t i = 0; e && i < n_entries; i++, e += 24) {
		uint64_t addr = 0;

		if (!hv_bytes_equal(e, (const uint8_t *)&guid, sizeof(guid)))
			continue;
		for (int b = 7; b >= 0; b--)
			addr = addr << 8 | e[16 + b];
		if (table_addr)
			*table_addr = addr;
		return 1;
	}
	return 0;
}

/* ------------------------------------------------------------- accessors */

uint32_t handoff_count(const struct handoff_view *v, uint32_t type)
{
	if (!v || !hv_is_known(type) || !v->sec[type].data)
		return 0;
	return v->sec[type].count;
}

const void *handoff_entry(const struct handoff_view *v, uint32_t type, uint32_t i)
{
	if (i >= handoff_count(v, type))
		return 0;
	return v->sec[type].data + (size_t)i * v->sec[type].entry_size;
}

const struct tdxboot_handoff_status *handoff_status(const struct handoff_view *v)
{
	return handoff_entry(v, TDXBOOT_SEC_STATUS, 0);
}

const struct tdxboot_handoff_module *handoff_module(const struct handoff_view *v)
{
	return handoff_entry(v, TDXBOOT_SEC_MODULE, 0);
}

const struct tdxboot_handoff_platform *handoff_platform(const struct handoff_view *v)
{
	return handoff_entry(v, TDXBOOT_SEC_PLATFORM, 0);
}

const struct tdxboot_handoff_memory *handoff_memory(const struct handoff_view *v)
{
	return handoff_entry(v, TDXBOOT_SEC_MEMORY, 0);
}

const struct tdxboot_handoff_tdmr *handoff_tdmr(const struct handoff_view *v, uint32_t i)
{
	return handoff_entry(v, TDXBOOT_SEC_TDMRS, i);
}

const struct tdxboot_handoff_range *handoff_tdmr_rsvd(const struct handoff_view *v,
							const struct tdxboot_handoff_tdmr *t,
							uint32_t j)
{
	if (!t || j >= t->n_rsvd)
		return 0;
	/* Validation proved rsvd_first + n_rsvd <= RESERVED's count. */
	return handoff_entry(v, TDXBOOT_SEC_RESERVED, t->rsvd_first + j);
}

const struct tdxboot_handoff_range *handoff_cmr(const struct handoff_view *v, uint32_t i)
{
	return handoff_entry(v, TDXBOOT_SEC_CMRS, i);
}

const struct tdxboot_handoff_range *handoff_excluded(const struct handoff_view *v, uint32_t i)
{
	return handoff_entry(v, TDXBOOT_SEC_EXCLUDED, i);
}

const struct tdxboot_handoff_lp *handoff_lp(const struct handoff_view *v, uint32_t i)
{
	return handoff_entry(v, TDXBOOT_SEC_LPS, i);
}

const struct tdxboot_handoff_pamt_node *handoff_pamt_node(const struct handoff_view *v,
							  uint32_t i)
{
	return handoff_entry(v, TDXBOOT_SEC_PAMT_NODES, i);
}

const struct tdxboot_handoff_timing *handoff_timing(const struct handoff_view *v, uint32_t i)
{
	return handoff_entry(v, TDXBOOT_SEC_TIMINGS, i);
}

const struct tdxboot_handoff_msr *handoff_msr(const struct handoff_view *v, uint32_t i)
{
	return handoff_entry(v, TDXBOOT_SEC_MSRS, i);
}

const struct tdxboot_handoff_quarantine *handoff_quarantine(const struct handoff_view *v)
{
	return handoff_entry(v, TDXBOOT_SEC_QUARANTINE, 0);
}

const struct tdxboot_handoff_range *handoff_released(const struct handoff_view *v, uint32_t i)
{
	return handoff_entry(v, TDXBOOT_SEC_RELEASED, i);
}

int handoff_module_ready(const struct handoff_view *v)
{
	const struct tdxboot_handoff_status *st = handoff_status(v);

	return st && st->outcome == TDXBOOT_OUTCOME_SUCCESS &&
	       st->module_state == TDXBOOT_MODSTATE_READY;
}
