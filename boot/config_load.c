/* SPDX-License-Identifier: MIT */
#include "boot/config_load.h"

#include "boot/console.h"
#include "boot/efi_util.h"

#define OPTIONS_MAX 4096

static void config_print_errors(const struct config_errors *errs)
{
	unsigned shown = errs->count < CONFIG_MAX_ERRORS ? errs->count : CONFIG_MAX_ERRORS;

	for (unsigned i = 0; i < shown; i++)
		con_log(CON_ERROR, "%s\n", errs->err[i].msg);
	if (errs->count > shown)
		con_log(CON_ERROR, "%u more configuration errors not shown\n",
			errs->count - shown);
	if (errs->count)
		con_log(CON_ERROR, "the lines above were ignored; the rest of the configuration applies\n");
}

/* LoadOptions are UCS-2; keys and values are ASCII. */
static size_t options_ascii(const EFI_LOADED_IMAGE_PROTOCOL *img, char *out, size_t cap)
{
	const CHAR16 *w = img->LoadOptions;
	size_t n = img->LoadOptionsSize / sizeof(CHAR16), len = 0;

	for (size_t i = 0; w && i < n && w[i] && len + 1 < cap; i++)
		out[len++] = w[i] < 0x80 ? (char)w[i] : '?';
	out[len] = '\0';
	return len;
}

static void config_apply_console(const struct tb_config *cfg)
{
	static const enum con_serial_mode serial[] = {
		[CONFIG_SERIAL_AUTO] = CON_SERIAL_AUTO,
		[CONFIG_SERIAL_ON] = CON_SERIAL_ON,
		[CONFIG_SERIAL_OFF] = CON_SERIAL_OFF,
	};
	con_configure(serial[cfg->serial], (enum con_level)cfg->log_level);
}

void config_load(struct file_ctx *files, struct tb_config *cfg)
{
	static char opts[OPTIONS_MAX];
	struct config_errors errs = { 0 };
	struct boot_file f;
	struct tb_err err;
	char path[256];

	config_defaults(cfg);
	tb_err_clear(&err);
	if (!files->image) {
		con_log(CON_WARN, "no loaded image; using the default configuration\n");
		return;
	}
	tb_status st = file_read(files, CONFIG_FILE_NAME, &f, &err);
	if (st == TB_OK) {
		con_printf("config: %s\n", file_path_ascii(f.path, path, sizeof(path)));
		config_parse_file(cfg, f.data, f.size, CONFIG_FILE_NAME, &errs);
		file_free(files, &f);
	} else if (st == TB_ENOTFOUND) {
		con_printf("config: %s; using defaults\n", err.msg);
	} else {
		con_log(CON_WARN, "%s; using defaults\n", err.msg);
	}
	size_t n = options_ascii(files->image, opts, sizeof(opts));
	if (n) {
		con_log(CON_DEBUG, "load options: %s\n", opts);
		config_parse_options(cfg, opts, n, &errs);
	}
	config_print_errors(&errs);
	config_apply_console(cfg);
}
