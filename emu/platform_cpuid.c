/* SPDX-License-Identifier: MIT */
/*
 * CPUID of the emulated platform: a Sapphire Rapids-like CPU model that
 * the module's CPUID checks accept (every verify mask/value of 1.5.01 and
 * 1.5.05 include/auto_gen/cpuid_configurations.c, and the special rules
 * of tdh_sys_init.c check_cpuid_configurations), the topology leaves
 * derived from the x2APIC ids, and per-LP models for mixed steppings.
 */
#include "emu/internal.h"

#include "lib/mem.h"

/* Leaf 0x1F/0xB level types (SDM vol. 2A CPUID leaf 1FH; module x86_defs.h). */
#define LEVEL_SMT  1u
#define LEVEL_CORE 2u

static const struct emu_cpuid_entry default_cpu[] = {
	/* Max basic leaf >= 0x1F (CPUID_MIN_LAST_CPU_BASE_LEAF), "GenuineIntel". */
	{ 0x0, EMU_CPUID_ANY, { 0x20, 0x756e6547, 0x6c65746e, 0x49656e69 } },
	/* Family 6 model 0x8F stepping 8; CLFLUSH 8 qwords; feature bits the module requires. */
	{ 0x1, EMU_CPUID_ANY, { 0x806F8, 0x800, 0x47faa217, 0x1fa9fbff } },
	/* Deterministic cache parameters: L1D, L1I, L2, L3 (level 3, unified), end. */
	{ 0x4, 0x0, { 0x121, 0x2c0003f, 0x3f, 0x0 } },
	{ 0x4, 0x1, { 0x122, 0x1c0003f, 0x3f, 0x0 } },
	{ 0x4, 0x2, { 0x143, 0x3c0003f, 0x7ff, 0x0 } },
	{ 0x4, 0x3, { 0x163, 0x3c0003f, 0xdfff, 0x4 } },
	{ 0x4, 0x4, { 0x0, 0x0, 0x0, 0x0 } },
	{ 0x6, EMU_CPUID_ANY, { 0x4, 0x0, 0x0, 0x0 } },
	/* 7.0: EAX = 2 subleaves; ECX with PKS, MOVDIRI, MOVDIR64B and LA57. */
	{ 0x7, 0x0, { 0x2, 0x219424c3, 0x99010000, 0xfc080400 } },
	{ 0x7, 0x1, { 0x0, 0x0, 0x0, 0x0 } },
	{ 0x7, 0x2, { 0x0, 0x0, 0x0, 0x17 } },
	/* Perfmon version 5, 8 GP counters; 3 fixed counters of 48 bits. */
	{ 0xa, EMU_CPUID_ANY, { 0x07300805, 0x0, 0x0, 0x8603 } },
	{ 0xd, 0x0, { 0x3, 0x240, 0x240, 0x0 } },
	{ 0xd, 0x1, { 0xf, 0x240, 0x1800, 0x0 } },
	{ 0x14, 0x0, { 0x1, 0x0, 0x0, 0x0 } },
	/* TSC/crystal 188/2 at 25 MHz: 2.35 GHz, EBX != 0 (tdh_sys_init.c). */
	{ 0x15, EMU_CPUID_ANY, { 0x2, 0xbc, 25000000, 0x0 } },
	{ 0x1c, EMU_CPUID_ANY, { 0x7, 0x0, 0x0, 0x0 } },
	{ 0x80000000, EMU_CPUID_ANY, { 0x80000008, 0x0, 0x0, 0x0 } },
	{ 0x80000001, EMU_CPUID_ANY, { 0x0, 0x0, 0x121, 0x2c100800 } },
	{ 0x80000006, EMU_CPUID_ANY, { 0x0, 0x0, 0x08007040, 0x0 } },
	{ 0x80000007, EMU_CPUID_ANY, { 0x0, 0x0, 0x0, 0x100 } },
	/* PA 52, LA 57 (LA57 is in 7.0 ECX), WBNOINVD (EBX bit 9). */
	{ 0x80000008, EMU_CPUID_ANY, { 0x3934, 0x200, 0x0, 0x0 } },
};

void emu_platform_cpu_default(struct emu_platform *p)
{
	struct emu_cpu_model *m = &p->cpu[0];

	memset(p->cpu, 0, sizeof(p->cpu));
	m->count = sizeof(default_cpu) / sizeof(default_cpu[0]);
	memcpy(m->entry, default_cpu, sizeof(default_cpu));
	p->num_cpu_models = 1;
}

static struct emu_cpuid_entry *model_find(struct emu_cpu_model *m, uint32_t leaf,
					  uint32_t subleaf)
{
	for (uint32_t i = 0; i < m->count && i < EMU_CPU_MAX_LEAVES; i++)
		if (m->entry[i].leaf == leaf &&
		    (m->entry[i].subleaf == EMU_CPUID_ANY || m->entry[i].subleaf == subleaf))
			return &m->entry[i];
	return NULL;
}

