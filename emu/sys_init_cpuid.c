/* SPDX-License-Identifier: MIT */
/*
 * TDH.SYS.INIT's CPUID checks, as module 1.5.01 tdh_sys_init.c
 * check_cpuid_configurations (lines 302-795) does them: IA32_MISC_ENABLE,
 * the last basic and extended leaves, then every row of the CPUID lookup
 * table in index order (cpuid_rules.c): (value & verify_mask) ==
 * verify_value, then the row's special rule (perfmon version and fixed
 * counters, TSC leaf, topology and WBINVD scope, LA bits).  The values are
 * sampled for TDH.SYS.LP.INIT.  On INCORRECT_CPUID_VALUE the module leaves
 * RCX = leaf | subleaf << 32, RDX/R8 = mask (EAX|EBX<<32, ECX|EDX<<32),
 * R9/R10 = expected value in the same layout.
 */
#include "emu/internal.h"

#define MISC_ENABLE_PERFMON_AVAILABLE (1ull << 7)
#define MISC_ENABLE_BTS_UNAVAILABLE   (1ull << 11)

/* x86_defs.h lines 863-866. */
#define CPUID_MIN_LAST_CPU_BASE_LEAF 0x1Fu
#define CPUID_FIRST_EXTENDED_LEAF    0x80000000u
#define CPUID_LAST_EXTENDED_LEAF     0x80000008u
/* msr_defs.h line 110; x86_defs.h lines 827-841. */
#define MAX_FIXED_CTR 7u
#define LEVEL_TYPE_MAX 6u

struct cpuid_walk {
	uint32_t last_base, last_ext;
	uint32_t l3_sharing;       /* leaf 4.3 EAX[25:14], ~0 until seen */
	uint32_t shift;            /* shift count of the last valid 0x1F level */
	uint32_t prev_level;       /* level type of the previous 0x1F subleaf */
	bool core_seen;
};

static uint64_t lo(const uint32_t r[4]) { return r[0] | (uint64_t)r[1] << 32; }
static uint64_t hi(const uint32_t r[4]) { return r[2] | (uint64_t)r[3] << 32; }

static uint64_t cpuid_incorrect(struct emu_call *c, const struct emu_cpuid_rule *rule,
				uint64_t mlo, uint64_t mhi, uint64_t vlo, uint64_t vhi)
{
	c->r->rcx = rule->leaf | (uint64_t)rule->subleaf << 32;
	c->r->rdx = mlo;
	c->r->r8 = mhi;
	c->r->r9 = vlo;
	c->r->r10 = vhi;
	return TDX_INCORRECT_CPUID_VALUE;
}

/* Leaf 0xA: perfmon version >= 5, at most MAX_FIXED_CTR fixed counters. */
static uint64_t check_perfmon(struct emu_call *c, const struct emu_cpuid_rule *rule,
			      const uint32_t v[4])
{
	if ((v[EMU_EAX] & 0xFF) < 5)
		return cpuid_incorrect(c, rule, 0xF, 0, 0x5, 0);
	if ((v[EMU_EDX] & 0x1F) > MAX_FIXED_CTR)
		return cpuid_incorrect(c, rule, 0, 0x1Full << 32, 0,
				       (uint64_t)MAX_FIXED_CTR << 32);
	return TDX_SUCCESS;
}

/*
 * Leaf 0x1F, walked subleaf by subleaf: level types strictly rising below
 * LEVEL_TYPE_MAX; at the first invalid level the previous shift count is
 * the package shift, and L3 must be shared by exactly the package.
 */
static uint64_t check_topology(struct emu *e, struct cpuid_walk *w,
			       const struct emu_cpuid_rule *rule, const uint32_t v[4])
{
	uint32_t level = (v[EMU_ECX] >> 8) & 0xFF;

	if (level != 0) {
		if (level <= w->prev_level || level >= LEVEL_TYPE_MAX)
			return TDX_CPUID_LEAF_1F_FORMAT_UNRECOGNIZED;
		w->shift = v[EMU_EAX] & 0x1F;
		w->core_seen |= level == 2;
	} else {
		if (rule->subleaf == 0 || !w->core_seen)
			return tdx_status_with_operand(TDX_CPUID_LEAF_NOT_SUPPORTED,
						       TDX_OPERAND_ID_RAX);
		if (w->prev_level != 0) {
			/* x86 shifts count mod 32, as the module's code compiles. */
			uint32_t s = (w->shift - 1) & 31;

			e->mod.x2apic_pkg_shift = w->shift;
			if ((w->l3_sharing >> s) != 1)
				return TDX_INVALID_WBINVD_SCOPE;
		}
	}
	w->prev_level = level;
	return TDX_SUCCESS;
}

