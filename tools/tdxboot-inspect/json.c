/* SPDX-License-Identifier: MIT */
/*
 * The --json report: one object, every table field under the name it has
 * in lib/tdxboot_handoff.h, addresses and 64-bit values as numbers (exact
 * in 53 bits for addresses below 8 PiB) and as "0x..." strings where a
 * reader wants the bit pattern (SEAMCALL status, attributes, features).
 */
#include <inttypes.h>

#include "core/status.h"
#include "lib/tdx_abi.h"
#include "tools/common/json.h"
#include "tools/tdxboot-inspect/inspect.h"

static void json_hex(FILE *f, uint64_t x)
{
	fprintf(f, "\"0x%" PRIx64 "\"", x);
}

static void json_status(FILE *f, const struct tdxboot_handoff_status *st)
{
	fprintf(f, "\"status\":{\"outcome\":");
	json_write_string(f, handoff_outcome_name(st->outcome));
	fprintf(f, ",\"step\":");
	json_write_string(f, handoff_step_name(st->step));
	fprintf(f, ",\"module_state\":");
	json_write_string(f, handoff_module_state_name(st->module_state));
	fprintf(f, ",\"seamcall_status\":");
	json_hex(f, st->seamcall_status);
	fprintf(f, ",\"seamcall_status_name\":");
	json_write_string(f, st->seamcall_status ? tdx_status_name(st->seamcall_status) : "");
	fprintf(f, ",\"lp_index\":");
	if (st->lp_index == TDXBOOT_LP_NONE)
		fprintf(f, "null");
	else
		fprintf(f, "%u", st->lp_index);
	fprintf(f, ",\"error\":");
	json_write_string(f, st->error ? tb_status_name((tb_status)st->error) : "");
	fprintf(f, ",\"emulated\":%s,\"dry_run\":%s,\"producer\":",
		st->flags & TDXBOOT_STATUS_EMULATED ? "true" : "false",
		st->flags & TDXBOOT_STATUS_DRY_RUN ? "true" : "false");
	json_write_string(f, st->producer);
	fprintf(f, ",\"message\":");
	json_write_string(f, st->message);
	fputc('}', f);
}

static void json_module(FILE *f, const struct tdxboot_handoff_module *m)
{
	fprintf(f, ",\"module\":{\"valid\":%s,\"installed\":%s,\"dpamt\":%s",
		m->flags & TDXBOOT_MODULE_VALID ? "true" : "false",
		m->flags & TDXBOOT_MODULE_INSTALLED ? "true" : "false",
		m->flags & TDXBOOT_MODULE_DPAMT ? "true" : "false");
	fprintf(f, ",\"vendor_id\":%u,\"major_version\":%u,\"minor_version\":%u"
		   ",\"update_version\":%u,\"internal_version\":%u,\"build_date\":%u"
		   ",\"build_num\":%u,\"sys_attributes\":",
		m->vendor_id, m->major_version, m->minor_version, m->update_version,
		m->internal_version, m->build_date, m->build_num);
	json_hex(f, m->sys_attributes);
	fprintf(f, ",\"tdx_features0\":");
	json_hex(f, m->tdx_features0);
	fprintf(f, ",\"max_tdmrs\":%u,\"max_reserved_per_tdmr\":%u"
		   ",\"pamt_entry_size\":[%u,%u,%u],\"dpamt_bits_per_4k\":%u",
		m->max_tdmrs, m->max_reserved_per_tdmr, m->pamt_entry_size[0],
		m->pamt_entry_size[1], m->pamt_entry_size[2], m->dpamt_bits_per_4k);
	if (m->flags & TDXBOOT_MODULE_SEAMLDR)
		fprintf(f, ",\"seamldr\":{\"major_version\":%u,\"minor_version\":%u"
			   ",\"update_version\":%u,\"build_date\":%u,\"build_num\":%u"
			   ",\"attributes\":%u,\"num_remaining_updates\":%u}",
			m->seamldr_major_version, m->seamldr_minor_version,
			m->seamldr_update_version, m->seamldr_build_date, m->seamldr_build_num,
			m->seamldr_attributes, m->seamldr_num_remaining_updates);
	else
		fprintf(f, ",\"seamldr\":null");
	fputc('}', f);
}

