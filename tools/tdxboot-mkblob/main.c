/* SPDX-License-Identifier: MIT */
/*
 * tdxboot-mkblob: writes a test TDX-BLOB that the emulated P-SEAMLDR
 * (emu/seamldr.c) loads: a generated module image carrying the emulated
 * module's descriptor, and a sigstruct whose seamhash is its SHA-384
 * (docs/reference/tdx-abi.md §11.6, §11.7).  Not loadable by a real P-SEAMLDR: the
 * sigstruct is "signed" with the emulator's test key (docs/emulator.md).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu/emu.h"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: tdxboot-mkblob [options] -o FILE\n"
		"  --layout 1|2          TDX-BLOB header 0x100 (default) or 0x200\n"
		"  --pages N             module pages, 1..496 (default 4)\n"
		"  --svn 0xMMmm          seamsvn: major in the high byte (default: the profile's)\n"
		"  --version V           module version, one of the emulator's profiles:\n"
		"                        1.0, 1.5.01 (default), 1.5.05, 1.5.16; sets the\n"
		"                        profile's features and seamsvn\n"
		"  --max-tdmrs N         MAX_TDMRS (default 64)\n"
		"  --max-rsvd N          MAX_RESERVED_PER_TDMR (default 16)\n"
		"  --dpamt               module supports Dynamic PAMT\n"
		"  --sys-disable         module has TDH.SYS.DISABLE\n"
		"  --max-vcpus           module has the MAX_VCPUS_PER_TD field (1.5.05+)\n"
		"  --debug               debug-signed sigstruct (needs a debug platform)\n"
		"  --bad-hash            seamhash deliberately wrong (EBADHASH)\n"
		"  --bad-checksum        file checksum deliberately wrong\n");
}

static int parse_u64(const char *s, unsigned long long max, unsigned long long *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return errno || *end || end == s || *v > max ? -1 : 0;
}

/*
 * --version: a profile the emulator runs (emu/profile.c), by name ("1.5.01")
 * or as MAJ.MIN.UPD.  The version goes where the real module has it, in
 * the module binary (here its descriptor, emu/emu.h); the sigstruct
 * carries only the SVN, whose major byte tells a 1.0 module (0) from a 1.5
 * one (docs/reference/tdx-abi.md §11.6, §16.3).
 */
static const struct emu_profile *parse_version(const char *s)
{
	unsigned maj, min, upd;
	char tail;

	for (uint32_t i = 0; i < emu_profile_count(); i++)
		if (!strcmp(emu_profile_at(i)->name, s))
			return emu_profile_at(i);
	if (sscanf(s, "%u.%u.%u%c", &maj, &min, &upd, &tail) != 3 ||
	    maj > 0xFFFF || min > 0xFFFF || upd > 0xFFFF)
		return NULL;
	return emu_profile_find((uint16_t)maj, (uint16_t)min, (uint16_t)upd);
}

/* Options taking a value: 0 parsed, -1 bad value, 1 not such an option. */
static int parse_numeric(const char *opt, const char *arg, struct emu_blob_opts *o)
{
	unsigned long long v;

	if (!strcmp(opt, "--layout")) {
		if (parse_u64(arg, 2, &v) || v < 1)
			return -1;
		o->version = v == 1 ? TDX_BLOB_V1 : TDX_BLOB_V2;
	} else if (!strcmp(opt, "--pages")) {
		if (parse_u64(arg, SEAMLDR_MAX_MODULE_PAGES, &v) || v < 1)
			return -1;
		o->module_pages = (uint32_t)v;
	} else if (!strcmp(opt, "--svn")) {
		if (parse_u64(arg, 0xFFFF, &v))
			return -1;
		o->seamsvn = (uint16_t)v;
	} else if (!strcmp(opt, "--max-tdmrs")) {
		if (parse_u64(arg, 0xFFFF, &v))
			return -1;
		o->desc.max_tdmrs = (uint16_t)v;
	} else if (!strcmp(opt, "--max-rsvd")) {
		if (parse_u64(arg, 0xFFFF, &v))
			return -1;
		o->desc.max_reserved_per_tdmr = (uint16_t)v;
	} else {
		return 1; /* not a numeric option */
	}
	return 0;
}

