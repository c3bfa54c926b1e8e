/* SPDX-License-Identifier: MIT */
/*
 * TDH.SYS.CONFIG: take the TDMR set, the PAMTs and the global private
 * KeyID.  Every TDMR_INFO check runs in the module's order and returns the
 * module's status with the same operand/index details.
 * docs/reference/tdx-abi.md §6.1, §6.2 (numbers below are its steps); module
 * src/vmm_dispatcher/api_calls/tdh_sys_config.c.
 */
#include "emu/internal.h"

#include "lib/mem.h"

/* PAMT levels in the order the module checks them in step 7 and 10. */
static const uint8_t pamt_order_7[3] = { TDX_PT_1GB, TDX_PT_2MB, TDX_PT_4KB };
/* ... and the order of the overlap checks, steps 8 and 9. */
static const uint8_t pamt_order_8[3] = { TDX_PT_4KB, TDX_PT_2MB, TDX_PT_1GB };

static uint64_t pamt_base(const struct tdmr_info *t, uint8_t level)
{
	return level == TDX_PT_4KB ? t->pamt_4k_base :
	       level == TDX_PT_2MB ? t->pamt_2m_base : t->pamt_1g_base;
}

static uint64_t pamt_size(const struct tdmr_info *t, uint8_t level)
{
	return level == TDX_PT_4KB ? t->pamt_4k_size :
	       level == TDX_PT_2MB ? t->pamt_2m_size : t->pamt_1g_size;
}

static bool range_overflows(uint64_t base, uint64_t size)
{
	return base + size < base;
}

static bool ranges_overlap(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	return a < b + bs && b < a + as;
}

static uint64_t err_i(uint64_t code, uint32_t i)
{
	return tdx_status_with_info(code, (uint8_t)i, 0, 0, 0);
}

/* A PA the module would accept as TDMR/PAMT bound: < 2^52, HKID 0. */
static bool config_pa_ok(const struct emu *e, uint64_t pa)
{
	return emu_pa_below_max(pa) && emu_pa_hkid(e, pa) == 0;
}

/* b.4, b.5: 1 GB granularity, MAX_PA, HKID bits of base and last byte. */
static uint64_t config_check_tdmr_range(const struct emu *e,
					const struct tdmr_info *t, uint32_t i)
{
	if ((t->tdmr_base & (EMU_1G - 1)) || (t->tdmr_size & (EMU_1G - 1)) ||
	    t->tdmr_size == 0)
		return err_i(TDX_INVALID_TDMR, i);
	if (!config_pa_ok(e, t->tdmr_base) ||
	    !config_pa_ok(e, t->tdmr_base + t->tdmr_size - 1))
		return err_i(TDX_INVALID_TDMR, i);
	return TDX_SUCCESS;
}

/* b.6: reserved areas sorted, not overlapping, 4K granular, inside the TDMR. */
static uint64_t config_check_reserved(const struct tdmr_info *t, uint32_t i)
{
	for (uint32_t j = 0; j < TDX_MAX_RESERVED_AREAS; j++) {
		uint64_t off = t->reserved[j].offset, size = t->reserved[j].size;
		uint64_t err = tdx_status_with_info(TDX_INVALID_RESERVED_IN_TDMR,
						    (uint8_t)i, (uint8_t)j, 0, 0);
		uint64_t order = tdx_status_with_info(TDX_NON_ORDERED_RESERVED_IN_TDMR,
						      (uint8_t)i, (uint8_t)j, 0, 0);

		if (size == 0) {
			/* A NULL entry may only be followed by NULL entries. */
			if (j + 1 < TDX_MAX_RESERVED_AREAS && t->reserved[j + 1].size)
				return order;
			continue;
		}
		if (range_overflows(off, size))
			return err;
		if (j > 0 && off < t->reserved[j - 1].offset)
			return order;
		if (j > 0 && off < t->reserved[j - 1].offset + t->reserved[j - 1].size)
			return order;
		if ((off | size) & (EMU_4K - 1))
			return err;
		if (range_overflows(t->tdmr_base, off) ||
		    range_overflows(t->tdmr_base + off, size) ||
		    off + size > t->tdmr_size)
			return err;
	}
	return TDX_SUCCESS;
}

