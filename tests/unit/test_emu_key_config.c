/* SPDX-License-Identifier: MIT */
/*
 * Emulator conformance: TDH.SYS.KEY.CONFIG (docs/reference/tdx-abi.md §3, §4, §9), the
 * strict WBINVD mode, and concurrency with real threads.
 */
#include <pthread.h>

#include "tests/unit/emu_fixture.h"

/* §3: KEY.CONFIG before CONFIG -> TDX_SYS_KEY_CONFIG_NOT_PENDING. */
TEST(emu_key_config_before_config)
{
	struct fx *f = fx_new();

	fx_sys_init(f);
	fx_lp_init_all(f);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_KEY_CONFIG, 0, 0, 0),
		     TDX_SYS_KEY_CONFIG_NOT_PENDING);
	fx_free(f);
}

/* §4: a second KEY.CONFIG on a package -> TDX_KEY_CONFIGURED (bit 63 clear). */
TEST(emu_key_config_repeat_on_package)
{
	struct fx *f = fx_new();

	fx_to_config_done(f, 1);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_KEY_CONFIG, 0, 0, 0), TDX_SUCCESS);
	/* LP 1 is in package 0 too. */
	CHECK_U64_EQ(fx_call(f, 1, TDH_SYS_KEY_CONFIG, 0, 0, 0), 0x0000081500000000ull);
	CHECK_INT_EQ(emu_state(&f->e), EMU_SYSCONFIG_DONE);
	fx_free(f);
}

/* §3: the last package moves the module to SYS_READY; then NOT_PENDING. */
TEST(emu_key_config_last_package_ready)
{
	struct fx *f = fx_new();

	fx_to_config_done(f, 1);
	CHECK_U64_EQ(fx_call(f, 3, TDH_SYS_KEY_CONFIG, 0, 0, 0), TDX_SUCCESS);
	CHECK_INT_EQ(emu_state(&f->e), EMU_SYSCONFIG_DONE);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_KEY_CONFIG, 0, 0, 0), TDX_SUCCESS);
	CHECK_INT_EQ(emu_state(&f->e), EMU_SYS_READY);
	CHECK_U64_EQ(fx_call(f, 1, TDH_SYS_KEY_CONFIG, 0, 0, 0),
		     TDX_SYS_KEY_CONFIG_NOT_PENDING);
	fx_free(f);
}

/* §9: the global lock is taken exclusively -> TDX_SYS_BUSY when contended. */
TEST(emu_key_config_busy)
{
	struct fx *f = fx_new();

	fx_to_config_done(f, 1);
	f->e.mod.global_lock = -1;
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_KEY_CONFIG, 0, 0, 0), TDX_SYS_BUSY);
	f->e.mod.global_lock = 0;
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_KEY_CONFIG, 0, 0, 0), TDX_SUCCESS);
	fx_free(f);
}

/* Strict mode (§9 "Cache flush first"): an LP without WBINVD after CONFIG. */
TEST(emu_key_config_strict_wbinvd_missing)
{
	struct fx *f = fx_new();

	emu_set_strict_wbinvd(&f->e, true);
	fx_sys_init(f);
	fx_lp_init_all(f);
	/* A WBINVD before CONFIG does not count. */
	for (uint32_t lp = 0; lp < 4; lp++)
		emu_wbinvd(&f->e, lp);
	fx_tdmrs_default(f, 1);
	CHECK_U64_EQ(fx_config(f), TDX_SUCCESS);
	emu_wbinvd(&f->e, 0);
	emu_wbinvd(&f->e, 1);
	emu_wbinvd(&f->e, 3);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_KEY_CONFIG, 0, 0, 0), TDX_EMU_WBINVD_MISSING | 2);
	CHECK_STR_CONTAINS(emu_diag(&f->e), "LP 2 did not execute WBINVD");
	CHECK_STR_EQ(tdx_status_name(TDX_EMU_WBINVD_MISSING | 2), "TDX_EMU_WBINVD_MISSING");
	emu_wbinvd(&f->e, 2);
	fx_key_config_all(f);
	CHECK_INT_EQ(emu_state(&f->e), EMU_SYS_READY);
	fx_free(f);
}

/* Without strict mode the module cannot see caches: KEY.CONFIG succeeds. */
TEST(emu_key_config_lenient_without_wbinvd)
{
	struct fx *f = fx_new();

	fx_to_ready(f, 1);
	fx_free(f);
}

struct key_thread {
	struct fx *f;
	uint32_t lp;
	unsigned success, configured, busy, other;
	volatile int *go;
};

static void *key_config_thread(void *arg)
{
	struct key_thread *t = arg;

	while (!__atomic_load_n(t->go, __ATOMIC_ACQUIRE))
		;
	for (;;) {
		struct seam_regs r = { .rax = TDH_SYS_KEY_CONFIG };
		emu_seamcall(&t->f->e, t->lp, &r);
		if (r.rax == TDX_SYS_BUSY) {
			t->busy++;
			continue;
		}
		if (r.rax == TDX_SUCCESS)
			t->success++;
		else if (r.rax == TDX_KEY_CONFIGURED)
			t->configured++;
		else if (r.rax != TDX_SYS_KEY_CONFIG_NOT_PENDING)
			t->other++;
		return NULL;
	}
}

/* §4, §9: every LP of 8 packages races KEY.CONFIG; exactly one success a package. */
TEST(emu_key_config_concurrent_threads)
{
	struct fx *f = fx_new_platform(8, 4);
	pthread_t th[32];
	struct key_thread t[32];
	volatile int go = 0;
	unsigned success = 0, other = 0, repeats = 0;

	fx_start(f);
	fx_to_config_done(f, 1);
	for (uint32_t i = 0; i < 32; i++) {
		t[i] = (struct key_thread){ .f = f, .lp = i, .go = &go };
		REQUIRE(pthread_create(&th[i], NULL, key_config_thread, &t[i]) == 0);
	}
	__atomic_store_n(&go, 1, __ATOMIC_RELEASE);
	for (uint32_t i = 0; i < 32; i++) {
		pthread_join(th[i], NULL);
		success += t[i].success;
		other += t[i].other;
		repeats += t[i].configured;
	}
	CHECK_INT_EQ(success, 8);
	CHECK_INT_EQ(other, 0);
	CHECK(repeats <= 24);
	CHECK_INT_EQ(emu_state(&f->e), EMU_SYS_READY);
	CHECK_U64_EQ(f->e.mod.pkg_config_bitmap, 0xFF);
	fx_free(f);
}
