/* SPDX-License-Identifier: MIT */
/*
 * Test TDX-BLOB files for the emulated P-SEAMLDR: a generated module image
 * (emulated-module descriptor + deterministic filler) and a sigstruct whose
 * seamhash is its SHA-384, in the 0x100 or 0x200 layout.
 * docs/reference/tdx-abi.md §11.6 (sigstruct), §11.7 (blob formats, checksum).
 * Used by tools/tdxboot-mkblob and by the tests.
 */
#include "emu/internal.h"

#include "lib/mem.h"
#include "lib/sha512.h"

#define BLOB_PAGE 4096u

void emu_blob_opts_default(struct emu_blob_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->version = TDX_BLOB_V1;
	o->module_pages = 4;
	o->seamsvn = 0x0104; /* major 1, minor 4, as 1.5.01 (§11.6) */
	o->date = 0x20231008;
	emu_module_desc_default(&o->desc);
}

/* Header page + sigstruct area (one page in both layouts) + module pages. */
uint64_t emu_blob_size(const struct emu_blob_opts *o)
{
	return (uint64_t)BLOB_PAGE * (2 + o->module_pages);
}

uint16_t emu_blob_checksum(const void *buf, uint64_t len)
{
	const uint8_t *p = buf;
	uint16_t sum = 0;
	uint64_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum = (uint16_t)(sum + (p[i] | (p[i + 1] << 8)));
	if (i < len)
		sum = (uint16_t)(sum + p[i]); /* odd last byte added as a byte */
	return sum;
}

static void blob_fill_module(const struct emu_blob_opts *o, uint8_t *mod)
{
	uint64_t n = (uint64_t)o->module_pages * BLOB_PAGE;

	for (uint64_t i = 0; i < n; i++)
		mod[i] = (uint8_t)((i * 131u + (i >> 12) * 7u + 0x5A) & 0xFF);
	memcpy(mod, &o->desc, sizeof(o->desc));
}

/* Field values of a real 1.5.01 sigstruct where the checks allow (§11.6). */
static void blob_fill_sigstruct(const struct emu_blob_opts *o, const uint8_t *mod,
				struct seam_sigstruct *s)
{
	memset(s, 0, sizeof(*s));
	s->header_type = SEAM_SIGSTRUCT_HEADER_TYPE;
	s->header_length = SEAM_SIGSTRUCT_HEADER_LENGTH;
	s->header_version = SEAM_SIGSTRUCT_HEADER_VERSION;
	s->module_type = o->debug_signed ? SEAM_SIGSTRUCT_MODULE_DEBUG : 0;
	s->module_vendor = SEAM_SIGSTRUCT_VENDOR;
	s->date = o->date;
	s->size = SEAM_SIGSTRUCT_SIZE_DW;
	s->key_size = SEAM_SIGSTRUCT_KEY_SIZE_DW;
	s->modulus_size = SEAM_SIGSTRUCT_KEY_SIZE_DW;
	s->exponent_size = 1;
	emu_seamldr_test_modulus(s->modulus);
	s->exponent = SEAM_SIGSTRUCT_EXPONENT;
	sha384(mod, (size_t)o->module_pages * BLOB_PAGE, s->seamhash);
	if (o->bad_hash)
		s->seamhash[0] ^= 0xFF;
	s->seamsvn = o->seamsvn;
	/* The layout fields the sigstruct carries for the module (tdx-loader
	 * seam_sigstruct.h lines 108-121, §11.6), from the module's own. */
	s->max_tdmrs = o->desc.max_tdmrs;
	s->max_rsvd_per_tdmr = o->desc.max_reserved_per_tdmr;
	s->pamt_entry_size_4k = o->desc.pamt_entry_size[0];
	s->pamt_entry_size_2m = o->desc.pamt_entry_size[1];
	s->pamt_entry_size_1g = o->desc.pamt_entry_size[2];
	s->module_hv = o->desc.module_hv;
	s->min_update_hv = o->desc.min_update_hv;
	s->num_stack_pages = 1;
	s->num_tls_pages = 1;
	s->num_keyhole_pages = 127;
	s->num_global_data_pages = 21;
	s->num_handoff_pages = 13;
	s->cpuid_table_size = 2;
	s->cpuid_table[0] = 0x806F8; /* Sapphire Rapids */
	s->cpuid_table[1] = 0xC06F0; /* Emerald Rapids */
}

static void blob_header_v1(const struct emu_blob_opts *o, uint8_t *buf)
{
	struct tdx_blob_v1_header *h = (struct tdx_blob_v1_header *)buf;

	h->version = TDX_BLOB_V1;
	h->offset_of_module = TDX_BLOB_V1_MODULE_OFFSET;
	memcpy(h->signature, TDX_BLOB_SIGNATURE, 8);
	h->length = (uint32_t)emu_blob_size(o);
}

static void blob_header_v2(const struct emu_blob_opts *o, uint8_t *buf)
{
	struct tdx_blob_v2_header *h = (struct tdx_blob_v2_header *)buf;

	h->version = TDX_BLOB_V2;
	memcpy(h->signature, TDX_BLOB_SIGNATURE, 8);
	h->sigstruct_nr_pages = 1;
	h->module_nr_pages = o->module_pages;
}

uint64_t emu_blob_build(const struct emu_blob_opts *o, void *buf, uint64_t cap)
{
	uint64_t size = emu_blob_size(o);
	uint8_t *b = buf;
	uint16_t sum;

	if (cap < size || o->module_pages < 1 ||
	    o->module_pages > SEAMLDR_MAX_MODULE_PAGES)
		return 0;
	memset(b, 0, size);
	blob_fill_module(o, b + 2 * BLOB_PAGE);
	blob_fill_sigstruct(o, b + 2 * BLOB_PAGE, (struct seam_sigstruct *)(b + BLOB_PAGE));
	if (o->version == TDX_BLOB_V2)
		blob_header_v2(o, b);
	else
		blob_header_v1(o, b);
	/* Checksum at offset 2 in both layouts: make the word sum 0. */
	sum = emu_blob_checksum(b, size);
	sum = (uint16_t)(0u - sum + (o->bad_checksum ? 1u : 0u));
	memcpy(b + 2, &sum, 2);
	return size;
}
