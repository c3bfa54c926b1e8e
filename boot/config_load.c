/* SPDX-License-Identifier: MIT */
#include "boot/config_load.h"

#include "boot/console.h"
#include "boot/efi_util.h"

#define OPTIONS_MAX 4096

/* Every error, as the parser finds it: none is held back. */
static void config_report(void *ctx, const char *msg)
{
	con_log(CON_ERROR, "%s\n", msg);
}

static void config_summarize(const struct config_errors *errs)
{
	if (errs->count)
		con_log(CON_ERROR, "%u configuration error%s: the lines above were ignored; the "
				   "rest of the configuration applies\n",
			errs->count, errs->count == 1 ? "" : "s");
	if (errs->next_rejected)
		con_log(CON_ERROR, "the line choosing the next image was rejected: tdxboot will "
				   "not guess one and returns to the firmware's boot manager\n");
}

/* LoadOptions are UCS-2; keys and values are ASCII.  A BOM (U+FEFF) is skipped. */
static size_t options_ascii(const EFI_LOADED_IMAGE_PROTOCOL *img, char *out, size_t cap)
{
	const CHAR16 *w = img->LoadOptions;
	size_t n = img->LoadOptionsSize / sizeof(CHAR16), len = 0;

	for (size_t i = 0; w && i < n && w[i] && len + 1 < cap; i++)
		if (w[i] != 0xfeff)
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

bool config_load(struct file_ctx *files, struct tb_config *cfg)
{
	static char opts[OPTIONS_MAX];
	struct config_errors errs = { 0, 0, config_report, NULL };
	struct boot_file f;
	struct tb_err err;
	char path[256];

	config_defaults(cfg);
	tb_err_clear(&err);
	if (!files->image) {
		con_log(CON_WARN, "no loaded image; using the default configuration\n");
		return true;
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
	config_summarize(&errs);
	config_apply_console(cfg);
	return errs.next_rejected == 0;
}
