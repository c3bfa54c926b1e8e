/* SPDX-License-Identifier: MIT */
/*
 * MSR numbers and bits tdxboot reads; docs/reference/tdx-abi.md §10 cites each source.
 * The ones the TDX module itself checks are defined with the ABI in
 * lib/tdx_abi.h; this header adds the VMX-enabling ones.
 */
#ifndef TDXBOOT_ARCH_X86_MSR_H
#define TDXBOOT_ARCH_X86_MSR_H

#include "lib/tdx_abi.h"

#define MSR_IA32_FEATURE_CONTROL        0x03au
#define   FEATURE_CONTROL_LOCKED        (1ull << 0)
#define   FEATURE_CONTROL_VMX_IN_SMX    (1ull << 1)
#define   FEATURE_CONTROL_VMX_OUTSIDE_SMX (1ull << 2)
#define MSR_IA32_TSC_ADJUST             0x03bu
#define MSR_IA32_TSX_CTRL               0x122u
#define MSR_IA32_MISC_ENABLE_NR         0x1a0u
#define   MISC_ENABLE_LIMIT_CPUID       (1ull << 22)
#define MSR_IA32_VMX_CR0_FIXED0         0x486u
#define MSR_IA32_VMX_CR0_FIXED1         0x487u
#define MSR_IA32_VMX_CR4_FIXED0         0x488u
#define MSR_IA32_VMX_CR4_FIXED1         0x489u
#define   SEAMRR_BASE_CONFIGURED        (1ull << 3)
#define   SEAMRR_MASK_LOCKED            (1ull << 10)
#define   SEAMRR_MASK_ENABLED           (1ull << 11)

#define CR4_VMXE                        (1ull << 13)

#endif
