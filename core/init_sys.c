/* SPDX-License-Identifier: MIT */
/*
 * The module-wide leaves on the boot CPU: TDH.SYS.INIT, and reading the
 * module's identity, limits and CMRs with TDH.SYS.RD (1.5 and later); a
 * 1.0 module, which has no TDH.SYS.RD, is identified with TDH.SYS.INFO and
 * refused (docs/reference/tdx-abi.md §16).
 */
#include "core/init_int.h"

#include "lib/mem.h"

tb_status init_sys_init(struct init_ctx *c)
{
	struct seam_regs r = { .rax = TDH_SYS_INIT };
	uint64_t status = init_seamcall(c, c->ex->bsp, &r);

	if (status == TDX_SEAMCALL_VMFAILINVALID) {
		c->rec.module_state = TDXBOOT_MODSTATE_NOT_LOADED;
		return init_fail(c, TDXBOOT_STEP_SYS_INIT, TDXBOOT_LP_NONE, status, TB_ENOTFOUND,
				 "module not loaded: TDH.SYS.INIT got VMfailInvalid; enable TDX in the BIOS setup or set module= to a TDX-BLOB");
	}
	if (tdx_status_code(status) == TDX_SYS_INIT_NOT_PENDING) {
		c->rec.module_state = TDXBOOT_MODSTATE_UNKNOWN;
		return init_fail(c, TDXBOOT_STEP_SYS_INIT, TDXBOOT_LP_NONE, status, TB_ESEAM,
				 "the TDX module was already initialized before tdxboot ran (TDH.SYS.INIT: TDX_SYS_INIT_NOT_PENDING); tdxboot leaves it as it is");
	}
	if (status)
		return init_fail_seamcall(c, TDXBOOT_STEP_SYS_INIT, TDXBOOT_LP_NONE, TDH_SYS_INIT, status);
	/* From here the module is no longer initializable by the OS until a
	 * reset: a failure later leaves it unusable for this boot. */
	c->rec.module_state = TDXBOOT_MODSTATE_UNUSABLE;
	return TB_OK;
}

/* One field; TDH.SYS.RD: RDX = field id in, R8 = value out (§8.1). */
static uint64_t sys_rd(struct init_ctx *c, uint64_t field, uint64_t *val)
{
	struct seam_regs r = { .rax = TDH_SYS_RD, .rdx = field };
	uint64_t status = init_seamcall(c, c->ex->bsp, &r);

	*val = status ? 0 : r.r8;
	return status;
}

struct md_field {
	uint64_t id;
	const char *name;
};

static tb_status sys_rd_fields(struct init_ctx *c, const struct md_field *f, uint64_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint64_t status = sys_rd(c, f[i].id, &out[i]);

		if (status) {
			init_log(c, INIT_LOG_ERROR, "TDH.SYS.RD of %s (field 0x%016llx) failed",
				 f[i].name, (unsigned long long)f[i].id);
			return init_fail_seamcall(c, TDXBOOT_STEP_SYS_RD, TDXBOOT_LP_NONE,
						  TDH_SYS_RD, status);
		}
	}
	return TB_OK;
}

enum { F_VENDOR, F_DATE, F_BUILD, F_MINOR, F_MAJOR, F_UPDATE, F_INTERNAL, F_ATTR,
       F_FEATURES0, F_MAX_TDMRS, F_MAX_RSVD, F_PAMT4K, F_PAMT2M, F_PAMT1G, F_NUM_CMRS,
       F_COUNT };

/* The fields Linux reads for the same purposes (docs/reference/tdx-abi.md §8.2). */
static const struct md_field md_fields[F_COUNT] = {
	[F_VENDOR] = { MD_SYS_VENDOR_ID, "VENDOR_ID" },
	[F_DATE] = { MD_SYS_BUILD_DATE, "BUILD_DATE" },
	[F_BUILD] = { MD_SYS_BUILD_NUM, "BUILD_NUM" },
	[F_MINOR] = { MD_SYS_MINOR_VERSION, "MINOR_VERSION" },
	[F_MAJOR] = { MD_SYS_MAJOR_VERSION, "MAJOR_VERSION" },
	[F_UPDATE] = { MD_SYS_UPDATE_VERSION, "UPDATE_VERSION" },
	[F_INTERNAL] = { MD_SYS_INTERNAL_VERSION, "INTERNAL_VERSION" },
	[F_ATTR] = { MD_SYS_SYS_ATTRIBUTES, "SYS_ATTRIBUTES" },
	[F_FEATURES0] = { MD_SYS_TDX_FEATURES0, "TDX_FEATURES0" },
	[F_MAX_TDMRS] = { MD_SYS_MAX_TDMRS, "MAX_TDMRS" },
	[F_MAX_RSVD] = { MD_SYS_MAX_RESERVED_PER_TDMR, "MAX_RESERVED_PER_TDMR" },
	[F_PAMT4K] = { MD_SYS_PAMT_4K_ENTRY_SIZE, "PAMT_4K_ENTRY_SIZE" },
	[F_PAMT2M] = { MD_SYS_PAMT_2M_ENTRY_SIZE, "PAMT_2M_ENTRY_SIZE" },
	[F_PAMT1G] = { MD_SYS_PAMT_1G_ENTRY_SIZE, "PAMT_1G_ENTRY_SIZE" },
	[F_NUM_CMRS] = { MD_SYS_NUM_CMRS, "NUM_CMRS" },
};

