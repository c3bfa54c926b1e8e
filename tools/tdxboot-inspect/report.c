/* SPDX-License-Identifier: MIT */
/*
 * The human-readable report.  Phrases follow Linux's virt/tdx messages
 * where the fact is the same ("N KB allocated for PAMT", "TDMR [a, b)"),
 * so operators can compare a tdxboot boot with a kernel-initialized one.
 */
#include <inttypes.h>

#include "core/status.h"
#include "lib/tdx_abi.h"
#include "tools/tdxboot-inspect/inspect.h"

static void text_source(FILE *f, const struct handoff_view *v, const struct inspect_found *fd)
{
	fprintf(f, "tdxboot handoff table %u.%u, %u bytes, CRC ok", TDXBOOT_HANDOFF_MAJOR(v->version),
		TDXBOOT_HANDOFF_MINOR(v->version), v->total_size);
	if (fd->from_memory)
		fprintf(f, ", at 0x%" PRIx64, fd->phys);
	else if (fd->file)
		fprintf(f, ", from %s", fd->file);
	fputc('\n', f);
}

static void text_status(FILE *f, const struct tdxboot_handoff_status *st)
{
	fprintf(f, "producer: %s\n", st->producer);
	fprintf(f, "status: %s", handoff_outcome_name(st->outcome));
	if (st->outcome != TDXBOOT_OUTCOME_SUCCESS)
		fprintf(f, " at step %s", handoff_step_name(st->step));
	fprintf(f, "; module %s", handoff_module_state_name(st->module_state));
	if (st->flags & TDXBOOT_STATUS_EMULATED)
		fprintf(f, " (emulated)");
	if (st->flags & TDXBOOT_STATUS_DRY_RUN)
		fprintf(f, " (dry run)");
	if (st->flags & TDXBOOT_STATUS_WATCHDOG)
		fprintf(f, " (watchdog armed)");
	if (st->flags & TDXBOOT_STATUS_PREV_ATTEMPT_UNFINISHED)
		fprintf(f, " (previous attempt unfinished)");
	fputc('\n', f);
	if (st->seamcall_status)
		fprintf(f, "  SEAMCALL status 0x%016" PRIx64 " (%s)\n", st->seamcall_status,
			tdx_status_name(st->seamcall_status));
	if (st->lp_index != TDXBOOT_LP_NONE)
		fprintf(f, "  on LP %u\n", st->lp_index);
	if (st->error)
		fprintf(f, "  error %s\n", tb_status_name((tb_status)st->error));
	if (st->message[0])
		fprintf(f, "message: %s\n", st->message);
}

static void text_module(FILE *f, const struct tdxboot_handoff_module *m)
{
	if (m->flags & TDXBOOT_MODULE_VALID) {
		fprintf(f, "module: TDX module %u.%u.%02u.%02u build %u (%u), vendor 0x%x%s\n",
			m->major_version, m->minor_version, m->update_version,
			m->internal_version, m->build_num, m->build_date, m->vendor_id,
			m->flags & TDXBOOT_MODULE_INSTALLED ? ", installed by tdxboot" : "");
		fprintf(f, "  attributes 0x%" PRIx64 ", TDX_FEATURES0 0x%" PRIx64
			   ", %u TDMRs max, %u reserved areas per TDMR, PAMT entries %u/%u/%u bytes%s\n",
			m->sys_attributes, m->tdx_features0, m->max_tdmrs,
			m->max_reserved_per_tdmr, m->pamt_entry_size[0], m->pamt_entry_size[1],
			m->pamt_entry_size[2], m->flags & TDXBOOT_MODULE_DPAMT ? ", Dynamic PAMT" : "");
	} else {
		fprintf(f, "module: not read\n");
	}
	if (m->flags & TDXBOOT_MODULE_SEAMLDR)
		fprintf(f, "P-SEAMLDR: %u.%u.%02u build %u (%u), %u updates remaining\n",
			m->seamldr_major_version, m->seamldr_minor_version,
			m->seamldr_update_version, m->seamldr_build_num, m->seamldr_build_date,
			m->seamldr_num_remaining_updates);
}

