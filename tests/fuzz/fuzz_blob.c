/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: TDX-BLOB files (core/blob.c) and, for those tdxboot
 * accepts, the P-SEAMLDR's own sigstruct and module checks in the emulator
 * (emu/seamldr.c, emu/sigstruct.c), reached the way the init sequence
 * reaches them (core/init_module.c): sigstruct and module pages copied
 * into simulated memory, SEAMLDR_PARAMS pointing at them, SEAMLDR.INSTALL
 * on each LP, the boot CPU last.  A module the emulator loads is then
 * initialized (TDH.SYS.INIT, LP.INIT) and its metadata walked with
 * TDH.SYS.RD, since the module descriptor came from the fuzzed pages.
 *
 * Input: byte 0 holds repairs to make before parsing, so that mutations
 * get past the integrity checks: bit 0 the v1 length field, bit 1 the
 * seamhash, bit 2 the checksum; bit 3 makes the emulated P-SEAMLDR accept
 * any signing key.  The rest is the blob file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/blob.h"
#include "emu/emu.h"
#include "lib/sha512.h"
#include "lib/tdx_abi.h"

#define FB_FIX_LENGTH   1u
#define FB_FIX_HASH     2u
#define FB_FIX_CHECKSUM 4u
#define FB_ANY_KEY      8u

#define FB_BASE   0x10000000ull                 /* params, sigstruct, module */
#define FB_PAGES  (2 + SEAMLDR_MAX_MODULE_PAGES)
#define FB_PARAMS FB_BASE
#define FB_SIG    (FB_BASE + 0x1000)
#define FB_MOD    (FB_BASE + 0x2000)
#define FB_SCRATCH (FB_BASE + FB_PAGES * 4096ull) /* SEAMLDR_INFO */

struct fb {
	struct emu_platform plat;
	struct emu e;
	struct emu_memmap map;
	uint8_t mem[(FB_PAGES + 1) * 4096];
};

static void fb_fix_checksum(uint8_t *b, size_t n)
{
	uint16_t sum;

	b[2] = b[3] = 0;
	sum = (uint16_t)(0u - emu_blob_checksum(b, n));
	memcpy(b + 2, &sum, 2);
}

/* seamhash = SHA-384 of the module pages as P-SEAMLDR sees them (zero-padded). */
static void fb_fix_hash(uint8_t *b, const struct blob_view *v)
{
	struct sha512_ctx ctx;
	static uint8_t page[4096];
	uint64_t done = 0;

	sha384_init(&ctx);
	for (uint32_t i = 0; i < v->module_pages; i++, done += 4096) {
		uint64_t n = v->module_bytes - done < 4096 ? v->module_bytes - done : 4096;

		memset(page, 0, sizeof(page));
		memcpy(page, v->module + done, n);
		sha512_update(&ctx, page, sizeof(page));
	}
	sha512_final(&ctx, b + (v->sigstruct - b) + offsetof(struct seam_sigstruct, seamhash));
}

static uint64_t fb_call(struct fb *f, uint32_t lp, struct seam_regs *r)
{
	enum emu_outcome o = emu_seamcall(&f->e, lp, r);

	if (o == EMU_BADMEM) {
		fprintf(stderr, "emulator touched unbacked memory: %s\n", emu_diag(&f->e));
		abort();
	}
	return o == EMU_VMSUCCEED ? r->rax : TDX_SEAMCALL_VMFAILINVALID;
}

/* core/init_module.c's staging of the blob. */
static void fb_stage(struct fb *f, const struct blob_view *v)
{
	struct seamldr_params *p = (struct seamldr_params *)f->mem;

	memset(f->mem, 0, (2 + v->module_pages) * 4096ull);
	memcpy(f->mem + 0x1000, v->sigstruct, 2048);
	memcpy(f->mem + 0x2000, v->module, v->module_bytes);
	p->scenario = SEAMLDR_SCENARIO_LOAD;
	p->sigstruct_pa = FB_SIG;
	p->num_module_pages = v->module_pages;
	for (uint32_t i = 0; i < v->module_pages; i++)
		p->mod_pages_pa_list[i] = FB_MOD + 4096ull * i;
}

/* A loaded module must be usable: SYS.INIT may refuse, never misbehave. */
static void fb_use_module(struct fb *f)
{
	struct seam_regs r = { .rax = TDH_SYS_INIT };
	uint64_t id = 0;

	if (fb_call(f, 0, &r) == TDX_SEAMCALL_VMFAILINVALID)
		abort(); /* INSTALL said success, but no module answers */
	for (uint32_t lp = 0; lp < f->plat.num_lps; lp++) {
		r = (struct seam_regs){ .rax = TDH_SYS_LP_INIT };
		fb_call(f, lp, &r);
	}
	for (int i = 0; i < 512; i++) {
		r = (struct seam_regs){ .rax = TDH_SYS_RD, .rdx = i ? id : MD_FIELD_ID_NULL };
		fb_call(f, 0, &r);
		id = r.rdx;
		if (id == MD_FIELD_ID_NULL)
			return;
	}
	abort(); /* the metadata walk must end */
}

static void fb_install(const struct blob_view *v, bool any_key)
{
	static struct fb f;
	struct seam_regs r;
	uint64_t st = 0;

	emu_platform_default(&f.plat, 1, 2);
	f.plat.seamldr_accept_any_key = any_key;
	emu_memmap_init(&f.map);
	emu_memmap_add(&f.map, FB_BASE, sizeof(f.mem), f.mem);
	emu_init(&f.e, &f.plat, emu_memmap_ops(&f.map));
	fb_stage(&f, v);
	r = (struct seam_regs){ .rax = SEAMLDR_INFO, .rcx = FB_SCRATCH };
	if (fb_call(&f, 0, &r) != SEAMLDR_SUCCESS)
		abort();
	for (uint32_t lp = f.plat.num_lps; lp-- > 0 && !st;) {
		r = (struct seam_regs){ .rax = SEAMLDR_INSTALL, .rcx = FB_PARAMS };
		st = fb_call(&f, lp, &r);
	}
	if (r.rdx > 1)
		abort();
	if (st == SEAMLDR_SUCCESS)
		fb_use_module(&f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct blob_view v;
	struct tb_err err;
	uint8_t *b;
	size_t n;

	if (size < 1)
		return 0;
	n = size - 1;
	b = malloc(n ? n : 1);
	memcpy(b, data + 1, n);
	if ((data[0] & FB_FIX_LENGTH) && n >= 20 && b[0] == 0 && b[1] == 1) { /* v1 only */
		uint32_t len = (uint32_t)n;

		memcpy(b + 16, &len, 4);
	}
	if (data[0] & FB_FIX_CHECKSUM && n >= 4)
		fb_fix_checksum(b, n);
	tb_err_clear(&err);
	if (blob_parse(b, n, &v, &err) != TB_OK) {
		if (!err.msg[0])
			abort();
		free(b);
		return 0;
	}
	if (v.module < b || v.module + v.module_bytes > b + n ||
	    v.sigstruct < b || v.sigstruct + 2048 > b + n || !v.module_pages ||
	    v.module_pages > SEAMLDR_MAX_MODULE_PAGES)
		abort();
	if (data[0] & FB_FIX_HASH) {
		fb_fix_hash(b, &v);
		if (data[0] & FB_FIX_CHECKSUM)
			fb_fix_checksum(b, n);
		if (blob_parse(b, n, &v, &err) != TB_OK)
			return free(b), 0;
	}
	fb_install(&v, data[0] & FB_ANY_KEY);
	free(b);
	return 0;
}
