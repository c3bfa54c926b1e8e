/* SPDX-License-Identifier: MIT */
/*
 * TDH.SYS.TDMR.INIT: initialise the PAMT of one TDMR, 4 MB of TDMR a call,
 * under the TDMR's own try-mutex; RDX returns the next address rounded
 * down to 1 GB.  The entries are really written, through the private-KeyID
 * model of private.c.
 * tdx-abi.md §4 (TDMR.INIT row), §5; module tdh_sys_tdmr_init.c,
 * pamt_manager.c.
 */
#include "emu/internal.h"

#include "lib/mem.h"

#define TDMR_CHUNK (TDX_TDMR_4K_PAMT_INIT_COUNT * EMU_4K) /* 4 MB */

static bool tdmr_page_reserved(const struct tdmr_info *t, uint64_t pa)
{
	for (uint32_t j = 0; j < TDX_MAX_RESERVED_AREAS && t->reserved[j].size; j++) {
		uint64_t rs = t->tdmr_base + t->reserved[j].offset;
		if (pa >= rs && pa < rs + t->reserved[j].size)
			return true;
	}
	return false;
}

/* One 64-byte line = 4 PAMT entries; type 0xFF marks "no entry" (left zero). */
static int tdmr_write_line(struct emu_call *c, uint64_t pa, const uint8_t type[4])
{
	uint8_t plain[64], enc[64];

	memset(plain, 0, sizeof(plain));
	for (int k = 0; k < 4; k++) {
		uint64_t w0 = (uint64_t)(type[k] == 0xFF ? 0 : type[k]) << PAMT_TYPE_SHIFT;
		memcpy(plain + 16 * k, &w0, 8);
	}
	emu_private_encode(c->e, pa, plain, enc);
	return emu_call_write(c, pa, enc, sizeof(enc));
}

/* 1024 PAMT_4K entries: PT_RSVD inside reserved areas, PT_NDA elsewhere. */
static int tdmr_init_4k(struct emu_call *c, const struct tdmr_info *t, uint64_t start)
{
	uint64_t first = (start - t->tdmr_base) / EMU_4K;

	for (uint64_t n = 0; n < TDX_TDMR_4K_PAMT_INIT_COUNT; n += 4) {
		uint8_t type[4];
		for (int k = 0; k < 4; k++)
			type[k] = tdmr_page_reserved(t, start + (n + k) * EMU_4K) ?
				  PAMT_PT_RSVD : PAMT_PT_NDA;
		if (tdmr_write_line(c, t->pamt_4k_base + (first + n) * 16, type))
			return -1;
	}
	return 0;
}

/*
 * The covering 2M/1G entries (PT_NDA).  Simplification: written a whole
 * line (4 entries) at a time when the chunk starts that line's range.
 */
static int tdmr_init_upper(struct emu_call *c, const struct tdmr_info *t,
			   uint64_t start, uint64_t base, uint64_t page)
{
	uint64_t idx = (start - t->tdmr_base) / page;
	uint64_t entries = t->tdmr_size / page;
	uint8_t type[4];

	if ((start - t->tdmr_base) % page || idx % 4)
		return 0;
	for (int k = 0; k < 4; k++)
		type[k] = idx + (uint64_t)k < entries ? PAMT_PT_NDA : 0xFF;
	return tdmr_write_line(c, base + idx * 16, type);
}

static struct emu_tdmr *tdmr_find(struct emu *e, uint64_t base)
{
	for (uint32_t i = 0; i < e->mod.num_tdmrs; i++)
		if (e->mod.tdmr[i].info.tdmr_base == base)
			return &e->mod.tdmr[i];
	return NULL;
}

static uint64_t tdmr_init_locked(struct emu_call *c, struct emu_tdmr *d)
{
	const struct tdmr_info *t = &d->info;
	uint64_t start = d->last_initialized;

	if (start >= t->tdmr_base + t->tdmr_size)
		return TDX_TDMR_ALREADY_INITIALIZED;
	if (tdmr_init_upper(c, t, start, t->pamt_1g_base, EMU_1G) ||
	    tdmr_init_upper(c, t, start, t->pamt_2m_base, EMU_2M) ||
	    tdmr_init_4k(c, t, start))
		return TDX_OPERAND_INVALID;
	d->last_initialized = start + TDMR_CHUNK;
	/* Rounded down so the VMM never uses a partly initialised 1 GB block. */
	c->r->rdx = d->last_initialized & ~(EMU_1G - 1);
	return TDX_SUCCESS;
}

uint64_t emu_tdmr_init(struct emu_call *c)
{
	uint64_t rcx = c->r->rcx, st;
	uint64_t bad = tdx_status_with_operand(TDX_OPERAND_INVALID, TDX_OPERAND_ID_RCX);
	struct emu_tdmr *d;

	c->r->rdx = 0;
	if ((rcx & (EMU_1G - 1)) || !emu_pa_below_max(rcx) || emu_pa_hkid(c->e, rcx))
		return bad;
	if (!(d = tdmr_find(c->e, rcx)))
		return bad;
	/* Per-TDMR try-mutex only: other TDMRs may be initialised meanwhile. */
	if (!emu_mutex_try(&d->lock))
		return tdx_status_with_operand(TDX_OPERAND_BUSY, TDX_OPERAND_ID_RCX);
	st = tdmr_init_locked(c, d);
	emu_mutex_release(&d->lock);
	return st;
}
