/* SPDX-License-Identifier: MIT */
/*
 * The emulated P-SEAMLDR: SEAMLDR.INFO and SEAMLDR.INSTALL.
 * docs/reference/tdx-abi.md §11.1-§11.5; P-SEAMLDR seamldr_install.c, helpers.c.
 *
 * The hardware admits one P-SEAMLDR SEAMCALL at a time: a concurrent call
 * gets VMfailInvalid (§11.5 "Serialization").  INSTALL must run once on
 * every LP; the last one performs the load.
 */
#include "emu/internal.h"

#include "lib/mem.h"
#include "lib/sha512.h"

#define X2APIC_LIMIT 1024u

/* The result of the last LP's work: status and RDX (1 = SEAM range wiped). */
struct install_result {
	uint64_t status;
	uint64_t unrecoverable;
};

#define SEAMLDR_FEATURES0_CLEANUP (1ull << 1) /* pseamldr_api_defs.h:144-151 */

static uint64_t seamldr_info(struct emu_call *c)
{
	struct emu *e = c->e;
	struct seamldr_info info;

	/* 256-byte, 256-aligned shared HPA, else EBADPARAM (§11.1). */
	if (!emu_pa_shared_ok(e, c->r->rcx, 256, sizeof(info)))
		return SEAMLDR_EBADPARAM;
	memset(&info, 0, sizeof(info));
	info.vendor_id = 0x8086;
	info.build_date = 20230901;
	info.minor_version = e->plat->seamldr_minor;
	info.major_version = e->plat->seamldr_major;
	info.acm_x2apic = e->plat->lp[0].x2apic_id;
	info.num_remaining_updates = e->ldr.num_remaining_updates;
	info.seamextend = e->ldr.seamextend;
	info.seamextend.seam_ready = e->ldr.module_loaded;
	info.seamextend.p_seamldr_ready = 1;
	/* tdx-loader p-seam-loader seamldr_info.c:74 sets cleanup_supported (bit 1). */
	info.features0 = SEAMLDR_FEATURES0_CLEANUP;
	if (emu_call_write(c, c->r->rcx, &info, sizeof(info)))
		return SEAMLDR_EBADPARAM;
	return SEAMLDR_SUCCESS;
}

static bool bytes_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* SEAMLDR_PARAMS checks, in the P-SEAMLDR's order (§11.3, §11.5). */
static uint64_t install_check_params(const struct emu *e, const struct seamldr_params *p)
{
	if (p->version != 0 || !bytes_zero(p->reserved, sizeof(p->reserved)))
		return SEAMLDR_EBADPARAM;
	if (p->scenario != SEAMLDR_SCENARIO_LOAD && p->scenario != SEAMLDR_SCENARIO_UPDATE)
		return SEAMLDR_EBADPARAM;
	if (p->num_module_pages < 1 || p->num_module_pages > SEAMLDR_MAX_MODULE_PAGES)
		return SEAMLDR_EBADPARAM;
	for (uint64_t i = 0; i < p->num_module_pages; i++)
		if (!emu_pa_shared_ok(e, p->mod_pages_pa_list[i], EMU_4K, EMU_4K))
			return SEAMLDR_EBADPARAM;
	if (!emu_pa_shared_ok(e, p->sigstruct_pa, EMU_4K, EMU_4K))
		return SEAMLDR_EBADPARAM;
	if (p->scenario == SEAMLDR_SCENARIO_UPDATE && !e->ldr.was_loaded)
		return SEAMLDR_EBADPARAM;
	return SEAMLDR_SUCCESS;
}

/* Every socket's CPUID.1.EAX (stepping masked) must be in the table (§11.6). */
static uint64_t install_check_cpuid(const struct emu *e, const struct seam_sigstruct *s)
{
	bool debug = (s->module_type & SEAM_SIGSTRUCT_MODULE_DEBUG) != 0;

	if (s->cpuid_table_size == 0)
		return debug ? SEAMLDR_SUCCESS : SEAMLDR_EBADSIG;
	for (uint32_t lp = 0; lp < e->plat->num_lps; lp++) {
		uint32_t r[4], fms;
		bool found = false;

		emu_platform_cpuid(e->plat, lp, 1, EMU_CPUID_ANY, r);
		fms = r[EMU_EAX] & ~0xFu;
		for (uint32_t k = 0; k < s->cpuid_table_size; k++)
			found |= (s->cpuid_table[k] & ~0xFu) == fms;
		if (!found)
			return SEAMLDR_EUNSUPCPU;
	}
	return SEAMLDR_SUCCESS;
}

