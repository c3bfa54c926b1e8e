/* SPDX-License-Identifier: MIT */
/*
 * --prometheus: the table as Prometheus text exposition format 0.0.4, the
 * format node_exporter's textfile collector reads (*.prom files): every
 * family once, with HELP and TYPE before its samples, label values escaped
 * (\\, \", \n), one sample per label set.  Every metric is a gauge: these
 * are facts about this boot, not counters.
 *
 * tdxboot_table_valid is always written, so "no table" (an OS booted
 * without tdxboot, or a broken table) is a value an alert can match rather
 * than a missing series.
 */
#include <inttypes.h>

#include "core/status.h"
#include "lib/tdx_abi.h"
#include "tools/tdxboot-inspect/inspect.h"

static void prom_family(FILE *f, const char *name, const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name);
}

/* A label value: backslash, double quote and newline escaped. */
static void prom_label(FILE *f, const char *name, const char *value, bool first)
{
	fprintf(f, "%s%s=\"", first ? "" : ",", name);
	for (; *value; value++) {
		if (*value == '\\' || *value == '"')
			fprintf(f, "\\%c", *value);
		else if (*value == '\n')
			fputs("\\n", f);
		else
			fputc(*value, f);
	}
	fputc('"', f);
}

static void prom_status(FILE *f, const struct handoff_view *v)
{
	const struct tdxboot_handoff_status *st = handoff_status(v);
	char buf[32];

	prom_family(f, "tdxboot_module_ready",
		    "1 when tdxboot left an initialized TDX module for this boot.");
	fprintf(f, "tdxboot_module_ready %d\n", handoff_module_ready(v) ? 1 : 0);
	prom_family(f, "tdxboot_status",
		    "The outcome of tdxboot's TDX initialization (value 1), with the step it ended at.");
	fputs("tdxboot_status{", f);
	prom_label(f, "outcome", handoff_outcome_name(st->outcome), true);
	prom_label(f, "step", handoff_step_name(st->step), false);
	prom_label(f, "module_state", handoff_module_state_name(st->module_state), false);
	prom_label(f, "emulated", st->flags & TDXBOOT_STATUS_EMULATED ? "1" : "0", false);
	fputs("} 1\n", f);
	if (st->outcome == TDXBOOT_OUTCOME_SUCCESS)
		return;
	prom_family(f, "tdxboot_failure_info",
		    "Why tdxboot did not initialize TDX: the step, the SEAMCALL status and its name, the CPU, the message.");
	fputs("tdxboot_failure_info{", f);
	prom_label(f, "step", handoff_step_name(st->step), true);
	snprintf(buf, sizeof(buf), "0x%016" PRIx64, st->seamcall_status);
	prom_label(f, "seamcall_status", buf, false);
	prom_label(f, "seamcall_status_name",
		   st->seamcall_status ? tdx_status_name(st->seamcall_status) : "", false);
	prom_label(f, "error", st->error ? tb_status_name((tb_status)st->error) : "", false);
	if (st->lp_index == TDXBOOT_LP_NONE)
		buf[0] = '\0';
	else
		snprintf(buf, sizeof(buf), "%u", st->lp_index);
	prom_label(f, "lp", buf, false);
	prom_label(f, "message", st->message, false);
	fputs("} 1\n", f);
}

static void prom_module(FILE *f, const struct tdxboot_handoff_module *m)
{
	char ver[48], date[16], build[16];

	if (!m || !(m->flags & TDXBOOT_MODULE_VALID))
		return;
	snprintf(ver, sizeof(ver), "%u.%u.%02u.%02u", m->major_version, m->minor_version,
		 m->update_version, m->internal_version);
	snprintf(date, sizeof(date), "%u", m->build_date);
	snprintf(build, sizeof(build), "%u", m->build_num);
	prom_family(f, "tdxboot_module_info", "The TDX module's version (value 1).");
	fputs("tdxboot_module_info{", f);
	prom_label(f, "version", ver, true);
	prom_label(f, "build_date", date, false);
	prom_label(f, "build_num", build, false);
	prom_label(f, "installed_by_tdxboot", m->flags & TDXBOOT_MODULE_INSTALLED ? "1" : "0",
		   false);
	fputs("} 1\n", f);
}

