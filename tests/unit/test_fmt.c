/* SPDX-License-Identifier: MIT */
#include <stdlib.h>

#include "lib/fmt.h"
#include "core/status.h"
#include "tests/unit/test.h"

TEST(fmt_integers_and_padding)
{
	char b[64];

	fmt_snprintf(b, sizeof(b), "%d %u %x %X", -42, 42u, 0xbeefu, 0xbeefu);
	CHECK_STR_EQ(b, "-42 42 beef BEEF");
	fmt_snprintf(b, sizeof(b), "[%5d|%-5d|%05d]", 7, 7, -7);
	CHECK_STR_EQ(b, "[    7|7    |-0007]");
	fmt_snprintf(b, sizeof(b), "%#llx %016llx", 0x100000ULL, 0x7fffffffULL);
	CHECK_STR_EQ(b, "0x100000 000000007fffffff");
	fmt_snprintf(b, sizeof(b), "%llu", 18446744073709551615ULL);
	CHECK_STR_EQ(b, "18446744073709551615");
	fmt_snprintf(b, sizeof(b), "%lld", (long long)(-9223372036854775807LL - 1));
	CHECK_STR_EQ(b, "-9223372036854775808");
	fmt_snprintf(b, sizeof(b), "%zu %hhu %hu", (size_t)3, (unsigned char)44, (unsigned short)4464);
	CHECK_STR_EQ(b, "3 44 4464");
}

TEST(fmt_strings_and_precision)
{
	char b[32];

	fmt_snprintf(b, sizeof(b), "<%s|%6s|%-6s|%.3s|%.*s>", "ab", "ab", "ab",
		     "abcdef", 2, "xyz");
	CHECK_STR_EQ(b, "<ab|    ab|ab    |abc|xy>");
	fmt_snprintf(b, sizeof(b), "%s", (const char *)0);
	CHECK_STR_EQ(b, "(null)");
}

/* "%.*s" reads no byte past the precision (found by fuzz-config). */
TEST(fmt_precision_reads_no_further)
{
	char *word = malloc(4);
	char b[16];

	REQUIRE(word);
	memcpy(word, "abcd", 4);	/* no NUL: ASan traps a read of word[4] */
	fmt_snprintf(b, sizeof(b), "'%.*s'", 4, word);
	CHECK_STR_EQ(b, "'abcd'");
	free(word);
}

TEST(fmt_truncates_and_reports_full_length)
{
	char b[8];
	int n = fmt_snprintf(b, sizeof(b), "0123456789");

	CHECK_INT_EQ(n, 10);
	CHECK_STR_EQ(b, "0123456");
	CHECK_INT_EQ(fmt_snprintf(b, 0, "abc"), 3);
	b[0] = '\0';
	fmt_append(b, sizeof(b), "abc");
	fmt_append(b, sizeof(b), "defgh");
	CHECK_STR_EQ(b, "abcdefg");
}

TEST(fmt_size_units)
{
	char b[32];

	CHECK_STR_EQ(fmt_size(b, sizeof(b), 512), "512 B");
	CHECK_STR_EQ(fmt_size(b, sizeof(b), 4ULL << 30), "4 GiB");
	CHECK_STR_EQ(fmt_size(b, sizeof(b), 1536ULL << 30), "1.5 TiB");
	CHECK_STR_EQ(fmt_size(b, sizeof(b), 1023ULL << 10), "1023 KiB");
}

TEST(status_first_error_wins)
{
	struct tb_err e;

	tb_err_clear(&e);
	CHECK(!tb_err_is_set(&e));
	tb_err_set(&e, "config line %d: unknown key '%s'", 7, "foo");
	tb_err_set(&e, "later error");
	CHECK_STR_EQ(e.msg, "config line 7: unknown key 'foo'");
	CHECK_STR_EQ(tb_status_name(TB_ESEAM), "TB_ESEAM");
	CHECK_STR_EQ(tb_status_name((tb_status)999), "TB_E(unknown)");
}
