/* SPDX-License-Identifier: MIT */
/*
 * Emulator conformance: TDH.SYS.RD, TDH.SYS.RDALL and TDH.SYS.INFO
 * (docs/reference/tdx-abi.md §4 rows, §8.1 encoding, §8.2 field ids, §8.3 layouts).
 */
#include "tests/unit/emu_fixture.h"

static struct fx *rd_ready(void)
{
	struct fx *f = fx_new();

	fx_sys_init(f);
	fx_lp_init_all(f);
	return f;
}

static uint64_t rd(struct fx *f, uint64_t id, uint64_t *val, uint64_t *next)
{
	struct seam_regs r = { .rax = TDH_SYS_RD, .rdx = id, .r8 = 0xdead };
	uint64_t st = fx_call_regs(f, 0, &r);

	*val = r.r8;
	*next = r.rdx;
	return st;
}

/* §4: SYS.RD on an LP without LP.INIT -> TDX_SYS_LP_INIT_NOT_DONE. */
TEST(emu_sys_rd_requires_lp_init)
{
	struct fx *f = fx_new();

	fx_sys_init(f);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_RD, MD_SYS_MAX_TDMRS, 0, 0),
		     TDX_SYS_LP_INIT_NOT_DONE);
	fx_free(f);
}

/* §8.2: the limits Linux reads, with RDX = the next field id. */
TEST(emu_sys_rd_limits)
{
	struct fx *f = rd_ready();
	uint64_t v, next;

	CHECK_U64_EQ(rd(f, MD_SYS_MAX_TDMRS, &v, &next), TDX_SUCCESS);
	CHECK_U64_EQ(v, 64);
	CHECK_U64_EQ(next, MD_SYS_MAX_RESERVED_PER_TDMR);
	CHECK_U64_EQ(rd(f, MD_SYS_MAX_RESERVED_PER_TDMR, &v, &next), TDX_SUCCESS);
	CHECK_U64_EQ(v, 16);
	CHECK_U64_EQ(rd(f, MD_SYS_PAMT_2M_ENTRY_SIZE, &v, &next), TDX_SUCCESS);
	CHECK_U64_EQ(v, 16);
	CHECK_U64_EQ(rd(f, MD_SYS_MAJOR_VERSION, &v, &next), TDX_SUCCESS);
	CHECK_U64_EQ(v, 1);
	CHECK_U64_EQ(rd(f, MD_SYS_MINOR_VERSION, &v, &next), TDX_SUCCESS);
	CHECK_U64_EQ(v, 5);
	CHECK_U64_EQ(rd(f, MD_SYS_TDX_FEATURES0, &v, &next), TDX_SUCCESS);
	CHECK_U64_EQ(v, 0xF0FBF);
	CHECK_U64_EQ(rd(f, MD_SYS_NUM_PKGS, &v, &next), TDX_SUCCESS);
	CHECK_U64_EQ(v, 2);
	fx_free(f);
}

/* §8.2: NUM_CMRS is always 32; CMR_BASE/SIZE indexed by adding to the field code. */
TEST(emu_sys_rd_cmrs)
{
	struct fx *f = rd_ready();
	uint64_t v, next;

	CHECK_U64_EQ(rd(f, MD_SYS_NUM_CMRS, &v, &next), TDX_SUCCESS);
	CHECK_U64_EQ(v, 32);
	CHECK_U64_EQ(rd(f, MD_SYS_CMR_BASE + 0, &v, &next), TDX_SUCCESS);
	CHECK_U64_EQ(v, FX_CMR_BASE);
	CHECK_U64_EQ(next, MD_SYS_CMR_BASE + 1);
	CHECK_U64_EQ(rd(f, MD_SYS_CMR_SIZE + 0, &v, &next), TDX_SUCCESS);
	CHECK_U64_EQ(v, FX_CMR_SIZE);
	CHECK_U64_EQ(rd(f, MD_SYS_CMR_SIZE + 1, &v, &next), TDX_SUCCESS);
	CHECK_U64_EQ(v, 0);
	fx_free(f);
}

