/* SPDX-License-Identifier: MIT */
#include "tests/plan/emu_judge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tdmr_info.h"
#include "emu/emu.h"
#include "lib/tdx_abi.h"

/* Where the TDMR_INFO array lives in the simulated memory: below 1 MiB,
 * which no plan covers, far from the default SEAMRR. */
#define EJ_WIN      0x10000ull
#define EJ_WIN_SIZE 0x10000ull
#define EJ_ARRAY    EJ_WIN
#define EJ_INFO(i)  (EJ_WIN + 0x1000 + 512ull * (i))
#define EJ_HKID     32u /* the first private KeyID of emu_platform_default */

struct ej {
	struct emu_platform plat;
	struct emu e;
	struct emu_memmap map;
	uint8_t win[EJ_WIN_SIZE];
};

static bool ej_fits(const struct plan_input *in, const struct plan_output *out,
		    char *why, size_t n)
{
	if (in->n_cmrs > TDX_MAX_CMRS || out->n_tdmrs > TDX_MAX_TDMRS ||
	    !out->n_tdmrs || in->limits.max_rsvd_per_tdmr > TDX_MAX_RESERVED_AREAS) {
		snprintf(why, n, "beyond the ABI's tables (%zu CMRs, %u TDMRs, "
			 "max_rsvd %u)", in->n_cmrs, out->n_tdmrs,
			 in->limits.max_rsvd_per_tdmr);
		return false;
	}
	for (uint32_t i = 0; i < out->n_tdmrs; i++)
		if (out->tdmrs[i].n_rsvd > TDX_MAX_RESERVED_AREAS)
			return snprintf(why, n, "TDMR %u has %u reserved areas", i,
					out->tdmrs[i].n_rsvd), false;
	return true;
}

/*
 * SMRR is below 4 GiB and must not overlap a CMR (TDH.SYS.INIT checks);
 * real firmware keeps it out of them.  An 8 MiB slot no CMR touches, or 0.
 */
static uint64_t ej_smrr_slot(const struct plan_input *in)
{
	const uint64_t sz = 8ull << 20;

	for (uint64_t b = 0x7F000000ull; b + sz <= (4ull << 30); b += sz) {
		bool hit = false;

		for (size_t i = 0; i < in->n_cmrs && !hit; i++)
			hit = in->cmrs[i].base < b + sz && b < in->cmrs[i].base + in->cmrs[i].size;
		if (!hit)
			return b;
	}
	for (uint64_t b = 0x7F000000ull - sz; b >= sz; b -= sz) {
		bool hit = false;

		for (size_t i = 0; i < in->n_cmrs && !hit; i++)
			hit = in->cmrs[i].base < b + sz && b < in->cmrs[i].base + in->cmrs[i].size;
		if (!hit)
			return b;
	}
	return 0;
}

static void ej_setup(struct ej *j, const struct plan_input *in, uint64_t smrr)
{
	struct emu_module_desc d;
	const struct plan_limits *l = &in->limits;

	emu_platform_default(&j->plat, 1, 1);
	emu_platform_set_msr(&j->plat, EMU_MSR_SMRR_PHYSBASE, smrr | 6);
	for (size_t i = 0; i < in->n_cmrs; i++)
		emu_platform_add_cmr(&j->plat, in->cmrs[i].base, in->cmrs[i].size);
	emu_memmap_init(&j->map);
	emu_memmap_add(&j->map, EJ_WIN, EJ_WIN_SIZE, j->win);
	emu_init(&j->e, &j->plat, emu_memmap_ops(&j->map));
	emu_module_desc_default(&d);
	d.max_tdmrs = (uint16_t)l->max_tdmrs;
	d.max_reserved_per_tdmr = (uint16_t)l->max_rsvd_per_tdmr;
	for (int k = 0; k < 3; k++)
		d.pamt_entry_size[k] = (uint16_t)l->pamt_entry_size[k];
	if (l->dpamt) {
		d.flags |= EMU_MODFLAG_DPAMT;
		d.features0 |= TDX_FEATURES0_DPAMT;
		d.dpamt_bits_per_entry = (uint16_t)l->dpamt_bits_per_4k;
	}
	emu_module_preload(&j->e, &d);
}

/* One SEAMCALL on LP 0; false with why unless it succeeded. */
static bool ej_call(struct ej *j, uint64_t leaf, uint64_t rcx, uint64_t rdx,
		    uint64_t r8, char *why, size_t n)
{
	struct seam_regs r = { .rax = leaf, .rcx = rcx, .rdx = rdx, .r8 = r8 };
	enum emu_outcome o = emu_seamcall(&j->e, 0, &r);

	if (o != EMU_VMSUCCEED) {
		snprintf(why, n, "SEAMCALL %llu: %s %s", (unsigned long long)leaf,
			 emu_outcome_name(o), emu_diag(&j->e));
		return false;
	}
	if (r.rax != TDX_SUCCESS) {
		snprintf(why, n, "SEAMCALL %llu: %s (0x%016llx)", (unsigned long long)leaf,
			 tdx_status_name(r.rax), (unsigned long long)r.rax);
		return false;
	}
	return true;
}

enum emu_judge_verdict emu_judge_plan(const struct plan_input *in,
				      const struct plan_output *out,
				      char *why, size_t why_size)
{
	static struct ej j; /* ~100 KB of platform state: not on the stack */
	uint64_t r8 = EJ_HKID | (in->limits.dpamt ? TDX_CONFIG_R8_DPAMT : 0);

	uint64_t smrr = ej_smrr_slot(in);

	why[0] = '\0';
	if (!ej_fits(in, out, why, why_size))
		return EMU_JUDGE_SKIP;
	if (!smrr) {
		snprintf(why, why_size, "no room below 4 GiB for SMRR outside the CMRs");
		return EMU_JUDGE_SKIP;
	}
	memset(&j, 0, sizeof(j));
	ej_setup(&j, in, smrr);
	for (uint32_t i = 0; i < out->n_tdmrs; i++) {
		uint64_t pa = EJ_INFO(i);

		memcpy(j.win + (EJ_ARRAY - EJ_WIN) + 8 * i, &pa, 8);
		(void)tdmr_info_from_plan(&out->tdmrs[i], (struct tdmr_info *)(j.win + (pa - EJ_WIN)));
	}
	if (!ej_call(&j, TDH_SYS_INIT, 0, 0, 0, why, why_size) ||
	    !ej_call(&j, TDH_SYS_LP_INIT, 0, 0, 0, why, why_size))
		return EMU_JUDGE_SKIP; /* the harness, not the plan */
	if (!ej_call(&j, TDH_SYS_CONFIG, EJ_ARRAY, out->n_tdmrs, r8, why, why_size))
		return EMU_JUDGE_REJECT;
	return EMU_JUDGE_ACCEPT;
}
