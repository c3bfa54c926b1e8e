/* SPDX-License-Identifier: MIT */
/*
 * Physical-address rules the module and P-SEAMLDR apply to their operands:
 * the HKID field is PA bits [51 : 52 - MK_TME_KEYID_BITS], MAX_PA is 52 and
 * a "shared HPA" has an HKID below the first private KeyID (docs/reference/tdx-abi.md §4
 * notes, §9, §11.1; module helpers shared_hpa_check, P-SEAMLDR helpers.c).
 * The KeyID layout is the platform's (IA32_TME_ACTIVATE bits 35:32,
 * IA32_MKTME_KEYID_PARTITIONING), read from LP 0: SYS.INIT and LP.INIT make
 * sure every LP agrees.
 */
#include "emu/internal.h"

uint32_t emu_pa_keyid_bits(const struct emu *e)
{
	return (uint32_t)(e->plat->lp[0].msr[EMU_MSR_TME_ACTIVATE] >> 32) & 0xF;
}

uint32_t emu_pa_first_private_hkid(const struct emu *e)
{
	uint64_t part = e->plat->lp[0].msr[EMU_MSR_MKTME_KEYID_PARTITIONING];

	return (uint32_t)part + 1;
}

uint64_t emu_pa_hkid(const struct emu *e, uint64_t pa)
{
	uint32_t bits = emu_pa_keyid_bits(e);

	if (bits == 0)
		return 0;
	return (pa & ((1ull << TDX_MAX_PA_BITS) - 1)) >> (TDX_MAX_PA_BITS - bits);
}

bool emu_pa_below_max(uint64_t pa)
{
	return pa < (1ull << TDX_MAX_PA_BITS);
}

bool emu_pa_shared_ok(const struct emu *e, uint64_t pa, uint64_t align,
		      uint64_t len)
{
	uint64_t sb = e->plat->seamrr_base, ss = e->plat->seamrr_size;

	if (pa & (align - 1))
		return false;
	if (!emu_pa_below_max(pa))
		return false;
	/* [pa, pa+len) must not touch SEAMRR (§6.2 step 4). */
	if (ss && pa < sb + ss && sb < pa + len)
		return false;
	return emu_pa_hkid(e, pa) < emu_pa_first_private_hkid(e);
}
