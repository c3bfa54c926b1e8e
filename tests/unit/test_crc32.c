/* SPDX-License-Identifier: MIT */
/* lib/crc32: the IEEE 802.3 / UEFI CalculateCrc32 / zlib crc32() value. */
#include "lib/crc32.h"
#include "tests/unit/test.h"

TEST(crc32_check_value)
{
	CHECK_U64_EQ(crc32_ieee(0, "123456789", 9), 0xCBF43926u);
}

TEST(crc32_empty_is_zero)
{
	CHECK_U64_EQ(crc32_ieee(0, "", 0), 0);
}

/* zlib's known value for "The quick brown fox jumps over the lazy dog". */
TEST(crc32_fox)
{
	const char *s = "The quick brown fox jumps over the lazy dog";

	CHECK_U64_EQ(crc32_ieee(0, s, strlen(s)), 0x414FA339u);
}

TEST(crc32_chains)
{
	const char *s = "123456789";

	for (size_t cut = 0; cut <= 9; cut++)
		CHECK_U64_EQ(crc32_ieee(crc32_ieee(0, s, cut), s + cut, 9 - cut), 0xCBF43926u);
}
