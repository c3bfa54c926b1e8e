/* SPDX-License-Identifier: MIT */
#include "core/handoff_build.h"

#include "lib/crc32.h"
#include "lib/fmt.h"
#include "lib/version.h"
#include "lib/mem.h"


/*
 * 1.2 writes every section type, in type order, right after the directory
 * (MSRS, QUARANTINE and RELEASED after the 1.0 ones, QUARANTINE with one
 * entry only when the outcome is QUARANTINED, RELEASED with entries only
 * when it is ROLLED_BACK).  Every entry size is a multiple of 8,
 * so sections stay 8-byte aligned without padding between them.
 */
#define HB_NSEC (TDXBOOT_SEC_TYPE_COUNT_1_2 - 1)

struct hb_layout {
	uint32_t entry_size[HB_NSEC];
	uint32_t count[HB_NSEC];
	uint32_t offset[HB_NSEC];
	uint64_t total;
};

/* STATUS.error carries tb_status values; docs/handoff.md §2.4 fixes them. */
_Static_assert(TB_OK == 0 && TB_EINVAL == 1 && TB_ENOMEM == 2 && TB_ENOSPC == 3 &&
	       TB_ERANGE == 4 && TB_ENOTFOUND == 5 && TB_EUNSUPPORTED == 6 && TB_EIO == 7 &&
	       TB_ESEAM == 8 && TB_ETIMEOUT == 9 && TB_EBUSY == 10 && TB_EABORTED == 11,
	       "tb_status values are part of the handoff ABI");

_Static_assert(sizeof(struct tdxboot_handoff_status) % 8 == 0, "align");
_Static_assert(sizeof(struct tdxboot_handoff_module) % 8 == 0, "align");
_Static_assert(sizeof(struct tdxboot_handoff_platform) % 8 == 0, "align");
_Static_assert(sizeof(struct tdxboot_handoff_memory) % 8 == 0, "align");
_Static_assert(sizeof(struct tdxboot_handoff_tdmr) % 8 == 0, "align");

static const uint32_t hb_entry_size[HB_NSEC] = {
	[TDXBOOT_SEC_STATUS - 1] = sizeof(struct tdxboot_handoff_status),
	[TDXBOOT_SEC_MODULE - 1] = sizeof(struct tdxboot_handoff_module),
	[TDXBOOT_SEC_PLATFORM - 1] = sizeof(struct tdxboot_handoff_platform),
	[TDXBOOT_SEC_MEMORY - 1] = sizeof(struct tdxboot_handoff_memory),
	[TDXBOOT_SEC_LPS - 1] = sizeof(struct tdxboot_handoff_lp),
	[TDXBOOT_SEC_CMRS - 1] = sizeof(struct tdxboot_handoff_range),
	[TDXBOOT_SEC_TDMRS - 1] = sizeof(struct tdxboot_handoff_tdmr),
	[TDXBOOT_SEC_RESERVED - 1] = sizeof(struct tdxboot_handoff_range),
	[TDXBOOT_SEC_PAMT_NODES - 1] = sizeof(struct tdxboot_handoff_pamt_node),
	[TDXBOOT_SEC_EXCLUDED - 1] = sizeof(struct tdxboot_handoff_range),
	[TDXBOOT_SEC_TIMINGS - 1] = sizeof(struct tdxboot_handoff_timing),
	[TDXBOOT_SEC_MSRS - 1] = sizeof(struct tdxboot_handoff_msr),
	[TDXBOOT_SEC_QUARANTINE - 1] = sizeof(struct tdxboot_handoff_quarantine),
	[TDXBOOT_SEC_RELEASED - 1] = sizeof(struct tdxboot_handoff_range),
};

void handoff_record_lp_init(struct handoff_record *rec, uint32_t lp)
{
	if (lp < HANDOFF_LP_CAP)
		rec->lp_init_done[lp / 64] |= 1ull << (lp % 64);
}

void handoff_record_lp_unconfirmed(struct handoff_record *rec, uint32_t lp)
{
	if (lp < HANDOFF_LP_CAP)
		rec->lp_unconfirmed[lp / 64] |= 1ull << (lp % 64);
}

void handoff_record_phase(struct handoff_record *rec, uint32_t phase, uint64_t usec)
{
	if (rec->n_phases >= HANDOFF_PHASE_CAP)
		return;
	rec->phases[rec->n_phases].phase = phase;
	rec->phases[rec->n_phases].usec = usec;
	rec->n_phases++;
}

