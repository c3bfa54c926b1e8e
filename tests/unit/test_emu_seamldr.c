/* SPDX-License-Identifier: MIT */
/*
 * Emulator conformance: the P-SEAMLDR (docs/reference/tdx-abi.md §11) and the test
 * TDX-BLOB files (§11.6, §11.7).
 */
#include <pthread.h>
#include <stdlib.h>

#include "lib/sha512.h"
#include "tests/unit/emu_fixture.h"

#define LDR_PARAMS (FX_STRUCT + 0x20000)
#define LDR_SIG    (FX_STRUCT + 0x21000)
#define LDR_MOD    (FX_STRUCT + 0x22000)

/* A platform with a P-SEAMLDR and no module yet. */
static struct fx *ldr_new(void)
{
	struct fx *f = fx_new_platform(2, 2);

	emu_init(&f->e, &f->plat, emu_memmap_ops(&f->map));
	return f;
}

/* Builds a blob and lays out SEAMLDR_PARAMS, sigstruct and module pages. */
static void ldr_stage(struct fx *f, const struct emu_blob_opts *o)
{
	uint64_t size = emu_blob_size(o);
	uint8_t *blob = malloc(size);
	struct seamldr_params *p = fx_ptr(f, LDR_PARAMS, sizeof(*p));

	REQUIRE(blob && emu_blob_build(o, blob, size) == size);
	memcpy(fx_ptr(f, LDR_SIG, 4096), blob + 4096, 4096);
	memcpy(fx_ptr(f, LDR_MOD, 4096ull * o->module_pages), blob + 8192,
	       4096ull * o->module_pages);
	memset(p, 0, sizeof(*p));
	p->sigstruct_pa = LDR_SIG;
	p->num_module_pages = o->module_pages;
	for (uint32_t i = 0; i < o->module_pages; i++)
		p->mod_pages_pa_list[i] = LDR_MOD + 4096ull * i;
	free(blob);
}

static struct seam_sigstruct *ldr_sig(struct fx *f)
{
	return fx_ptr(f, LDR_SIG, sizeof(struct seam_sigstruct));
}

static struct seamldr_params *ldr_params(struct fx *f)
{
	return fx_ptr(f, LDR_PARAMS, sizeof(struct seamldr_params));
}

/* SEAMLDR.INSTALL on every LP, LP 0 last (as Intel's loader: BSP last). */
static uint64_t ldr_install_all(struct fx *f, uint64_t *rdx)
{
	struct seam_regs r;

	for (uint32_t lp = f->plat.num_lps; lp-- > 1;)
		CHECK_U64_EQ(fx_call(f, lp, SEAMLDR_INSTALL, LDR_PARAMS, 0, 0), SEAMLDR_SUCCESS);
	r = (struct seam_regs){ .rax = SEAMLDR_INSTALL, .rcx = LDR_PARAMS, .rdx = 77 };
	fx_call_regs(f, 0, &r);
	*rdx = r.rdx;
	return r.rax;
}

static uint64_t ldr_load(struct fx *f, const struct emu_blob_opts *o, uint64_t *rdx)
{
	ldr_stage(f, o);
	return ldr_install_all(f, rdx);
}

