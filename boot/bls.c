/* SPDX-License-Identifier: MIT */
#include "boot/bls.h"

#include "boot/chainload.h"
#include "boot/console.h"
#include "boot/efi_util.h"
#include "boot/xbootldr.h"
#include "core/bls.h"
#include "lib/fmt.h"
#include "lib/mem.h"

#define BLS_ENTRIES_DIR "\\loader\\entries"
#define BLS_LOADER_CONF "\\loader\\loader.conf"

/*
 * The walk over the entries of the ESP and the XBOOTLDR partition, as one
 * list (systemd-boot sorts both together): the first in menu order, the
 * first matching, and the volume each of them is on.
 */
struct bls_ctx {
	struct file_ctx *files;          /* the ESP: loader.conf */
	struct file_ctx xbootldr;        /* device NULL when there is none */
	struct file_ctx *walking;        /* the volume being read */
	struct file_ctx *best_vol, *match_vol;
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
	if (file_read(c->walking, path, &f, &err) != TB_OK) {
		con_log(CON_WARN, "bls: %s\n", err.msg);
		return;
	}
	ts = bls_parse_entry(name, f.data, f.size, &c->cand, &c->errs);
	file_free(c->walking, &f);
	if (ts != TB_OK)
		return;
	c->usable++;
	con_log(CON_DEBUG, "bls: entry %s: %s %s\n", c->cand.id, c->cand.title, c->cand.version);
	if (!c->have_best || bls_compare(&c->cand, &c->best) < 0) {
		c->best = c->cand;
		c->best_vol = c->walking;
		c->have_best = 1;
	}
	if (c->glob[0] && bls_glob(c->glob, c->cand.id) &&
	    (!c->have_match || bls_compare(&c->cand, &c->match) < 0)) {
		c->match = c->cand;
		c->match_vol = c->walking;
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

/* One volume's \loader\entries, if it has any. */
static tb_status bls_walk(struct bls_ctx *c, struct file_ctx *vol, struct tb_err *err)
{
	tb_status ts;

	c->walking = vol;
	ts = file_list(vol, BLS_ENTRIES_DIR, bls_consider, c, err);
	if (ts == TB_ENOTFOUND) {
		tb_err_clear(err);
		return TB_OK;
	}
	return ts;
}

/* The XBOOTLDR partition on the ESP's disk, read like the ESP (absolute paths). */
static void bls_find_xbootldr(EFI_SYSTEM_TABLE *st, struct bls_ctx *c)
{
	UINT32 part = 0;

	c->xbootldr = *c->files;
	c->xbootldr.device = xbootldr_find(st, c->files->device, &part);
	c->xbootldr.dir[0] = '\\';
	c->xbootldr.dir[1] = 0;
	if (c->xbootldr.device)
		con_printf("bls: XBOOTLDR partition %u on the ESP's disk\n", (unsigned)part);
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
	ts = bls_walk(c, c->files, err);
	if (ts == TB_OK && c->xbootldr.device)
		ts = bls_walk(c, &c->xbootldr, err);
	if (ts != TB_OK)
		return ts;
	if (!c->usable) {
		tb_err_set(err, "bls: no usable entry in %s on the ESP%s", BLS_ENTRIES_DIR,
			   c->xbootldr.device ? " or the XBOOTLDR partition" : "");
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
	if ((c->have_match ? c->match_vol : c->best_vol) == &c->xbootldr)
		con_printf("bls: %s is on the XBOOTLDR partition\n", e->id);
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
	bls_find_xbootldr(st, c);
	ts = bls_choose(c, cfg, glob, sizeof(glob), err);
	if (ts == TB_OK)
		ts = chainload_start(st, self, c->have_match ? c->match_vol : c->best_vol,
				     &c->next, err);
	efi_free(st, c);
	return ts;
}
