/* SPDX-License-Identifier: MIT */
/*
 * TDH.SYS.RD and TDH.SYS.RDALL: the global metadata fields of §8.2 with the
 * field-id encoding of §8.1.  Lookup matches class code + field code only;
 * the element index is added to the field code.
 * docs/reference/tdx-abi.md §4 (RD/RDALL rows), §8; module tdh_sys_rd.c, metadata_sys.c,
 * global_sys_fields_lookup.c.
 */
#include "emu/internal.h"

#include "lib/mem.h"

struct md_field {
	uint64_t id;      /* first element's full id (size code included) */
	uint32_t max;     /* elements the field can have */
	bool (*get)(const struct emu *e, uint32_t idx, uint64_t *v);
};

static const struct emu_module_desc *md_desc(const struct emu *e)
{
	return &e->mod.desc;
}

static bool md_num_pkgs(const struct emu *e, uint32_t i, uint64_t *v)
{
	*v = e->mod.num_pkgs;
	return true;
}

static bool md_pkg_fms(const struct emu *e, uint32_t i, uint64_t *v)
{
	*v = 0;
	for (uint32_t lp = 0; lp < e->plat->num_lps; lp++)
		if ((e->plat->lp[lp].x2apic_id >> e->plat->pkg_shift) == i) {
			uint32_t r[4];
			emu_platform_cpuid(e->plat, lp, 1, EMU_CPUID_ANY, r);
			*v = r[EMU_EAX];
			break;
		}
	return true;
}

#define MD_CONST(fn, expr)                                                  \
	static bool fn(const struct emu *e, uint32_t i, uint64_t *v)        \
	{                                                                   \
		*v = (expr);                                                \
		return true;                                                \
	}

MD_CONST(md_vendor, 0x8086)
MD_CONST(md_build_date, md_desc(e)->build_date)
MD_CONST(md_build_num, md_desc(e)->build_num)
MD_CONST(md_minor, md_desc(e)->minor)
MD_CONST(md_major, md_desc(e)->major)
MD_CONST(md_update, md_desc(e)->update)
MD_CONST(md_internal, md_desc(e)->internal)
MD_CONST(md_module_hv, md_desc(e)->module_hv)
MD_CONST(md_min_update_hv, md_desc(e)->min_update_hv)
MD_CONST(md_zero, 0)
MD_CONST(md_sys_attributes, e->mod.sys_attributes)
MD_CONST(md_one, 1)
MD_CONST(md_num_cmrs, TDX_MAX_CMRS) /* always MAX_CMR in 1.5 (§15.4) */
MD_CONST(md_cmr_base, e->plat->cmr[i].base)
MD_CONST(md_cmr_size, e->plat->cmr[i].size)
MD_CONST(md_max_tdmrs, md_desc(e)->max_tdmrs)
MD_CONST(md_max_rsvd, md_desc(e)->max_reserved_per_tdmr)
MD_CONST(md_pamt_4k, md_desc(e)->pamt_entry_size[0])
MD_CONST(md_pamt_2m, md_desc(e)->pamt_entry_size[1])
MD_CONST(md_pamt_1g, md_desc(e)->pamt_entry_size[2])
MD_CONST(md_tdr_size, 4096)
MD_CONST(md_tdcs_size, 6 * 4096)   /* MIN_NUM_TDCS_PAGES (td_control_structures.h:87) */
MD_CONST(md_tdcs_l2, 4096)         /* TDCS_PAGES_PER_L2_VM 1 */
MD_CONST(md_tdvps_l2, 3 * 4096)    /* TDVPS_PAGES_PER_L2_VM 3 (tdx_tdvps.h:52) */
MD_CONST(md_config_flags_fixed0, 7) /* CONFIG_FLAGS_FIXED0 bits 0-2 */
MD_CONST(md_arch_cap_mask, (1ull << 4) | (1ull << 19) | (1ull << 20) | (1ull << 24)) /* msr_defs.h:402 */
MD_CONST(md_max_migs, 512)          /* td_control_structures.h:49 */
MD_CONST(md_immutable_pages, 3)     /* migration.h:52-54 */
MD_CONST(md_td_state_pages, 2)
MD_CONST(md_vp_state_pages, 5)
MD_CONST(md_servtd_fixed0, 0x000007FF00000001ull) /* service_td.h:93 */
MD_CONST(md_l2_gpa_attr_mask, 0x807F)             /* tdx_api_defs.h:1266 */
MD_CONST(md_l2_vcpu_ctls, 3)                      /* tdx_tdvps.h:92 */
MD_CONST(md_l2_debug_ctls, 7)                     /* tdx_tdvps.h:107 */
/* The platform is Sapphire Rapids, last in cpuid_fms.c allowed_fms[]: one entry. */
MD_CONST(md_num_allowed_fms, 1)
MD_CONST(md_tdvps_size, 6 * 4096)
MD_CONST(md_attr_fixed0, 0x50000001ull)
MD_CONST(md_attr_fixed1, 0)
MD_CONST(md_xfam_fixed0, 0x6DBE7ull)
MD_CONST(md_xfam_fixed1, 0x3)
MD_CONST(md_num_cpuid, md_desc(e)->num_cpuid_config)

