/* SPDX-License-Identifier: MIT */
/*
 * The steps that run on every logical CPU: preflight, TDH.SYS.LP.INIT and
 * WBINVD.  The *_on_lp functions run on APs through the
 * executor; they write only their own slot c->lp[lp] and never log.  The
 * BSP reads the slots afterwards and reports the first LP that failed.
 */
#include "core/init_int.h"

#include "arch/x86/msr.h"

/* Preflight MSR samples, in c->lp[].msr[] order. */
enum { PF_FEATURE_CONTROL, PF_SEAMRR_BASE, PF_SEAMRR_MASK, PF_KEYID_PART,
       PF_MISC_ENABLE, PF_TSC_ADJUST, PF_TSX_CTRL, PF_COUNT };

static const uint32_t preflight_msrs[PF_COUNT] = {
	[PF_FEATURE_CONTROL] = MSR_IA32_FEATURE_CONTROL,
	[PF_SEAMRR_BASE] = MSR_IA32_SEAMRR_PHYS_BASE,
	[PF_SEAMRR_MASK] = MSR_IA32_SEAMRR_PHYS_MASK,
	[PF_KEYID_PART] = MSR_IA32_MKTME_KEYID_PARTITIONING,
	[PF_MISC_ENABLE] = MSR_IA32_MISC_ENABLE_NR,
	[PF_TSC_ADJUST] = MSR_IA32_TSC_ADJUST,
	[PF_TSX_CTRL] = MSR_IA32_TSX_CTRL,
};
_Static_assert(PF_COUNT <= sizeof(((struct init_lp *)0)->msr) / sizeof(uint64_t), "msr slots");

static void preflight_on_lp(void *arg, uint32_t lp)
{
	struct init_ctx *c = arg;
	struct init_lp *s = &c->lp[lp];

	for (int i = 0; i < PF_COUNT; i++)
		if (c->be->ops->read_msr(c->be->ctx, lp, preflight_msrs[i], &s->msr[i]) == TB_OK)
			s->msr_valid |= (uint8_t)(1u << i);
}

static bool msr_known(const struct init_lp *s, int i)
{
	return s->msr_valid & (1u << i);
}

/*
 * The BIOS must have locked IA32_FEATURE_CONTROL with VMX outside SMX
 * (VMXON #GPs otherwise, docs/reference/tdx-abi.md §10.2), enabled SEAMRR (§10.1: SEAMCALL
 * #GPs without it), and left LIMIT_CPUID_MAXVAL clear (TDH.SYS.INIT fails
 * with TDX_LIMIT_CPUID_MAXVAL_SET).
 */
static tb_status preflight_check_lp(struct init_ctx *c, uint32_t lp)
{
	const struct init_lp *s = &c->lp[lp];
	uint32_t apic = c->ex->apic_id[lp];

	if (!c->in.policy.check_msrs)
		return TB_OK;
	if (msr_known(s, PF_FEATURE_CONTROL) &&
	    (s->msr[PF_FEATURE_CONTROL] & (FEATURE_CONTROL_LOCKED | FEATURE_CONTROL_VMX_OUTSIDE_SMX)) !=
		    (FEATURE_CONTROL_LOCKED | FEATURE_CONTROL_VMX_OUTSIDE_SMX))
		return init_fail(c, TDXBOOT_STEP_PREFLIGHT, lp, 0, TB_EUNSUPPORTED,
				 "CPU %u (APIC 0x%x): IA32_FEATURE_CONTROL (MSR 0x3a) = 0x%llx: VMX outside SMX is not enabled and locked; enable VT-x in the BIOS setup",
				 lp, apic, (unsigned long long)s->msr[PF_FEATURE_CONTROL]);
	if (msr_known(s, PF_SEAMRR_MASK) &&
	    (!(s->msr[PF_SEAMRR_MASK] & SEAMRR_MASK_ENABLED) ||
	     !(s->msr[PF_SEAMRR_BASE] & SEAMRR_BASE_CONFIGURED)))
		return init_fail(c, TDXBOOT_STEP_PREFLIGHT, lp, 0, TB_EUNSUPPORTED,
				 "CPU %u (APIC 0x%x): SEAMRR is not enabled (IA32_SEAMRR_PHYS_BASE (MSR 0x1400) = 0x%llx, IA32_SEAMRR_PHYS_MASK (MSR 0x1401) = 0x%llx); enable TDX in the BIOS setup",
				 lp, apic, (unsigned long long)s->msr[PF_SEAMRR_BASE],
				 (unsigned long long)s->msr[PF_SEAMRR_MASK]);
	if (msr_known(s, PF_MISC_ENABLE) && (s->msr[PF_MISC_ENABLE] & MISC_ENABLE_LIMIT_CPUID))
		return init_fail(c, TDXBOOT_STEP_PREFLIGHT, lp, 0, TB_EUNSUPPORTED,
				 "CPU %u (APIC 0x%x): IA32_MISC_ENABLE (MSR 0x1a0) has LIMIT_CPUID_MAXVAL set; disable \"Limit CPUID Maximum\" in the BIOS setup",
				 lp, apic);
	return TB_OK;
}

