/* SPDX-License-Identifier: MIT */
#include "tests/unit/init_harness.h"

#include "tests/support/exec_threads.h"
#include "lib/handoff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#define GiB (1ull << 30)
#define MiB (1ull << 20)

/* ------------------------------------------------------- memory services */

static bool in_free_ram(const struct harness *h, uint64_t base, uint64_t size)
{
	for (size_t i = 0; i < h->n_mem; i++) {
		const struct plan_mem *m = &h->mem[i];

		if (m->kind == PLAN_MEM_FREE && base >= m->base && base + size <= m->base + m->size)
			return true;
	}
	return false;
}

static bool overlaps_reservation(const struct harness *h, uint64_t base, uint64_t size)
{
	for (uint32_t i = 0; i < h->n_res; i++) {
		const struct harness_reservation *r = &h->res[i];

		if (r->live && base < r->base + r->size && r->base < base + size)
			return true;
	}
	return false;
}

static bool overlaps(const struct plan_range *r, uint64_t base, uint64_t size)
{
	return r->size && base < r->base + r->size && r->base < base + size;
}

/* What the firmware allocated for itself since h->mem was current. */
static bool taken_by_firmware(const struct harness *h, uint64_t base, uint64_t size)
{
	return overlaps(&h->taken_before_plan, base, size) ||
	       overlaps(&h->taken_after_plan, base, size);
}

/* Like AllocatePages(AllocateAddress): only free memory, never twice. */
static tb_status h_reserve(void *ctx, uint64_t base, uint64_t size, struct tb_err *err)
{
	struct harness *h = ctx;

	h->reserve_calls++;
	if (h->fail_reserve_at && h->reserve_calls == h->fail_reserve_at) {
		tb_err_set(err, "AllocatePages: EFI_NOT_FOUND (injected)");
		return TB_EIO;
	}
	if (taken_by_firmware(h, base, size)) {
		tb_err_set(err, "AllocatePages at 0x%llx: EFI_NOT_FOUND (the firmware allocated that memory after the plan was made)",
			   (unsigned long long)base);
		return TB_EIO;
	}
	if ((base | size) & 4095 || !in_free_ram(h, base, size) ||
	    overlaps_reservation(h, base, size) || h->n_res == HARNESS_RES_MAX) {
		tb_err_set(err, "AllocatePages: EFI_NOT_FOUND ([0x%llx, +0x%llx) is not free)",
			   (unsigned long long)base, (unsigned long long)size);
		return TB_EIO;
	}
	h->res[h->n_res++] = (struct harness_reservation){ base, size, 1 };
	return TB_OK;
}

static void h_unreserve(void *ctx, uint64_t base, uint64_t size)
{
	struct harness *h = ctx;

	for (uint32_t lp = 0; lp < h->plat.num_lps; lp++)
		if (__atomic_load_n(&h->emu.lp[lp].private_dirty, __ATOMIC_ACQUIRE))
			h->dirty_release++;

	for (uint32_t i = 0; i < h->n_res; i++) {
		if (h->res[i].live && h->res[i].base == base && h->res[i].size == size) {
			h->res[i].live = 0;
			return;
		}
	}
	fprintf(stderr, "harness: unreserve of [0x%llx, +0x%llx) that was never reserved\n",
		(unsigned long long)base, (unsigned long long)size);
	abort();
}

static tb_status h_alloc(void *ctx, uint64_t size, uint64_t *pa, struct tb_err *err)
{
	struct harness *h = ctx;

	if (h->scratch_used + size > h->scratch_size) {
		tb_err_set(err, "scratch exhausted");
		return TB_ENOMEM;
	}
	*pa = h->scratch_base + h->scratch_used;
	h->scratch_used += size;
	return TB_OK;
}

static void h_free(void *ctx, uint64_t pa, uint64_t size)
{
	struct harness *h = ctx;

	/* Stack-like: the sequence frees in reverse order of allocation. */
	if (pa + size == h->scratch_base + h->scratch_used)
		h->scratch_used -= size;
}

