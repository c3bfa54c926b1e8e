/* SPDX-License-Identifier: MIT */
#include "emu/backend.h"

#include "lib/mem.h"

/* The enabling MSRs the emulated platform implies (docs/reference/tdx-abi.md §10). */
#define FEATURE_CONTROL_MSR   0x3au
#define FEATURE_CONTROL_OK    0x5ull          /* locked, VMX outside SMX */
#define SEAMRR_CONFIGURED     (1ull << 3)
#define SEAMRR_LOCKED_ENABLED ((1ull << 10) | (1ull << 11))
#define SEAMRR_MASK_BITS      0x000FFFFFFE000000ull  /* 51:25 */

static struct emu *emu_of(void *ctx)
{
	return ctx;
}

static enum seam_outcome emu_be_call(void *ctx, uint32_t lp, struct seam_regs *r)
{
	switch (emu_seamcall(emu_of(ctx), lp, r)) {
	case EMU_VMSUCCEED: return SEAM_VMSUCCEED;
	case EMU_VMFAILINVALID: return SEAM_VMFAILINVALID;
	case EMU_UD: return SEAM_UD;
	/* BADMEM: the module touched memory the accessor does not back; on
	 * hardware that would be a machine check or #GP, never a status. */
	case EMU_GP:
	case EMU_BADMEM:
	default: return SEAM_GP;
	}
}

static tb_status emu_be_vmx_on(void *ctx, uint32_t lp, struct tb_err *err)
{
	emu_vmxon(emu_of(ctx), lp, true);
	return TB_OK;
}

static void emu_be_vmx_off(void *ctx, uint32_t lp)
{
	emu_vmxon(emu_of(ctx), lp, false);
}

static void emu_be_wbinvd(void *ctx, uint32_t lp)
{
	emu_wbinvd(emu_of(ctx), lp);
}

static tb_status emu_be_read_msr(void *ctx, uint32_t lp, uint32_t msr, uint64_t *val)
{
	const struct emu_platform *p = emu_of(ctx)->plat;

	if (lp >= p->num_lps)
		return TB_ERANGE;
	for (int i = 0; i < EMU_MSR_COUNT; i++) {
		if (emu_lp_msr_index((enum emu_lp_msr)i) == msr) {
			*val = p->lp[lp].msr[i];
			return TB_OK;
		}
	}
	switch (msr) {
	case FEATURE_CONTROL_MSR:
		*val = FEATURE_CONTROL_OK;
		return TB_OK;
	case MSR_IA32_SEAMRR_PHYS_BASE:
		*val = p->seam_enabled ? (p->seamrr_base | SEAMRR_CONFIGURED) : 0;
		return TB_OK;
	case MSR_IA32_SEAMRR_PHYS_MASK:
		*val = p->seam_enabled ? ((~(p->seamrr_size - 1) & SEAMRR_MASK_BITS) |
					  SEAMRR_LOCKED_ENABLED) : 0;
		return TB_OK;
	default:
		return TB_EUNSUPPORTED;
	}
}

/* The emulated MOVDIR64B: whole zero lines through the memory accessor. */
static void emu_be_reset_mem(void *ctx, uint64_t pa, uint64_t size)
{
	static const uint8_t zero[64];
	struct emu *e = emu_of(ctx);

	for (uint64_t off = 0; off + 64 <= size; off += 64)
		e->mem.write(e->mem.ctx, pa + off, zero, sizeof(zero));
}

static const struct seam_backend_ops emu_be_ops = {
	.call = emu_be_call,
	.vmx_on = emu_be_vmx_on,
	.vmx_off = emu_be_vmx_off,
	.wbinvd = emu_be_wbinvd,
	.read_msr = emu_be_read_msr,
	.reset_mem = emu_be_reset_mem,
};

void emu_backend_init(struct emu *e, struct seam_backend *be)
{
	be->ops = &emu_be_ops;
	be->ctx = e;
	be->name = "emulated";
	be->emulated = true;
}

int emu_backend_pkg_shift(const uint32_t *apic, const uint32_t *pkg, uint32_t n)
{
	for (int s = 0; s < 32; s++) {
		bool ok = true;

		for (uint32_t i = 0; i < n && ok; i++)
			for (uint32_t j = i + 1; j < n && ok; j++)
				ok = ((apic[i] >> s) == (apic[j] >> s)) == (pkg[i] == pkg[j]);
		if (ok)
			return s;
	}
	return -1;
}