/* b.7 for one level: address rules and minimum size (module check_pamt_addresses_and_size). */
static bool config_pamt_ok(const struct emu *e, const struct tdmr_info *t,
			   uint8_t level)
{
	uint64_t base = pamt_base(t, level), size = pamt_size(t, level);
	uint64_t page = level == TDX_PT_4KB ? EMU_4K :
			level == TDX_PT_2MB ? EMU_2M : EMU_1G;
	uint64_t need = (t->tdmr_size / page) *
			e->mod.desc.pamt_entry_size[level];

	if (range_overflows(base, size))
		return false;
	if ((base | size) & (EMU_4K - 1))
		return false;
	if (!config_pa_ok(e, base) || !config_pa_ok(e, base + size - 1))
		return false;
	/* Dynamic PAMT: the 4K level is a bitmap, one bit a page (§7). */
	if (e->mod.dpamt_enabled && level == TDX_PT_4KB)
		need = (t->tdmr_size / EMU_4K) / 8;
	return size >= need;
}

static uint64_t config_check_pamt_addresses(const struct emu *e,
					    const struct tdmr_info *t, uint32_t i)
{
	for (int k = 0; k < 3; k++)
		if (!config_pamt_ok(e, t, pamt_order_7[k]))
			return tdx_status_with_info(TDX_INVALID_PAMT, (uint8_t)i,
						    pamt_order_7[k], 0, 0);
	return TDX_SUCCESS;
}

static bool pamt_overlaps_any(const struct tdmr_info *t, uint64_t base, uint64_t size)
{
	for (int k = 0; k < 3; k++)
		if (ranges_overlap(base, size, pamt_base(t, pamt_order_8[k]),
				   pamt_size(t, pamt_order_8[k])))
			return true;
	return false;
}

/* b.8: PAMTs against earlier TDMRs' PAMTs, then against each other. */
static uint64_t config_check_pamt_overlap(const struct tdmr_info *tab, uint32_t i)
{
	const struct tdmr_info *t = &tab[i];

	for (uint32_t j = 0; j < i; j++)
		for (int k = 0; k < 3; k++) {
			uint8_t l = pamt_order_8[k];
			if (pamt_overlaps_any(&tab[j], pamt_base(t, l), pamt_size(t, l)))
				return tdx_status_with_info(TDX_PAMT_OVERLAP, (uint8_t)i,
							    l, (uint8_t)j, 0);
		}
	if (ranges_overlap(t->pamt_4k_base, t->pamt_4k_size, t->pamt_2m_base, t->pamt_2m_size) ||
	    ranges_overlap(t->pamt_4k_base, t->pamt_4k_size, t->pamt_1g_base, t->pamt_1g_size))
		return tdx_status_with_info(TDX_PAMT_OVERLAP, (uint8_t)i, TDX_PT_4KB,
					    (uint8_t)i, 0);
	if (ranges_overlap(t->pamt_2m_base, t->pamt_2m_size, t->pamt_1g_base, t->pamt_1g_size))
		return tdx_status_with_info(TDX_PAMT_OVERLAP, (uint8_t)i, TDX_PT_2MB,
					    (uint8_t)i, 0);
	return TDX_SUCCESS;
}

/*
 * Calls fn on each available (non-reserved) sub-range of t, in address
 * order, until it returns true.  Reserved areas are sorted and inside the
 * TDMR by now (b.6).
 */
static bool tdmr_any_available(const struct tdmr_info *t,
			       bool (*fn)(uint64_t s, uint64_t e, const void *arg),
			       const void *arg)
{
	uint64_t start = t->tdmr_base, end = t->tdmr_base + t->tdmr_size;

	for (uint32_t j = 0; j < TDX_MAX_RESERVED_AREAS && t->reserved[j].size; j++) {
		uint64_t rs = t->tdmr_base + t->reserved[j].offset;

		if (rs > start && fn(start, rs, arg))
			return true;
		start = rs + t->reserved[j].size;
	}
	return start < end && fn(start, end, arg);
}

struct span {
	uint64_t base, size;
};

static bool span_overlaps(uint64_t s, uint64_t e, const void *arg)
{
	const struct span *p = arg;

	return ranges_overlap(p->base, p->size, s, e - s);
}

static bool pamt_hits_available(const struct tdmr_info *avail,
				const struct tdmr_info *owner, uint8_t level)
{
	struct span p = { pamt_base(owner, level), pamt_size(owner, level) };

	return tdmr_any_available(avail, span_overlaps, &p);
}

