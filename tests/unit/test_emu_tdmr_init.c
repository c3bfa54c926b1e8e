/* SPDX-License-Identifier: MIT */
/*
 * Emulator conformance: TDH.SYS.TDMR.INIT (docs/reference/tdx-abi.md §4 row, §5) and the
 * PAMT memory it really writes (private-KeyID model, §5 step 4, §12).
 */
#include <pthread.h>

#include "tests/unit/emu_fixture.h"

/* §5 step 1: RCX must be exactly a configured TDMR base -> else OPERAND_INVALID|RCX. */
TEST(emu_tdmr_init_bad_base)
{
	struct fx *f = fx_new();

	fx_to_ready(f, 1);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_TDMR_INIT, FX_CMR_BASE + FX_GB, 0, 0),
		     0xC000010000000001ull);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_TDMR_INIT, FX_CMR_BASE + 0x1000, 0, 0),
		     0xC000010000000001ull);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_TDMR_INIT, FX_CMR_BASE | (1ull << 46), 0, 0),
		     0xC000010000000001ull);
	fx_free(f);
}

/* §5: 4 MB per call, RDX rounded down to 1 GB: 256 calls for 1 GB, then ALREADY_INITIALIZED. */
TEST(emu_tdmr_init_progress_and_rdx)
{
	struct fx *f = fx_new();
	struct seam_regs r;
	unsigned calls = 0;

	fx_to_ready(f, 1);
	do {
		r = (struct seam_regs){ .rax = TDH_SYS_TDMR_INIT, .rcx = FX_CMR_BASE };
		CHECK_U64_EQ(fx_call_regs(f, calls % 4, &r), TDX_SUCCESS);
		calls++;
		if (calls < 256)
			CHECK_U64_EQ(r.rdx, FX_CMR_BASE);
	} while (r.rdx < FX_CMR_BASE + FX_GB && calls < 1000);
	CHECK_INT_EQ(calls, 256);
	CHECK_U64_EQ(r.rdx, FX_CMR_BASE + FX_GB);
	r = (struct seam_regs){ .rax = TDH_SYS_TDMR_INIT, .rcx = FX_CMR_BASE, .rdx = 5 };
	CHECK_U64_EQ(fx_call_regs(f, 0, &r), 0x00000A0300000000ull);
	CHECK_U64_EQ(r.rdx, 0);
	fx_free(f);
}

/* §4: the per-TDMR mutex is a try-lock -> OPERAND_BUSY|RCX. */
TEST(emu_tdmr_init_busy)
{
	struct fx *f = fx_new();

	fx_to_ready(f, 2);
	f->e.mod.tdmr[0].lock = 1;
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_TDMR_INIT, FX_CMR_BASE, 0, 0),
		     0x8000020000000001ull);
	/* Another TDMR is not affected. */
	CHECK_U64_EQ(fx_call(f, 1, TDH_SYS_TDMR_INIT, FX_CMR_BASE + FX_GB, 0, 0),
		     TDX_SUCCESS);
	fx_free(f);
}

static void tdmr_init_fully(struct fx *f, uint64_t base)
{
	struct seam_regs r;

	do {
		r = (struct seam_regs){ .rax = TDH_SYS_TDMR_INIT, .rcx = base };
		REQUIRE(fx_call_regs(f, 0, &r) == TDX_SUCCESS);
	} while (r.rdx < base + FX_GB);
}

/* §5 step 4: every PAMT line is written through the private KeyID. */
TEST(emu_tdmr_init_writes_pamt)
{
	struct fx *f = fx_new();
	const struct tdmr_info *t;
	uint64_t pa;

	fx_to_ready(f, 1);
	t = &f->tdmr[0];
	CHECK(!emu_find_private_line(&f->e, t->pamt_4k_base, t->pamt_4k_size, &pa));
	tdmr_init_fully(f, FX_CMR_BASE);
	for (pa = t->pamt_4k_base; pa < t->pamt_4k_base + t->pamt_4k_size; pa += 64)
		if (!emu_line_is_private(&f->e, pa))
			break;
	CHECK_U64_EQ(pa, t->pamt_4k_base + t->pamt_4k_size);
	CHECK(emu_line_is_private(&f->e, t->pamt_2m_base));
	CHECK(emu_line_is_private(&f->e, t->pamt_2m_base + 8192 - 64));
	CHECK(emu_line_is_private(&f->e, t->pamt_1g_base));
	/* Ciphertext is not zero: a KeyID-0 reader sees garbage, not entries. */
	CHECK(*(uint64_t *)fx_ptr(f, t->pamt_4k_base, 8) != 0);
	fx_free(f);
}

/* §12: a line reset with MOVDIR64B (zeroed) no longer holds module data. */
TEST(emu_tdmr_init_reset_detected)
{
	struct fx *f = fx_new();
	const struct tdmr_info *t;
	uint64_t pa = 0;

	fx_to_ready(f, 1);
	t = &f->tdmr[0];
	tdmr_init_fully(f, FX_CMR_BASE);
	memset(fx_ptr(f, t->pamt_4k_base, t->pamt_4k_size), 0, t->pamt_4k_size - 4096);
	CHECK(emu_find_private_line(&f->e, t->pamt_4k_base, t->pamt_4k_size, &pa));
	CHECK_U64_EQ(pa, t->pamt_4k_base + t->pamt_4k_size - 4096);
	fx_free(f);
}