static void text_platform(FILE *f, const struct handoff_view *v)
{
	const struct tdxboot_handoff_platform *p = handoff_platform(v);

	if (!p)
		return;
	fprintf(f, "keys: TDX KeyIDs [%u, %u), global KeyID %u, %u MKTME KeyIDs\n",
		p->tdx_keyid_first, p->tdx_keyid_first + p->tdx_keyid_count, p->global_keyid,
		p->mktme_keyid_count);
	fprintf(f, "cpus: %u LPs in %u packages, %u did TDH.SYS.LP.INIT\n", p->n_lps,
		p->n_packages, p->n_lps_initialized);
	for (uint32_t i = 0; i < handoff_count(v, TDXBOOT_SEC_LPS); i++) {
		const struct tdxboot_handoff_lp *lp = handoff_lp(v, i);

		if (!(lp->flags & TDXBOOT_LP_INIT_DONE))
			fprintf(f, "  LP %u (APIC 0x%x) did not do TDH.SYS.LP.INIT\n", i, lp->apic_id);
	}
}

static void text_tdmr(FILE *f, const struct handoff_view *v, uint32_t i)
{
	const struct tdxboot_handoff_tdmr *t = handoff_tdmr(v, i);
	uint64_t lo = UINT64_MAX, hi = 0, total = 0;

	for (int l = 0; l < 3; l++) {
		if (!t->pamt_size[l])
			continue;
		lo = t->pamt_base[l] < lo ? t->pamt_base[l] : lo;
		hi = t->pamt_base[l] + t->pamt_size[l] > hi ? t->pamt_base[l] + t->pamt_size[l] : hi;
		total += t->pamt_size[l];
	}
	fprintf(f, "TDMR [0x%" PRIx64 ", 0x%" PRIx64 "): ", t->base, t->base + t->size);
	if (total)
		fprintf(f, "PAMT [0x%" PRIx64 ", 0x%" PRIx64 ") %" PRIu64 " KB on node %u",
			lo, hi, total / 1024, t->pamt_node);
	else
		fprintf(f, "no PAMT");
	fprintf(f, ", %u reserved area%s\n", t->n_rsvd, t->n_rsvd == 1 ? "" : "s");
	for (uint32_t j = 0; j < t->n_rsvd; j++) {
		const struct tdxboot_handoff_range *r = handoff_tdmr_rsvd(v, t, j);

		fprintf(f, "  reserved [0x%" PRIx64 ", 0x%" PRIx64 ")\n", t->base + r->base,
			t->base + r->base + r->size);
	}
}

static void text_memory(FILE *f, const struct handoff_view *v)
{
	const struct tdxboot_handoff_memory *m = handoff_memory(v);

	for (uint32_t i = 0; i < handoff_count(v, TDXBOOT_SEC_CMRS); i++)
		fprintf(f, "CMR [0x%" PRIx64 ", 0x%" PRIx64 ")\n", handoff_cmr(v, i)->base,
			handoff_cmr(v, i)->base + handoff_cmr(v, i)->size);
	for (uint32_t i = 0; i < handoff_count(v, TDXBOOT_SEC_TDMRS); i++)
		text_tdmr(f, v, i);
	if (m) {
		fprintf(f, "%" PRIu64 " KB allocated for PAMT\n", m->pamt_bytes / 1024);
		fprintf(f, "TDX memory: %" PRIu64 " MB\n", m->tdx_memory_bytes >> 20);
	}
	for (uint32_t i = 0; i < handoff_count(v, TDXBOOT_SEC_PAMT_NODES); i++)
		fprintf(f, "  node %u: %" PRIu64 " KB of PAMT\n", handoff_pamt_node(v, i)->node,
			handoff_pamt_node(v, i)->bytes / 1024);
	for (uint32_t i = 0; i < handoff_count(v, TDXBOOT_SEC_EXCLUDED); i++)
		fprintf(f, "excluded [0x%" PRIx64 ", 0x%" PRIx64 ")\n", handoff_excluded(v, i)->base,
			handoff_excluded(v, i)->base + handoff_excluded(v, i)->size);
	if (m && (m->excluded_noncmr_bytes || m->excluded_coalesce_bytes))
		fprintf(f, "  %" PRIu64 " KB outside CMRs, %" PRIu64 " KB given up to save reserved areas\n",
			m->excluded_noncmr_bytes / 1024, m->excluded_coalesce_bytes / 1024);
}