static void *h_ptr(void *ctx, uint64_t pa, uint64_t size)
{
	struct harness *h = ctx;
	void *p = emu_memmap_ptr(&h->memmap, pa, size);

	if (!p) {
		fprintf(stderr, "harness: no backing for [0x%llx, +0x%llx)\n",
			(unsigned long long)pa, (unsigned long long)size);
		abort();
	}
	return p;
}

/*
 * The map the sequence re-reads before planning: the machine's, plus what
 * the firmware took since (an overlapping busy entry, as firmware maps
 * split a free range).  Allocations after this read are not in it.
 */
static tb_status h_memory_map(void *ctx, const struct plan_mem **mem, size_t *n,
			      struct tb_err *err)
{
	struct harness *h = ctx;

	memcpy(h->fresh, h->mem, h->n_mem * sizeof(h->mem[0]));
	*n = h->n_mem;
	if (h->taken_before_plan.size)
		h->fresh[(*n)++] = (struct plan_mem){ h->taken_before_plan.base,
						      h->taken_before_plan.size,
						      PLAN_MEM_RAM_BUSY, (uint32_t)h->n_mem };
	*mem = h->fresh;
	return TB_OK;
}

static uint64_t h_now_us(void *ctx)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

static void h_log(void *ctx, enum init_log_level level, const char *msg)
{
	struct harness *h = ctx;
	int n = snprintf(h->log + h->log_len, sizeof(h->log) - h->log_len, "%s%s\n",
			 level == INIT_LOG_ERROR ? "error: " : level == INIT_LOG_WARN ? "warning: " : "",
			 msg);

	if (n > 0 && h->log_len + (size_t)n < sizeof(h->log))
		h->log_len += (size_t)n;
	if (getenv("TDXBOOT_TEST_VERBOSE"))
		fprintf(stderr, "  | %s\n", msg);
}

/* ------------------------------------------------------------ machine */

static void harness_add_mem(struct harness *h, uint64_t base, uint64_t size, uint32_t kind,
			    uint32_t node)
{
	h->mem[h->n_mem++] = (struct plan_mem){ base, size, kind, (uint32_t)h->n_mem };
	(void)node;
}