/* §8.1: the null id -> FIRST_FIELD_ID_IN_CONTEXT (informational) with RDX = first id. */
TEST(emu_sys_rd_null_id)
{
	struct fx *f = rd_ready();
	uint64_t v, next;

	CHECK_U64_EQ(rd(f, MD_FIELD_ID_NULL, &v, &next), 0x00000C0B00000000ull);
	CHECK_U64_EQ(next, MD_SYS_NUM_PKGS);
	CHECK_U64_EQ(v, 0);
	fx_free(f);
}

/* §8.1: reserved bits or LAST_ELEMENT/LAST_FIELD set -> FIELD_ID_INCORRECT. */
TEST(emu_sys_rd_malformed_id)
{
	struct fx *f = rd_ready();
	uint64_t v, next;

	CHECK_U64_EQ(rd(f, MD_SYS_MAX_TDMRS | (1ull << 24), &v, &next),
		     TDX_METADATA_FIELD_ID_INCORRECT);
	CHECK_U64_EQ(next, MD_FIELD_ID_NULL); /* RDX = -1 on error */
	CHECK_U64_EQ(rd(f, MD_SYS_MAX_TDMRS | (1ull << 34), &v, &next),
		     TDX_METADATA_FIELD_ID_INCORRECT);
	CHECK_U64_EQ(rd(f, MD_SYS_MAX_TDMRS | (1ull << 38), &v, &next),
		     TDX_METADATA_FIELD_ID_INCORRECT);
	CHECK_U64_EQ(v, 0);
	fx_free(f);
}

/* §8.1: lookup is on class + field code; size code and non_arch are ignored. */
TEST(emu_sys_rd_lookup_ignores_size_code)
{
	struct fx *f = rd_ready();
	uint64_t v, next;
	uint64_t id = (MD_SYS_MAX_TDMRS & ~MD_FIELD_ELEM_SIZE_MASK) | (3ull << 32);

	CHECK_U64_EQ(rd(f, id & ~MD_FIELD_NON_ARCH, &v, &next), TDX_SUCCESS);
	CHECK_U64_EQ(v, 64);
	fx_free(f);
}

/* §8.2: MAX_VCPUS_PER_TD does not exist in 1.5.01 (Linux reads it anyway). */
TEST(emu_sys_rd_max_vcpus_version_dependent)
{
	struct fx *f = rd_ready();
	uint64_t v, next;

	CHECK_U64_EQ(rd(f, MD_SYS_MAX_VCPUS_PER_TD, &v, &next),
		     TDX_METADATA_FIELD_ID_INCORRECT);
	f->e.mod.desc.flags |= EMU_MODFLAG_MAX_VCPUS;
	CHECK_U64_EQ(rd(f, MD_SYS_MAX_VCPUS_PER_TD, &v, &next), TDX_SUCCESS);
	fx_free(f);
}

/*
 * §8.1: following RDX from the first id visits every element and ends with
 * -1: module 1.5.01 global_sys_fields_lookup.c has 65 fields, 354 elements,
 * all readable by the host.  CPUID_CONFIG_LEAVES past the 12th
 * (MAX_NUM_CPUID_CONFIG) read ~0 and VALUES past it 0, both SUCCESS
 * (metadata_sys.c:268-295); the last element is VCPU_L2_DEBUG_CTLS_FIXED1.
 */