static void prom_memory(FILE *f, const struct handoff_view *v)
{
	const struct tdxboot_handoff_memory *m = handoff_memory(v);

	prom_family(f, "tdxboot_tdmrs", "TDMRs configured in the TDX module.");
	fprintf(f, "tdxboot_tdmrs %u\n", handoff_count(v, TDXBOOT_SEC_TDMRS));
	if (!m)
		return;
	prom_family(f, "tdxboot_pamt_bytes", "Memory reserved for PAMTs, in bytes.");
	fprintf(f, "tdxboot_pamt_bytes %" PRIu64 "\n", m->pamt_bytes);
	prom_family(f, "tdxboot_tdx_memory_bytes", "Memory covered by TDMRs (TDX memory), in bytes.");
	fprintf(f, "tdxboot_tdx_memory_bytes %" PRIu64 "\n", m->tdx_memory_bytes);
}

/* Whether an earlier entry timed the same phase: a series is written once. */
static bool prom_timing_seen(const struct handoff_view *v, uint32_t i)
{
	for (uint32_t j = 0; j < i; j++)
		if (handoff_timing(v, j)->phase == handoff_timing(v, i)->phase)
			return true;
	return false;
}

static void prom_timings(FILE *f, const struct handoff_view *v)
{
	uint32_t n = handoff_count(v, TDXBOOT_SEC_TIMINGS);
	bool have_phase = false;

	for (uint32_t i = 0; i < n; i++)
		if (handoff_timing(v, i)->phase != TDXBOOT_PHASE_TOTAL)
			have_phase = true;
	if (have_phase) {
		prom_family(f, "tdxboot_phase_seconds", "Time tdxboot spent in each initialization phase.");
		for (uint32_t i = 0; i < n; i++) {
			const struct tdxboot_handoff_timing *t = handoff_timing(v, i);

			if (t->phase == TDXBOOT_PHASE_TOTAL || prom_timing_seen(v, i))
				continue;
			fputs("tdxboot_phase_seconds{", f);
			prom_label(f, "phase", handoff_step_name(t->phase), true);
			fprintf(f, "} %" PRIu64 ".%06" PRIu64 "\n", t->usec / 1000000, t->usec % 1000000);
		}
	}
	for (uint32_t i = 0; i < n; i++) {
		const struct tdxboot_handoff_timing *t = handoff_timing(v, i);

		if (t->phase != TDXBOOT_PHASE_TOTAL)
			continue;
		prom_family(f, "tdxboot_init_seconds", "Time tdxboot spent on TDX in total.");
		fprintf(f, "tdxboot_init_seconds %" PRIu64 ".%06" PRIu64 "\n", t->usec / 1000000,
			t->usec % 1000000);
		break;
	}
}

static void prom_valid(FILE *f, int valid, const char *version)
{
	prom_family(f, "tdxboot_table_valid",
		    "1 when tdxboot's handoff table was found and is valid; 0: none, unreadable or invalid.");
	if (version) {
		fputs("tdxboot_table_valid{", f);
		prom_label(f, "version", version, true);
		fprintf(f, "} %d\n", valid);
	} else {
		fprintf(f, "tdxboot_table_valid %d\n", valid);
	}
}

void inspect_report_prometheus(FILE *f, const struct handoff_view *v)
{
	char version[16];

	snprintf(version, sizeof(version), "%u.%u", TDXBOOT_HANDOFF_MAJOR(v->version),
		 TDXBOOT_HANDOFF_MINOR(v->version));
	prom_valid(f, 1, version);
	prom_status(f, v);
	prom_module(f, handoff_module(v));
	prom_memory(f, v);
	prom_timings(f, v);
}

void inspect_report_prometheus_error(FILE *f)
{
	prom_valid(f, 0, NULL);
}
