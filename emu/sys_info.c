/* SPDX-License-Identifier: MIT */
/*
 * TDH.SYS.INFO: the TDX 1.0-style TDSYSINFO_STRUCT and CMR_INFO array.
 * docs/reference/tdx-abi.md §4 (SYS.INFO row), §8.3; module tdh_sys_info.c.
 */
#include "emu/internal.h"

#include "lib/mem.h"

/*
 * Operand checks in the module's order; the 1024-byte structure is zeroed
 * as soon as RCX and RDX pass, even if R8/R9 then fail (tdh_sys_info.c).
 */
static uint64_t sys_info_check(struct emu_call *c, const struct seam_regs *r)
{
	static const uint8_t zero[TDSYSINFO_STRUCT_SIZE];
	const struct emu *e = c->e;

	if (!emu_pa_shared_ok(e, r->rcx, TDSYSINFO_ALIGN, TDSYSINFO_STRUCT_SIZE))
		return tdx_status_with_operand(TDX_OPERAND_INVALID, TDX_OPERAND_ID_RCX);
	if (r->rdx < TDSYSINFO_STRUCT_SIZE)
		return tdx_status_with_operand(TDX_OPERAND_INVALID, TDX_OPERAND_ID_RDX);
	if (emu_call_write(c, r->rcx, zero, sizeof(zero)))
		return TDX_OPERAND_INVALID;
	if (!emu_pa_shared_ok(e, r->r8, TDX_CMR_INFO_ARRAY_ALIGN,
			      TDX_MAX_CMRS * sizeof(struct tdx_cmr_info)))
		return tdx_status_with_operand(TDX_OPERAND_INVALID, TDX_OPERAND_ID_R8);
	if (r->r9 < TDX_MAX_CMRS)
		return tdx_status_with_operand(TDX_OPERAND_INVALID, TDX_OPERAND_ID_R9);
	return TDX_SUCCESS;
}

static void sys_info_fill(const struct emu *e, struct tdsysinfo_struct *s)
{
	const struct emu_module_desc *d = &e->mod.desc;

	memset(s, 0, sizeof(*s));
	/* tdh_sys_info.c:107 writes 0 whatever the build (1.5.01); 1.0 sets
	 * bit 31 (debug_module) on a debug build (1.0.3 tdh_sys_info.c:95-97,
	 * docs/reference/tdx-abi.md §16.2). */
	s->attributes = emu_module_is_v10(e) && (d->flags & EMU_MODFLAG_DEBUG) ? 1u << 31 : 0;
	s->vendor_id = 0x8086;
	s->build_date = d->build_date;
	s->build_num = d->build_num;
	s->minor_version = d->minor;
	s->major_version = d->major;
	s->sys_rd = !emu_module_is_v10(e); /* "use TDH.SYS.RD*" from 1.5 (tdh_sys_info.c:113) */
	s->max_tdmrs = d->max_tdmrs;
	s->max_reserved_per_tdmr = d->max_reserved_per_tdmr;
	s->pamt_entry_size = d->pamt_entry_size[0];
	s->tdcs_base_size = 4 * 4096;
	s->tdvps_base_size = 6 * 4096;
	s->attributes_fixed0 = 0x50000001ull;
	s->xfam_fixed0 = 0x6DBE7ull;
	s->xfam_fixed1 = 0x3;
	s->num_cpuid_config = emu_cpuid_config_count(e);
	for (uint32_t i = 0; i < s->num_cpuid_config; i++) {
		struct tdx_cpuid_config *cc = &s->cpuid_configs[i];
		uint64_t leaf, low, high;

		emu_cpuid_config_get(i, &leaf, &low, &high);
		cc->leaf = (uint32_t)leaf;
		cc->sub_leaf = (uint32_t)(leaf >> 32);
		cc->eax = (uint32_t)low;
		cc->ebx = (uint32_t)(low >> 32);
		cc->ecx = (uint32_t)high;
		cc->edx = (uint32_t)(high >> 32);
	}
}

uint64_t emu_sys_info(struct emu_call *c)
{
	struct emu *e = c->e;
	struct tdsysinfo_struct info;
	struct seam_regs in = *c->r;
	uint64_t st;

	/* Outputs default to 0 (module tdh_sys_info.c). */
	c->r->rdx = c->r->r9 = 0;
	if (!__atomic_load_n(&e->lp[c->lp].lp_is_init, __ATOMIC_ACQUIRE))
		return TDX_SYS_LP_INIT_NOT_DONE;
	if ((st = sys_info_check(c, &in)) != TDX_SUCCESS)
		return st;
	sys_info_fill(e, &info);
	/* All 32 CMR entries are written, empty ones zero (§8.3). */
	if (emu_call_write(c, in.rcx, &info, sizeof(info)) ||
	    emu_call_write(c, in.r8, e->plat->cmr, sizeof(e->plat->cmr)))
		return TDX_OPERAND_INVALID;
	c->r->rdx = TDSYSINFO_STRUCT_SIZE;
	c->r->r9 = TDX_MAX_CMRS;
	return TDX_SUCCESS;
}
