/* SPDX-License-Identifier: MIT */
/*
 * TDH.SYS.TDMR.INIT: initialise the PAMT of one TDMR, a fixed number of
 * PAMT_4K entries a call (1024 = 4 MB of TDMR; 4096 with Dynamic PAMT),
 * under the TDMR's own try-mutex; RDX returns the next address rounded
 * down to 1 GB.  The entries are really written, through the private-KeyID
 * model of private.c.
 * docs/reference/tdx-abi.md §4 (TDMR.INIT row), §5; module tdh_sys_tdmr_init.c,
 * pamt_manager.c (pamt_init, pamt_nodes_init).
 */
#include "emu/internal.h"

#include "lib/mem.h"

#define DPAMT_4K_INIT_COUNT 4096u /* TDMR_4K_DYNAMIC_PAMT_INIT_COUNT (newer modules) */
#define ENTRIES_IN_2M 512u
#define ENTRIES_IN_1G (512u * 512u)

static bool tdmr_page_reserved(const struct tdmr_info *t, uint64_t pa)
{
	for (uint32_t j = 0; j < TDX_MAX_RESERVED_AREAS && t->reserved[j].size; j++) {
		uint64_t rs = t->tdmr_base + t->reserved[j].offset;
		if (pa >= rs && pa < rs + t->reserved[j].size)
			return true;
	}
	return false;
}

/* One 64-byte line written with the global private KeyID.  The store goes
 * through this LP's cache: until it executes WBINVD, a dirty line with a
 * private KeyID may be written back later (docs/reference/tdx-abi.md §12). */
static int tdmr_write_line(struct emu_call *c, uint64_t pa, const uint8_t plain[64])
{
	uint8_t enc[64];

	__atomic_store_n(&c->e->lp[c->lp].private_dirty, 1, __ATOMIC_RELEASE);
	emu_private_encode(c->e, pa, plain, enc);
	return emu_call_write(c, pa, enc, sizeof(enc));
}

/* pamt_4kb_init: PT_RSVD inside reserved areas, PT_NDA elsewhere, 4 a line. */
static int tdmr_init_4k(struct emu_call *c, const struct tdmr_info *t,
			uint64_t first, uint64_t count)
{
	for (uint64_t n = first; n < first + count; n += 4) {
		uint8_t plain[64];

		memset(plain, 0, sizeof(plain));
		for (int k = 0; k < 4; k++) {
			uint64_t pa = t->tdmr_base + (n + (uint64_t)k) * EMU_4K;
			uint64_t w0 = (uint64_t)(tdmr_page_reserved(t, pa) ? PAMT_PT_RSVD :
						 PAMT_PT_NDA) << PAMT_TYPE_SHIFT;
			memcpy(plain + 16 * k, &w0, 8);
		}
		if (tdmr_write_line(c, t->pamt_4k_base + n * TDX_PAMT_ENTRY_SIZE, plain))
			return -1;
	}
	return 0;
}

/*
 * Dynamic PAMT: PAMT_4K is a bitmap, one bit a page.  Simplification
 * (docs/emulator.md): written all-zero, reserved pages are not marked.
 */
static int tdmr_init_bitmap(struct emu_call *c, const struct tdmr_info *t,
			    uint64_t first, uint64_t count)
{
	static const uint8_t zero[64];

	for (uint64_t byte = first / 8; byte < (first + count) / 8; byte += 64)
		if (tdmr_write_line(c, t->pamt_4k_base + byte, zero))
			return -1;
	return 0;
}

/*
 * pamt_nodes_init: the 2M/1G entries whose whole range of 4K entries ends
 * inside [first, first + count); an entry that starts a cache line zeroes
 * the line.  PT_NDA is 0, so the plaintext of a node line stays zero.
 */
static int tdmr_init_nodes(struct emu_call *c, uint64_t level_base,
			   uint64_t first, uint64_t count, uint64_t per_node)
{
	static const uint8_t zero[64];

	for (uint64_t idx = first / per_node; idx < (first + count) / per_node; idx++)
		if (idx % 4 == 0 &&
		    tdmr_write_line(c, level_base + idx * TDX_PAMT_ENTRY_SIZE, zero))
			return -1;
	return 0;
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
	bool dpamt = c->e->mod.dpamt_enabled;
	uint64_t count = dpamt ? DPAMT_4K_INIT_COUNT : TDX_TDMR_4K_PAMT_INIT_COUNT;
	uint64_t first = (d->last_initialized - t->tdmr_base) / EMU_4K;
	int err;

	if (d->last_initialized >= t->tdmr_base + t->tdmr_size)
		return TDX_TDMR_ALREADY_INITIALIZED;
	err = dpamt ? tdmr_init_bitmap(c, t, first, count) :
		      tdmr_init_4k(c, t, first, count);
	if (err || tdmr_init_nodes(c, t->pamt_2m_base, first, count, ENTRIES_IN_2M) ||
	    tdmr_init_nodes(c, t->pamt_1g_base, first, count, ENTRIES_IN_1G))
		return TDX_OPERAND_INVALID; /* reported as BADMEM by the dispatcher */
	d->last_initialized += count * EMU_4K;
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