/* Checks before anything is wiped: a failure here is recoverable (RDX 0). */
static uint64_t install_precheck(struct emu_call *c, const struct seamldr_params *p,
				 const struct seam_sigstruct *s)
{
	const struct emu *e = c->e;
	uint64_t st, need;

	if ((st = emu_sigstruct_check(e, s)) != SEAMLDR_SUCCESS)
		return st;
	if ((s->seamsvn >> 8) == 0)
		return SEAMLDR_EUNSUPPORTED;
	if ((st = install_check_cpuid(e, s)) != SEAMLDR_SUCCESS)
		return st;
	/* SYS_INFO_TABLE page, one VMCS page per LP, then the image (§11.8). */
	need = EMU_4K * (1 + e->plat->num_lps + p->num_module_pages);
	if (need > e->plat->seamrr_size)
		return SEAMLDR_ENOMEM;
	if (p->scenario == SEAMLDR_SCENARIO_UPDATE && e->ldr.num_remaining_updates == 0)
		return SEAMLDR_EBADCALL;
	return SEAMLDR_SUCCESS;
}

/* SHA-384 of the pages in list order, and the module descriptor (page 0). */
static int install_hash_pages(struct emu_call *c, const struct seamldr_params *p,
			      uint8_t digest[SHA384_DIGEST_SIZE],
			      struct emu_module_desc *desc)
{
	struct sha512_ctx ctx;
	uint8_t page[4096];

	sha384_init(&ctx);
	for (uint64_t i = 0; i < p->num_module_pages; i++) {
		if (emu_call_read(c, p->mod_pages_pa_list[i], page, sizeof(page)))
			return -1;
		if (i == 0)
			memcpy(desc, page, sizeof(*desc));
		sha512_update(&ctx, page, sizeof(page));
	}
	sha512_final(&ctx, digest);
	return 0;
}

static void install_commit(struct emu *e, const struct seam_sigstruct *s,
			   const struct emu_module_desc *desc, uint32_t scenario)
{
	struct seamextend *x = &e->ldr.seamextend;

	/* The LOAD wipe zeroed the module's global data: SYSINIT_PENDING (§11.5). */
	memset(&e->mod, 0, sizeof(e->mod));
	e->mod.desc = *desc;
	for (uint32_t lp = 0; lp < EMU_MAX_LPS; lp++)
		e->lp[lp].lp_is_init = 0;
	memset(x, 0, sizeof(*x));
	x->valid = 1;
	x->tee_tcb_svn[0] = (uint8_t)s->seamsvn;
	x->tee_tcb_svn[1] = (uint8_t)(s->seamsvn >> 8);
	memcpy(x->mrseam, s->seamhash, sizeof(x->mrseam));
	x->seam_ready = 1;
	x->system_under_debug = (s->module_type & SEAM_SIGSTRUCT_MODULE_DEBUG) != 0;
	if (scenario == SEAMLDR_SCENARIO_UPDATE)
		e->ldr.num_remaining_updates--;
	e->ldr.ever_loaded = true;
	__atomic_store_n(&e->ldr.module_loaded, true, __ATOMIC_RELEASE);
}

/* The last LP's work (§11.5 "Last LP" and validation order). */
static struct install_result install_load(struct emu_call *c)
{
	struct emu *e = c->e;
	struct seamldr_params p;
	struct seam_sigstruct s;
	struct emu_module_desc desc;
	uint8_t digest[SHA384_DIGEST_SIZE];
	struct install_result res = { SEAMLDR_EBADPARAM, 0 };

