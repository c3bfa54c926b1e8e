/* SPDX-License-Identifier: MIT */
/*
 * SEAM_SIGSTRUCT field checks of the P-SEAMLDR (docs/reference/tdx-abi.md §11.6
 * "Required value"; P-SEAMLDR check_seam_sigstruct) and the emulator's
 * test signing key.
 *
 * Simplification (docs/emulator.md): an emulator cannot hold Intel's key.
 * The P-SEAMLDR requires SHA-384(modulus) == Intel's key hash; the model
 * requires modulus == the emulator's test modulus (unless the platform says
 * accept_any_key), and does not verify the RSA signature.
 */
#include "emu/internal.h"

#include "lib/mem.h"

void emu_seamldr_test_modulus(uint8_t out[384])
{
	/* "tdxboot emulator test key", repeated: recognisable, never Intel's. */
	static const char tag[] = "tdxboot emulator test key ";

	for (size_t i = 0; i < 384; i++)
		out[i] = (uint8_t)tag[i % (sizeof(tag) - 1)];
}

static bool all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

static bool sigstruct_header_ok(const struct seam_sigstruct *s)
{
	return s->header_type == SEAM_SIGSTRUCT_HEADER_TYPE &&
	       s->header_length == SEAM_SIGSTRUCT_HEADER_LENGTH &&
	       s->header_version == SEAM_SIGSTRUCT_HEADER_VERSION &&
	       (s->module_type & ~SEAM_SIGSTRUCT_MODULE_DEBUG) == 0 &&
	       s->module_vendor == SEAM_SIGSTRUCT_VENDOR &&
	       s->size == SEAM_SIGSTRUCT_SIZE_DW &&
	       s->key_size == SEAM_SIGSTRUCT_KEY_SIZE_DW &&
	       s->modulus_size == SEAM_SIGSTRUCT_KEY_SIZE_DW &&
	       s->exponent_size == 1 &&
	       s->exponent == SEAM_SIGSTRUCT_EXPONENT &&
	       all_zero(s->reserved0, sizeof(s->reserved0));
}

static bool sigstruct_body_ok(const struct seam_sigstruct *s)
{
	if (s->attributes != 0 || !all_zero(s->reserved1, sizeof(s->reserved1)) ||
	    s->reserved2 != 0 || !all_zero(s->reserved3, sizeof(s->reserved3)))
		return false;
	if (s->module_hv < s->min_update_hv)
		return false;
	/* gdt_idt_offset 4K aligned; zero iff fault_wrapper_offset is zero. */
	if ((s->gdt_idt_offset & 0xFFF) ||
	    ((s->gdt_idt_offset == 0) != (s->fault_wrapper_offset == 0)))
		return false;
	return s->cpuid_table_size <= SEAM_SIGSTRUCT_MAX_CPUID;
}

uint64_t emu_sigstruct_check(const struct emu *e, const struct seam_sigstruct *s)
{
	uint8_t key[384];

	if (!sigstruct_header_ok(s) || !sigstruct_body_ok(s))
		return SEAMLDR_EBADSIG;
	emu_seamldr_test_modulus(key);
	if (!e->plat->seamldr_accept_any_key && memcmp(key, s->modulus, sizeof(key)))
		return SEAMLDR_EBADSIG;
	/* A debug-signed module needs a debug platform (IA32_SGX_DEBUG_MODE). */
	if ((s->module_type & SEAM_SIGSTRUCT_MODULE_DEBUG) && !e->plat->debug_platform)
		return SEAMLDR_EBADSIG;
	return SEAMLDR_SUCCESS;
}
