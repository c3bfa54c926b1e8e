/* SPDX-License-Identifier: MIT */
/* MSR numbers and bits tdxboot reads; tdx-abi.md §10 cites each source. */
#ifndef TDXBOOT_ARCH_X86_MSR_H
#define TDXBOOT_ARCH_X86_MSR_H

#define MSR_IA32_FEATURE_CONTROL        0x03a
#define   FEATURE_CONTROL_LOCKED        (1ull << 0)
#define   FEATURE_CONTROL_VMX_IN_SMX    (1ull << 1)
#define   FEATURE_CONTROL_VMX_OUTSIDE_SMX (1ull << 2)
#define MSR_IA32_TSC_ADJUST             0x03b
#define MSR_IA32_MKTME_KEYID_PARTITIONING 0x087  /* 31:0 MKTME, 63:32 TDX KeyIDs */
#define MSR_IA32_MTRRCAP                0x0fe
#define   MTRRCAP_SEAMRR                (1ull << 15)
#define MSR_IA32_MISC_ENABLE            0x1a0
#define   MISC_ENABLE_LIMIT_CPUID       (1ull << 22)
#define MSR_IA32_VMX_BASIC              0x480
#define MSR_IA32_VMX_CR0_FIXED0         0x486
#define MSR_IA32_VMX_CR0_FIXED1         0x487
#define MSR_IA32_VMX_CR4_FIXED0         0x488
#define MSR_IA32_VMX_CR4_FIXED1         0x489
#define MSR_IA32_SEAMRR_PHYS_BASE       0x1400
#define   SEAMRR_BASE_CONFIGURED        (1ull << 3)
#define MSR_IA32_SEAMRR_PHYS_MASK       0x1401
#define   SEAMRR_MASK_LOCKED            (1ull << 10)
#define   SEAMRR_MASK_ENABLED           (1ull << 11)

#define CR4_VMXE                        (1ull << 13)

#endif
