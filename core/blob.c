/* SPDX-License-Identifier: MIT */
#include "core/blob.h"

#include "lib/mem.h"
#include "lib/tdx_abi.h"

#define PAGE 4096u
#define SIGSTRUCT_BYTES 2048u

static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t get32(const uint8_t *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }

/* The 16-bit little-endian word sum of the whole file must be 0 (§11.7). */
static uint16_t blob_word_sum(const uint8_t *p, size_t n)
{
	uint32_t sum = 0;
	size_t i = 0;

	for (; i + 1 < n; i += 2)
		sum += get16(p + i);
	if (i < n)
		sum += p[i];
	return (uint16_t)sum;
}

/* The fixed fields P-SEAMLDR requires of a SEAM sigstruct (§11.6). */
static tb_status blob_check_sigstruct(const uint8_t *s, struct tb_err *err)
{
	if (get32(s + 0x00) != SEAM_SIGSTRUCT_HEADER_TYPE ||
	    get32(s + 0x04) != SEAM_SIGSTRUCT_HEADER_LENGTH ||
	    get32(s + 0x08) != SEAM_SIGSTRUCT_HEADER_VERSION) {
		tb_err_set(err, "TDX-BLOB: the sigstruct header is not a SEAM sigstruct (type %u, length 0x%x, version 0x%x)",
			   get32(s), get32(s + 4), get32(s + 8));
		return TB_EINVAL;
	}
	if (get32(s + 0x10) != SEAM_SIGSTRUCT_VENDOR || get32(s + 0x18) != SEAM_SIGSTRUCT_SIZE_DW) {
		tb_err_set(err, "TDX-BLOB: sigstruct vendor 0x%x or size 0x%x is wrong (want 0x8086, 0x200)",
			   get32(s + 0x10), get32(s + 0x18));
		return TB_EINVAL;
	}
	return TB_OK;
}

static tb_status blob_set_module(struct blob_view *v, const uint8_t *m, uint64_t bytes,
				 struct tb_err *err)
{
	uint64_t pages = (bytes + PAGE - 1) / PAGE;

	if (bytes == 0 || pages > SEAMLDR_MAX_MODULE_PAGES) {
		tb_err_set(err, "TDX-BLOB: the module is %llu pages; P-SEAMLDR takes 1 to %u",
			   (unsigned long long)pages, SEAMLDR_MAX_MODULE_PAGES);
		return TB_EINVAL;
	}
	v->module = m;
	v->module_bytes = bytes;
	v->module_pages = (uint32_t)pages;
	v->seamsvn = get16(v->sigstruct + 0x3b4);
	return blob_check_sigstruct(v->sigstruct, err);
}

/* Version 1: Intel's blob_structure.txt layout. */
static tb_status blob_parse_v1(const uint8_t *b, size_t size, struct blob_view *v,
			       struct tb_err *err)
{
	uint32_t length = get32(b + 16), off = get32(b + 4);

	if (length != size) {
		tb_err_set(err, "TDX-BLOB: the header says %u bytes but the file has %zu (truncated or padded copy?)",
			   length, size);
		return TB_EINVAL;
	}
	if (blob_word_sum(b, size) != 0) {
		tb_err_set(err, "TDX-BLOB: checksum mismatch (16-bit word sum 0x%04x, want 0): the file is corrupt",
			   blob_word_sum(b, size));
		return TB_EINVAL;
	}
	if (off % PAGE || off < TDX_BLOB_V1_MODULE_OFFSET || off >= size) {
		tb_err_set(err, "TDX-BLOB: module offset 0x%x is invalid (4 KiB aligned, from 0x2000, inside the %zu-byte file)",
			   off, size);
		return TB_EINVAL;
	}
	v->sigstruct = b + PAGE;
	return blob_set_module(v, b + off, size - off, err);
}

/* Version 2: Linux's struct tdx_image_header. */
static tb_status blob_parse_v2(const uint8_t *b, size_t size, struct blob_view *v,
			       struct tb_err *err)
{
	uint32_t sig_pages = get32(b + 12), mod_pages = get32(b + 16);

	for (size_t i = 20; i < PAGE; i++) {
		if (b[i]) {
			tb_err_set(err, "TDX-BLOB v2: reserved header byte %zu is not zero", i);
			return TB_EINVAL;
		}
	}
	/*
	 * SEAMLDR_PARAMS has room for one sigstruct address, and Linux 7.3
	 * takes one page too; a longer sigstruct list has no published
	 * SEAMLDR_PARAMS layout (docs/reference/tdx-abi.md §15.11).
	 */
	if (sig_pages != 1) {
		tb_err_set(err, "TDX-BLOB v2: %u sigstruct pages, but P-SEAMLDR's SEAMLDR_PARAMS takes exactly one (a blob for a newer loader?)",
			   sig_pages);
		return TB_EINVAL;
	}
	if (mod_pages == 0 || (uint64_t)PAGE * (1 + sig_pages + (uint64_t)mod_pages) != size) {
		tb_err_set(err, "TDX-BLOB v2: %u sigstruct and %u module pages do not add up to the %zu-byte file",
			   sig_pages, mod_pages, size);
		return TB_EINVAL;
	}
	v->sigstruct = b + PAGE;
	return blob_set_module(v, b + 2 * PAGE, (uint64_t)mod_pages * PAGE, err);
}

tb_status blob_parse(const uint8_t *b, size_t size, struct blob_view *v, struct tb_err *err)
{
	memset(v, 0, sizeof(*v));
	if (size < 2 * PAGE + 1) {
		tb_err_set(err, "TDX-BLOB: %zu bytes is too small for a header, a sigstruct and a module",
			   size);
		return TB_EINVAL;
	}
	v->version = get16(b);
	if (v->version == TDX_BLOB_V1 && !memcmp(b + 8, TDX_BLOB_SIGNATURE, 8))
		return blob_parse_v1(b, size, v, err);
	if (v->version == TDX_BLOB_V2 && !memcmp(b + 4, TDX_BLOB_SIGNATURE, 8))
		return blob_parse_v2(b, size, v, err);
	tb_err_set(err, "TDX-BLOB: no \"TDX-BLOB\" signature with a known version (found version 0x%04x); is this a TDX module file?",
		   v->version);
	return TB_EINVAL;
}