	if (!emu_pa_shared_ok(e, c->r->rcx, EMU_4K, sizeof(p)) ||
	    emu_call_read(c, c->r->rcx, &p, sizeof(p)))
		return res;
	if ((res.status = install_check_params(e, &p)) != SEAMLDR_SUCCESS)
		return res;
	if (emu_call_read(c, p.sigstruct_pa, &s, sizeof(s))) {
		res.status = SEAMLDR_EBADPARAM;
		return res;
	}
	if ((res.status = install_precheck(c, &p, &s)) != SEAMLDR_SUCCESS)
		return res;
	/* From here the SEAM range has been wiped: failures are unrecoverable. */
	res.unrecoverable = 1;
	e->ldr.was_loaded = false;
	if (install_hash_pages(c, &p, digest, &desc)) {
		res.status = SEAMLDR_EBADPARAM;
		return res;
	}
	if (memcmp(digest, s.seamhash, sizeof(digest)) != 0) {
		res.status = SEAMLDR_EBADHASH;
		return res;
	}
	/* Stands for ELF relocation: an image the model cannot run (§11.5),
	 * a module without a descriptor or of a version without a profile. */
	if (desc.magic != EMU_MODULE_DESC_MAGIC) {
		emu_diag_set(e, "emulator: the module image carries no emulated-module descriptor");
		res.status = SEAMLDR_EBADPARAM;
		return res;
	}
	if (!emu_profile_find(desc.major, desc.minor, desc.update)) {
		char known[64];

		emu_profile_list(known, sizeof(known));
		emu_diag_set(e, "emulator: TDX module version %u.%u.%02u has no emulated profile (known: %s)",
			     desc.major, desc.minor, desc.update, known);
		res.status = SEAMLDR_EBADPARAM;
		return res;
	}
	install_commit(e, &s, &desc, p.scenario);
	res.status = SEAMLDR_SUCCESS;
	res.unrecoverable = 0;
	return res;
}

static void install_end_session(struct emu *e)
{
	for (uint32_t lp = 0; lp < EMU_MAX_LPS; lp++)
		e->lp[lp].ldr_called = 0;
	e->ldr.num_called = 0;
	e->ldr.installing = false;
}

static uint64_t seamldr_install(struct emu_call *c)
{
	struct emu *e = c->e;
	struct install_result res;

	c->r->rdx = 0;
	if (e->plat->lp[c->lp].x2apic_id >= X2APIC_LIMIT)
		return SEAMLDR_EUNSPECERR;
	if (e->lp[c->lp].ldr_called)
		return SEAMLDR_EBADCALL;
	if (!e->ldr.installing) {
		/* First LP: snapshot, SEAM_READY := 0 -> module calls VMfailInvalid. */
		e->ldr.installing = true;
		e->ldr.was_loaded = e->ldr.module_loaded;
		__atomic_store_n(&e->ldr.module_loaded, false, __ATOMIC_RELEASE);
	}
	e->lp[c->lp].ldr_called = 1;
	/* Non-last LPs do not look at RCX. */
	if (++e->ldr.num_called < e->plat->num_lps)
		return SEAMLDR_SUCCESS;
	res = install_load(c);
	/* A recoverable failure leaves the old module in place (INFERENCE). */
	if (res.status != SEAMLDR_SUCCESS && !res.unrecoverable && e->ldr.was_loaded)
		__atomic_store_n(&e->ldr.module_loaded, true, __ATOMIC_RELEASE);
	install_end_session(e);
	c->r->rdx = res.unrecoverable;
	return res.status;
}

enum emu_outcome emu_seamldr_call(struct emu_call *c)
{
	struct emu *e = c->e;
	uint64_t leaf = c->r->rax, st;
	enum emu_leaf which = leaf == SEAMLDR_INFO ? EMU_LEAF_SEAMLDR_INFO :
			      leaf == SEAMLDR_INSTALL ? EMU_LEAF_SEAMLDR_INSTALL :
			      EMU_LEAF_NONE;
	enum emu_outcome out = EMU_VMSUCCEED;
	const struct emu_fault *f = NULL;

	if (!emu_mutex_try(&e->ldr.busy))
		return EMU_VMFAILINVALID;
	if (which != EMU_LEAF_NONE) {
		uint32_t nth = __atomic_add_fetch(&e->calls[which], 1, __ATOMIC_RELAXED);
		f = emu_fault_match(e, which, c->lp, nth);
	}
	if (f) {
		out = f->outcome;
		st = f->status;
	} else if (which == EMU_LEAF_SEAMLDR_INFO) {
		st = seamldr_info(c);
	} else if (which == EMU_LEAF_SEAMLDR_INSTALL) {
		st = seamldr_install(c);
	} else {
		st = SEAMLDR_EBADPARAM; /* unknown P-SEAMLDR leaf (§1.2) */
	}
	emu_mutex_release(&e->ldr.busy);
	if (out != EMU_VMSUCCEED)
		return out;
	if (c->badmem)
		return EMU_BADMEM;
	c->r->rax = st;
	return EMU_VMSUCCEED;
}