static void sys_rd_store(struct init_ctx *c, const uint64_t *v)
{
	struct handoff_module_info *m = &c->rec.module;

	m->valid = true;
	m->vendor_id = (uint32_t)v[F_VENDOR];
	m->build_date = (uint32_t)v[F_DATE];
	m->build_num = (uint16_t)v[F_BUILD];
	m->minor_version = (uint16_t)v[F_MINOR];
	m->major_version = (uint16_t)v[F_MAJOR];
	m->update_version = (uint16_t)v[F_UPDATE];
	m->internal_version = (uint16_t)v[F_INTERNAL];
	m->sys_attributes = v[F_ATTR];
	m->tdx_features0 = v[F_FEATURES0];
	m->limits.max_tdmrs = (uint32_t)v[F_MAX_TDMRS];
	m->limits.max_rsvd_per_tdmr = (uint32_t)v[F_MAX_RSVD];
	m->limits.pamt_entry_size[0] = (uint32_t)v[F_PAMT4K];
	m->limits.pamt_entry_size[1] = (uint32_t)v[F_PAMT2M];
	m->limits.pamt_entry_size[2] = (uint32_t)v[F_PAMT1G];
}

/* CMR_BASE[i]/CMR_SIZE[i]: the index is added to the field code (§8.1).
 * 1.5 modules report NUM_CMRS = 32 with empty tail entries (§15.4). */
static tb_status sys_rd_cmrs(struct init_ctx *c, uint64_t num)
{
	if (num > TDX_MAX_CMRS)
		num = TDX_MAX_CMRS;
	c->n_cmrs = 0;
	for (uint64_t i = 0; i < num; i++) {
		struct md_field f[2] = { { MD_SYS_CMR_BASE + i, "CMR_BASE" },
					 { MD_SYS_CMR_SIZE + i, "CMR_SIZE" } };
		uint64_t v[2];
		tb_status st = sys_rd_fields(c, f, v, 2);

		if (st != TB_OK)
			return st;
		if (v[1])
			c->cmrs[c->n_cmrs++] = (struct plan_range){ v[0], v[1] };
	}
	c->rec.cmrs = c->cmrs;
	c->rec.n_cmrs = c->n_cmrs;
	return TB_OK;
}

/* DPAMT sizes the 4K level from a bitmap (docs/reference/tdx-abi.md §7, [L-next]). */
static tb_status sys_rd_dpamt(struct init_ctx *c)
{
	struct plan_limits *l = &c->rec.module.limits;
	struct md_field f = { MD_SYS_PAMT_PAGE_BITMAP_ENTRY_BITS, "PAMT_PAGE_BITMAP_ENTRY_BITS" };
	uint64_t bits;

	if (!(c->rec.module.tdx_features0 & TDX_FEATURES0_DPAMT) || !c->in.policy.dpamt)
		return TB_OK;
	if (sys_rd_fields(c, &f, &bits, 1) != TB_OK)
		return TB_ESEAM;
	l->dpamt = true;
	l->dpamt_bits_per_4k = (uint32_t)bits;
	return TB_OK;
}

/*
 * TDH.SYS.INFO, which every module has (§8.3): identifies a module that
 * would not answer TDH.SYS.RD.  The version goes into the record; *v10 is
 * set for a 1.0 module (sys_rd flag 0, docs/reference/tdx-abi.md §16.2).
 */
static tb_status sys_info_identify(struct init_ctx *c, bool *v10)
{
	struct seam_regs r = { .rax = TDH_SYS_INFO };
	struct tdsysinfo_struct *si;
	void *cmr;
	uint64_t si_pa, cmr_pa, status;
	tb_status st;

	st = init_scratch_alloc(c, TDXBOOT_STEP_SYS_RD, TDSYSINFO_STRUCT_SIZE, &si_pa, (void **)&si);
	if (st == TB_OK)
		st = init_scratch_alloc(c, TDXBOOT_STEP_SYS_RD, TDX_MAX_CMRS * sizeof(struct tdx_cmr_info),
					&cmr_pa, &cmr);
	if (st != TB_OK)
		return st;
	r.rcx = si_pa;
	r.rdx = TDSYSINFO_STRUCT_SIZE;
	r.r8 = cmr_pa;
	r.r9 = TDX_MAX_CMRS;
	status = init_seamcall(c, c->ex->bsp, &r);
	if (status)
		return init_fail_seamcall(c, TDXBOOT_STEP_SYS_RD, TDXBOOT_LP_NONE, TDH_SYS_INFO, status);
	uint64_t v[F_COUNT] = { 0 };
	v[F_VENDOR] = si->vendor_id;
	v[F_DATE] = si->build_date;
	v[F_BUILD] = si->build_num;
	v[F_MINOR] = si->minor_version;
	v[F_MAJOR] = si->major_version;
	v[F_ATTR] = si->attributes;
	v[F_MAX_TDMRS] = si->max_tdmrs;
	v[F_MAX_RSVD] = si->max_reserved_per_tdmr;
	v[F_PAMT4K] = v[F_PAMT2M] = v[F_PAMT1G] = si->pamt_entry_size;
	sys_rd_store(c, v);
	*v10 = !si->sys_rd;
	return TB_OK;
}

