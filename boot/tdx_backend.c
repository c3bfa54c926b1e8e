/* SPDX-License-Identifier: MIT */
#include "boot/tdx_backend.h"

#include "arch/x86/cpu.h"
#include "arch/x86/msr.h"
#include "boot/efi_util.h"
#include "boot/seam_trap.h"

#define CPUID1_ECX_VMX        (1u << 5)
#define CPUID7_ECX_TME        (1u << 13)
#define CPUID7_ECX_MOVDIR64B  (1u << 28)
#define GiB                   (1ull << 30)

const char *tdx_backend_real_refusal(void)
{
	struct cpuid_regs r1 = cpu_cpuid(1, 0), r7 = cpu_cpuid(7, 0);

	if (cpu_under_hypervisor())
		return "running under a hypervisor (CPUID.1:ECX[31]); SEAMCALL needs bare metal";
	if (!(r1.ecx & CPUID1_ECX_VMX))
		return "the CPU has no VMX (CPUID.1:ECX[5])";
	if (!(r7.ecx & CPUID7_ECX_TME))
		return "the CPU has no TME/MKTME (CPUID.7.0:ECX[13]), so no TDX KeyIDs";
	if (!(r7.ecx & CPUID7_ECX_MOVDIR64B))
		return "the CPU has no MOVDIR64B (CPUID.7.0:ECX[28]), needed to reset PAMT memory on rollback";
	return NULL;
}

/* CMRs the way a TDX BIOS reports them: all DRAM the map shows, whatever
 * the firmware uses it for (docs/reference/tdx-abi.md §9: MCHECK checks DRAM, not types). */
static bool memmap_is_dram(uint32_t type)
{
	switch (type) {
	case MEMMAP_LOADER_CODE: case MEMMAP_LOADER_DATA:
	case MEMMAP_BOOT_CODE: case MEMMAP_BOOT_DATA:
	case MEMMAP_RUNTIME_CODE: case MEMMAP_RUNTIME_DATA:
	case MEMMAP_CONVENTIONAL: case MEMMAP_ACPI_RECLAIM:
	case MEMMAP_ACPI_NVS: case MEMMAP_UNACCEPTED:
		return true;
	default:
		return false;
	}
}

static tb_status emu_platform_mirror(EFI_SYSTEM_TABLE *st, const struct executor *ex,
				     const struct boot_memmap *mm, struct emu_platform *p,
				     struct tb_err *err)
{
	struct emu_mem_range *map = efi_alloc_zero(st, mm->n * sizeof(*map));
	uint64_t top = 0;
	int shift;

	if (!map) {
		tb_err_set(err, "cannot allocate the emulated platform's memory map");
		return TB_ENOMEM;
	}
	if (ex->n_lps > EMU_MAX_LPS) {
		tb_err_set(err, "%u CPUs, more than the emulator models (%u)", ex->n_lps, EMU_MAX_LPS);
		return TB_ENOSPC;
	}
	shift = emu_backend_pkg_shift(ex->apic_id, ex->pkg_of, ex->n_lps);
	emu_platform_default(p, 1, 1);
	p->num_lps = ex->n_lps;
	p->num_pkgs = ex->n_pkgs;
	p->pkg_shift = shift < 0 ? 31 : (uint32_t)shift;
	for (uint32_t i = 1; i < ex->n_lps; i++)
		p->lp[i] = p->lp[0];
	for (uint32_t i = 0; i < ex->n_lps; i++)
		p->lp[i].x2apic_id = ex->apic_id[i];
	for (size_t i = 0; i < mm->n; i++) {
		const struct memmap_desc *d = &mm->desc[i];

		map[i] = (struct emu_mem_range){ d->base, d->pages * 4096, memmap_is_dram(d->type) };
		if (map[i].dram && d->base + map[i].size > top)
			top = d->base + map[i].size;
	}
	int n = emu_platform_derive_cmrs(p, map, mm->n);
	efi_free(st, map);
	if (n <= 0) {
		tb_err_set(err, "the memory map yields %s CMRs for the emulated platform",
			   n == 0 ? "no" : "more than 32");
		return TB_EINVAL;
	}
	/* SEAMRR above all RAM and SMRR in the flash window below 4 GiB: both
	 * outside every CMR, as a BIOS would carve them (docs/reference/tdx-abi.md §10.1). */
	p->seamrr_base = (top + GiB - 1) & ~(GiB - 1);
	emu_platform_set_msr(p, EMU_MSR_SMRR_PHYSBASE, 0xFF000000ull | 6);
	p->check_vmx = true;
	p->seamldr_accept_any_key = true;
	return TB_OK;
}

static tb_status setup_emulated(EFI_SYSTEM_TABLE *st, const struct tb_config *cfg,
				const struct executor *ex, const struct boot_memmap *mm,
				bool have_blob, struct tdx_backend *b, struct tb_err *err)
{
	char ferr[160];

	b->plat = efi_alloc_zero(st, sizeof(*b->plat));
	b->emu = efi_alloc_zero(st, sizeof(*b->emu));
	if (!b->plat || !b->emu) {
		tb_err_set(err, "cannot allocate the emulated TDX module");
		return TB_ENOMEM;
	}
	tb_status s = emu_platform_mirror(st, ex, mm, b->plat, err);
	if (s != TB_OK)
		return s;
	emu_init(b->emu, b->plat, emu_mem_identity());
	emu_set_strict_wbinvd(b->emu, true);
	if (!have_blob) {
		struct emu_module_desc d;

		/* As if the BIOS had loaded a module (docs/reference/tdx-abi.md §13.6). */
		emu_module_desc_default(&d);
		emu_module_preload(b->emu, &d);
	}
	if (cfg->emu_fault[0] && emu_fault_add(b->emu, cfg->emu_fault, ferr, sizeof(ferr)) != 0) {
		tb_err_set(err, "emu_fault: %s", ferr);
		return TB_EINVAL;
	}
	emu_backend_init(b->emu, &b->be);
	b->emulated = true;
	return TB_OK;
}

tb_status tdx_backend_setup(EFI_SYSTEM_TABLE *st, const struct tb_config *cfg,
			    const struct executor *ex, const struct boot_memmap *mm,
			    bool have_blob, struct tdx_backend *b, struct tb_err *err)
{
	const char *why = tdx_backend_real_refusal();

	if (cfg->backend == CONFIG_BACKEND_EMULATE)
		return setup_emulated(st, cfg, ex, mm, have_blob, b, err);
	if (why) {
		tb_err_set(err, "TDX is not available: %s; set backend=emulate for a dry run", why);
		return TB_EUNSUPPORTED;
	}
	b->real = efi_alloc_zero(st, sizeof(*b->real));
	if (!b->real) {
		tb_err_set(err, "cannot allocate the VMX state");
		return TB_ENOMEM;
	}
	tb_status s = seam_real_init(st, b->real, ex->n_lps, &b->be, err);
	if (s != TB_OK)
		return s;
	s = seam_trap_install(st, err);
	b->trap_installed = s == TB_OK;
	return s;
}

void tdx_backend_release(EFI_SYSTEM_TABLE *st, struct tdx_backend *b)
{
	if (b->trap_installed)
		seam_trap_remove();
	b->trap_installed = false;
	if (b->real)
		seam_real_release(st, b->real);
	efi_free(st, b->real);
	efi_free(st, b->emu);
	efi_free(st, b->plat);
	b->real = NULL;
	b->emu = NULL;
	b->plat = NULL;
}