static const char *phase_name(uint32_t phase)
{
	return phase == TDXBOOT_PHASE_TOTAL ? "total" : handoff_step_name(phase);
}

static void text_timings(FILE *f, const struct handoff_view *v)
{
	uint32_t n = handoff_count(v, TDXBOOT_SEC_TIMINGS);

	if (!n)
		return;
	fprintf(f, "timings:");
	for (uint32_t i = 0; i < n; i++) {
		const struct tdxboot_handoff_timing *t = handoff_timing(v, i);

		fprintf(f, "%s %s %" PRIu64 ".%03" PRIu64 " ms", i ? "," : "", phase_name(t->phase),
			t->usec / 1000, t->usec % 1000);
	}
	fputc('\n', f);
}

/* 1.1: the MSRs the module sampled, as every CPU held them. */
static void text_msrs(FILE *f, const struct handoff_view *v)
{
	for (uint32_t i = 0; i < handoff_count(v, TDXBOOT_SEC_MSRS); i++) {
		const struct tdxboot_handoff_msr *m = handoff_msr(v, i);

		if (m->flags & TDXBOOT_MSR_PRESENT)
			fprintf(f, "msr 0x%x: 0x%" PRIx64 " on every CPU\n", m->index, m->value);
		else
			fprintf(f, "msr 0x%x: not read, or not the same on every CPU\n", m->index);
	}
}

/* 1.1: why the PAMTs stay reserved, and on which CPUs. */
static void text_quarantine(FILE *f, const struct handoff_view *v)
{
	const struct tdxboot_handoff_quarantine *q = handoff_quarantine(v);

	if (!q)
		return;
	fprintf(f, "quarantine: %s at step %s, %" PRIu64 " KB of PAMT kept reserved; CPUs:",
		handoff_quarantine_reason_name(q->reason), handoff_step_name(q->step),
		q->bytes / 1024);
	for (uint32_t i = 0; i < handoff_count(v, TDXBOOT_SEC_LPS); i++)
		if (handoff_lp(v, i)->flags & TDXBOOT_LP_UNCONFIRMED)
			fprintf(f, " %u", i);
	fputc('\n', f);
}

static void text_released(FILE *f, const struct handoff_view *v)
{
	uint32_t n = handoff_count(v, TDXBOOT_SEC_RELEASED);
	uint64_t bytes = 0;

	if (!n)
		return;
	for (uint32_t i = 0; i < n; i++)
		bytes += handoff_released(v, i)->size;
	fprintf(f, "released: %u PAMT ranges, %" PRIu64 " KB given back to the OS:", n, bytes / 1024);
	for (uint32_t i = 0; i < n; i++) {
		const struct tdxboot_handoff_range *r = handoff_released(v, i);

		fprintf(f, " [0x%" PRIx64 ", 0x%" PRIx64 ")", r->base, r->base + r->size);
	}
	fputc('\n', f);
}

void inspect_report_text(FILE *f, const struct handoff_view *v,
			 const struct inspect_found *found)
{
	text_source(f, v, found);
	text_status(f, handoff_status(v));
	if (handoff_module(v))
		text_module(f, handoff_module(v));
	text_platform(f, v);
	text_memory(f, v);
	text_msrs(f, v);
	text_quarantine(f, v);
	text_released(f, v);
	text_timings(f, v);
}