static bool md_features0(const struct emu *e, uint32_t i, uint64_t *v)
{
	*v = md_desc(e)->features0;
	if (md_desc(e)->flags & EMU_MODFLAG_DPAMT)
		*v |= TDX_FEATURES0_DPAMT;
	return true;
}

static bool md_dpamt_bits(const struct emu *e, uint32_t i, uint64_t *v)
{
	*v = md_desc(e)->dpamt_bits_per_entry;
	return (md_desc(e)->flags & EMU_MODFLAG_DPAMT) != 0;
}

static bool md_max_vcpus(const struct emu *e, uint32_t i, uint64_t *v)
{
	*v = 576;
	return (md_desc(e)->flags & EMU_MODFLAG_MAX_VCPUS) != 0;
}

/* ALLOWED_FMS[0] is the platform's FMS (cpuid_fms.c get_allowed_fms); the rest 0. */
static bool md_allowed_fms(const struct emu *e, uint32_t i, uint64_t *v)
{
	*v = 0;
	return i == 0 ? md_pkg_fms(e, 0, v) : true;
}

/* Entries past NUM_CPUID_CONFIG read ~0 (metadata_sys.c:268-279). */
static bool md_cpuid_leaf(const struct emu *e, uint32_t i, uint64_t *v)
{
	uint64_t low, high;

	*v = ~0ull;
	if (i < emu_cpuid_config_count(e))
		emu_cpuid_config_get(i, v, &low, &high);
	return true;
}

/*
 * VALUES[i][0] = EAX | EBX << 32, VALUES[i][1] = ECX | EDX << 32; entries
 * past NUM_CPUID_CONFIG read 0 (metadata_sys.c:280-295).
 */
static bool md_cpuid_value(const struct emu *e, uint32_t i, uint64_t *v)
{
	uint64_t leaf, low, high;

	*v = 0;
	if (i / 2 < emu_cpuid_config_count(e)) {
		emu_cpuid_config_get(i / 2, &leaf, &low, &high);
		*v = i % 2 ? high : low;
	}
	return true;
}

/* The module's lookup table, from the one description (emu/sys_fields.def). */
static const struct md_field md_fields[] = {
#define SYS_FIELD(name, id, nfields, nelem, get) { id##ull, (nfields) * (nelem), get },
#include "emu/sys_fields.def"
#undef SYS_FIELD
};
#define MD_NUM_FIELDS (sizeof(md_fields) / sizeof(md_fields[0]))

/* A position in the table: field f, element i. */
struct md_pos {
	uint32_t f, i;
};

static uint64_t md_key(uint64_t id)
{
	return id & (MD_FIELD_CLASS_MASK | MD_FIELD_CODE_MASK);
}

static bool md_find(const struct emu *e, uint64_t id, struct md_pos *pos)
{
	uint64_t v;

	for (uint32_t f = 0; f < MD_NUM_FIELDS; f++) {
		uint64_t base = md_key(md_fields[f].id);
		uint64_t key = md_key(id);
		if (key < base || key - base >= md_fields[f].max)
			continue;
		pos->f = f;
		pos->i = (uint32_t)(key - base);
		return md_fields[f].get(e, pos->i, &v);
	}
	return false;
}

/* The next readable element at or after pos; false at the end. */
static bool md_seek(const struct emu *e, struct md_pos *pos)
{
	uint64_t v;

	for (; pos->f < MD_NUM_FIELDS; pos->f++, pos->i = 0)
		for (; pos->i < md_fields[pos->f].max; pos->i++)
			if (md_fields[pos->f].get(e, pos->i, &v))
				return true;
	return false;
}

