/* SPDX-License-Identifier: MIT */
/*
 * tdxboot-config: checks a tdxboot.conf (and a boot entry's load options)
 * before a reboot, with the parser the EFI application is built from
 * (core/config.c), so every message is the one tdxboot would print.
 *
 *   tdxboot-config check FILE [LOAD-OPTIONS]
 *   tdxboot-config keys          the key table, one "key<TAB>values" a line
 *   tdxboot-config --version
 *
 * Exit status of check: 0 no error; 1 errors (those lines are ignored, the
 * rest applies); 2 usage, or FILE cannot be read; 3 the line choosing the
 * next image was rejected, so tdxboot would return to the firmware's boot
 * manager without starting anything.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "lib/version.h"

enum { EXIT_CLEAN = 0, EXIT_ERRORS = 1, EXIT_USAGE = 2, EXIT_NEXT_REJECTED = 3 };

#define FILE_MAX (1u << 20)

static void usage(FILE *f)
{
	fputs("usage: tdxboot-config check FILE [LOAD-OPTIONS]\n"
	      "       tdxboot-config keys\n"
	      "       tdxboot-config --version\n"
	      "\n"
	      "check    parse FILE as tdxboot.conf, then LOAD-OPTIONS (one argument, the\n"
	      "         boot entry's optional data as efibootmgr --unicode sets it), print\n"
	      "         every error as tdxboot would and what tdxboot would start next\n"
	      "keys     every configuration key and its values, one per line\n"
	      "\n"
	      "exit status of check: 0 no error, 1 errors (those lines are ignored),\n"
	      "2 usage or unreadable FILE, 3 the line choosing the next image was rejected\n"
	      "(tdxboot would return to the firmware's boot manager)\n", f);
}

/* The same words as the EFI console's error prefix (boot/console.c). */
static void report(void *ctx, const char *msg)
{
	fprintf(stderr, "error: %s\n", msg);
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;

	if (!f) {
		fprintf(stderr, "tdxboot-config: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	buf = malloc(FILE_MAX + 1);
	if (!buf) {
		fclose(f);
		fprintf(stderr, "tdxboot-config: out of memory\n");
		return NULL;
	}
	*len = fread(buf, 1, FILE_MAX + 1, f);
	if (ferror(f) || *len > FILE_MAX) {
		fprintf(stderr, "tdxboot-config: %s: %s\n", path,
			ferror(f) ? strerror(errno) : "larger than 1 MiB; is this tdxboot.conf?");
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	return buf;
}

/* What tdxboot would start after its report (boot/main.c step_hand_off). */
static void print_next(const struct tb_config *c, const struct config_errors *errs)
{
	if (errs->next_rejected)
		printf("next image: none; tdxboot returns to the firmware's boot manager\n");
	else if (strcmp(c->kernel, CONFIG_KERNEL_BLS) == 0)
		printf("next image: the Boot Loader Specification entry '%s' "
		       "(\\loader\\entries\\*.conf)\n", c->bls);
	else if (c->kernel[0])
		printf("next image: %s with %u initrd%s, command line '%s'\n", c->kernel,
		       c->n_initrd, c->n_initrd == 1 ? "" : "s", c->options);
	else if (c->next == CONFIG_NEXT_ENTRY)
		printf("next image: boot entry Boot%04X\n", c->next_entry);
	else if (c->next == CONFIG_NEXT_POWEROFF)
		printf("next image: none; tdxboot powers off after its report\n");
	else
		printf("next image: the boot entry after tdxboot's own in BootOrder\n");
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static int cmd_check(const char *path, const char *options)
{
	struct config_errors errs = { 0, 0, report, NULL };
	struct tb_config cfg;
	size_t len;
	char *text = read_file(path, &len);

	if (!text)
		return EXIT_USAGE;
	config_defaults(&cfg);
	config_parse_file(&cfg, text, len, base_name(path), &errs);
	free(text);
	if (options)
		config_parse_options(&cfg, options, strlen(options), &errs);
	print_next(&cfg, &errs);
	if (errs.next_rejected) {
		fprintf(stderr, "tdxboot-config: the line choosing the next image was rejected: "
				"tdxboot would return to the firmware's boot manager\n");
		return EXIT_NEXT_REJECTED;
	}
	if (errs.count) {
		fprintf(stderr, "tdxboot-config: %u error%s: those lines are ignored, the rest "
				"applies\n", errs.count, errs.count == 1 ? "" : "s");
		return EXIT_ERRORS;
	}
	return EXIT_CLEAN;
}

static int cmd_keys(void)
{
	char values[256];
	const char *name;

	for (unsigned i = 0; (name = config_key_name(i)); i++)
		printf("%s\t%s\n", name, config_key_values(i, values, sizeof(values)));
	return EXIT_CLEAN;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--version") == 0) {
		printf("tdxboot-config %s (%s)\n", tdxboot_version, tdxboot_gitrev);
		return EXIT_CLEAN;
	}
	if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		usage(stdout);
		return EXIT_CLEAN;
	}
	if (argc == 2 && strcmp(argv[1], "keys") == 0)
		return cmd_keys();
	if ((argc == 3 || argc == 4) && strcmp(argv[1], "check") == 0)
		return cmd_check(argv[2], argc == 4 ? argv[3] : NULL);
	usage(stderr);
	return EXIT_USAGE;
}