/* KeyID partitioning (docs/reference/tdx-abi.md §9, MSR 0x87): Linux's first TDX KeyID is
 * the one after the MKTME KeyIDs, and it takes it as the global KeyID. */
static tb_status preflight_keyids(struct init_ctx *c)
{
	const struct init_lp *s = &c->lp[c->ex->bsp];
	uint64_t part = s->msr[PF_KEYID_PART];
	uint32_t mktme = (uint32_t)part, tdx = (uint32_t)(part >> 32);

	if (!msr_known(s, PF_KEYID_PART) || tdx < 2)
		return init_fail(c, TDXBOOT_STEP_PREFLIGHT, c->ex->bsp, 0, TB_EUNSUPPORTED,
				 "only %u TDX KeyIDs (IA32_MKTME_KEYID_PARTITIONING (MSR 0x87) = 0x%llx); TDX needs at least 2: enable TDX and set the TDX KeyID split in the BIOS setup",
				 tdx, (unsigned long long)part);
	for (uint32_t lp = 0; lp < c->ex->n_lps; lp++)
		if (c->lp[lp].msr[PF_KEYID_PART] != part)
			return init_fail(c, TDXBOOT_STEP_PREFLIGHT, lp, 0, TB_EUNSUPPORTED,
					 "CPU %u (APIC 0x%x): IA32_MKTME_KEYID_PARTITIONING (MSR 0x87) = 0x%llx differs from the boot CPU's 0x%llx",
					 lp, c->ex->apic_id[lp],
					 (unsigned long long)c->lp[lp].msr[PF_KEYID_PART],
					 (unsigned long long)part);
	c->rec.mktme_keyid_count = mktme;
	c->rec.tdx_keyid_first = mktme + 1;
	c->rec.tdx_keyid_count = tdx;
	c->rec.global_keyid = mktme + 1;
	init_log(c, INIT_LOG_INFO, "BIOS enabled: private KeyID range [%u, %u)",
		 mktme + 1, mktme + 1 + tdx);
	return TB_OK;
}

/*
 * The module samples IA32_TSC_ADJUST at TDH.SYS.INIT and fails LP.INIT,
 * TDH.MNG.INIT, TDH.VP.INIT and TDH.VP.ENTER with TDX_INCONSISTENT_MSR|0x3B
 * when an LP's value differs later (TDX module 1.5
 * src/vmm_dispatcher/api_calls/tdh_sys_init.c and tdh_sys_lp_init.c,
 * check_platform_config_and_cpu_enumeration).  Linux writes it after boot:
 * it forces a non-zero boot-CPU value to 0 and adjusts APs to hide TSC warp
 * (arch/x86/kernel/tsc_sync.c, tsc_store_and_check_tsc_adjust and
 * tsc_sanitize_first_cpu).  A value the module sampled that Linux later
 * changes breaks every TD, so by default every LP must hold 0;
 * tsc_adjust=any accepts one value shared by all LPs (docs/config.md).
 */
static tb_status preflight_tsc_adjust(struct init_ctx *c)
{
	const struct init_lp *b = &c->lp[c->ex->bsp];
	uint64_t want = c->in.policy.tsc_adjust_any ? b->msr[PF_TSC_ADJUST] : 0;

	if (!c->in.policy.check_tsc_adjust || !msr_known(b, PF_TSC_ADJUST))
		return TB_OK;
	for (uint32_t lp = 0; lp < c->ex->n_lps; lp++) {
		uint64_t v = c->lp[lp].msr[PF_TSC_ADJUST];

		if (v == want)
			continue;
		if (c->in.policy.tsc_adjust_any)
			return init_fail(c, TDXBOOT_STEP_PREFLIGHT, lp, 0, TB_EUNSUPPORTED,
					 "CPU %u (APIC 0x%x): IA32_TSC_ADJUST (MSR 0x3b) = 0x%llx differs from the boot CPU's 0x%llx; TDH.SYS.LP.INIT would refuse it",
					 lp, c->ex->apic_id[lp], (unsigned long long)v,
					 (unsigned long long)want);
		return init_fail(c, TDXBOOT_STEP_PREFLIGHT, lp, 0, TB_EUNSUPPORTED,
				 "CPU %u (APIC 0x%x): IA32_TSC_ADJUST (MSR 0x3b) = 0x%llx, not 0: the TDX module would keep this value and Linux resets it to 0, after which every TD fails with TDX_INCONSISTENT_MSR; update the BIOS, or set tsc_adjust=any to accept it",
				 lp, c->ex->apic_id[lp], (unsigned long long)v);
	}
	return TB_OK;
}