static void sys_rd_report(struct init_ctx *c)
{
	const struct handoff_module_info *m = &c->rec.module;

	init_log(c, INIT_LOG_INFO, "TDX module %u.%u.%02u.%04u, build_date %u, build_num %u, features 0x%llx",
		 m->major_version, m->minor_version, m->update_version, m->internal_version,
		 m->build_date, m->build_num, (unsigned long long)m->tdx_features0);
	init_log(c, INIT_LOG_INFO, "limits: %u TDMRs, %u reserved areas per TDMR, PAMT entries %u/%u/%u bytes%s",
		 m->limits.max_tdmrs, m->limits.max_rsvd_per_tdmr, m->limits.pamt_entry_size[0],
		 m->limits.pamt_entry_size[1], m->limits.pamt_entry_size[2],
		 m->limits.dpamt ? ", Dynamic PAMT" : "");
	for (uint32_t i = 0; i < c->n_cmrs; i++)
		init_log(c, INIT_LOG_INFO, "CMR: [0x%llx, 0x%llx)", (unsigned long long)c->cmrs[i].base,
			 (unsigned long long)(c->cmrs[i].base + c->cmrs[i].size));
}

/*
 * A module that does not answer TDH.SYS.RD after LP.INIT: a 1.0 module
 * answers SYS_NOT_READY there (its not-ready gate lacks the leaf) and
 * OPERAND_INVALID|RAX after SYS_READY (docs/reference/tdx-abi.md §16.1).
 * tdxboot does not initialize a 1.0 module (docs/initializer.md): Linux 7.3
 * reads the module only through TDH.SYS.RD (§16.4), so configuring it would
 * take PAMT memory for a module the OS cannot use.  It stops before CONFIG:
 * no PAMT is allocated, nothing is reserved.
 */
static tb_status sys_rd_missing(struct init_ctx *c, uint64_t status)
{
	bool v10 = false;
	tb_status st = sys_info_identify(c, &v10);
	const struct handoff_module_info *m = &c->rec.module;

	if (st != TB_OK)
		return st;
	if (!v10)
		return init_fail_seamcall(c, TDXBOOT_STEP_SYS_RD, TDXBOOT_LP_NONE, TDH_SYS_RD, status);
	return init_fail(c, TDXBOOT_STEP_SYS_RD, TDXBOOT_LP_NONE, status, TB_EUNSUPPORTED,
			 "TDX module %u.%u (build %u, %u) has no TDH.SYS.RD (it answered %s): Linux reads a TDX module only through TDH.SYS.RD, so it could not use this one; tdxboot does not configure it (no PAMT taken). Load a TDX 1.5 or later module (module=) to use TDX",
			 m->major_version, m->minor_version, m->build_num, m->build_date,
			 tdx_status_name(status));
}

tb_status init_sys_rd(struct init_ctx *c)
{
	uint64_t v[F_COUNT], probe;
	uint64_t status = sys_rd(c, MD_SYS_MAJOR_VERSION, &probe);
	tb_status st;

	if (status == TDX_SYS_NOT_READY ||
	    status == tdx_status_with_operand(TDX_OPERAND_INVALID, TDX_OPERAND_ID_RAX))
		return sys_rd_missing(c, status);
	if (status)
		return init_fail_seamcall(c, TDXBOOT_STEP_SYS_RD, TDXBOOT_LP_NONE, TDH_SYS_RD, status);
	st = sys_rd_fields(c, md_fields, v, F_COUNT);
	if (st != TB_OK)
		return st;
	sys_rd_store(c, v);
	st = sys_rd_cmrs(c, v[F_NUM_CMRS]);
	if (st == TB_OK)
		st = sys_rd_dpamt(c);
	if (st != TB_OK)
		return st;
	sys_rd_report(c);
	if (c->n_cmrs == 0)
		return init_fail(c, TDXBOOT_STEP_SYS_RD, TDXBOOT_LP_NONE, 0, TB_EINVAL,
				 "the TDX module reports no Convertible Memory Regions");
	return TB_OK;
}
