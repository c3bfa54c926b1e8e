/* SPDX-License-Identifier: MIT */
/*
 * CPU access that C can express with inline assembly: CPUID, RDMSR, RDTSC,
 * port I/O, control registers, WBINVD, PAUSE.  Safe on APs (no firmware
 * calls, no memory but the caller's).  SEAMCALL, VMXON/VMXOFF and MOVDIR64B
 * live in NASM (seam.asm, declared in seam_insn.h).
 */
#ifndef TDXBOOT_ARCH_X86_CPU_H
#define TDXBOOT_ARCH_X86_CPU_H

#include <stdint.h>

struct cpuid_regs {
	uint32_t eax, ebx, ecx, edx;
};

static inline struct cpuid_regs cpu_cpuid(uint32_t leaf, uint32_t subleaf)
{
	struct cpuid_regs r;

	__asm__ volatile("cpuid"
			 : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
			 : "a"(leaf), "c"(subleaf));
	return r;
}

static inline uint64_t cpu_rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline uint64_t cpu_rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
	return ((uint64_t)hi << 32) | lo;
}

static inline void cpu_outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" :: "a"(v), "Nd"(port));
}

static inline uint64_t cpu_read_cr0(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}

static inline void cpu_write_cr0(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr0" :: "r"(v) : "memory");
}

static inline uint64_t cpu_read_cr4(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

static inline void cpu_write_cr4(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr4" :: "r"(v) : "memory");
}

/* Write back and invalidate this CPU's caches (SDM Vol. 2B "WBINVD"). */
static inline void cpu_wbinvd(void)
{
	__asm__ volatile("wbinvd" ::: "memory");
}

static inline void cpu_pause(void)
{
	__asm__ volatile("pause" ::: "memory");
}

/*
 * The APIC ID of the running CPU: the x2APIC ID from CPUID.0xB.0:EDX when
 * leaf 0xB exists (the ID P-SEAMLDR and the TDX module use, docs/reference/tdx-abi.md
 * §11.5), else the initial APIC ID from CPUID.1:EBX[31:24].
 */
static inline uint32_t cpu_apic_id(void)
{
	if (cpu_cpuid(0, 0).eax >= 0xb) {
		struct cpuid_regs r = cpu_cpuid(0xb, 0);

		if (r.ebx != 0)
			return r.edx;
	}
	return cpu_cpuid(1, 0).ebx >> 24;
}

/* CPUID.1:ECX[31]: set by hypervisors for their guests. */
static inline int cpu_under_hypervisor(void)
{
	return (cpu_cpuid(1, 0).ecx >> 31) & 1;
}

#endif
