/* SPDX-License-Identifier: MIT */
/*
 * SHA-512 and SHA-384 (FIPS 180-4), freestanding.  SHA-384 is what the
 * P-SEAMLDR computes over the module pages and compares with the sigstruct's
 * seamhash (docs/reference/tdx-abi.md §11.5, §11.6); SHA-384 is SHA-512 with other initial
 * values, truncated to 48 bytes.
 */
#ifndef TDXBOOT_LIB_SHA512_H
#define TDXBOOT_LIB_SHA512_H

#include <stddef.h>
#include <stdint.h>

#define SHA384_DIGEST_SIZE 48
#define SHA512_DIGEST_SIZE 64
#define SHA512_BLOCK_SIZE  128

struct sha512_ctx {
	uint64_t h[8];
	uint64_t total_lo, total_hi; /* message length in bytes, 128-bit */
	uint8_t buf[SHA512_BLOCK_SIZE];
	size_t buf_len;
	size_t digest_len;
};

void sha512_init(struct sha512_ctx *ctx);
void sha384_init(struct sha512_ctx *ctx);
void sha512_update(struct sha512_ctx *ctx, const void *data, size_t len);
/* Writes ctx->digest_len bytes (48 for SHA-384, 64 for SHA-512). */
void sha512_final(struct sha512_ctx *ctx, uint8_t *digest);

void sha384(const void *data, size_t len, uint8_t digest[SHA384_DIGEST_SIZE]);
void sha512(const void *data, size_t len, uint8_t digest[SHA512_DIGEST_SIZE]);

#endif