static int hb_lp_done(const struct handoff_record *rec, uint32_t lp)
{
	return (rec->lp_init_done[lp / 64] >> (lp % 64)) & 1;
}

static int hb_lp_unconfirmed(const struct handoff_record *rec, uint32_t lp)
{
	return (rec->lp_unconfirmed[lp / 64] >> (lp % 64)) & 1;
}

static uint32_t hb_count_rsvd(const struct plan_output *plan)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < plan->n_tdmrs; i++)
		n += plan->tdmrs[i].n_rsvd;
	return n;
}

static uint32_t hb_count_nodes(const struct plan_output *plan)
{
	return plan->n_pamt_nodes;
}

/* The record's shape is checked here once, so the writers can trust it. */
static tb_status hb_check_record(const struct handoff_record *rec, struct tb_err *err)
{
	const struct plan_output *plan = rec->plan;

	if (rec->n_lps > HANDOFF_LP_CAP) {
		tb_err_set(err, "handoff: %u LPs, more than the table's %u",
			   rec->n_lps, HANDOFF_LP_CAP);
		return TB_EINVAL;
	}
	if ((rec->n_released && !rec->released) || rec->n_released > 3 * PLAN_TDMR_CAP) {
		tb_err_set(err, "handoff: bad released PAMT list (%u entries)", rec->n_released);
		return TB_EINVAL;
	}
	if ((rec->n_cmrs && !rec->cmrs) || rec->n_cmrs > UINT32_MAX / 16) {
		tb_err_set(err, "handoff: bad CMR list (%zu entries)", rec->n_cmrs);
		return TB_EINVAL;
	}
	if (rec->n_msrs > HANDOFF_MSR_CAP) {
		tb_err_set(err, "handoff: %u MSRs, over %u", rec->n_msrs, HANDOFF_MSR_CAP);
		return TB_EINVAL;
	}
	if (rec->n_phases > HANDOFF_PHASE_CAP) {
		tb_err_set(err, "handoff: %u timing phases, more than %u",
			   rec->n_phases, HANDOFF_PHASE_CAP);
		return TB_EINVAL;
	}
	if (!plan)
		return TB_OK;
	if (plan->n_tdmrs > PLAN_TDMR_CAP || plan->n_excluded > PLAN_EXCL_CAP) {
		tb_err_set(err, "handoff: plan has %u TDMRs and %u excluded ranges, over capacity",
			   plan->n_tdmrs, plan->n_excluded);
		return TB_EINVAL;
	}
	for (uint32_t i = 0; i < plan->n_tdmrs; i++) {
		if (plan->tdmrs[i].n_rsvd > PLAN_RSVD_CAP) {
			tb_err_set(err, "handoff: TDMR %u has %u reserved areas, over %u",
				   i, plan->tdmrs[i].n_rsvd, PLAN_RSVD_CAP);
			return TB_EINVAL;
		}
	}
	return TB_OK;
}

static void hb_compute_layout(const struct handoff_record *rec, struct hb_layout *lay)
{
	const struct plan_output *plan = rec->plan;
	uint64_t off;

	for (uint32_t i = 0; i < HB_NSEC; i++) {
		lay->entry_size[i] = hb_entry_size[i];
		lay->count[i] = i < TDXBOOT_SEC_LPS - 1 ? 1 : 0;
	}
	lay->count[TDXBOOT_SEC_LPS - 1] = rec->n_lps;
	lay->count[TDXBOOT_SEC_CMRS - 1] = (uint32_t)rec->n_cmrs;
	lay->count[TDXBOOT_SEC_TIMINGS - 1] = rec->n_phases;
	lay->count[TDXBOOT_SEC_MSRS - 1] = rec->n_msrs;
	lay->count[TDXBOOT_SEC_QUARANTINE - 1] = rec->outcome == TDXBOOT_OUTCOME_QUARANTINED;
	if (rec->outcome == TDXBOOT_OUTCOME_ROLLED_BACK && rec->released)
		lay->count[TDXBOOT_SEC_RELEASED - 1] = rec->n_released;
	if (plan) {
		lay->count[TDXBOOT_SEC_TDMRS - 1] = plan->n_tdmrs;
		lay->count[TDXBOOT_SEC_RESERVED - 1] = hb_count_rsvd(plan);
		lay->count[TDXBOOT_SEC_PAMT_NODES - 1] = hb_count_nodes(plan);
		lay->count[TDXBOOT_SEC_EXCLUDED - 1] = plan->n_excluded;
	}
	off = sizeof(struct tdxboot_handoff_header) +
	      HB_NSEC * sizeof(struct tdxboot_handoff_section);
	for (uint32_t i = 0; i < HB_NSEC; i++) {
		lay->offset[i] = (uint32_t)off;
		off += (uint64_t)lay->entry_size[i] * lay->count[i];
	}
	lay->total = off;
}

