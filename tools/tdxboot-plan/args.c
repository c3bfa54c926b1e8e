/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "tools/tdxboot-plan/tool.h"

void tool_print_usage(FILE *f)
{
	fputs("usage: tdxboot-plan [--json] [--svg FILE] [options] [LOG|-]\n"
	      "Plans TDMRs, reserved areas and PAMTs for the machine a Linux boot\n"
	      "log describes (dmesg or journalctl -k; '-' or nothing: stdin).\n"
	      "  --json               the plan as JSON on stdout\n"
	      "  --svg FILE           draw memory, CMRs, TDMRs, reserved areas, PAMTs\n"
	      "  --max-tdmrs N        MAX_TDMRS (log's '# limits:', else 64)\n"
	      "  --max-rsvd N         MAX_RESERVED_PER_TDMR (else 16)\n"
	      "  --pamt-entry N       all three PAMT entry sizes in bytes (else 16)\n"
	      "  --pamt-4k N, --pamt-2m N, --pamt-1g N   one PAMT entry size\n"
	      "  --dpamt              Dynamic PAMT: the 4K level is a bitmap\n"
	      "  --dpamt-bits N       DPAMT bitmap bits per 4K page (else 1)\n"
	      "  --noncmr=fail|exclude  RAM outside CMRs: no plan (default), or\n"
	      "                       give that RAM up\n"
	      "  --coalesce           may give up small RAM islands to save\n"
	      "                       reserved areas\n"
	      "  --parallel-lps N     split TDMRs so TDMR.INIT spreads over N LPs\n"
	      "                       (else 0: no split)\n"
	      "  --version            print the version\n"
	      "exit status: 0 plan, 1 no plan, 2 bad input or usage\n", f);
}

struct num_opt {
	const char *name;
	long long min, max;
	size_t offset;
};

#define OPT_AT(field) offsetof(struct tool_opts, field)

static const struct num_opt num_opts[] = {
	{ "--max-tdmrs", 1, PLAN_TDMR_CAP, OPT_AT(max_tdmrs) },
	{ "--max-rsvd", 1, PLAN_RSVD_CAP, OPT_AT(max_rsvd) },
	{ "--pamt-4k", 1, 4096, OPT_AT(pamt_entry[0]) },
	{ "--pamt-2m", 1, 4096, OPT_AT(pamt_entry[1]) },
	{ "--pamt-1g", 1, 4096, OPT_AT(pamt_entry[2]) },
	{ "--dpamt-bits", 1, 64, OPT_AT(dpamt_bits) },
	{ "--parallel-lps", 0, 65536, OPT_AT(parallel_lps) },
};

/* "--name=V" or "--name V": the value, or NULL if arg is another option. */
static const char *opt_value(const char *name, int argc, char **argv, int *i)
{
	size_t n = strlen(name);
	const char *a = argv[*i];

	if (strncmp(a, name, n) != 0)
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n] != '\0')
		return NULL;
	if (*i + 1 >= argc)
		return "";
	return argv[++*i];
}

static bool num_parse(const char *s, long long min, long long max, long long *v)
{
	char *end;
	long long x;

	if (!*s)
		return false;
	x = strtoll(s, &end, 0);
	if (*end || x < min || x > max)
		return false;
	*v = x;
	return true;
}

static int args_take_number(int argc, char **argv, int *i,
			    struct tool_opts *o, char *msg, size_t msg_size)
{
	for (size_t k = 0; k < sizeof(num_opts) / sizeof(num_opts[0]); k++) {
		const struct num_opt *no = &num_opts[k];
		const char *v = opt_value(no->name, argc, argv, i);

		if (!v)
			continue;
		if (!num_parse(v, no->min, no->max,
			       (long long *)((char *)o + no->offset))) {
			snprintf(msg, msg_size, "%s wants a number from %lld to %lld",
				 no->name, no->min, no->max);
			return -1;
		}
		return 1;
	}
	return 0;
}

static void opts_init(struct tool_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->max_tdmrs = o->max_rsvd = o->dpamt = o->dpamt_bits = TOOL_UNSET;
	o->noncmr = o->coalesce = o->parallel_lps = TOOL_UNSET;
	for (int l = 0; l < 3; l++)
		o->pamt_entry[l] = TOOL_UNSET;
}

static int args_take_flag(int argc, char **argv, int *i, struct tool_opts *o,
			  char *msg, size_t msg_size)
{
	const char *a = argv[*i], *v;
	long long n;

	if (!strcmp(a, "--json"))
		o->json = true;
	else if (!strcmp(a, "--dpamt"))
		o->dpamt = 1;
	else if (!strcmp(a, "--coalesce"))
		o->coalesce = 1;
	else if ((v = opt_value("--svg", argc, argv, i))) {
		if (!*v) {
			snprintf(msg, msg_size, "--svg wants a file name");
			return -1;
		}
		o->svg_path = v;
	} else if ((v = opt_value("--pamt-entry", argc, argv, i))) {
		if (!num_parse(v, 1, 4096, &n)) {
			snprintf(msg, msg_size, "--pamt-entry wants a number from 1 to 4096");
			return -1;
		}
		o->pamt_entry[0] = o->pamt_entry[1] = o->pamt_entry[2] = n;
	} else if ((v = opt_value("--noncmr", argc, argv, i))) {
		if (strcmp(v, "fail") && strcmp(v, "exclude")) {
			snprintf(msg, msg_size, "--noncmr wants 'fail' or 'exclude'");
			return -1;
		}
		o->noncmr = strcmp(v, "fail") ? PLAN_NONCMR_EXCLUDE : PLAN_NONCMR_FAIL;
	} else
		return 0;
	return 1;
}

bool tool_parse_args(int argc, char **argv, struct tool_opts *o, char *msg,
		     size_t msg_size)
{
	opts_init(o);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int r = args_take_flag(argc, argv, &i, o, msg, msg_size);

		if (!r)
			r = args_take_number(argc, argv, &i, o, msg, msg_size);
		if (r < 0)
			return false;
		if (r > 0)
			continue;
		if (a[0] == '-' && a[1] != '\0') {
			snprintf(msg, msg_size, "unknown option '%s' (see --help)", a);
			return false;
		}
		if (o->input) {
			snprintf(msg, msg_size, "one log at a time: '%s' and '%s'",
				 o->input, a);
			return false;
		}
		o->input = a;
	}
	return true;
}

void tool_apply_overrides(const struct tool_opts *o, struct plan_input *in)
{
	struct plan_limits *lim = &in->limits;

	if (o->max_tdmrs != TOOL_UNSET)
		lim->max_tdmrs = (uint32_t)o->max_tdmrs;
	if (o->max_rsvd != TOOL_UNSET)
		lim->max_rsvd_per_tdmr = (uint32_t)o->max_rsvd;
	for (int l = 0; l < 3; l++)
		if (o->pamt_entry[l] != TOOL_UNSET)
			lim->pamt_entry_size[l] = (uint32_t)o->pamt_entry[l];
	if (o->dpamt != TOOL_UNSET)
		lim->dpamt = o->dpamt != 0;
	if (o->dpamt_bits != TOOL_UNSET)
		lim->dpamt_bits_per_4k = (uint32_t)o->dpamt_bits;
	if (o->noncmr != TOOL_UNSET)
		in->policy.noncmr = (uint32_t)o->noncmr;
	if (o->coalesce != TOOL_UNSET)
		in->policy.coalesce = o->coalesce != 0;
	if (o->parallel_lps != TOOL_UNSET)
		in->policy.parallel_lps = (uint32_t)o->parallel_lps;
}
