/* SPDX-License-Identifier: MIT */
/*
 * What memory written by the module through the global private KeyID looks
 * like from KeyID 0: ciphertext.  The model XORs each 8-byte word with a
 * keystream derived from the PA and the key (not cryptography: it only has
 * to be recognisable), so that a test can tell whether a PAMT line still
 * holds module data or was reset/overwritten (docs/reference/tdx-abi.md §5 step 4, §12).
 */
#include "emu/internal.h"

#include "lib/mem.h"

static uint64_t private_mix(uint64_t x)
{
	/* splitmix64 finaliser: a cheap bijective scrambler. */
	x += 0x9E3779B97F4A7C15ull;
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
	return x ^ (x >> 31);
}

void emu_private_new_key(struct emu *e, uint16_t hkid)
{
	uint32_t n = e->pkeys.count++;

	e->pkeys.key[n % EMU_MAX_PKEYS] =
		private_mix(((uint64_t)hkid << 32) ^ n ^ 0x7464786B6579ull);
}

static uint64_t private_current_key(const struct emu *e)
{
	return e->pkeys.count ? e->pkeys.key[(e->pkeys.count - 1) % EMU_MAX_PKEYS] : 0;
}

static void private_xor(uint64_t key, uint64_t pa, const uint8_t in[64], uint8_t out[64])
{
	for (int w = 0; w < 8; w++) {
		uint64_t v, m = private_mix(key ^ (pa + 8u * (unsigned)w));
		memcpy(&v, in + 8 * w, 8);
		v ^= m;
		memcpy(out + 8 * w, &v, 8);
	}
}

void emu_private_encode(const struct emu *e, uint64_t pa, const uint8_t plain[64],
			uint8_t out[64])
{
	private_xor(private_current_key(e), pa, plain, out);
}

/* A freshly initialised PAMT line: 4 entries, only the page type may be set. */
static bool private_plain_is_fresh_pamt(const uint8_t plain[64])
{
	for (int k = 0; k < 4; k++) {
		uint64_t w0, w1;
		memcpy(&w0, plain + 16 * k, 8);
		memcpy(&w1, plain + 16 * k + 8, 8);
		if (w1 != 0 || (w0 & ~(0xFFull << PAMT_TYPE_SHIFT)) != 0)
			return false;
		if (((w0 >> PAMT_TYPE_SHIFT) & 0xFF) > PAMT_PT_RSVD)
			return false;
	}
	return true;
}

/* Under any key still in the table (a reload does not forget keys). */
bool emu_line_is_private(struct emu *e, uint64_t pa)
{
	uint8_t line[64], plain[64];
	uint32_t n = e->pkeys.count < EMU_MAX_PKEYS ? e->pkeys.count : EMU_MAX_PKEYS;

	pa &= ~63ull;
	if (e->mem.read(e->mem.ctx, pa, line, sizeof(line)))
		return false;
	for (uint32_t k = 0; k < n; k++) {
		private_xor(e->pkeys.key[k], pa, line, plain); /* XOR: its own inverse */
		if (private_plain_is_fresh_pamt(plain))
			return true;
	}
	return false;
}

bool emu_find_private_line(struct emu *e, uint64_t base, uint64_t size,
			   uint64_t *pa)
{
	for (uint64_t p = base & ~63ull; p < base + size; p += 64) {
		if (emu_line_is_private(e, p)) {
			*pa = p;
			return true;
		}
	}
	return false;
}