static void harness_back(struct harness *h, uint64_t base, uint64_t size)
{
	size_t i = 0;

	while (h->backing[i])
		i++;
	h->backing[i] = mmap(NULL, size, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (h->backing[i] == MAP_FAILED)
		abort();
	h->backing_size[i] = size;
	if (emu_memmap_add(&h->memmap, base, size, h->backing[i]) != 0)
		abort();
}

static void harness_layout(struct harness *h)
{
	/* Node 0: RAM from 1 MiB to 3 GiB; its top 64 MiB is firmware memory
	 * (boot services data) that the scratch allocator hands out. */
	harness_add_mem(h, 1 * MiB, 3 * GiB - 65 * MiB, PLAN_MEM_FREE, 0);
	harness_add_mem(h, 3 * GiB - 64 * MiB, 64 * MiB, PLAN_MEM_RAM_BUSY, 0);
	harness_add_mem(h, 4 * GiB, 4 * GiB, PLAN_MEM_FREE, 1);
	h->numa[h->n_numa++] = (struct plan_numa){ 0, 4 * GiB, 0 };
	h->numa[h->n_numa++] = (struct plan_numa){ 4 * GiB, 4 * GiB, 1 };
	h->scratch_base = 3 * GiB - 64 * MiB;
	h->scratch_size = 64 * MiB;
	harness_back(h, 1 * MiB, 3 * GiB - 1 * MiB);
	harness_back(h, 4 * GiB, 4 * GiB);
}

static void harness_platform(struct harness *h, uint32_t pkgs, uint32_t lps)
{
	struct emu_mem_range map[] = {
		{ 1 * MiB, 3 * GiB - 1 * MiB, true },
		{ 4 * GiB, 4 * GiB, true },
	};

	emu_platform_default(&h->plat, pkgs, lps);
	emu_platform_derive_cmrs(&h->plat, map, 2);
	/* SMRR must not overlap a CMR (TDH.SYS.INIT checks, docs/reference/tdx-abi.md §10.1):
	 * firmware carves it out of RAM; here it sits in the 3-4 GiB hole. */
	emu_platform_set_msr(&h->plat, EMU_MSR_SMRR_PHYSBASE, 3 * GiB | 6);
	/* SEAMRR above all RAM, where no PAMT or TDMR_INFO can be. */
	h->plat.seamrr_base = 16 * GiB;
	h->plat.seamldr_accept_any_key = true;
	/* SEAMCALL outside VMX operation raises #UD, as on hardware (§1.3). */
	h->plat.check_vmx = true;
}

/* ------------------------------------------------------------ executor */

/* An AP that this dispatch (the call-th) cannot run a procedure on. */
static bool h_unreachable(struct harness *h, uint32_t lp, uint32_t call, uint32_t stuck)
{
	if (lp == h->ex.bsp)
		return false;
	if (h->hang_from && call >= h->hang_from && lp == h->hang_lp) {
		if (!h->hung) {
			/* Hung inside a SEAMCALL: VMX operation, INIT blocked. */
			emu_vmxon(&h->emu, lp, true);
			h->hung = true;
		}
		return true;
	}
	if (h->emu.lp[lp].vmx_on) {
		h->vmx_at_dispatch++;
		if (h->loop == HARNESS_LOOP_HLT)
			return true;
	}
	if (h->fail_exec_at != call || lp != stuck)
		return false;
	h->one_off_fired = true;
	return true;
}

struct partial_run {
	exec_fn fn;
	void *arg;
	uint32_t bsp;
	const bool *skip;
};

static void run_reachable(void *arg, uint32_t lp)
{
	struct partial_run *r = arg;

	if (lp != r->bsp && !r->skip[lp])
		r->fn(r->arg, lp);
}

/*
 * StartupAllAPs with a timeout, as boot/exec_mp.c calls it: when an AP
 * does not finish, the others have run, the BSP has not (it runs after
 * the APs), and the call reports EFI_TIMEOUT naming the first such CPU.
 */
static tb_status h_run_all(void *ctx, exec_fn fn, void *arg, struct tb_err *err)
{
	struct harness *h = ctx;
	uint32_t call = ++h->exec_calls, n = 0, first = 0;
	bool skip[EXEC_MAX_LPS] = { false };
	struct partial_run r = { fn, arg, h->ex.bsp, skip };

	for (uint32_t lp = 0; lp < h->ex.n_lps; lp++) {
		skip[lp] = h_unreachable(h, lp, call, h->stuck_lp);
		if (skip[lp] && !n++)
			first = lp;
	}
	if (!n)
		return h->threads_ops->run_all(&h->ex, fn, arg, err);
	h->threads_ops->run_all(&h->ex, run_reachable, &r, err);
	tb_err_set(err, "MP Services StartupAllAPs: EFI_TIMEOUT: %u CPU%s did not finish in 5000 ms, the first CPU %u (APIC 0x%x)",
		   n, n == 1 ? "" : "s", first, h->ex.apic_id[first]);
	return TB_ETIMEOUT;
}

static tb_status h_run_on(void *ctx, uint32_t lp, exec_fn fn, void *arg, struct tb_err *err)
{
	struct harness *h = ctx;
	uint32_t call = ++h->exec_calls;

	/* A one-off timeout hits whichever CPU this call targets. */
	if (!h_unreachable(h, lp, call, lp))
		return h->threads_ops->run_on(&h->ex, lp, fn, arg, err);
	tb_err_set(err, "MP Services StartupThisAP(CPU %u, APIC 0x%x): EFI_TIMEOUT", lp,
		   h->ex.apic_id[lp]);
	return TB_ETIMEOUT;
}

static const struct exec_ops harness_exec_ops = { h_run_all, h_run_on };

uint32_t harness_exec_calls(const struct harness *h)
{
	return h->exec_calls;
}

static void harness_executor(struct harness *h)
{
	exec_threads_init(&h->ex);
	h->threads_ops = h->ex.ops;
	h->ex.ops = &harness_exec_ops;
	h->ex.ctx = h;
	h->ex.n_lps = h->plat.num_lps;
	h->ex.bsp = 0;
	h->ex.n_pkgs = h->plat.num_pkgs;
	for (uint32_t i = 0; i < h->ex.n_lps; i++) {
		h->ex.apic_id[i] = h->plat.lp[i].x2apic_id;
		h->ex.pkg_of[i] = h->plat.lp[i].x2apic_id >> h->plat.pkg_shift;
	}
}

struct harness *harness_new(uint32_t pkgs, uint32_t lps_per_pkg, bool preload)
{
	struct harness *h = calloc(1, sizeof(*h));

	harness_layout(h);
	harness_platform(h, pkgs, lps_per_pkg);
	emu_init(&h->emu, &h->plat, emu_memmap_ops(&h->memmap));
	emu_set_strict_wbinvd(&h->emu, true);
	if (preload) {
		struct emu_module_desc d;

		emu_module_desc_default(&d);
		emu_module_preload(&h->emu, &d);
	}
	emu_backend_init(&h->emu, &h->be);
	harness_executor(h);
	h->ops = (struct init_platform_ops){ h_reserve, h_unreserve, h_alloc, h_free, h_ptr,
					     NULL, h_now_us, h_log, h };
	h->in = (struct init_input){
		.mem = h->mem, .n_mem = h->n_mem, .numa = h->numa, .n_numa = h->n_numa,
		.policy = { .parallel = true, .dpamt = true, .key_retries = 10,
			    .check_tsc_adjust = true, .check_msrs = true },
		.all_cpus_enabled = true,
	};
	h->ctx = calloc(1, sizeof(*h->ctx));
	h->stuck_lp = h->ex.n_lps - 1;
	/* make check runs the init tests once per AP loop mode (mk/ap-loop.mk). */
	h->loop = getenv("TDXBOOT_AP_LOOP") && !strcmp(getenv("TDXBOOT_AP_LOOP"), "hlt")
			  ? HARNESS_LOOP_HLT : HARNESS_LOOP_MWAIT;
	return h;
}

void harness_add_blob(struct harness *h, bool bad_checksum, bool bad_hash)
{
	harness_add_blob_profile(h, NULL, bad_checksum, bad_hash);
}

void harness_add_blob_profile(struct harness *h, const struct emu_profile *prof,
			      bool bad_checksum, bool bad_hash)
{
	struct emu_blob_opts o;

	emu_blob_opts_default(&o);
	if (prof) {
		emu_profile_apply(prof, &o.desc);
		o.seamsvn = prof->seamsvn;
	}
	o.bad_checksum = bad_checksum;
	o.bad_hash = bad_hash;
	h->blob_size = emu_blob_size(&o);
	h->blob = calloc(1, h->blob_size);
	emu_blob_build(&o, h->blob, h->blob_size);
	h->in.blob = h->blob;
	h->in.blob_size = h->blob_size;
}

void harness_preload_profile(struct harness *h, const struct emu_profile *prof)
{
	struct emu_module_desc d;

	emu_module_desc_default(&d);
	emu_profile_apply(prof, &d);
	emu_module_preload(&h->emu, &d);
}

/* A 1.0 module cannot come from a blob: P-SEAMLDR refuses major SVN 0
 * (docs/reference/tdx-abi.md §16.3), so the BIOS loaded it. */
struct harness *harness_new_profile(uint32_t pkgs, uint32_t lps_per_pkg,
				    const struct emu_profile *prof)
{
	struct harness *h = harness_new(pkgs, lps_per_pkg, false);

	if ((prof->seamsvn >> 8) == 0)
		harness_preload_profile(h, prof);
	else
		harness_add_blob_profile(h, prof, false, false);
	return h;
}

tb_status harness_run(struct harness *h)
{
	h->ops.memory_map = h->refresh_map ? h_memory_map : NULL;
	init_setup(h->ctx, &h->be, &h->ex, &h->ops, &h->in);
	return init_run(h->ctx);
}

uint64_t harness_reserved_bytes(const struct harness *h)
{
	uint64_t n = 0;

	for (uint32_t i = 0; i < h->n_res; i++)
		if (h->res[i].live)
			n += h->res[i].size;
	return n;
}

uint64_t harness_private_pamt_lines(struct harness *h)
{
	const struct plan_output *p = &h->ctx->plan;
	uint64_t n = 0, pa;

	for (uint32_t i = 0; i < p->n_tdmrs; i++)
		for (int l = 0; l < 3; l++)
			if (p->tdmrs[i].pamt_size[l] &&
			    emu_find_private_line(&h->emu, p->tdmrs[i].pamt_base[l],
						  p->tdmrs[i].pamt_size[l], &pa))
				n++;
	return n;
}

const char *harness_rollback_problem(struct harness *h, char *buf, size_t n)
{
	const struct handoff_record *rec = &h->ctx->rec;

	if (rec->outcome != TDXBOOT_OUTCOME_ROLLED_BACK)
		snprintf(buf, n, "outcome %u, not rolled back", rec->outcome);
	else if (rec->plan)
		snprintf(buf, n, "a plan is published after a rollback");
	else if (harness_reserved_bytes(h))
		snprintf(buf, n, "%llu bytes still reserved",
			 (unsigned long long)harness_reserved_bytes(h));
	else if (harness_private_pamt_lines(h))
		snprintf(buf, n, "PAMT memory still holds module data");
	else
		return NULL;
	return buf;
}

bool harness_vmx_left_on(const struct harness *h)
{
	for (uint32_t i = 0; i < h->plat.num_lps; i++)
		if (h->emu.lp[i].vmx_on && !(h->hung && i == h->hang_lp))
			return true;
	return false;
}

static bool lp_unconfirmed(const struct handoff_record *rec, uint32_t lp)
{
	return rec->lp_unconfirmed[lp / 64] & (1ull << (lp % 64));
}

static const char *quarantine_problem(struct harness *h, char *buf, size_t n)
{
	const struct handoff_record *rec = &h->ctx->rec;

	if (rec->plan != &h->ctx->plan)
		snprintf(buf, n, "quarantined without the plan published");
	else if (harness_reserved_bytes(h) < h->ctx->plan.pamt_bytes)
		snprintf(buf, n, "quarantined with %llu bytes reserved, PAMT is %llu",
			 (unsigned long long)harness_reserved_bytes(h),
			 (unsigned long long)h->ctx->plan.pamt_bytes);
	else if (rec->quarantine_reason == TDXBOOT_QUARANTINE_NONE)
		snprintf(buf, n, "quarantined without a reason");
	else if (h->hung && !lp_unconfirmed(rec, h->hang_lp))
		snprintf(buf, n, "quarantined, hung CPU %u not flagged", h->hang_lp);
	else
		return NULL;
	return buf;
}

/*
 * The table the boot side would publish, read back: it must validate and
 * say what the record says; quarantined, its LPS flag exactly the CPUs the
 * sequence could not confirm (the hung one when there is one).
 */
static const char *table_problem(struct harness *h, char *buf, size_t n)
{
	const struct handoff_record *rec = &h->ctx->rec;
	size_t cap = handoff_size(rec), len = 0;
	void *t = cap ? aligned_alloc(8, (cap + 7) & ~(size_t)7) : NULL;
	struct handoff_view v;
	const char *bad = NULL;

	if (!t || handoff_build(rec, t, cap, &len, NULL) != TB_OK) {
		snprintf(buf, n, "the record cannot be built into a table");
		bad = buf;
	} else if (handoff_validate(t, len, &v) != HANDOFF_OK) {
		snprintf(buf, n, "the table does not validate: %s",
			 handoff_strerror(handoff_validate(t, len, &v)));
		bad = buf;
	} else if (handoff_status(&v)->outcome != rec->outcome ||
		   (handoff_quarantine(&v) != NULL) !=
			   (rec->outcome == TDXBOOT_OUTCOME_QUARANTINED)) {
		snprintf(buf, n, "the table's outcome or QUARANTINE disagrees with the record");
		bad = buf;
	} else if (handoff_quarantine(&v) && h->hung) {
		for (uint32_t lp = 0; lp < handoff_count(&v, TDXBOOT_SEC_LPS) && !bad; lp++)
			if (!(handoff_lp(&v, lp)->flags & TDXBOOT_LP_UNCONFIRMED) != (lp != h->hang_lp)) {
				snprintf(buf, n, "the table flags LP %u %s", lp,
					 lp == h->hang_lp ? "confirmed though hung" : "unconfirmed");
				bad = buf;
			}
	}
	free(t);
	return bad;
}

const char *harness_invariant_problem(struct harness *h, char *buf, size_t n)
{
	const struct handoff_record *rec = &h->ctx->rec;

	if (h->vmx_at_dispatch)
		snprintf(buf, n, "%u dispatches reached an AP in VMX operation", h->vmx_at_dispatch);
	else if (harness_vmx_left_on(h))
		snprintf(buf, n, "an LP that is not hung is left in VMX operation");
	else if (h->dirty_release)
		snprintf(buf, n, "PAMT given back while an LP held dirty private-KeyID lines");
	else if (table_problem(h, buf, n))
		return buf;
	else if (rec->outcome == TDXBOOT_OUTCOME_SUCCESS)
		return harness_reserved_bytes(h) == h->ctx->plan.pamt_bytes ? NULL :
			(snprintf(buf, n, "success, but %llu bytes reserved for %llu of PAMT",
				  (unsigned long long)harness_reserved_bytes(h),
				  (unsigned long long)h->ctx->plan.pamt_bytes), buf);
	else if (rec->outcome == TDXBOOT_OUTCOME_QUARANTINED)
		return quarantine_problem(h, buf, n);
	else
		return harness_rollback_problem(h, buf, n);
	return buf;
}

void harness_free(struct harness *h)
{
	for (size_t i = 0; i < HARNESS_MEM_MAX && h->backing[i]; i++)
		munmap(h->backing[i], h->backing_size[i]);
	free(h->blob);
	free(h->ctx);
	free(h);
}

bool harness_profile_outcome_ok(struct harness *h, const struct emu_profile *prof,
				tb_status st, char *why, size_t n)
{
	const struct handoff_record *rec = &h->ctx->rec;
	char rb[128];

	why[0] = 0;
	if (prof->minor == 0) {
		/* 1.0: refused after LP.INIT, before CONFIG; nothing reserved. */
		if (st == TB_OK || rec->step != TDXBOOT_STEP_SYS_RD ||
		    !strstr(rec->message, "has no TDH.SYS.RD"))
			snprintf(why, n, "1.0 not refused at TDH.SYS.RD: %s", rec->message);
		else if (emu_leaf_calls(&h->emu, EMU_LEAF_SYS_CONFIG) != 0)
			snprintf(why, n, "TDH.SYS.CONFIG called on a 1.0 module");
		else if (harness_reserved_bytes(h) != 0 || harness_rollback_problem(h, rb, sizeof(rb)))
			snprintf(why, n, "1.0 refusal left memory reserved: %s", rb);
		else if (rec->module.major_version != 1 || rec->module.minor_version != 0)
			snprintf(why, n, "record says module %u.%u", rec->module.major_version,
				 rec->module.minor_version);
		return why[0] == 0;
	}
	if (st != TB_OK || rec->outcome != TDXBOOT_OUTCOME_SUCCESS ||
	    emu_state(&h->emu) != EMU_SYS_READY)
		snprintf(why, n, "profile %s did not initialize: %s", prof->name, rec->message);
	else if (rec->module.major_version != prof->major || rec->module.minor_version != prof->minor ||
		 rec->module.update_version != prof->update)
		snprintf(why, n, "record says module %u.%u.%u, the blob was %s",
			 rec->module.major_version, rec->module.minor_version,
			 rec->module.update_version, prof->name);
	else if (harness_reserved_bytes(h) != h->ctx->plan.pamt_bytes)
		snprintf(why, n, "%llu bytes reserved, the PAMTs are %llu",
			 (unsigned long long)harness_reserved_bytes(h),
			 (unsigned long long)h->ctx->plan.pamt_bytes);
	else if (rec->module.limits.dpamt != ((prof->flags & EMU_MODFLAG_DPAMT) != 0))
		snprintf(why, n, "Dynamic PAMT %s on profile %s", rec->module.limits.dpamt ? "used" : "not used",
			 prof->name);
	return why[0] == 0;
}
