/* SPDX-License-Identifier: MIT */
/* lib/sha512: FIPS 180-4 example vectors (SHA-384 and SHA-512). */
#include <stdio.h>
#include <stdlib.h>

#include "lib/sha512.h"
#include "tests/unit/test.h"

static const char *hex(const uint8_t *d, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
	return out;
}

static void check_sha384(const char *msg, const char *want)
{
	uint8_t d[SHA384_DIGEST_SIZE];
	char buf[2 * SHA384_DIGEST_SIZE + 1];

	sha384(msg, strlen(msg), d);
	CHECK_STR_EQ(hex(d, sizeof(d), buf), want);
}

TEST(sha384_fips_abc)
{
	check_sha384("abc", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded163"
			    "1a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7");
}

TEST(sha384_fips_empty)
{
	check_sha384("", "38b060a751ac96384cd9327eb1b1e36a21fdb71114be0743"
			 "4c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b");
}

/* Two-block message: padding spills into a second block. */
TEST(sha384_fips_896bit)
{
	check_sha384("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
		     "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
		     "09330c33f71147e83d192fc782cd1b4753111b173b3b05d2"
		     "2fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039");
}

/* One million 'a' fed in uneven pieces: exercises the buffering. */
TEST(sha384_million_a_incremental)
{
	struct sha512_ctx ctx;
	uint8_t chunk[997], d[SHA384_DIGEST_SIZE];
	char buf[2 * SHA384_DIGEST_SIZE + 1];
	size_t left = 1000000;

	memset(chunk, 'a', sizeof(chunk));
	sha384_init(&ctx);
	while (left) {
		size_t n = left < sizeof(chunk) ? left : sizeof(chunk);
		sha512_update(&ctx, chunk, n);
		left -= n;
	}
	sha512_final(&ctx, d);
	CHECK_STR_EQ(hex(d, sizeof(d), buf),
		     "9d0e1809716474cb086e834e310a4a1ced149e9c00f24852"
		     "7972cec5704c2a5b07b8b3dc38ecc4ebae97ddd87f3d8985");
}

TEST(sha512_fips_abc)
{
	uint8_t d[SHA512_DIGEST_SIZE];
	char buf[2 * SHA512_DIGEST_SIZE + 1];

	sha512("abc", 3, d);
	CHECK_STR_EQ(hex(d, sizeof(d), buf),
		     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
		     "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
}

/* Lengths around the 112-byte padding boundary agree with one-shot hashing. */
TEST(sha384_padding_boundaries)
{
	uint8_t msg[256], a[48], b[48];

	for (size_t i = 0; i < sizeof(msg); i++)
		msg[i] = (uint8_t)(i * 7 + 1);
	for (size_t len = 100; len < 140; len++) {
		struct sha512_ctx ctx;

		sha384(msg, len, a);
		sha384_init(&ctx);
		for (size_t i = 0; i < len; i++)
			sha512_update(&ctx, msg + i, 1);
		sha512_final(&ctx, b);
		CHECK(memcmp(a, b, 48) == 0);
	}
	/* 111 vs 112 bytes must differ (no length confusion at the boundary). */
	sha384(msg, 111, a);
	sha384(msg, 112, b);
	CHECK(memcmp(a, b, 48) != 0);
}