/* §11.4: SEAMLDR_INFO layout before and after a load. */
TEST(emu_seamldr_info_layout)
{
	struct fx *f = ldr_new();
	struct emu_blob_opts o;
	const struct seamldr_info *info = fx_ptr(f, FX_SCRATCH, 256);
	uint64_t rdx;

	CHECK_U64_EQ(fx_call(f, 0, SEAMLDR_INFO, FX_SCRATCH, 0, 0), SEAMLDR_SUCCESS);
	CHECK_U64_EQ(info->vendor_id, 0x8086);
	CHECK_U64_EQ(info->major_version, 1);
	CHECK_U64_EQ(info->num_remaining_updates, 32);
	CHECK_U64_EQ(info->seamextend.seam_ready, 0);
	CHECK_U64_EQ(info->seamextend.p_seamldr_ready, 1);
	/* tdx-loader p-seam-loader seamldr_info.c:74: features0.cleanup_supported (bit 1). */
	CHECK_U64_EQ(info->features0, 2);
	emu_blob_opts_default(&o);
	CHECK_U64_EQ(ldr_load(f, &o, &rdx), SEAMLDR_SUCCESS);
	CHECK_U64_EQ(fx_call(f, 1, SEAMLDR_INFO, FX_SCRATCH, 0, 0), SEAMLDR_SUCCESS);
	CHECK_U64_EQ(info->seamextend.seam_ready, 1);
	CHECK(memcmp(info->seamextend.mrseam, ldr_sig(f)->seamhash, 48) == 0);
	CHECK_U64_EQ(info->seamextend.tee_tcb_svn[1], 1);
	CHECK_U64_EQ(info->seamextend.tee_tcb_svn[0], 4);
	/* 256-byte alignment. */
	CHECK_U64_EQ(fx_call(f, 0, SEAMLDR_INFO, FX_SCRATCH + 128, 0, 0), SEAMLDR_EBADPARAM);
	fx_free(f);
}

/* §11.5: once per LP, the last performs the load; module then SYSINIT_PENDING. */
TEST(emu_seamldr_install_loads_module)
{
	struct fx *f = ldr_new();
	struct emu_blob_opts o;
	struct seam_regs r = { .rax = TDH_SYS_INIT };
	uint64_t rdx;

	emu_blob_opts_default(&o);
	o.desc.minor = 5;
	o.desc.update = 5;
	CHECK_INT_EQ(emu_seamcall(&f->e, 0, &r), EMU_VMFAILINVALID);
	CHECK_U64_EQ(ldr_load(f, &o, &rdx), SEAMLDR_SUCCESS);
	CHECK_U64_EQ(rdx, 0);
	CHECK_INT_EQ(emu_state(&f->e), EMU_SYSINIT_PENDING);
	fx_sys_init(f);
	fx_lp_init_all(f);
	CHECK_U64_EQ(fx_call(f, 0, TDH_SYS_RD, MD_SYS_UPDATE_VERSION, 0, 0), TDX_SUCCESS);
	fx_free(f);
}

/* §11.5: from the first LP of a session, module SEAMCALLs get VMfailInvalid. */
TEST(emu_seamldr_session_hides_module)
{
	struct fx *f = fx_new();
	struct emu_blob_opts o;
	struct seam_regs r = { .rax = TDH_SYS_INIT };

	emu_blob_opts_default(&o);
	ldr_stage(f, &o);
	CHECK_U64_EQ(fx_call(f, 3, SEAMLDR_INSTALL, 0, 0, 0), SEAMLDR_SUCCESS);
	CHECK_INT_EQ(emu_seamcall(&f->e, 0, &r), EMU_VMFAILINVALID);
	/* Non-last LPs do not examine RCX; a repeat in the session is EBADCALL. */
	CHECK_U64_EQ(fx_call(f, 3, SEAMLDR_INSTALL, LDR_PARAMS, 0, 0), SEAMLDR_EBADCALL);
	fx_free(f);
}

/* §11.5: SHA-384 of the module pages must equal seamhash -> else EBADHASH, RDX 1. */
TEST(emu_seamldr_wrong_hash)
{
	struct fx *f = fx_new();
	struct emu_blob_opts o;
	struct seam_regs r = { .rax = TDH_SYS_INIT };
	uint64_t rdx;

	emu_blob_opts_default(&o);
	o.bad_hash = true;
	CHECK_U64_EQ(ldr_load(f, &o, &rdx), SEAMLDR_EBADHASH);
	CHECK_U64_EQ(rdx, 1);
	/* The range was wiped: no module any more. */
	CHECK_INT_EQ(emu_seamcall(&f->e, 0, &r), EMU_VMFAILINVALID);
	fx_free(f);
}