/* Module pamt_nodes_init: the 1G entry is written when its last 4 MB chunk is. */
TEST(emu_tdmr_init_1g_entry_last)
{
	struct fx *f = fx_new();
	const struct tdmr_info *t;

	fx_to_ready(f, 1);
	t = &f->tdmr[0];
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_TDMR_INIT, FX_CMR_BASE, 0, 0), TDX_SUCCESS);
	CHECK(emu_line_is_private(&f->e, t->pamt_2m_base));
	CHECK(!emu_line_is_private(&f->e, t->pamt_1g_base));
	tdmr_init_fully(f, FX_CMR_BASE);
	CHECK(emu_line_is_private(&f->e, t->pamt_1g_base));
	fx_free(f);
}

/* Newer modules: with Dynamic PAMT, 16 MB a call and a bitmap PAMT_4K. */
TEST(emu_tdmr_init_dynamic_pamt)
{
	struct fx *f = fx_new();
	struct seam_regs r;
	unsigned calls = 0;
	uint64_t pa;

	f->e.mod.desc.flags |= EMU_MODFLAG_DPAMT;
	fx_sys_init(f);
	fx_lp_init_all(f);
	fx_tdmrs_default(f, 1);
	f->tdmr[0].pamt_4k_size = (FX_GB >> 12) / 8;
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_CONFIG, fx_write_tdmrs(f), 1,
			     FX_HKID | TDX_CONFIG_R8_DPAMT), TDX_SUCCESS);
	fx_key_config_all(f);
	do {
		r = (struct seam_regs){ .rax = TDH_SYS_TDMR_INIT, .rcx = FX_CMR_BASE };
		CHECK_U64_EQ(fx_call_regs(f, 0, &r), TDX_SUCCESS);
		calls++;
	} while (r.rdx < FX_CMR_BASE + FX_GB && calls < 1000);
	CHECK_INT_EQ(calls, 64);
	CHECK(emu_line_is_private(&f->e, f->tdmr[0].pamt_4k_base + 32 * 1024 - 64));
	/* Nothing written past the bitmap. */
	CHECK(!emu_find_private_line(&f->e, f->tdmr[0].pamt_4k_base + 32 * 1024,
				     64 * 1024, &pa));
	fx_free(f);
}

/* §5 step 4: 4K entries in a reserved area are PT_RSVD, others PT_NDA. */
TEST(emu_tdmr_init_reserved_entries)
{
	struct fx *f = fx_new();
	uint8_t plain[64];
	const uint8_t *line;
	uint64_t w0;

	fx_sys_init(f);
	fx_lp_init_all(f);
	fx_tdmrs_default(f, 1);
	f->tdmr[0].reserved[0] = (struct tdmr_reserved_area){ 0x2000, 0x1000 };
	CHECK_U64_EQ(fx_config(f), TDX_SUCCESS);
	fx_key_config_all(f);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_TDMR_INIT, FX_CMR_BASE, 0, 0), TDX_SUCCESS);
	/* Decode line 0 (pages 0..3) with the emulator's own encoder. */
	line = fx_ptr(f, f->tdmr[0].pamt_4k_base, 64);
	emu_private_encode(&f->e, f->tdmr[0].pamt_4k_base, line, plain);
	memcpy(&w0, plain + 16 * 2, 8);
	CHECK_U64_EQ((w0 >> PAMT_TYPE_SHIFT) & 0xFF, PAMT_PT_RSVD);
	memcpy(&w0, plain + 16 * 1, 8);
	CHECK_U64_EQ((w0 >> PAMT_TYPE_SHIFT) & 0xFF, PAMT_PT_NDA);
	fx_free(f);
}

struct tdmr_thread {
	struct fx *f;
	uint32_t lp;
	uint64_t base;
	unsigned success, busy, other;
	volatile int *go;
};

static void *tdmr_init_thread(void *arg)
{
	struct tdmr_thread *t = arg;

	while (!__atomic_load_n(t->go, __ATOMIC_ACQUIRE))
		;
	for (;;) {
		struct seam_regs r = { .rax = TDH_SYS_TDMR_INIT, .rcx = t->base };
		emu_seamcall(&t->f->e, t->lp, &r);
		if (r.rax == TDX_TDMR_ALREADY_INITIALIZED)
			return NULL;
		if (r.rax == TDX_SUCCESS)
			t->success++;
		else if (r.rax == (TDX_OPERAND_BUSY | TDX_OPERAND_ID_RCX))
			t->busy++;
		else
			t->other++;
	}
}

/* §4/§5: two LPs per TDMR race on the same TDMR; calls never overlap. */
TEST(emu_tdmr_init_concurrent_threads)
{
	struct fx *f = fx_new_platform(2, 2);
	pthread_t th[4];
	struct tdmr_thread t[4];
	volatile int go = 0;
	unsigned success[2] = { 0, 0 }, other = 0;

	fx_start(f);
	fx_to_ready(f, 2);
	for (uint32_t i = 0; i < 4; i++) {
		t[i] = (struct tdmr_thread){ .f = f, .lp = i,
					     .base = FX_CMR_BASE + (i % 2) * FX_GB, .go = &go };
		REQUIRE(pthread_create(&th[i], NULL, tdmr_init_thread, &t[i]) == 0);
	}
	__atomic_store_n(&go, 1, __ATOMIC_RELEASE);
	for (uint32_t i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		success[i % 2] += t[i].success;
		other += t[i].other;
	}
	/* Exactly 256 chunks a TDMR, whatever the interleaving. */
	CHECK_INT_EQ(success[0], 256);
	CHECK_INT_EQ(success[1], 256);
	CHECK_INT_EQ(other, 0);
	CHECK_U64_EQ(f->e.mod.tdmr[0].last_initialized, FX_CMR_BASE + FX_GB);
	fx_free(f);
}