/* The package shift CPUID reports: a real CPU's core level shifts at least 1. */
static uint32_t topo_pkg_shift(const struct emu_platform *p)
{
	return p->pkg_shift ? p->pkg_shift : 1;
}

/* EAX[25:14] of leaf 4: IDs sharing the cache minus one, 12 bits. */
static uint32_t topo_sharing(uint32_t shift)
{
	uint64_t n = (1ull << shift) - 1;

	return (uint32_t)(n > 0xFFF ? 0xFFF : n) << 14;
}

/* Leaves 0xB and 0x1F: SMT level, core level (shift to the package), end. */
static void topo_leaf(const struct emu_platform *p, uint32_t lp, uint32_t subleaf,
		      uint32_t out[4])
{
	uint32_t pkg = topo_pkg_shift(p), smt = pkg >= 2 ? 1 : 0;

	out[EMU_EDX] = p->lp[lp].x2apic_id;
	out[EMU_ECX] = subleaf & 0xFF;
	if (subleaf == 0) {
		out[EMU_EAX] = smt;
		out[EMU_EBX] = 1u << smt;
		out[EMU_ECX] |= LEVEL_SMT << 8;
	} else if (subleaf == 1) {
		out[EMU_EAX] = pkg;
		out[EMU_EBX] = pkg < 16 ? 1u << pkg : 0xFFFF;
		out[EMU_ECX] |= LEVEL_CORE << 8;
	}
}

void emu_platform_cpuid(const struct emu_platform *p, uint32_t lp, uint32_t leaf,
			uint32_t subleaf, uint32_t out[4])
{
	const struct emu_cpu_model *m = &p->cpu[p->lp[lp].cpu % EMU_MAX_CPU_MODELS];
	const struct emu_cpuid_entry *ent =
		model_find((struct emu_cpu_model *)m, leaf, subleaf);
	uint32_t shift = topo_pkg_shift(p);

	out[0] = out[1] = out[2] = out[3] = 0;
	if (leaf == 0xB || leaf == 0x1F) {
		topo_leaf(p, lp, subleaf, out);
		return;
	}
	if (!ent)
		return;
	memcpy(out, ent->reg, sizeof(ent->reg));
	if (leaf == 0x1) /* initial APIC id */
		out[EMU_EBX] = (out[EMU_EBX] & 0x00FFFFFFu) | (p->lp[lp].x2apic_id << 24);
	if (leaf == 0x4 && subleaf < 3) /* L1, L2: per core */
		out[EMU_EAX] = (out[EMU_EAX] & ~(0xFFFu << 14)) |
			       topo_sharing(shift >= 2 ? 1 : 0);
	if (leaf == 0x4 && subleaf == 3) /* L3: the package, or half of it */
		out[EMU_EAX] = (out[EMU_EAX] & ~(0xFFFu << 14)) |
			       topo_sharing(p->l3_per_package ? shift : shift - 1);
}

static int model_set(struct emu_cpu_model *m, uint32_t leaf, uint32_t subleaf,
		     enum emu_cpuid_reg reg, uint32_t value)
{
	struct emu_cpuid_entry *ent = model_find(m, leaf, subleaf);

	if (!ent) {
		if (m->count >= EMU_CPU_MAX_LEAVES)
			return -1;
		ent = &m->entry[m->count++];
		*ent = (struct emu_cpuid_entry){ leaf, subleaf, { 0, 0, 0, 0 } };
	}
	ent->reg[reg & 3] = value;
	return 0;
}

/* LP lp's model, copied first if other LPs run it too. */
static struct emu_cpu_model *model_private(struct emu_platform *p, uint32_t lp)
{
	uint32_t k = p->lp[lp].cpu, users = 0;

	for (uint32_t i = 0; i < p->num_lps && i < EMU_MAX_LPS; i++)
		users += p->lp[i].cpu == k;
	if (users > 1) {
		if (p->num_cpu_models >= EMU_MAX_CPU_MODELS)
			return NULL;
		p->cpu[p->num_cpu_models] = p->cpu[k];
		p->lp[lp].cpu = (uint8_t)p->num_cpu_models++;
	}
	return &p->cpu[p->lp[lp].cpu];
}

int emu_platform_set_cpuid(struct emu_platform *p, uint32_t lp, uint32_t leaf,
			   uint32_t subleaf, enum emu_cpuid_reg reg, uint32_t value)
{
	struct emu_cpu_model *m;

	if (lp == EMU_ALL_LPS) {
		for (uint32_t k = 0; k < p->num_cpu_models; k++)
			if (model_set(&p->cpu[k], leaf, subleaf, reg, value))
				return -1;
		return 0;
	}
	if (lp >= p->num_lps || lp >= EMU_MAX_LPS || !(m = model_private(p, lp)))
		return -1;
	return model_set(m, leaf, subleaf, reg, value);
}