/* §11.3: SEAMLDR_PARAMS validated -> EBADPARAM, recoverable (RDX 0). */
TEST(emu_seamldr_bad_params)
{
	struct fx *f = fx_new();
	struct emu_blob_opts o;
	uint64_t rdx;

	emu_blob_opts_default(&o);
	ldr_stage(f, &o);
	ldr_params(f)->version = 1;
	CHECK_U64_EQ(ldr_install_all(f, &rdx), SEAMLDR_EBADPARAM);
	CHECK_U64_EQ(rdx, 0);
	/* The old module survives a recoverable failure. */
	fx_sys_init(f);
	ldr_params(f)->version = 0;
	ldr_params(f)->reserved[3] = 1;
	CHECK_U64_EQ(ldr_install_all(f, &rdx), SEAMLDR_EBADPARAM);
	ldr_params(f)->reserved[3] = 0;
	ldr_params(f)->num_module_pages = 0;
	CHECK_U64_EQ(ldr_install_all(f, &rdx), SEAMLDR_EBADPARAM);
	ldr_params(f)->num_module_pages = o.module_pages;
	ldr_params(f)->mod_pages_pa_list[1] += 8;
	CHECK_U64_EQ(ldr_install_all(f, &rdx), SEAMLDR_EBADPARAM);
	ldr_params(f)->mod_pages_pa_list[1] -= 8;
	ldr_params(f)->scenario = 2;
	CHECK_U64_EQ(ldr_install_all(f, &rdx), SEAMLDR_EBADPARAM);
	fx_free(f);
}

/* §11.6: sigstruct field checks, key and debug policy -> EBADSIG. */
TEST(emu_seamldr_bad_sigstruct)
{
	struct fx *f = fx_new();
	struct emu_blob_opts o;
	uint64_t rdx;

	emu_blob_opts_default(&o);
	ldr_stage(f, &o);
	ldr_sig(f)->header_length = 0xE0;
	CHECK_U64_EQ(ldr_install_all(f, &rdx), SEAMLDR_EBADSIG);
	ldr_stage(f, &o);
	ldr_sig(f)->modulus[7] ^= 1; /* not the emulator's test key */
	CHECK_U64_EQ(ldr_install_all(f, &rdx), SEAMLDR_EBADSIG);
	CHECK_U64_EQ(rdx, 0);
	o.debug_signed = true;
	CHECK_U64_EQ(ldr_load(f, &o, &rdx), SEAMLDR_EBADSIG);
	f->plat.debug_platform = true;
	CHECK_U64_EQ(ldr_load(f, &o, &rdx), SEAMLDR_SUCCESS);
	fx_free(f);
}

/* §11.5: major SVN 0 -> EUNSUPPORTED. */
TEST(emu_seamldr_svn_major_zero)
{
	struct fx *f = fx_new();
	struct emu_blob_opts o;
	uint64_t rdx;

	emu_blob_opts_default(&o);
	o.seamsvn = 0x0004;
	CHECK_U64_EQ(ldr_load(f, &o, &rdx), SEAMLDR_EUNSUPPORTED);
	fx_free(f);
}

/* §11.6: every socket's FMS (stepping masked) in the CPUID table -> else EUNSUPCPU. */
TEST(emu_seamldr_unsupported_cpu)
{
	struct fx *f = fx_new();
	struct emu_blob_opts o;
	uint64_t rdx;

	emu_blob_opts_default(&o);
	/* stepping differs: fine */
	CHECK_INT_EQ(emu_platform_set_cpuid(&f->plat, EMU_ALL_LPS, 1, EMU_CPUID_ANY, EMU_EAX, 0x806F3), 0);
	CHECK_U64_EQ(ldr_load(f, &o, &rdx), SEAMLDR_SUCCESS);
	CHECK_INT_EQ(emu_platform_set_cpuid(&f->plat, 2, 1, EMU_CPUID_ANY, EMU_EAX, 0xA06D1), 0);
	CHECK_U64_EQ(ldr_load(f, &o, &rdx), SEAMLDR_EUNSUPCPU);
	fx_free(f);
}