/* The values the module samples with TSC_ADJUST, recorded for the kernel
 * (handoff 1.1 MSRS): present when every LP reported the same value.
 * IA32_TSX_CTRL exists only on parts that enumerate it. */
static void preflight_record_msrs(struct init_ctx *c)
{
	static const int recorded[] = { PF_TSC_ADJUST, PF_TSX_CTRL };

	c->rec.n_msrs = 0;
	for (size_t k = 0; k < sizeof(recorded) / sizeof(recorded[0]); k++) {
		int i = recorded[k];
		bool all = true;

		for (uint32_t lp = 0; lp < c->ex->n_lps; lp++)
			all = all && msr_known(&c->lp[lp], i) &&
			      c->lp[lp].msr[i] == c->lp[c->ex->bsp].msr[i];
		c->rec.msrs[c->rec.n_msrs++] = (struct handoff_msr){
			preflight_msrs[i], all, all ? c->lp[c->ex->bsp].msr[i] : 0 };
	}
}

tb_status init_preflight(struct init_ctx *c)
{
	tb_status st;

	/* Every LP MCHECK counted must take part (docs/reference/tdx-abi.md §13.1). */
	if (!c->in.all_cpus_enabled)
		return init_fail(c, TDXBOOT_STEP_PREFLIGHT, TDXBOOT_LP_NONE, 0, TB_EUNSUPPORTED,
				 "not every processor is enabled and healthy; TDX needs all of them (check the BIOS's core/thread settings and the firmware log)");
	st = init_on_all(c, TDXBOOT_STEP_PREFLIGHT, preflight_on_lp);
	if (st != TB_OK)
		return st;
	for (uint32_t lp = 0; lp < c->ex->n_lps; lp++) {
		st = preflight_check_lp(c, lp);
		if (st != TB_OK)
			return st;
	}
	st = preflight_keyids(c);
	if (st == TB_OK)
		st = preflight_tsc_adjust(c);
	if (st == TB_OK)
		preflight_record_msrs(c);
	return st;
}

static void lp_init_on_lp(void *arg, uint32_t lp)
{
	struct init_ctx *c = arg;
	struct init_lp *s = &c->lp[lp];
	struct seam_regs r = { .rax = TDH_SYS_LP_INIT };

	s->status = init_seamcall(c, lp, &r);
	s->st = s->status ? TB_ESEAM : TB_OK;
	s->lp_init_done = s->status == 0;
}

/* TDH.SYS.LP.INIT on every LP, concurrently: the module takes its global
 * lock shared for this leaf (docs/reference/tdx-abi.md §5). */
tb_status init_lp_init(struct init_ctx *c)
{
	tb_status st = init_seam_on_all(c, TDXBOOT_STEP_LP_INIT, lp_init_on_lp);
	uint32_t bad;

	for (uint32_t lp = 0; lp < c->ex->n_lps; lp++)
		if (c->lp[lp].lp_init_done)
			handoff_record_lp_init(&c->rec, lp);
	if (st != TB_OK)
		return st;
	bad = init_first_failed_lp(c);
	if (bad != TDXBOOT_LP_NONE)
		return init_fail_seamcall(c, TDXBOOT_STEP_LP_INIT, bad, TDH_SYS_LP_INIT,
					  c->lp[bad].status);
	return TB_OK;
}

static void wbinvd_on_lp(void *arg, uint32_t lp)
{
	struct init_ctx *c = arg;

	c->be->ops->wbinvd(c->be->ctx, lp);
}

/* Linux flushes every CPU's caches between CONFIG and KEY.CONFIG (docs/reference/tdx-abi.md
 * §14 step 6) so no dirty line of the old KeyID-0 view of PAMT memory is
 * written back over what the module writes under its private KeyID. */
tb_status init_wbinvd(struct init_ctx *c)
{
	return init_on_all(c, TDXBOOT_STEP_WBINVD, wbinvd_on_lp);
}
