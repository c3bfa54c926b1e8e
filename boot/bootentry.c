/* SPDX-License-Identifier: MIT */
#include "boot/bootentry.h"

#include "boot/chainload.h"
#include "boot/console.h"
#include "boot/devpath.h"
#include "boot/efi_util.h"
#include "core/loadopt.h"
#include "lib/fmt.h"
#include "lib/mem.h"

static EFI_GUID global_var_guid = EFI_GLOBAL_VARIABLE;

#define VAR_MAX (64 * 1024)

/* An EFI global variable's bytes, in pool memory; NULL when absent. */
static void *bootentry_read_var(EFI_SYSTEM_TABLE *st, const CHAR16 *name, UINTN *size)
{
	UINTN n = 0;
	void *buf;

	if (st->RuntimeServices->GetVariable((CHAR16 *)name, &global_var_guid, NULL, &n, NULL) !=
		    EFI_BUFFER_TOO_SMALL ||
	    n == 0 || n > VAR_MAX)
		return NULL;
	buf = efi_alloc_zero(st, n);
	if (!buf)
		return NULL;
	if (st->RuntimeServices->GetVariable((CHAR16 *)name, &global_var_guid, NULL, &n, buf) !=
	    EFI_SUCCESS) {
		efi_free(st, buf);
		return NULL;
	}
	*size = n;
	return buf;
}

static void bootentry_var_name(CHAR16 *w, unsigned number)
{
	char a[9];

	fmt_snprintf(a, sizeof(a), "Boot%04X", number & 0xffff);
	for (int i = 0; i < 9; i++)
		w[i] = (CHAR16)a[i];
}

/* The description as ASCII, for messages. */
static void bootentry_describe(const uint8_t *opt, const struct loadopt *lo, unsigned number,
			       char *out, size_t cap)
{
	size_t n = fmt_snprintf(out, cap, "Boot%04X \"", number);

	for (size_t i = 0; i < lo->desc_chars && n + 2 < cap; i++) {
		uint16_t c = (uint16_t)(opt[lo->desc_off + 2 * i] | opt[lo->desc_off + 2 * i + 1] << 8);

		out[n++] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	out[n] = '\0';
	fmt_append(out, cap, "\"");
}

/*
 * Tries option `number`.  TB_ENOTFOUND: passed over (reported); anything
 * else is the outcome of starting it.
 */
static tb_status bootentry_try(EFI_SYSTEM_TABLE *st, EFI_HANDLE self, struct file_ctx *files,
			       unsigned number, int named, struct tb_err *err)
{
	CHAR16 var[9];
	UINTN size = 0;
	uint8_t *opt;
	struct loadopt lo;
	EFI_DEVICE_PATH *dp = NULL;
	char name[128];
	tb_status ts;

	bootentry_var_name(var, number);
	opt = bootentry_read_var(st, var, &size);
	if (!opt) {
		tb_err_set(err, "Boot%04X: no such boot entry (efibootmgr lists them)", number);
		return TB_ENOTFOUND;
	}
	ts = loadopt_parse(opt, size, number, &lo, err);
	if (ts == TB_OK)
		bootentry_describe(opt, &lo, number, name, sizeof(name));
	if (ts == TB_OK && !named && !loadopt_bootable(&lo)) {
		con_printf("next: %s is %s; passed over, as the boot manager does\n", name,
			   lo.attributes & LOADOPT_ACTIVE ? "an application, not a boot entry"
							  : "not active");
		ts = TB_ENOTFOUND;
	} else if (ts == TB_OK) {
		ts = devpath_for_option(st, opt + lo.path_off, lo.path_len, name, &dp, err);
	}
	if (ts == TB_OK && devpath_is_self(st, dp, files->image)) {
		con_printf("next: %s starts tdxboot itself; passed over\n", name);
		efi_free(st, dp);
		ts = TB_ENOTFOUND;
	} else if (ts == TB_OK) {
		con_printf("next: starting %s\n", name);
		ts = chainload_start_path(st, self, files, dp, opt + lo.data_off,
					  (UINT32)lo.data_len, name, err);
	}
	efi_free(st, opt);
	return ts;
}

/* The options after BootCurrent in BootOrder, in turn, until one starts. */
static tb_status bootentry_start_auto(EFI_SYSTEM_TABLE *st, EFI_HANDLE self,
				      struct file_ctx *files, struct tb_err *err)
{
	UINTN order_size = 0, cur_size = 0;
	uint16_t *order = bootentry_read_var(st, L"BootOrder", &order_size);
	uint16_t *cur = bootentry_read_var(st, L"BootCurrent", &cur_size);
	size_t n = order ? order_size / 2 : 0, i;
	tb_status ts = TB_ENOTFOUND;

	if (cur && cur_size == 2)
		con_printf("next: tdxboot is Boot%04X; BootOrder has %u entr%s\n", *cur,
			   (unsigned)n, n == 1 ? "y" : "ies");
	else
		con_printf("next: BootCurrent is not set; looking through all of BootOrder\n");
	i = cur && cur_size == 2 ? loadopt_after(order, n, *cur) : 0;
	for (; i < n; i++) {
		struct tb_err why;

		if (cur && cur_size == 2 && order[i] == *cur)
			continue;
		tb_err_clear(&why);
		ts = bootentry_try(st, self, files, order[i], 0, &why);
		if (ts == TB_OK)
			break;
		/* Passed over, or failed: the boot manager would try the next one. */
		if (why.msg[0])
			con_log(CON_WARN, "%s\n", why.msg);
	}
	if (ts != TB_OK)
		tb_err_set(err, "no boot entry after tdxboot's own in BootOrder could be started");
	efi_free(st, order);
	efi_free(st, cur);
	return ts;
}

tb_status bootentry_start(EFI_SYSTEM_TABLE *st, EFI_HANDLE self, struct file_ctx *files,
			  const struct tb_config *cfg, struct tb_err *err)
{
	if (cfg->next == CONFIG_NEXT_ENTRY)
		return bootentry_try(st, self, files, cfg->next_entry, 1, err);
	return bootentry_start_auto(st, self, files, err);
}