/* §11.5: an image larger than the SEAM range -> ENOMEM. */
TEST(emu_seamldr_too_big)
{
	struct fx *f = fx_new();
	struct emu_blob_opts o;
	uint64_t rdx;

	f->plat.seamrr_size = 64 * 1024;
	emu_blob_opts_default(&o);
	o.module_pages = 16;
	CHECK_U64_EQ(ldr_load(f, &o, &rdx), SEAMLDR_ENOMEM);
	fx_free(f);
}

/* §11.2/§11.4: UPDATE needs a module and a remaining update -> EBADPARAM / EBADCALL. */
TEST(emu_seamldr_update_rules)
{
	struct fx *f = ldr_new();
	struct emu_blob_opts o;
	uint64_t rdx;

	emu_blob_opts_default(&o);
	ldr_stage(f, &o);
	ldr_params(f)->scenario = SEAMLDR_SCENARIO_UPDATE;
	CHECK_U64_EQ(ldr_install_all(f, &rdx), SEAMLDR_EBADPARAM);
	ldr_params(f)->scenario = SEAMLDR_SCENARIO_LOAD;
	CHECK_U64_EQ(ldr_install_all(f, &rdx), SEAMLDR_SUCCESS);
	ldr_params(f)->scenario = SEAMLDR_SCENARIO_UPDATE;
	f->e.ldr.num_remaining_updates = 1;
	CHECK_U64_EQ(ldr_install_all(f, &rdx), SEAMLDR_SUCCESS);
	CHECK_INT_EQ(f->e.ldr.num_remaining_updates, 0);
	CHECK_U64_EQ(ldr_install_all(f, &rdx), SEAMLDR_EBADCALL);
	fx_free(f);
}

/* §11.5: a load resets an initialised module to SYSINIT_PENDING. */
TEST(emu_seamldr_load_resets_module)
{
	struct fx *f = fx_new();
	struct emu_blob_opts o;
	uint64_t rdx;

	fx_to_ready(f, 1);
	emu_blob_opts_default(&o);
	CHECK_U64_EQ(ldr_load(f, &o, &rdx), SEAMLDR_SUCCESS);
	CHECK_INT_EQ(emu_state(&f->e), EMU_SYSINIT_PENDING);
	fx_sys_init(f);
	fx_lp_init_all(f); /* LP.INIT again: the per-LP state was reset too */
	fx_free(f);
}

/* §11.5: an image without the emulated-module descriptor cannot run -> EBADPARAM. */
TEST(emu_seamldr_foreign_image)
{
	struct fx *f = fx_new();
	struct emu_blob_opts o;
	uint64_t rdx;

	emu_blob_opts_default(&o);
	o.desc.magic = 0;
	CHECK_U64_EQ(ldr_load(f, &o, &rdx), SEAMLDR_EBADPARAM);
	CHECK_U64_EQ(rdx, 1);
	CHECK_STR_CONTAINS(emu_diag(&f->e), "descriptor");
	fx_free(f);
}

/* §11.5: P-SEAMLDR busy with another SEAMCALL -> VMfailInvalid. */
TEST(emu_seamldr_busy_vmfailinvalid)
{
	struct fx *f = fx_new();
	struct seam_regs r = { .rax = SEAMLDR_INFO, .rcx = FX_SCRATCH };

	f->e.ldr.busy = 1;
	CHECK_INT_EQ(emu_seamcall(&f->e, 0, &r), EMU_VMFAILINVALID);
	CHECK_U64_EQ(r.rax, SEAMLDR_INFO);
	f->e.ldr.busy = 0;
	CHECK_INT_EQ(emu_seamcall(&f->e, 0, &r), EMU_VMSUCCEED);
	fx_free(f);
}

struct ldr_thread {
	struct fx *f;
	uint32_t lp;
	unsigned vmfail;
	uint64_t status;
	volatile int *go;
};

static void *ldr_install_thread(void *arg)
{
	struct ldr_thread *t = arg;
	struct seam_regs r;

	while (!__atomic_load_n(t->go, __ATOMIC_ACQUIRE))
		;
	for (;;) {
		r = (struct seam_regs){ .rax = SEAMLDR_INSTALL, .rcx = LDR_PARAMS };
		if (emu_seamcall(&t->f->e, t->lp, &r) == EMU_VMFAILINVALID) {
			t->vmfail++;
			continue;
		}
		t->status = r.rax;
		return NULL;
	}
}