TEST(emu_sys_rd_walk_all)
{
	struct fx *f = rd_ready();
	uint64_t v, id, last = 0, n = 0;

	rd(f, MD_FIELD_ID_NULL, &v, &id);
	CHECK_U64_EQ(id, MD_SYS_NUM_PKGS);
	while (id != MD_FIELD_ID_NULL && n < 1000) {
		last = id;
		CHECK_U64_EQ(rd(f, id, &v, &id), TDX_SUCCESS);
		n++;
	}
	CHECK_U64_EQ(n, 354);
	CHECK_U64_EQ(last, 0xA200000300000006ull);
	CHECK_U64_EQ(rd(f, MD_SYS_CPUID_CONFIG_LEAVES + 12, &v, &id), TDX_SUCCESS);
	CHECK_U64_EQ(v, ~0ull);
	CHECK_U64_EQ(id, MD_SYS_CPUID_CONFIG_LEAVES + 13);
	CHECK_U64_EQ(rd(f, MD_SYS_CPUID_CONFIG_LEAVES + 31, &v, &id), TDX_SUCCESS);
	CHECK_U64_EQ(id, MD_SYS_CPUID_CONFIG_VALUES);
	CHECK_U64_EQ(rd(f, MD_SYS_CPUID_CONFIG_VALUES + 63, &v, &id), TDX_SUCCESS);
	CHECK_U64_EQ(v, 0);
	CHECK_U64_EQ(id, 0x9900000300000600ull); /* IA32_ARCH_CAPABILITIES_CONFIG_MASK */
	/* TDCS_BASE_SIZE = MIN_NUM_TDCS_PAGES (6) pages (td_control_structures.h:87). */
	CHECK_U64_EQ(rd(f, MD_SYS_TDCS_BASE_SIZE, &v, &id), TDX_SUCCESS);
	CHECK_U64_EQ(v, 6 * 4096);
	CHECK_U64_EQ(id, 0x9800000100000101ull); /* TDCS_SIZE_PER_L2_VM */
	fx_free(f);
}

/* §4 RDALL row: 4K-aligned page, else OPERAND_INVALID|RDX; R8 = next (-1 at end). */
TEST(emu_sys_rdall)
{
	struct fx *f = rd_ready();
	struct seam_regs r = { .rax = TDH_SYS_RDALL, .rdx = FX_SCRATCH + 8, .r8 = MD_FIELD_ID_NULL };
	const uint64_t *list;

	CHECK_U64_EQ(fx_call_regs(f, 0, &r), 0xC000010000000002ull);
	r = (struct seam_regs){ .rax = TDH_SYS_RDALL, .rdx = FX_SCRATCH, .r8 = MD_SYS_MAX_TDMRS };
	list = fx_ptr(f, FX_SCRATCH, 4096);
	/* 354 elements less the 91 before MAX_TDMRS: 263, more than one page holds. */
	CHECK_U64_EQ(fx_call_regs(f, 0, &r), TDX_METADATA_LIST_OVERFLOW);
	CHECK_U64_EQ(list[1], MD_SYS_MAX_TDMRS);
	CHECK_U64_EQ(list[2], 64);
	CHECK_U64_EQ(list[3], MD_SYS_MAX_RESERVED_PER_TDMR);
	{
		uint64_t total = list[0] >> 16;

		r = (struct seam_regs){ .rax = TDH_SYS_RDALL, .rdx = FX_SCRATCH, .r8 = r.r8 };
		CHECK_U64_EQ(fx_call_regs(f, 0, &r), TDX_SUCCESS);
		CHECK_U64_EQ(r.r8, MD_FIELD_ID_NULL);
		total += list[0] >> 16;
		CHECK_U64_EQ(total, 263);
	}
	fx_free(f);
}