/* b.9: no PAMT may cover a non-reserved part of any TDMR (module order). */
static uint64_t config_check_pamt_available(const struct tdmr_info *tab, uint32_t i)
{
	for (uint32_t j = 0; j <= i; j++) {
		for (int k = 0; k < 3; k++)
			if (pamt_hits_available(&tab[j], &tab[i], pamt_order_8[k]))
				return tdx_status_with_info(TDX_PAMT_OVERLAP, (uint8_t)i,
							    pamt_order_8[k], (uint8_t)j, 0);
		if (j == i)
			break;
		for (int k = 0; k < 3; k++)
			if (pamt_hits_available(&tab[i], &tab[j], pamt_order_8[k]))
				return tdx_status_with_info(TDX_PAMT_OVERLAP, (uint8_t)j,
							    pamt_order_8[k], (uint8_t)i, 0);
	}
	return TDX_SUCCESS;
}

/*
 * is_area_in_cmr: [start, end) inside one CMR, where CMRs adjacent in the
 * array and contiguous in address count as one (§6.2 b.11).
 */
static bool area_in_cmr(uint64_t start, uint64_t end, const void *arg)
{
	const struct emu *e = arg;
	uint64_t run_start = 0, run_end = 0;

	for (uint32_t k = 0; k < TDX_MAX_CMRS; k++) {
		const struct tdx_cmr_info *c = &e->plat->cmr[k];
		uint64_t cs = c->base, ce = c->base + c->size;

		if (c->size == 0)
			continue;
		if (cs == run_end)
			cs = run_start;
		if (start >= cs && end <= ce)
			return true;
		run_start = cs;
		run_end = ce;
	}
	return false;
}

static bool area_outside_cmr(uint64_t start, uint64_t end, const void *arg)
{
	return !area_in_cmr(start, end, arg);
}

/* b.10, b.11. */
static uint64_t config_check_cmrs(const struct emu *e, const struct tdmr_info *t,
				  uint32_t i)
{
	for (int k = 0; k < 3; k++) {
		uint8_t l = pamt_order_7[k];
		if (!area_in_cmr(pamt_base(t, l), pamt_base(t, l) + pamt_size(t, l), e))
			return tdx_status_with_info(TDX_PAMT_OUTSIDE_CMRS, (uint8_t)i,
						    l, 0, 0);
	}
	if (tdmr_any_available(t, area_outside_cmr, e))
		return err_i(TDX_TDMR_OUTSIDE_CMRS, i);
	return TDX_SUCCESS;
}

/* check_and_set_tdmrs(i): b.1 to b.11 (§6.2). */
static uint64_t config_check_tdmr(const struct emu *e, const struct tdmr_info *tab,
				  uint32_t i)
{
	const struct tdmr_info *t = &tab[i];
	uint64_t st;

	if (range_overflows(t->tdmr_base, t->tdmr_size))
		return err_i(TDX_INVALID_TDMR, i);
	if (i > 0 && t->tdmr_base < tab[i - 1].tdmr_base)
		return err_i(TDX_NON_ORDERED_TDMR, i);
	if (i > 0 && t->tdmr_base < tab[i - 1].tdmr_base + tab[i - 1].tdmr_size)
		return err_i(TDX_NON_ORDERED_TDMR, i);
	if ((st = config_check_tdmr_range(e, t, i)) != TDX_SUCCESS)
		return st;
	if ((st = config_check_reserved(t, i)) != TDX_SUCCESS)
		return st;
	if ((st = config_check_pamt_addresses(e, t, i)) != TDX_SUCCESS)
		return st;
	if ((st = config_check_pamt_overlap(tab, i)) != TDX_SUCCESS)
		return st;
	if ((st = config_check_pamt_available(tab, i)) != TDX_SUCCESS)
		return st;
	return config_check_cmrs(e, t, i);
}