/* §11.5: INSTALL from every LP at once: serialized, and the module loads once. */
TEST(emu_seamldr_concurrent_install)
{
	struct fx *f = fx_new_platform(4, 4);
	pthread_t th[16];
	struct ldr_thread t[16];
	struct emu_blob_opts o;
	volatile int go = 0;

	emu_init(&f->e, &f->plat, emu_memmap_ops(&f->map));
	emu_blob_opts_default(&o);
	ldr_stage(f, &o);
	for (uint32_t i = 0; i < 16; i++) {
		t[i] = (struct ldr_thread){ .f = f, .lp = i, .go = &go };
		REQUIRE(pthread_create(&th[i], NULL, ldr_install_thread, &t[i]) == 0);
	}
	__atomic_store_n(&go, 1, __ATOMIC_RELEASE);
	for (uint32_t i = 0; i < 16; i++) {
		pthread_join(th[i], NULL);
		CHECK_U64_EQ(t[i].status, SEAMLDR_SUCCESS);
	}
	CHECK(f->e.ldr.module_loaded);
	CHECK_INT_EQ(emu_state(&f->e), EMU_SYSINIT_PENDING);
	fx_free(f);
}

/* §11.7: both layouts, checksum 0, seamhash = SHA-384 of the module. */
TEST(emu_blob_layouts)
{
	struct emu_blob_opts o;
	uint8_t digest[48];
	uint8_t *b;
	uint64_t n;

	emu_blob_opts_default(&o);
	o.module_pages = 3;
	n = emu_blob_size(&o);
	CHECK_U64_EQ(n, 5 * 4096);
	b = malloc(n);
	REQUIRE(b);
	CHECK_U64_EQ(emu_blob_build(&o, b, n - 1), 0);
	CHECK_U64_EQ(emu_blob_build(&o, b, n), n);
	CHECK_U64_EQ(emu_blob_checksum(b, n), 0);
	{
		const struct tdx_blob_v1_header *h = (const void *)b;
		CHECK_U64_EQ(h->version, 0x100);
		CHECK_U64_EQ(h->offset_of_module, 0x2000);
		CHECK_U64_EQ(h->length, n);
		CHECK(memcmp(h->signature, "TDX-BLOB", 8) == 0);
	}
	sha384(b + 0x2000, 3 * 4096, digest);
	CHECK(memcmp(((const struct seam_sigstruct *)(b + 4096))->seamhash, digest, 48) == 0);
	o.version = TDX_BLOB_V2;
	CHECK_U64_EQ(emu_blob_build(&o, b, n), n);
	CHECK_U64_EQ(emu_blob_checksum(b, n), 0);
	{
		const struct tdx_blob_v2_header *h = (const void *)b;
		CHECK_U64_EQ(h->version, 0x200);
		CHECK_U64_EQ(h->sigstruct_nr_pages, 1);
		CHECK_U64_EQ(h->module_nr_pages, 3);
	}
	o.bad_checksum = true;
	emu_blob_build(&o, b, n);
	CHECK(emu_blob_checksum(b, n) != 0);
	free(b);
}

/* §11.7: the checksum adds an odd last byte as a byte. */
TEST(emu_blob_checksum_odd_length)
{
	const uint8_t d[3] = { 0x01, 0x02, 0x03 };

	CHECK_U64_EQ(emu_blob_checksum(d, 3), 0x0201 + 0x03);
}

/*
 * Module versions as profiles, chosen by the blob (docs/emulator.md
 * "Profiles"): each profile's blob loads and the module then runs that
 * profile (version in SYS.RD, the profile's leaves); the 1.0 blob carries
 * major SVN 0, which P-SEAMLDR refuses (tdx-loader seamldr_install.c
 * lines 248-253: EUNSUPPORTED, before anything is wiped).
 */
/* What each version has, independently of emu/profile.c's table: 1.5.05
 * adds MAX_VCPUS_PER_TD (docs/reference/tdx-abi.md §8.2, §15.10), the newer
 * module Dynamic PAMT and TDH.SYS.DISABLE (§7, §4). */