size_t handoff_size(const struct handoff_record *rec)
{
	struct hb_layout lay;

	if (hb_check_record(rec, NULL) != TB_OK)
		return 0;
	hb_compute_layout(rec, &lay);
	return (size_t)lay.total;
}

static void *hb_section(uint8_t *buf, const struct hb_layout *lay, uint32_t type)
{
	return buf + lay->offset[type - 1];
}

/* Copies a C string into a fixed field, always leaving a NUL. */
static void hb_copy_str(char *dst, size_t cap, const char *src)
{
	size_t i = 0;

	for (; src && i + 1 < cap && src[i]; i++)
		dst[i] = src[i];
	dst[i] = '\0';
}

static void hb_write_status(const struct handoff_record *rec,
			    struct tdxboot_handoff_status *st)
{
	st->step = rec->step;
	st->outcome = rec->outcome;
	st->seamcall_status = rec->seamcall_status;
	st->lp_index = rec->lp_index;
	st->error = (uint32_t)rec->error;
	st->flags = (rec->emulated ? TDXBOOT_STATUS_EMULATED : 0) |
		    (rec->dry_run ? TDXBOOT_STATUS_DRY_RUN : 0) |
		    (rec->status_flags & (TDXBOOT_STATUS_PREV_ATTEMPT_UNFINISHED |
					  TDXBOOT_STATUS_WATCHDOG));
	st->module_state = rec->module_state;
	if (rec->producer)
		hb_copy_str(st->producer, sizeof(st->producer), rec->producer);
	else
		fmt_snprintf(st->producer, sizeof(st->producer), "tdxboot %s (%s)",
			     tdxboot_version, tdxboot_gitrev);
	hb_copy_str(st->message, sizeof(st->message), rec->message);
}

static void hb_write_seamldr(const struct seamldr_info *ldr,
			     struct tdxboot_handoff_module *m)
{
	m->flags |= TDXBOOT_MODULE_SEAMLDR;
	m->seamldr_major_version = ldr->major_version;
	m->seamldr_minor_version = ldr->minor_version;
	/* Linux reads reserved0 as update_version (docs/reference/tdx-abi.md §15.2). */
	m->seamldr_update_version = ldr->reserved0;
	m->seamldr_build_date = ldr->build_date;
	m->seamldr_build_num = ldr->build_num;
	m->seamldr_attributes = ldr->attributes;
	m->seamldr_num_remaining_updates = ldr->num_remaining_updates;
}

static void hb_write_module(const struct handoff_record *rec,
			    struct tdxboot_handoff_module *m)
{
	const struct handoff_module_info *mi = &rec->module;

	if (mi->installed)
		m->flags |= TDXBOOT_MODULE_INSTALLED;
	if (mi->reinstalled)
		m->flags |= TDXBOOT_MODULE_REINSTALLED;
	if (mi->sys_disabled)
		m->flags |= TDXBOOT_MODULE_SYS_DISABLED;
	if (rec->seamldr)
		hb_write_seamldr(rec->seamldr, m);
	if (!mi->valid)
		return;
	m->flags |= TDXBOOT_MODULE_VALID | (mi->dpamt ? TDXBOOT_MODULE_DPAMT : 0);
	m->vendor_id = mi->vendor_id;
	m->major_version = mi->major_version;
	m->minor_version = mi->minor_version;
	m->update_version = mi->update_version;
	m->internal_version = mi->internal_version;
	m->build_date = mi->build_date;
	m->build_num = mi->build_num;
	m->sys_attributes = mi->sys_attributes;
	m->tdx_features0 = mi->tdx_features0;
	m->max_tdmrs = (uint16_t)mi->limits.max_tdmrs;
	m->max_reserved_per_tdmr = (uint16_t)mi->limits.max_rsvd_per_tdmr;
	for (int l = 0; l < 3; l++)
		m->pamt_entry_size[l] = (uint16_t)mi->limits.pamt_entry_size[l];
	m->dpamt_bits_per_4k = mi->dpamt ? mi->limits.dpamt_bits_per_4k : 0;
}