static int parse_flag(const char *opt, struct emu_blob_opts *o)
{
	if (!strcmp(opt, "--dpamt"))
		o->desc.flags |= EMU_MODFLAG_DPAMT;
	else if (!strcmp(opt, "--sys-disable"))
		o->desc.flags |= EMU_MODFLAG_SYS_DISABLE;
	else if (!strcmp(opt, "--max-vcpus"))
		o->desc.flags |= EMU_MODFLAG_MAX_VCPUS;
	else if (!strcmp(opt, "--debug")) {
		o->debug_signed = true;
		o->desc.flags |= EMU_MODFLAG_DEBUG;
	} else if (!strcmp(opt, "--bad-hash"))
		o->bad_hash = true;
	else if (!strcmp(opt, "--bad-checksum"))
		o->bad_checksum = true;
	else
		return -1;
	return 0;
}

static int write_blob(const char *path, const struct emu_blob_opts *o)
{
	uint64_t size = emu_blob_size(o);
	uint8_t *buf = malloc(size);
	FILE *out;
	int rc = 0;

	if (!buf || emu_blob_build(o, buf, size) != size) {
		fprintf(stderr, "tdxboot-mkblob: cannot build a %llu-byte blob\n",
			(unsigned long long)size);
		free(buf);
		return 1;
	}
	out = fopen(path, "wb");
	if (!out || fwrite(buf, 1, size, out) != size) {
		fprintf(stderr, "tdxboot-mkblob: %s: %s\n", path, strerror(errno));
		rc = 1;
	}
	if (out && fclose(out) != 0 && rc == 0) {
		fprintf(stderr, "tdxboot-mkblob: %s: %s\n", path, strerror(errno));
		rc = 1;
	}
	free(buf);
	return rc;
}

int main(int argc, char **argv)
{
	struct emu_blob_opts o;
	const struct emu_profile *prof = NULL;
	const char *path = NULL;
	bool svn_set = false;

	emu_blob_opts_default(&o);
	for (int i = 1; i < argc; i++) {
		const char *opt = argv[i];
		int r;

		if (!strcmp(opt, "-h") || !strcmp(opt, "--help")) {
			usage(stdout);
			return 0;
		}
		if (!strcmp(opt, "-o") && i + 1 < argc) {
			path = argv[++i];
			continue;
		}
		if (!strcmp(opt, "--version") && i + 1 < argc) {
			char known[64];

			prof = parse_version(argv[++i]);
			if (prof)
				continue;
			emu_profile_list(known, sizeof(known));
			fprintf(stderr, "tdxboot-mkblob: unknown TDX module version '%s': the emulator has profiles for %s\n",
				argv[i], known);
			return 2;
		}
		if (!strcmp(opt, "--svn"))
			svn_set = true;
		r = i + 1 < argc ? parse_numeric(opt, argv[i + 1], &o) : 1;
		if (r == 0) {
			i++;
			continue;
		}
		if (r < 0) {
			fprintf(stderr, "tdxboot-mkblob: bad value '%s' for %s\n", argv[i + 1], opt);
			return 2;
		}
		if (parse_flag(opt, &o) == 0)
			continue;
		fprintf(stderr, "tdxboot-mkblob: unknown option '%s'\n", opt);
		usage(stderr);
		return 2;
	}
	if (prof) {
		uint32_t extra = o.desc.flags;

		emu_profile_apply(prof, &o.desc);
		o.desc.flags |= extra; /* --dpamt etc. on top of the profile */
		if (extra & EMU_MODFLAG_DPAMT)
			o.desc.dpamt_bits_per_entry = 2;
		if (!svn_set)
			o.seamsvn = prof->seamsvn;
	}
	if (!path) {
		fprintf(stderr, "tdxboot-mkblob: missing -o FILE\n");
		usage(stderr);
		return 2;
	}
	return write_blob(path, &o);
}