static void json_platform(FILE *f, const struct handoff_view *v)
{
	const struct tdxboot_handoff_platform *p = handoff_platform(v);

	if (p)
		fprintf(f, ",\"platform\":{\"n_lps\":%u,\"n_packages\":%u,\"tdx_keyid_first\":%u"
			   ",\"tdx_keyid_count\":%u,\"global_keyid\":%u,\"mktme_keyid_count\":%u"
			   ",\"n_lps_initialized\":%u}",
			p->n_lps, p->n_packages, p->tdx_keyid_first, p->tdx_keyid_count,
			p->global_keyid, p->mktme_keyid_count, p->n_lps_initialized);
	fprintf(f, ",\"lps\":[");
	for (uint32_t i = 0; i < handoff_count(v, TDXBOOT_SEC_LPS); i++) {
		const struct tdxboot_handoff_lp *lp = handoff_lp(v, i);

		fprintf(f, "%s{\"apic_id\":", i ? "," : "");
		if (lp->apic_id == TDXBOOT_APIC_ID_NONE)
			fprintf(f, "null");
		else
			fprintf(f, "%u", lp->apic_id);
		fprintf(f, ",\"lp_init\":%s,\"bsp\":%s}",
			lp->flags & TDXBOOT_LP_INIT_DONE ? "true" : "false",
			lp->flags & TDXBOOT_LP_BSP ? "true" : "false");
	}
	fputc(']', f);
}

static void json_ranges(FILE *f, const char *name, const struct handoff_view *v, uint32_t type)
{
	fprintf(f, ",\"%s\":[", name);
	for (uint32_t i = 0; i < handoff_count(v, type); i++) {
		const struct tdxboot_handoff_range *r = handoff_entry(v, type, i);

		fprintf(f, "%s{\"base\":%" PRIu64 ",\"size\":%" PRIu64 "}", i ? "," : "",
			r->base, r->size);
	}
	fputc(']', f);
}

static void json_tdmr(FILE *f, const struct handoff_view *v, uint32_t i)
{
	const struct tdxboot_handoff_tdmr *t = handoff_tdmr(v, i);

	fprintf(f, "%s{\"base\":%" PRIu64 ",\"size\":%" PRIu64, i ? "," : "", t->base, t->size);
	fprintf(f, ",\"pamt_4k_base\":%" PRIu64 ",\"pamt_4k_size\":%" PRIu64
		   ",\"pamt_2m_base\":%" PRIu64 ",\"pamt_2m_size\":%" PRIu64
		   ",\"pamt_1g_base\":%" PRIu64 ",\"pamt_1g_size\":%" PRIu64,
		t->pamt_base[0], t->pamt_size[0], t->pamt_base[1], t->pamt_size[1],
		t->pamt_base[2], t->pamt_size[2]);
	fprintf(f, ",\"pamt_node\":%u,\"reserved\":[", t->pamt_node);
	for (uint32_t j = 0; j < t->n_rsvd; j++) {
		const struct tdxboot_handoff_range *r = handoff_tdmr_rsvd(v, t, j);

		fprintf(f, "%s{\"offset\":%" PRIu64 ",\"size\":%" PRIu64 "}", j ? "," : "",
			r->base, r->size);
	}
	fprintf(f, "]}");
}

static void json_memory(FILE *f, const struct handoff_view *v)
{
	const struct tdxboot_handoff_memory *m = handoff_memory(v);

	if (m)
		fprintf(f, ",\"memory\":{\"tdx_memory_bytes\":%" PRIu64 ",\"pamt_bytes\":%" PRIu64
			   ",\"pamt_kb\":%" PRIu64 ",\"excluded_noncmr_bytes\":%" PRIu64
			   ",\"excluded_coalesce_bytes\":%" PRIu64 "}",
			m->tdx_memory_bytes, m->pamt_bytes, m->pamt_bytes / 1024,
			m->excluded_noncmr_bytes, m->excluded_coalesce_bytes);
	json_ranges(f, "cmrs", v, TDXBOOT_SEC_CMRS);
	fprintf(f, ",\"tdmrs\":[");
	for (uint32_t i = 0; i < handoff_count(v, TDXBOOT_SEC_TDMRS); i++)
		json_tdmr(f, v, i);
	fprintf(f, "],\"pamt_nodes\":[");
	for (uint32_t i = 0; i < handoff_count(v, TDXBOOT_SEC_PAMT_NODES); i++)
		fprintf(f, "%s{\"node\":%u,\"bytes\":%" PRIu64 "}", i ? "," : "",
			handoff_pamt_node(v, i)->node, handoff_pamt_node(v, i)->bytes);
	fputc(']', f);
	json_ranges(f, "excluded", v, TDXBOOT_SEC_EXCLUDED);
}

