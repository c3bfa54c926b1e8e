/* SPDX-License-Identifier: MIT */
/*
 * tdxboot-inspect [--json | --prometheus] [--quiet] [--dump FILE] [--check-iomem [FILE]]
 *                 [--file PATH | --phys ADDR] [--sysfs ROOT] [--mem FILE]
 *
 * Finds tdxboot's handoff table (default: /sys/firmware/efi/config_table,
 * /sys/kernel/boot_params and /dev/mem, as root), validates it with
 * lib/handoff and prints it.  Exit 0: valid, TDX module initialized;
 * 1: valid, but tdxboot failed, rolled back or skipped; 2: no table, or
 * unreadable, or invalid; 3: usage.  (docs/handoff.md §7)
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "lib/version.h"
#include "tools/tdxboot-inspect/inspect.h"

struct options {
	struct inspect_source src;
	bool json;
	bool prometheus;
	bool quiet;
	const char *dump;
	const char *iomem;   /* --check-iomem [FILE] */
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: tdxboot-inspect [--json | --prometheus] [--quiet] [--dump FILE]\n"
		"                       [--check-iomem [FILE]]\n"
		"                       [--file PATH | --phys ADDR] [--sysfs ROOT] [--mem FILE]\n"
		"  (default) find the table through ROOT/firmware/efi/config_table (ROOT=/sys)\n"
		"            and read it from FILE (/dev/mem)\n"
		"  --file    read a dumped table instead\n"
		"  --phys    read the table at this physical address\n"
		"  --json    the table as JSON\n"
		"  --prometheus  metrics in node_exporter's textfile format\n"
		"  --quiet   no report, only the exit status\n"
		"  --dump    also write the raw table to FILE\n"
		"  --check-iomem [FILE]  check PAMTs and System RAM in /proc/iomem (or FILE)\n"
		"            against the table: exit 4 when they disagree\n"
		"  --version print the version\n"
		"exit: 0 TDX initialized, 1 tdxboot failed/skipped, 2 no valid table, 3 usage\n");
}

static int parse_u64(const char *s, uint64_t *out)
{
	char *end;

	errno = 0;
	*out = strtoull(s, &end, 0);
	return errno || end == s || *end ? -1 : 0;
}

static int parse_args(int argc, char **argv, struct options *o)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--json")) {
			o->json = true;
		} else if (!strcmp(a, "--prometheus")) {
			o->prometheus = true;
		} else if (!strcmp(a, "--version")) {
			printf("tdxboot-inspect %s (%s)\n", tdxboot_version, tdxboot_gitrev);
			exit(0);
		} else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
			o->quiet = true;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			exit(0);
		} else if (val && !strcmp(a, "--file")) {
			o->src.file = argv[++i];
		} else if (!strcmp(a, "--check-iomem")) {
			o->iomem = val && val[0] != '-' ? argv[++i] : "/proc/iomem";
		} else if (val && !strcmp(a, "--dump")) {
			o->dump = argv[++i];
		} else if (val && !strcmp(a, "--sysfs")) {
			o->src.sysfs = argv[++i];
		} else if (val && !strcmp(a, "--mem")) {
			o->src.mem = argv[++i];
		} else if (val && !strcmp(a, "--phys")) {
			if (parse_u64(argv[++i], &o->src.phys))
				return -1;
			o->src.have_phys = true;
		} else {
			return -1;
		}
	}
	return (o->src.file && o->src.have_phys) || (o->json && o->prometheus) ? -1 : 0;
}

static int write_dump(const char *path, const void *buf, size_t len)
{
	FILE *f = fopen(path, "wb");
	int ok = f && fwrite(buf, 1, len, f) == len;

	if (f && fclose(f))
		ok = 0;
	if (!ok)
		fprintf(stderr, "tdxboot-inspect: %s: %s\n", path, strerror(errno));
	return ok ? 0 : -1;
}

static int report_invalid(const struct options *o, enum handoff_error e,
			  const struct handoff_view *v)
{
	char what[160], where[64] = "";

	if (v->bad_section != HANDOFF_NO_INDEX && v->bad_entry != HANDOFF_NO_INDEX)
		snprintf(where, sizeof(where), " (directory entry %u, entry %u)",
			 v->bad_section, v->bad_entry);
	else if (v->bad_section != HANDOFF_NO_INDEX)
		snprintf(where, sizeof(where), " (directory entry %u)", v->bad_section);
	snprintf(what, sizeof(what), "invalid handoff table: %s%s", handoff_strerror(e), where);
	if (o->json)
		inspect_report_json_error(stdout, what, v);
	else if (o->prometheus)
		inspect_report_prometheus_error(stdout);
	if (!o->quiet)
		fprintf(stderr, "tdxboot-inspect: %s\n", what);
	return INSPECT_EXIT_INVALID;
}

int main(int argc, char **argv)
{
	struct options o = { 0 };
	struct inspect_found found;
	struct handoff_view v;
	enum handoff_error e;
	char msg[512] = "";
	size_t len = 0;
	void *buf;
	int rc;

	if (parse_args(argc, argv, &o)) {
		usage(stderr);
		return INSPECT_EXIT_USAGE;
	}
	buf = inspect_locate(&o.src, &len, &found, msg, sizeof(msg));
	if (!buf) {
		if (o.json)
			inspect_report_json_error(stdout, msg, NULL);
		else if (o.prometheus)
			inspect_report_prometheus_error(stdout);
		if (!o.quiet)
			fprintf(stderr, "tdxboot-inspect: %s\n", msg);
		return INSPECT_EXIT_INVALID;
	}
	if (o.dump && write_dump(o.dump, buf, len)) {
		free(buf);
		return INSPECT_EXIT_INVALID;
	}
	e = handoff_validate(buf, len, &v);
	if (e != HANDOFF_OK) {
		rc = report_invalid(&o, e, &v);
	} else {
		if (o.json)
			inspect_report_json(stdout, &v, &found);
		else if (o.prometheus)
			inspect_report_prometheus(stdout, &v);
		else if (!o.quiet)
			inspect_report_text(stdout, &v, &found);
		rc = handoff_module_ready(&v) ? INSPECT_EXIT_READY : INSPECT_EXIT_NOTREADY;
		if (o.iomem && rc == INSPECT_EXIT_READY &&
		    inspect_check_iomem(stdout, &v, o.iomem, false))
			rc = INSPECT_EXIT_IOMEM;
		/* Quarantined PAMTs must stay out of the OS's RAM too. */
		if (o.iomem && handoff_quarantine(&v) &&
		    inspect_check_iomem(stdout, &v, o.iomem, true))
			rc = INSPECT_EXIT_IOMEM;
		/* Released ones (1.2 rollback) must be the OS's RAM again. */
		if (o.iomem && handoff_count(&v, TDXBOOT_SEC_RELEASED) &&
		    inspect_check_released(stdout, &v, o.iomem))
			rc = INSPECT_EXIT_IOMEM;
	}
	free(buf);
	return rc;
}