/* Steps 4-6: RCX, RDX, R8. */
static uint64_t config_check_args(struct emu_call *c)
{
	struct emu *e = c->e;
	uint64_t r8 = c->r->r8, allowed = 0xFFFF;
	uint16_t hkid = (uint16_t)r8;
	/* The module's MAX_TDMRS, never more than the table it has (64). */
	uint64_t max = e->mod.desc.max_tdmrs < TDX_MAX_TDMRS ? e->mod.desc.max_tdmrs :
							       TDX_MAX_TDMRS;

	if (!emu_pa_shared_ok(e, c->r->rcx, TDX_TDMR_INFO_ARRAY_ALIGN,
			      TDX_TDMR_INFO_ARRAY_ALIGN))
		return tdx_status_with_operand(TDX_OPERAND_INVALID, TDX_OPERAND_ID_RCX);
	if (c->r->rdx > max || c->r->rdx < 1)
		return tdx_status_with_operand(TDX_OPERAND_INVALID, TDX_OPERAND_ID_RDX);
	/* R8 bit 16 enables Dynamic PAMT on modules that have it (§4, §7). */
	if (e->mod.desc.flags & EMU_MODFLAG_DPAMT)
		allowed |= TDX_CONFIG_R8_DPAMT;
	if ((r8 & ~allowed) || hkid < e->mod.hkid_min || hkid > e->mod.hkid_max)
		return tdx_status_with_operand(TDX_OPERAND_INVALID, TDX_OPERAND_ID_R8);
	return TDX_SUCCESS;
}

/* Step 8a/b: fetch entry i into the module's copy. */
static uint64_t config_fetch_tdmr(struct emu_call *c, uint32_t i,
				  struct tdmr_info *out)
{
	uint64_t pa;

	if (emu_call_read(c, c->r->rcx + 8ull * i, &pa, sizeof(pa)))
		return TDX_OPERAND_INVALID;
	if (!emu_pa_shared_ok(c->e, pa, TDX_TDMR_INFO_ALIGN, sizeof(*out)))
		return tdx_status_with_operand(TDX_OPERAND_INVALID, TDX_OPERAND_ID_RCX);
	/* The module copies all 16 reserved slots: 320 bytes (§6.1). */
	if (emu_call_read(c, pa, out, sizeof(*out)))
		return TDX_OPERAND_INVALID;
	return TDX_SUCCESS;
}

static uint64_t config_locked(struct emu_call *c)
{
	struct emu *e = c->e;
	struct emu_module *m = &e->mod;
	static const struct tdmr_info zero;
	struct tdmr_info *tab = m->tdmr_copy; /* module global data, as tdmr_info_copy */
	uint64_t st;
	uint32_t n;

	if (emu_state_load(e) != EMU_SYSINIT_DONE)
		return TDX_SYS_CONFIG_NOT_PENDING;
	if (__atomic_load_n(&m->num_init_lps, __ATOMIC_ACQUIRE) < m->num_lps)
		return TDX_SYS_CONFIG_NOT_PENDING;
	if ((st = config_check_args(c)) != TDX_SUCCESS)
		return st;
	/* Step 7: these survive a later failure (§3). */
	m->hkid = (uint16_t)c->r->r8;
	m->dpamt_enabled = (c->r->r8 & TDX_CONFIG_R8_DPAMT) != 0;
	n = (uint32_t)c->r->rdx;
	for (uint32_t i = 0; i < n; i++) {
		if ((st = config_fetch_tdmr(c, i, &tab[i])) != TDX_SUCCESS)
			return st;
		if ((st = config_check_tdmr(e, tab, i)) != TDX_SUCCESS)
			return st;
	}
	for (uint32_t i = 0; i < TDX_MAX_TDMRS; i++) {
		m->tdmr[i].info = i < n ? tab[i] : zero;
		m->tdmr[i].last_initialized = m->tdmr[i].info.tdmr_base;
		m->tdmr[i].lock = 0;
	}
	m->num_tdmrs = n;
	m->pkg_config_bitmap = 0;
	m->num_init_pkgs = 0;
	/* WBINVD is owed again by every LP before KEY.CONFIG (strict mode, §9). */
	for (uint32_t lp = 0; lp < e->plat->num_lps; lp++)
		__atomic_store_n(&e->lp[lp].wbinvd_done, 0, __ATOMIC_RELEASE);
	emu_state_store(e, EMU_SYSCONFIG_DONE);
	return TDX_SUCCESS;
}

uint64_t emu_sys_config(struct emu_call *c)
{
	uint64_t st;

	if (!emu_lock_try_excl(&c->e->mod.global_lock))
		return TDX_SYS_BUSY;
	st = config_locked(c);
	emu_lock_release_excl(&c->e->mod.global_lock);
	return st;
}