/* §8.3: TDH.SYS.INFO fills TDSYSINFO_STRUCT and all 32 CMR_INFO entries. */
TEST(emu_sys_info_layout)
{
	struct fx *f = rd_ready();
	struct seam_regs r = { .rax = TDH_SYS_INFO, .rcx = FX_SCRATCH, .rdx = 1024,
			       .r8 = FX_SCRATCH + 0x1000, .r9 = 32 };
	const struct tdsysinfo_struct *s;
	const struct tdx_cmr_info *cmr;

	memset(fx_ptr(f, FX_SCRATCH, 0x2000), 0xAA, 0x2000);
	CHECK_U64_EQ(fx_call_regs(f, 0, &r), TDX_SUCCESS);
	CHECK_U64_EQ(r.rdx, 1024);
	CHECK_U64_EQ(r.r9, 32);
	s = fx_ptr(f, FX_SCRATCH, sizeof(*s));
	CHECK_U64_EQ(s->vendor_id, 0x8086);
	CHECK_U64_EQ(s->major_version, 1);
	CHECK_U64_EQ(s->minor_version, 5);
	CHECK_U64_EQ(s->max_tdmrs, 64);
	CHECK_U64_EQ(s->max_reserved_per_tdmr, 16);
	CHECK_U64_EQ(s->pamt_entry_size, 16);
	CHECK_U64_EQ(s->sys_rd, 1);
	CHECK_U64_EQ(s->num_cpuid_config, 12);
	/* cpuid_configurations.c cpuid_configurable[1] is leaf 4 subleaf 0. */
	CHECK_U64_EQ(s->cpuid_configs[1].leaf, 4);
	CHECK_U64_EQ(s->cpuid_configs[1].sub_leaf, 0);
	CHECK_U64_EQ(s->cpuid_configs[0].sub_leaf, 0xFFFFFFFF);
	cmr = fx_ptr(f, FX_SCRATCH + 0x1000, 512);
	CHECK_U64_EQ(cmr[0].base, FX_CMR_BASE);
	CHECK_U64_EQ(cmr[0].size, FX_CMR_SIZE);
	CHECK_U64_EQ(cmr[31].base | cmr[31].size, 0);
	fx_free(f);
}

/* Module 1.5.01 tdh_sys_info.c:107: attributes are written 0, debug build or not. */
TEST(emu_sys_info_attributes_zero_on_debug_module)
{
	struct fx *f = fx_new();
	struct seam_regs r = { .rax = TDH_SYS_INFO, .rcx = FX_SCRATCH, .rdx = 1024,
			       .r8 = FX_SCRATCH + 0x1000, .r9 = 32 };
	const struct tdsysinfo_struct *s = fx_ptr(f, FX_SCRATCH, sizeof(*s));

	f->e.mod.desc.flags |= EMU_MODFLAG_DEBUG;
	fx_sys_init(f);
	fx_lp_init_all(f);
	memset(fx_ptr(f, FX_SCRATCH, 1024), 0xAA, 1024);
	CHECK_U64_EQ(fx_call_regs(f, 0, &r), TDX_SUCCESS);
	CHECK_U64_EQ(s->attributes, 0);
	fx_free(f);
}

/* §4 INFO row: alignment and minimum sizes, each with its operand id. */
TEST(emu_sys_info_operands)
{
	struct fx *f = rd_ready();

	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INFO, FX_SCRATCH + 512, 1024, FX_SCRATCH + 0x1000),
		     0xC000010000000001ull);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INFO, FX_SCRATCH, 512, FX_SCRATCH + 0x1000),
		     0xC000010000000002ull);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_INFO, FX_SCRATCH, 1024, FX_SCRATCH + 0x1100),
		     0xC000010000000008ull);
	{
		struct seam_regs r = { .rax = TDH_SYS_INFO, .rcx = FX_SCRATCH, .rdx = 1024,
				       .r8 = FX_SCRATCH + 0x1000, .r9 = 31 };
		memset(fx_ptr(f, FX_SCRATCH, 1024), 0xAA, 1024);
		CHECK_U64_EQ(fx_call_regs(f, 0, &r), 0xC000010000000009ull);
		CHECK_U64_EQ(r.rdx, 0);
		/* The structure was already zeroed when R9 was rejected. */
		CHECK_U64_EQ(*(uint64_t *)fx_ptr(f, FX_SCRATCH, 8), 0);
	}
	fx_free(f);
}