static void hb_write_platform(const struct handoff_record *rec,
			      struct tdxboot_handoff_platform *p)
{
	p->n_lps = rec->n_lps;
	p->n_packages = rec->n_packages;
	p->tdx_keyid_first = rec->tdx_keyid_first;
	p->tdx_keyid_count = rec->tdx_keyid_count;
	p->global_keyid = rec->global_keyid;
	p->mktme_keyid_count = rec->mktme_keyid_count;
	for (uint32_t i = 0; i < rec->n_lps; i++)
		p->n_lps_initialized += (uint32_t)hb_lp_done(rec, i);
}

static void hb_write_lps(const struct handoff_record *rec, struct tdxboot_handoff_lp *lp)
{
	for (uint32_t i = 0; i < rec->n_lps; i++) {
		lp[i].apic_id = rec->lp_apic_ids ? rec->lp_apic_ids[i] : TDXBOOT_APIC_ID_NONE;
		lp[i].flags = (hb_lp_done(rec, i) ? TDXBOOT_LP_INIT_DONE : 0) |
			      (i == rec->bsp_index ? TDXBOOT_LP_BSP : 0) |
			      (hb_lp_unconfirmed(rec, i) ? TDXBOOT_LP_UNCONFIRMED : 0);
	}
}

static void hb_write_ranges(struct tdxboot_handoff_range *dst,
			    const struct plan_range *src, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		dst[i].base = src[i].base;
		dst[i].size = src[i].size;
	}
}

static void hb_write_memory(const struct plan_output *plan,
			    struct tdxboot_handoff_memory *m)
{
	if (!plan)
		return;
	m->tdx_memory_bytes = plan->tdx_memory_bytes;
	m->pamt_bytes = plan->pamt_bytes;
	m->excluded_noncmr_bytes = plan->excluded_noncmr_bytes;
	m->excluded_coalesce_bytes = plan->excluded_coalesce_bytes;
}

static void hb_write_tdmrs(const struct plan_output *plan, struct tdxboot_handoff_tdmr *t,
			   struct tdxboot_handoff_range *rsvd)
{
	uint32_t next = 0;

	for (uint32_t i = 0; i < plan->n_tdmrs; i++) {
		const struct plan_tdmr *p = &plan->tdmrs[i];

		t[i].base = p->base;
		t[i].size = p->size;
		for (int l = 0; l < 3; l++) {
			t[i].pamt_base[l] = p->pamt_base[l];
			t[i].pamt_size[l] = p->pamt_size[l];
		}
		t[i].pamt_node = p->pamt_node;
		t[i].n_rsvd = p->n_rsvd;
		t[i].rsvd_first = next;
		hb_write_ranges(rsvd + next, p->rsvd, p->n_rsvd);
		next += p->n_rsvd;
	}
}

static void hb_write_nodes(const struct plan_output *plan,
			   struct tdxboot_handoff_pamt_node *n)
{
	for (uint32_t k = 0; k < plan->n_pamt_nodes; k++) {
		n[k].node = plan->pamt_nodes[k].node;
		n[k].bytes = plan->pamt_nodes[k].bytes;
	}
}

static void hb_write_timings(const struct handoff_record *rec,
			     struct tdxboot_handoff_timing *t)
{
	for (uint32_t i = 0; i < rec->n_phases; i++) {
		t[i].phase = rec->phases[i].phase;
		t[i].usec = rec->phases[i].usec;
	}
}

static void hb_write_msrs(const struct handoff_record *rec, struct tdxboot_handoff_msr *m)
{
	for (uint32_t i = 0; i < rec->n_msrs; i++) {
		m[i].index = rec->msrs[i].index;
		m[i].flags = rec->msrs[i].present ? TDXBOOT_MSR_PRESENT : 0;
		m[i].value = rec->msrs[i].value;
	}
}