static void json_timings(FILE *f, const struct handoff_view *v)
{
	fprintf(f, ",\"timings\":[");
	for (uint32_t i = 0; i < handoff_count(v, TDXBOOT_SEC_TIMINGS); i++) {
		const struct tdxboot_handoff_timing *t = handoff_timing(v, i);

		fprintf(f, "%s{\"phase\":", i ? "," : "");
		json_write_string(f, t->phase == TDXBOOT_PHASE_TOTAL ? "total" : handoff_step_name(t->phase));
		fprintf(f, ",\"usec\":%" PRIu64 "}", t->usec);
	}
	fputc(']', f);
}

static void json_msrs(FILE *f, const struct handoff_view *v)
{
	fprintf(f, ",\"msrs\":[");
	for (uint32_t i = 0; i < handoff_count(v, TDXBOOT_SEC_MSRS); i++) {
		const struct tdxboot_handoff_msr *m = handoff_msr(v, i);

		fprintf(f, "%s{\"index\":%u,\"present\":%s,\"value\":%" PRIu64 "}", i ? "," : "",
			m->index, m->flags & TDXBOOT_MSR_PRESENT ? "true" : "false", m->value);
	}
	fputc(']', f);
}

static void json_quarantine(FILE *f, const struct handoff_view *v)
{
	const struct tdxboot_handoff_quarantine *q = handoff_quarantine(v);
	bool first = true;

	if (!q)
		return;
	fprintf(f, ",\"quarantine\":{\"reason\":");
	json_write_string(f, handoff_quarantine_reason_name(q->reason));
	fprintf(f, ",\"step\":");
	json_write_string(f, handoff_step_name(q->step));
	fprintf(f, ",\"bytes\":%" PRIu64 ",\"lps\":[", q->bytes);
	for (uint32_t i = 0; i < handoff_count(v, TDXBOOT_SEC_LPS); i++)
		if (handoff_lp(v, i)->flags & TDXBOOT_LP_UNCONFIRMED) {
			fprintf(f, "%s%u", first ? "" : ",", i);
			first = false;
		}
	fprintf(f, "]}");
}

static void json_released(FILE *f, const struct handoff_view *v)
{
	uint32_t n = handoff_count(v, TDXBOOT_SEC_RELEASED);

	if (!n)
		return;
	fprintf(f, ",\"released\":[");
	for (uint32_t i = 0; i < n; i++) {
		const struct tdxboot_handoff_range *r = handoff_released(v, i);

		fprintf(f, "%s{\"base\":%" PRIu64 ",\"size\":%" PRIu64 "}", i ? "," : "",
			r->base, r->size);
	}
	fputc(']', f);
}

void inspect_report_json(FILE *f, const struct handoff_view *v,
			 const struct inspect_found *found)
{
	fprintf(f, "{\"valid\":true,\"ready\":%s,\"version\":\"%u.%u\",\"total_size\":%u",
		handoff_module_ready(v) ? "true" : "false", TDXBOOT_HANDOFF_MAJOR(v->version),
		TDXBOOT_HANDOFF_MINOR(v->version), v->total_size);
	if (found->from_memory)
		fprintf(f, ",\"phys\":%" PRIu64, found->phys);
	fputc(',', f);
	json_status(f, handoff_status(v));
	if (handoff_module(v))
		json_module(f, handoff_module(v));
	json_platform(f, v);
	json_memory(f, v);
	json_msrs(f, v);
	json_quarantine(f, v);
	json_released(f, v);
	json_timings(f, v);
	fprintf(f, "}\n");
}

void inspect_report_json_error(FILE *f, const char *what, const struct handoff_view *v)
{
	fprintf(f, "{\"valid\":false,\"ready\":false,\"error\":");
	json_write_string(f, what);
	if (v && v->bad_section != HANDOFF_NO_INDEX)
		fprintf(f, ",\"bad_section\":%u", v->bad_section);
	if (v && v->bad_entry != HANDOFF_NO_INDEX)
		fprintf(f, ",\"bad_entry\":%u", v->bad_entry);
	fprintf(f, "}\n");
}