/* 0x80000008: LA_BITS is 57 with LA57 (CPUID 7.0 ECX[16]), else 48. */
static uint64_t check_la_bits(struct emu_call *c, const struct emu_cpuid_rule *rule,
			      const uint32_t v[4])
{
	uint32_t want = c->e->mod.la57 ? 57 : 48;

	if (((v[EMU_EAX] >> 8) & 0xFF) != want)
		return cpuid_incorrect(c, rule, 0xFF00, 0, (uint64_t)want << 8, 0);
	return TDX_SUCCESS;
}

static uint64_t check_special(struct emu_call *c, struct cpuid_walk *w,
			      const struct emu_cpuid_rule *rule, const uint32_t v[4])
{
	switch (rule->leaf) {
	case 0x4:
		if (rule->subleaf == 3)
			w->l3_sharing = (v[EMU_EAX] >> 14) & 0xFFF;
		return TDX_SUCCESS;
	case 0x7:
		if (rule->subleaf == 0)
			c->e->mod.la57 = (v[EMU_ECX] >> 16) & 1;
		return TDX_SUCCESS;
	case 0xA:
		return check_perfmon(c, rule, v);
	case 0x15:
		if (v[EMU_EBX] == 0)
			return tdx_status_with_operand(TDX_CPUID_LEAF_NOT_SUPPORTED, 0x15);
		return TDX_SUCCESS;
	case 0x1F:
		return check_topology(c->e, w, rule, v);
	case 0x80000008:
		return check_la_bits(c, rule, v);
	}
	return TDX_SUCCESS;
}

/* Leaves beyond what the CPU enumerates read as 0 (lines 355-368). */
static void walk_read(const struct emu *e, uint32_t lp, const struct cpuid_walk *w,
		      const struct emu_cpuid_rule *rule, uint32_t v[4])
{
	if (rule->leaf <= w->last_base ||
	    (rule->leaf >= CPUID_FIRST_EXTENDED_LEAF && rule->leaf <= w->last_ext))
		emu_platform_cpuid(e->plat, lp, rule->leaf, rule->subleaf, v);
	else
		v[0] = v[1] = v[2] = v[3] = 0;
}

static uint64_t check_misc_enable(const struct emu *e, uint64_t misc)
{
	if (misc & MISC_ENABLE_LIMIT_CPUID_MAXVAL)
		return TDX_LIMIT_CPUID_MAXVAL_SET;
	/* 1.5.05 tdh_sys_init.c lines 322-331; 1.5.01 checks bit 22 only. */
	if (emu_module_at_least(e, 1, 5, 5) &&
	    (!(misc & MISC_ENABLE_PERFMON_AVAILABLE) || (misc & MISC_ENABLE_BTS_UNAVAILABLE)))
		return tdx_status_with_operand(TDX_INCORRECT_MSR_VALUE, MSR_IA32_MISC_ENABLE);
	return TDX_SUCCESS;
}

uint64_t emu_sys_init_check_cpuid(struct emu_call *c)
{
	struct emu *e = c->e;
	struct cpuid_walk w = { .l3_sharing = ~0u };
	uint32_t v[4];
	uint64_t st;

	if ((st = check_misc_enable(e, e->plat->lp[c->lp].msr[EMU_MSR_MISC_ENABLE])))
		return st;
	emu_platform_cpuid(e->plat, c->lp, 0, 0, v);
	w.last_base = v[EMU_EAX];
	if (w.last_base < CPUID_MIN_LAST_CPU_BASE_LEAF)
		return tdx_status_with_operand(TDX_CPUID_LEAF_NOT_SUPPORTED,
					       CPUID_MIN_LAST_CPU_BASE_LEAF);
	emu_platform_cpuid(e->plat, c->lp, CPUID_FIRST_EXTENDED_LEAF, 0, v);
	w.last_ext = v[EMU_EAX];
	if (w.last_ext < CPUID_LAST_EXTENDED_LEAF)
		return tdx_status_with_operand(TDX_CPUID_LEAF_NOT_SUPPORTED,
					       CPUID_LAST_EXTENDED_LEAF);
	for (uint32_t i = 0; i < emu_cpuid_rule_count(e); i++) {
		const struct emu_cpuid_rule *rule = emu_cpuid_rule(e, i);

		walk_read(e, c->lp, &w, rule, v);
		if ((lo(v) & lo(rule->verify_mask)) != lo(rule->verify_value) ||
		    (hi(v) & hi(rule->verify_mask)) != hi(rule->verify_value))
			return cpuid_incorrect(c, rule, lo(rule->verify_mask),
					       hi(rule->verify_mask),
					       lo(rule->verify_value),
					       hi(rule->verify_value));
		if ((st = check_special(c, &w, rule, v)) != TDX_SUCCESS)
			return st;
		for (int r = 0; r < 4 && i < EMU_CPUID_SAMPLES; r++)
			e->mod.cpuid_sample[i][r] = v[r];
	}
	return TDX_SUCCESS;
}