static void hb_write_quarantine(const struct handoff_record *rec,
				struct tdxboot_handoff_quarantine *q)
{
	q->step = rec->quarantine_step;
	q->reason = rec->quarantine_reason;
	for (uint32_t i = 0; i < rec->n_lps; i++)
		q->n_lps += (uint32_t)hb_lp_unconfirmed(rec, i);
	q->bytes = rec->quarantine_bytes;
}

static void hb_write_header(uint8_t *buf, const struct hb_layout *lay)
{
	struct tdxboot_handoff_header *h = (struct tdxboot_handoff_header *)buf;
	struct tdxboot_handoff_section *dir =
		(struct tdxboot_handoff_section *)(buf + sizeof(*h));

	h->signature = TDXBOOT_HANDOFF_SIGNATURE;
	h->version = TDXBOOT_HANDOFF_VERSION_1_2;
	h->header_size = sizeof(*h);
	h->total_size = (uint32_t)lay->total;
	h->section_count = HB_NSEC;
	h->section_offset = sizeof(*h);
	h->section_entry_size = sizeof(*dir);
	for (uint32_t i = 0; i < HB_NSEC; i++) {
		dir[i].type = i + 1;
		dir[i].offset = lay->offset[i];
		dir[i].entry_size = lay->entry_size[i];
		dir[i].count = lay->count[i];
	}
}

static void hb_write_sections(const struct handoff_record *rec, uint8_t *buf,
			      const struct hb_layout *lay)
{
	const struct plan_output *plan = rec->plan;

	hb_write_status(rec, hb_section(buf, lay, TDXBOOT_SEC_STATUS));
	hb_write_module(rec, hb_section(buf, lay, TDXBOOT_SEC_MODULE));
	hb_write_platform(rec, hb_section(buf, lay, TDXBOOT_SEC_PLATFORM));
	hb_write_memory(plan, hb_section(buf, lay, TDXBOOT_SEC_MEMORY));
	hb_write_lps(rec, hb_section(buf, lay, TDXBOOT_SEC_LPS));
	hb_write_ranges(hb_section(buf, lay, TDXBOOT_SEC_CMRS), rec->cmrs, rec->n_cmrs);
	hb_write_timings(rec, hb_section(buf, lay, TDXBOOT_SEC_TIMINGS));
	hb_write_msrs(rec, hb_section(buf, lay, TDXBOOT_SEC_MSRS));
	if (rec->outcome == TDXBOOT_OUTCOME_QUARANTINED)
		hb_write_quarantine(rec, hb_section(buf, lay, TDXBOOT_SEC_QUARANTINE));
	hb_write_ranges(hb_section(buf, lay, TDXBOOT_SEC_RELEASED), rec->released,
			lay->count[TDXBOOT_SEC_RELEASED - 1]);
	if (!plan)
		return;
	hb_write_tdmrs(plan, hb_section(buf, lay, TDXBOOT_SEC_TDMRS),
		       hb_section(buf, lay, TDXBOOT_SEC_RESERVED));
	hb_write_nodes(plan, hb_section(buf, lay, TDXBOOT_SEC_PAMT_NODES));
	hb_write_ranges(hb_section(buf, lay, TDXBOOT_SEC_EXCLUDED), plan->excluded,
			plan->n_excluded);
}

tb_status handoff_build(const struct handoff_record *rec, void *buf, size_t cap,
			size_t *len, struct tb_err *err)
{
	struct tdxboot_handoff_header *h = buf;
	struct hb_layout lay;
	tb_status st;

	st = hb_check_record(rec, err);
	if (st != TB_OK)
		return st;
	hb_compute_layout(rec, &lay);
	if (lay.total > UINT32_MAX) {
		tb_err_set(err, "handoff: table of %llu bytes is too large",
			   (unsigned long long)lay.total);
		return TB_EINVAL;
	}
	if (!buf || cap < lay.total || ((uintptr_t)buf & (TDXBOOT_HANDOFF_ALIGN - 1))) {
		tb_err_set(err, "handoff: buffer of %zu bytes for a %llu-byte table (8-byte aligned)",
			   cap, (unsigned long long)lay.total);
		return TB_ENOMEM;
	}
	memset(buf, 0, (size_t)lay.total);
	hb_write_header(buf, &lay);
	hb_write_sections(rec, buf, &lay);
	h->crc32 = crc32_ieee(0, buf, (size_t)lay.total);
	*len = (size_t)lay.total;
	return TB_OK;
}