static uint32_t profile_expected_flags(const struct emu_profile *p)
{
	if (p->minor == 5 && p->update == 5)
		return EMU_MODFLAG_MAX_VCPUS;
	if (p->minor == 5 && p->update == 16)
		return EMU_MODFLAG_MAX_VCPUS | EMU_MODFLAG_DPAMT | EMU_MODFLAG_SYS_DISABLE;
	return 0;
}

TEST(emu_seamldr_blob_per_profile)
{
	CHECK_INT_EQ(emu_profile_count(), 4);
	for (uint32_t i = 0; i < emu_profile_count(); i++) {
		const struct emu_profile *p = emu_profile_at(i);
		uint32_t want = profile_expected_flags(p);
		struct fx *f = ldr_new();
		struct emu_blob_opts o;
		struct seam_regs r;
		uint64_t rdx;

		emu_blob_opts_default(&o);
		emu_profile_apply(p, &o.desc);
		o.seamsvn = p->seamsvn;
		if (p->minor == 0) {
			CHECK_U64_EQ(ldr_load(f, &o, &rdx), SEAMLDR_EUNSUPPORTED);
			CHECK_U64_EQ(rdx, 0);
			CHECK_STR_EQ(emu_profile_name(&f->e), "none");
			fx_free(f);
			continue;
		}
		CHECK_U64_EQ(ldr_load(f, &o, &rdx), SEAMLDR_SUCCESS);
		CHECK_STR_EQ(emu_profile_name(&f->e), p->name);
		fx_sys_init(f);
		fx_lp_init_all(f);
		r = (struct seam_regs){ .rax = TDH_SYS_RD, .rdx = MD_SYS_UPDATE_VERSION };
		CHECK_U64_EQ(fx_call_regs(f, 0, &r), TDX_SUCCESS);
		CHECK_U64_EQ(r.r8, p->update);
		/* The profile's fields: MAX_VCPUS_PER_TD from 1.5.05, the PAMT
		 * bitmap entry size with Dynamic PAMT (sys_fields.def). */
		r = (struct seam_regs){ .rax = TDH_SYS_RD, .rdx = MD_SYS_MAX_VCPUS_PER_TD };
		CHECK_U64_EQ(fx_call_regs(f, 0, &r) == TDX_SUCCESS,
			     (want & EMU_MODFLAG_MAX_VCPUS) != 0);
		r = (struct seam_regs){ .rax = TDH_SYS_RD, .rdx = MD_SYS_PAMT_PAGE_BITMAP_ENTRY_BITS };
		CHECK_U64_EQ(fx_call_regs(f, 0, &r) == TDX_SUCCESS,
			     (want & EMU_MODFLAG_DPAMT) != 0);
		/* TDH.SYS.DISABLE only on the profile that has it. */
		r = (struct seam_regs){ .rax = TDH_SYS_DISABLE };
		CHECK_U64_EQ(fx_call_regs(f, 0, &r) == TDX_SYS_NOT_READY,
			     !(want & EMU_MODFLAG_SYS_DISABLE));
		fx_free(f);
	}
}

/* A module image of a version the emulator has no profile for is refused,
 * and the diagnostic names the version and the known ones. */
TEST(emu_seamldr_unknown_version_refused)
{
	struct fx *f = ldr_new();
	struct emu_blob_opts o;
	uint64_t rdx;

	emu_blob_opts_default(&o);
	o.desc.minor = 7;
	o.desc.update = 3;
	CHECK_U64_EQ(ldr_load(f, &o, &rdx), SEAMLDR_EBADPARAM);
	CHECK_U64_EQ(rdx, 1);
	CHECK(strstr(emu_diag(&f->e), "version 1.7.03 has no emulated profile") != NULL);
	CHECK(strstr(emu_diag(&f->e), "1.0, 1.5.01, 1.5.05, 1.5.16") != NULL);
	CHECK_STR_EQ(emu_profile_name(&f->e), "none");
	fx_free(f);
}
