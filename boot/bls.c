/* SPDX-License-Identifier: MIT */
#include "boot/bls.h"

#include "boot/chainload.h"
#include "boot/console.h"
#include "boot/efi_util.h"
#include "core/bls.h"
#include "lib/fmt.h"
#include "lib/mem.h"

#define BLS_ENTRIES_DIR "\\loader\\entries"
#define BLS_LOADER_CONF "\\loader\\loader.conf"

/* The walk over the entries: the first in menu order, and the first matching. */
struct bls_ctx {
	struct file_ctx *files;
	const char *glob;                /* "" for none */
	struct config_errors errs;
	unsigned usable;
	int have_best, have_match;
	struct bls_entry cand, best, match;
	struct tb_config next;           /* cfg with the chosen entry's kernel */
};

static void bls_report(void *ctx, const char *msg)
{
	con_log(CON_WARN, "%s\n", msg);
}

/* "x.conf", not "auto-*" (systemd-boot's own), not hidden. */
static int bls_is_entry_name(const char *n)
{
	size_t len = strlen(n);

	if (len < 6 || n[0] == '.' || memcmp(n, "auto-", 5) == 0)
		return 0;
	return n[len - 5] == '.' && (n[len - 4] | 0x20) == 'c' && (n[len - 3] | 0x20) == 'o' &&
	       (n[len - 2] | 0x20) == 'n' && (n[len - 1] | 0x20) == 'f';
}

static void bls_consider(void *p, const char *name)
{
	struct bls_ctx *c = p;
	struct boot_file f;
	struct tb_err err;
	char path[300];
	tb_status ts;

	if (!bls_is_entry_name(name))
		return;
	fmt_snprintf(path, sizeof(path), "%s\\%s", BLS_ENTRIES_DIR, name);
	tb_err_clear(&err);
	if (file_read(c->files, path, &f, &err) != TB_OK) {
		con_log(CON_WARN, "bls: %s\n", err.msg);
		return;
	}
	ts = bls_parse_entry(name, f.data, f.size, &c->cand, &c->errs);
	file_free(c->files, &f);
	if (ts != TB_OK)
		return;
	c->usable++;
	con_log(CON_DEBUG, "bls: entry %s: %s %s\n", c->cand.id, c->cand.title, c->cand.version);
	if (!c->have_best || bls_compare(&c->cand, &c->best) < 0) {
		c->best = c->cand;
		c->have_best = 1;
	}
	if (c->glob[0] && bls_glob(c->glob, c->cand.id) &&
	    (!c->have_match || bls_compare(&c->cand, &c->match) < 0)) {
		c->match = c->cand;
		c->have_match = 1;
	}
}

/* `bls = default`: loader.conf's default glob, as systemd-boot reads it. */
static void bls_default_glob(struct file_ctx *files, char *out, size_t cap)
{
	struct boot_file f;
	struct tb_err err;

	out[0] = '\0';
	tb_err_clear(&err);
	if (file_read(files, BLS_LOADER_CONF, &f, &err) != TB_OK)
		return;
	bls_loader_default(f.data, f.size, out, cap);
	file_free(files, &f);
}

static void bls_use(struct tb_config *next, const struct bls_entry *e)
{
	fmt_snprintf(next->kernel, sizeof(next->kernel), "%s", e->linux_path);
	next->n_initrd = e->n_initrd;
	memcpy(next->initrd, e->initrd, sizeof(next->initrd));
	fmt_snprintf(next->options, sizeof(next->options), "%s", e->options);
}

static tb_status bls_choose(struct bls_ctx *c, const struct tb_config *cfg, char *glob,
			    size_t cap, struct tb_err *err)
{
	const struct bls_entry *e;
	tb_status ts;

	if (memcmp(cfg->bls, "default", sizeof("default")) == 0)
		bls_default_glob(c->files, glob, cap);
	else
		fmt_snprintf(glob, cap, "%s", cfg->bls);
	c->glob = glob;
	ts = file_list(c->files, BLS_ENTRIES_DIR, bls_consider, c, err);
	if (ts != TB_OK)
		return ts;
	if (!c->usable) {
		tb_err_set(err, "bls: no usable entry in %s", BLS_ENTRIES_DIR);
		return TB_ENOTFOUND;
	}
	if (glob[0] && !c->have_match)
		con_log(CON_WARN, "bls: no entry matches '%s'; taking the first in menu order\n",
			glob);
	e = c->have_match ? &c->match : &c->best;
	con_printf("bls: %u usable entr%s; chose %s (\"%s\", version %s) %s%s%s\n", c->usable,
		   c->usable == 1 ? "y" : "ies", e->id, e->title, e->version[0] ? e->version : "-",
		   c->have_match ? "matching '" : "as the first in menu order (newest version)",
		   c->have_match ? glob : "", c->have_match ? "'" : "");
	c->next = *cfg;
	bls_use(&c->next, e);
	return TB_OK;
}

tb_status bls_start(EFI_SYSTEM_TABLE *st, EFI_HANDLE self, struct file_ctx *files,
		    const struct tb_config *cfg, struct tb_err *err)
{
	struct bls_ctx *c = efi_alloc_zero(st, sizeof(*c));
	char glob[CONFIG_PATH_MAX];
	tb_status ts;

	if (!c) {
		tb_err_set(err, "bls: cannot allocate the entry list");
		return TB_ENOMEM;
	}
	c->files = files;
	c->errs.report = bls_report;
	ts = bls_choose(c, cfg, glob, sizeof(glob), err);
	if (ts == TB_OK)
		ts = chainload_start(st, self, files, &c->next, err);
	efi_free(st, c);
	return ts;
}
