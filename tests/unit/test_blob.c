// SPDX-License-Identifier: MIT
/*
 * TDX-BLOB parsing (core/blob.c, docs/reference/tdx-abi.md §11.7): the
 * 0x200 header's sigstruct page count.  P-SEAMLDR's SEAMLDR_PARAMS holds
 * one sigstruct address (§11.3, §15.11), so a blob with more pages is
 * refused by name, and a well-formed one-page blob is accepted.
 */
#include <stdlib.h>
#include <string.h>

#include "core/blob.h"
#include "emu/emu.h"
#include "lib/tdx_abi.h"
#include "tests/unit/test.h"

/* A v2 blob with 2 module pages whose header then claims sig_pages. */
static uint8_t *blob_v2_with_sig_pages(uint32_t sig_pages, size_t *size)
{
	struct emu_blob_opts o;
	uint8_t *b;
	size_t n;

	emu_blob_opts_default(&o);
	o.version = TDX_BLOB_V2;
	o.module_pages = 2;
	n = emu_blob_size(&o) + (size_t)(sig_pages - 1) * 4096;
	b = calloc(1, n);
	if (!b || emu_blob_build(&o, b, emu_blob_size(&o)) != emu_blob_size(&o)) {
		free(b);
		return NULL;
	}
	if (sig_pages != 1) {
		/* Module pages move up behind the longer sigstruct list. */
		memmove(b + (1 + sig_pages) * 4096, b + 2 * 4096, 2 * 4096);
		memset(b + 2 * 4096, 0, (size_t)(sig_pages - 1) * 4096);
		((struct tdx_blob_v2_header *)b)->sigstruct_nr_pages = sig_pages;
	}
	*size = n;
	return b;
}

TEST(blob_v2_one_sigstruct_page_accepted)
{
	struct blob_view v;
	struct tb_err e = { 0 };
	size_t n;
	uint8_t *b = blob_v2_with_sig_pages(1, &n);

	REQUIRE(b);
	CHECK_INT_EQ(blob_parse(b, n, &v, &e), TB_OK);
	CHECK_INT_EQ(v.version, 0x200);
	CHECK_U64_EQ(v.module_pages, 2);
	CHECK(v.sigstruct == b + 4096);
	free(b);
}

TEST(blob_v2_four_sigstruct_pages_refused_by_name)
{
	struct blob_view v;
	struct tb_err e = { 0 };
	size_t n;
	uint8_t *b = blob_v2_with_sig_pages(4, &n);

	REQUIRE(b);
	CHECK_INT_EQ(blob_parse(b, n, &v, &e), TB_EINVAL);
	CHECK_STR_CONTAINS(e.msg, "TDX-BLOB v2: 4 sigstruct pages");
	CHECK_STR_CONTAINS(e.msg, "takes exactly one");
	free(b);
}