static uint64_t md_id_at(const struct md_pos *pos)
{
	return md_fields[pos->f].id + pos->i;
}

static uint64_t md_value_at(const struct emu *e, const struct md_pos *pos)
{
	const struct md_field *f = &md_fields[pos->f];
	uint32_t size = (uint32_t)((f->id & MD_FIELD_ELEM_SIZE_MASK) >> MD_FIELD_ELEM_SIZE_SHIFT);
	uint64_t v = 0;

	f->get(e, pos->i, &v);
	return size == MD_ELEM_SIZE_64 ? v : v & ((1ull << (8u << size)) - 1);
}

/* The next element's id after pos, or -1 (§8.1). */
static uint64_t md_next_id(const struct emu *e, struct md_pos pos)
{
	pos.i++;
	return md_seek(e, &pos) ? md_id_at(&pos) : MD_FIELD_ID_NULL;
}

static bool md_id_is_null(uint64_t id)
{
	return (id | MD_FIELD_CONTEXT_MASK) == MD_FIELD_ID_NULL;
}

/* Reserved fields and LAST_ELEMENT/LAST_FIELD must be 0 for SYS.RD (§8.1). */
static bool md_id_malformed(uint64_t id)
{
	return id & (MD_FIELD_RSVD0_MASK | MD_FIELD_RSVD1_MASK | MD_FIELD_RSVD2_MASK |
		     MD_FIELD_RSVD3_MASK | MD_FIELD_LAST_ELEM_MASK |
		     MD_FIELD_LAST_FIELD_MASK);
}

uint64_t emu_sys_rd(struct emu_call *c)
{
	struct emu *e = c->e;
	uint64_t id = c->r->rdx;
	struct md_pos pos = { 0, 0 };

	/* Default outputs, also what an error leaves (module tdh_sys_rd.c). */
	c->r->rdx = MD_FIELD_ID_NULL;
	c->r->r8 = 0;
	if (!__atomic_load_n(&e->lp[c->lp].lp_is_init, __ATOMIC_ACQUIRE))
		return TDX_SYS_LP_INIT_NOT_DONE;
	if (md_id_is_null(id)) {
		c->r->rdx = md_seek(e, &pos) ? md_id_at(&pos) : MD_FIELD_ID_NULL;
		return TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT;
	}
	if (md_id_malformed(id) || !md_find(e, id, &pos))
		return TDX_METADATA_FIELD_ID_INCORRECT;
	c->r->r8 = md_value_at(e, &pos);
	c->r->rdx = md_next_id(e, pos);
	return TDX_SUCCESS;
}

/*
 * RDALL's output page.  Simplification (docs/emulator.md): a header
 * {u16 list_buff_size, u16 num_sequences, u32 0} followed by one
 * {u64 field id, u64 value} pair per element, not the module's
 * multi-element sequences.
 */
#define RDALL_MAX_PAIRS ((4096 - 8) / 16)

uint64_t emu_sys_rdall(struct emu_call *c)
{
	struct emu *e = c->e;
	uint64_t first = c->r->r8, page = c->r->rdx;
	struct md_pos pos = { 0, 0 };
	uint64_t list[1 + 2 * RDALL_MAX_PAIRS];
	uint32_t n = 0;
	bool more;

	if (!__atomic_load_n(&e->lp[c->lp].lp_is_init, __ATOMIC_ACQUIRE))
		return TDX_SYS_LP_INIT_NOT_DONE;
	if (!emu_pa_shared_ok(e, page, EMU_4K, EMU_4K))
		return tdx_status_with_operand(TDX_OPERAND_INVALID, TDX_OPERAND_ID_RDX);
	if (!md_id_is_null(first) &&
	    (md_id_malformed(first) || !md_find(e, first, &pos)))
		return TDX_METADATA_FIELD_ID_INCORRECT;
	for (more = md_seek(e, &pos); more && n < RDALL_MAX_PAIRS; n++) {
		list[1 + 2 * n] = md_id_at(&pos);
		list[2 + 2 * n] = md_value_at(e, &pos);
		pos.i++;
		more = md_seek(e, &pos);
	}
	list[0] = 4096 | ((uint64_t)n << 16);
	if (emu_call_write(c, page, list, 8 + 16ull * n))
		return TDX_OPERAND_INVALID;
	c->r->r8 = more ? md_id_at(&pos) : MD_FIELD_ID_NULL;
	return more ? TDX_METADATA_LIST_OVERFLOW : TDX_SUCCESS;
}
