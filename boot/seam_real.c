/* SPDX-License-Identifier: MIT */
#include "boot/seam_real.h"

#include "arch/x86/cpu.h"
#include "arch/x86/msr.h"
#include "arch/x86/seam_insn.h"
#include "boot/alloc.h"
#include "lib/mem.h"

#define CPUID1_ECX_VMX (1u << 5)

static enum seam_outcome real_call(void *ctx, uint32_t lp, struct seam_regs *r)
{
	int o = seam_insn_seamcall(r);

	/* A fault was turned into a status by boot/seam_trap.c. */
	if (o == SEAM_INSN_VMSUCCEED && r->rax == TDX_SEAMCALL_UD)
		return SEAM_UD;
	if (o == SEAM_INSN_VMSUCCEED && r->rax == TDX_SEAMCALL_GP)
		return SEAM_GP;
	if (o == SEAM_INSN_VMFAILINVALID)
		return SEAM_VMFAILINVALID;
	if (o == SEAM_INSN_VMFAILVALID)
		return SEAM_VMFAILVALID;
	return SEAM_VMSUCCEED;
}

/*
 * VMXON the way the SDM and Intel's loader require (docs/reference/tdx-abi.md §10.2):
 * FEATURE_CONTROL locked with VMX outside SMX, the region's first dword the
 * VMCS revision id from IA32_VMX_BASIC, CR0/CR4 forced to their fixed bits
 * (which sets CR4.VMXE).  CR0/CR4 are saved to be restored at VMXOFF.
 */
static tb_status real_vmx_on(void *ctx, uint32_t lp, struct tb_err *err)
{
	struct seam_real_lp *s = &((struct seam_real_ctx *)ctx)->lp[lp];
	uint64_t fc, basic;
	int o;

	if (!(cpu_cpuid(1, 0).ecx & CPUID1_ECX_VMX)) {
		tb_err_set(err, "CPU %u: no VMX (CPUID.1:ECX[5] clear)", lp);
		return TB_EUNSUPPORTED;
	}
	fc = cpu_rdmsr(MSR_IA32_FEATURE_CONTROL);
	if (!(fc & FEATURE_CONTROL_LOCKED) || !(fc & FEATURE_CONTROL_VMX_OUTSIDE_SMX)) {
		tb_err_set(err, "CPU %u: IA32_FEATURE_CONTROL (MSR 0x3a) = 0x%llx: the BIOS did not lock it with VMX outside SMX enabled",
			   lp, (unsigned long long)fc);
		return TB_EUNSUPPORTED;
	}
	basic = cpu_rdmsr(MSR_IA32_VMX_BASIC);
	*(volatile uint32_t *)(uintptr_t)s->region_pa = (uint32_t)basic & 0x7fffffffu;
	s->saved_cr0 = cpu_read_cr0();
	s->saved_cr4 = cpu_read_cr4();
	cpu_write_cr0((s->saved_cr0 | cpu_rdmsr(MSR_IA32_VMX_CR0_FIXED0)) &
		      cpu_rdmsr(MSR_IA32_VMX_CR0_FIXED1));
	cpu_write_cr4((s->saved_cr4 | cpu_rdmsr(MSR_IA32_VMX_CR4_FIXED0)) &
		      cpu_rdmsr(MSR_IA32_VMX_CR4_FIXED1));
	o = seam_insn_vmxon(&s->region_pa);
	if (o != SEAM_INSN_VMSUCCEED) {
		cpu_write_cr4(s->saved_cr4);
		cpu_write_cr0(s->saved_cr0);
		tb_err_set(err, "CPU %u: VMXON failed (%s)", lp,
			   o == SEAM_INSN_VMFAILINVALID ? "VMfailInvalid: bad region or revision id"
							: "VMfailValid: already in VMX operation?");
		return TB_EIO;
	}
	s->vmx_on = 1;
	return TB_OK;
}

static void real_vmx_off(void *ctx, uint32_t lp)
{
	struct seam_real_lp *s = &((struct seam_real_ctx *)ctx)->lp[lp];

	if (!s->vmx_on)
		return;
	seam_insn_vmxoff();
	/* Restores CR4 without VMXE and CR0 as the firmware had them. */
	cpu_write_cr4(s->saved_cr4 & ~CR4_VMXE);
	cpu_write_cr0(s->saved_cr0);
	s->vmx_on = 0;
}

static void real_wbinvd(void *ctx, uint32_t lp)
{
	cpu_wbinvd();
}

static tb_status real_read_msr(void *ctx, uint32_t lp, uint32_t msr, uint64_t *val)
{
	*val = cpu_rdmsr(msr);
	return TB_OK;
}

static void real_reset_mem(void *ctx, uint64_t pa, uint64_t size)
{
	static const uint8_t zero[64] __attribute__((aligned(64)));

	for (uint64_t off = 0; off + 64 <= size; off += 64)
		seam_insn_movdir64b((void *)(uintptr_t)(pa + off), zero);
	/* MOVDIR64B is weakly ordered, like WC stores (docs/reference/tdx-abi.md §12). */
	__asm__ volatile("mfence" ::: "memory");
}

static const struct seam_backend_ops real_ops = {
	.call = real_call,
	.vmx_on = real_vmx_on,
	.vmx_off = real_vmx_off,
	.wbinvd = real_wbinvd,
	.read_msr = real_read_msr,
	.reset_mem = real_reset_mem,
};

tb_status seam_real_init(EFI_SYSTEM_TABLE *st, struct seam_real_ctx *ctx,
			 uint32_t n_lps, struct seam_backend *be, struct tb_err *err)
{
	EFI_PHYSICAL_ADDRESS pa = 0;
	EFI_STATUS s;

	memset(ctx, 0, sizeof(*ctx));
	ctx->n_lps = n_lps;
	/* One page each: VMX_BASIC[44:32] is at most 4096 (docs/reference/tdx-abi.md §10.2). */
	s = efi_alloc_pages(st, AllocateAnyPages, EfiBootServicesData, n_lps, &pa);
	if (s != EFI_SUCCESS) {
		tb_err_set(err, "cannot allocate %u VMXON regions", n_lps);
		return TB_ENOMEM;
	}
	memset((void *)(uintptr_t)pa, 0, (size_t)n_lps * 4096);
	for (uint32_t i = 0; i < n_lps; i++)
		ctx->lp[i].region_pa = pa + (uint64_t)i * 4096;
	be->ops = &real_ops;
	be->ctx = ctx;
	be->name = "real";
	be->emulated = false;
	return TB_OK;
}

void seam_real_release(EFI_SYSTEM_TABLE *st, struct seam_real_ctx *ctx)
{
	if (ctx->n_lps && ctx->lp[0].region_pa)
		efi_free_pages(st, ctx->lp[0].region_pa, ctx->n_lps);
	ctx->n_lps = 0;
}
