/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "core/loadopt.h"
#include "tests/unit/test.h"

/* Boot0003 "Linux": HD-less file path \vmlinuz, optional data "ro". */
static size_t build_option(uint8_t *b, uint32_t attrs, int bad_end)
{
	static const char file[] = "\\vmlinuz";
	size_t off = 0, node = 4 + 2 * sizeof(file);

	memcpy(b, &attrs, 4);
	b[4] = (uint8_t)(node + 4);
	b[5] = 0;
	off = 6;
	for (const char *d = "Linux"; *d; d++) {
		b[off++] = (uint8_t)*d;
		b[off++] = 0;
	}
	b[off++] = 0;
	b[off++] = 0;
	b[off++] = 4;     /* MEDIA_DEVICE_PATH */
	b[off++] = 4;     /* MEDIA_FILEPATH_DP */
	b[off++] = (uint8_t)node;
	b[off++] = 0;
	for (size_t i = 0; i < sizeof(file); i++) {
		b[off++] = (uint8_t)file[i];
		b[off++] = 0;
	}
	b[off++] = 0x7f;
	b[off++] = bad_end ? 0x01 : 0xff;
	b[off++] = 4;
	b[off++] = 0;
	b[off++] = 'r';
	b[off++] = 0;
	b[off++] = 'o';
	b[off++] = 0;
	return off;
}

TEST(loadopt_parse_splits_the_option)
{
	uint8_t b[128];
	size_t n = build_option(b, LOADOPT_ACTIVE, 0);
	struct loadopt lo;
	struct tb_err err;

	tb_err_clear(&err);
	CHECK_INT_EQ(loadopt_parse(b, n, 3, &lo, &err), TB_OK);
	CHECK_INT_EQ(lo.attributes, LOADOPT_ACTIVE);
	CHECK_INT_EQ(lo.desc_off, 6);
	CHECK_INT_EQ(lo.desc_chars, 5);
	CHECK_INT_EQ(lo.path_off, 18);
	CHECK_INT_EQ(lo.path_len, 4 + 18 + 4);
	CHECK_INT_EQ(lo.data_len, 4);
	CHECK(memcmp(b + lo.data_off, "r\0o\0", 4) == 0);
	CHECK(loadopt_bootable(&lo));
}

TEST(loadopt_bootable_needs_active_and_boot_category)
{
	uint8_t b[128];
	struct loadopt lo;
	struct tb_err err;
	size_t n;

	tb_err_clear(&err);
	n = build_option(b, 0, 0);
	CHECK_INT_EQ(loadopt_parse(b, n, 3, &lo, &err), TB_OK);
	CHECK(!loadopt_bootable(&lo));
	n = build_option(b, LOADOPT_ACTIVE | 0x100, 0);   /* LOAD_OPTION_CATEGORY_APP */
	CHECK_INT_EQ(loadopt_parse(b, n, 3, &lo, &err), TB_OK);
	CHECK(!loadopt_bootable(&lo));
	n = build_option(b, LOADOPT_ACTIVE | 0x8, 0);     /* LOAD_OPTION_HIDDEN still boots */
	CHECK_INT_EQ(loadopt_parse(b, n, 3, &lo, &err), TB_OK);
	CHECK(loadopt_bootable(&lo));
}

TEST(loadopt_parse_rejects_damaged_options)
{
	uint8_t b[128];
	struct loadopt lo;
	struct tb_err err;
	size_t n = build_option(b, LOADOPT_ACTIVE, 0);

	tb_err_clear(&err);
	CHECK_INT_EQ(loadopt_parse(b, 7, 3, &lo, &err), TB_EINVAL);
	CHECK_STR_CONTAINS(err.msg, "Boot0003: 7 bytes, too short");
	tb_err_clear(&err);
	CHECK_INT_EQ(loadopt_parse(b, 14, 3, &lo, &err), TB_EINVAL);
	CHECK_STR_CONTAINS(err.msg, "description is not terminated");
	tb_err_clear(&err);
	CHECK_INT_EQ(loadopt_parse(b, 30, 3, &lo, &err), TB_EINVAL);
	CHECK_STR_CONTAINS(err.msg, "Boot0003: its device path (26 bytes) is damaged");
	n = build_option(b, LOADOPT_ACTIVE, 1);   /* End of instance, not of the path */
	tb_err_clear(&err);
	CHECK_INT_EQ(loadopt_parse(b, n, 3, &lo, &err), TB_EINVAL);
	n = build_option(b, LOADOPT_ACTIVE, 0);
	b[18 + 2] = 2;                            /* a node shorter than its header */
	tb_err_clear(&err);
	CHECK_INT_EQ(loadopt_parse(b, n, 3, &lo, &err), TB_EINVAL);
}

TEST(loadopt_after_follows_boot_current)
{
	const uint16_t order[] = { 0x100, 0x0001, 0x102, 0x0003 };

	CHECK_INT_EQ(loadopt_after(order, 4, 0x100), 1);
	CHECK_INT_EQ(loadopt_after(order, 4, 0x102), 3);
	CHECK_INT_EQ(loadopt_after(order, 4, 0x0003), 4);   /* last: nothing follows */
	CHECK_INT_EQ(loadopt_after(order, 4, 0x0777), 0);   /* BootNext: from the start */
	CHECK_INT_EQ(loadopt_after(NULL, 0, 0x100), 0);
}
