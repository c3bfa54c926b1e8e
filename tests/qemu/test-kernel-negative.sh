#!/bin/sh
# The adopting kernel refuses a module that is not what the handoff says
# (docs/kernel.md §5).  Each boot runs tdxboot with the emulated module,
# then the TEST kernel (`make kernel-test`), whose redirect sends SEAMCALL,
# the modelled MSRs and VMXON to the emulated module tdxboot left behind;
# tdxboot_emu.fault= (test-only, in kernel/linux/test/) first puts the
# emulated module or platform into a state tdxboot did not leave:
#
#  no_lp_init:1             LP 1's TDH.SYS.LP.INIT undone: the kernel's TDH.SYS.RD
#                           on CPU 1 gets TDX_SYS_LP_INIT_NOT_DONE, its LP.INIT
#                           TDX_SYS_LP_INIT_NOT_PENDING, and it refuses by name
#  max_reserved_per_tdmr:8  the module reports 8 reserved areas per TDMR,
#                           the handoff 16: a limit mismatch
#  keyid_partitioning:...   the CPU's KeyID partitioning moved: the kernel's
#                           global KeyID is not the module's
#  tsc_adjust:1:0x1000      IA32_TSC_ADJUST on CPU 1 is not what the module
#                           sampled at TDH.SYS.INIT
#  drop_last_tdmr           the module was configured with one TDMR fewer than
#                           the handoff lists: TDH.SYS.TDMR.INIT on its base
#                           answers TDX_OPERAND_INVALID
#
# In every case the kernel says why, does not adopt, and still boots.
# Opt-in like test-kernel.sh.
set -eu
. tests/qemu/lib.sh
kernel_test_inputs
dir=${WORK:-/tmp}/kernel-negative
mkdir -p "$dir"

# $1: log name, $2: the fault.
boot_fault() {
	LOG=$dir/$1.log
	{ cat iso/tdxboot.conf
	  sed "s/^options = .*/& tdxboot_emu.fault=$2/" iso/chainload-demo.conf
	} > "$dir/tdxboot.conf"
	iso/mkiso.sh "$dir/k.iso" build/tdxboot.efi "$dir/tdxboot.conf" \
		"$kernel:/EFI/BOOT/vmlinuz" build/initrd.img build/initrd-extra.img \
		"$blob" >/dev/null
	boot_iso "$dir/k.iso" --timeout 180
	expect "\\] virt/tdx: tdxboot-emu: TEST: injected $2\$" "the fault $2 is injected"
	expect '\] virt/tdx: tdxboot handoff validated: version 1\.[0-9]+, .*: success, module ready, emulated$' \
		"tdxboot succeeded and the kernel read its table"
}

# The kernel did not adopt, said so, and Linux still came up.
not_adopted() {
	expect_count 0 'module initialized by firmware'
	expect_count 0 '\] virt/tdx: TDX-Module initialized$'
	expect 'Run /init as init process' "Linux still boots"
}

# ---- a CPU without LP.INIT
boot_fault lp "no_lp_init:1"
expect '\] virt/tdx: tdxboot: CPU 1 \(APIC 0x1\) did not do TDH.SYS.LP.INIT before the module was configured \(TDX_SYS_LP_INIT_NOT_PENDING\): it cannot run SEAMCALLs$' \
	"the kernel finds CPU 1 through TDH.SYS.RD and refuses it by name"
expect '\] virt/tdx: tdxboot: not adopting the TDX module: a CPU failed verification$' "and does not adopt"
not_adopted

# ---- a limit mismatch between the table and TDH.SYS.RD
boot_fault limit "max_reserved_per_tdmr:8"
expect '\] virt/tdx: tdxboot: TDH.SYS.RD reports max_reserved_per_tdmr 0x8, the handoff 0x10$' \
	"the module's limit, read through TDH.SYS.RD, is not the table's"
expect '\] virt/tdx: tdxboot: not adopting the TDX module$' "and the kernel does not adopt"
not_adopted

# ---- the global KeyID: 15 MKTME KeyIDs instead of 31 move the TDX range to [16, 48)
boot_fault keyid "keyid_partitioning:0x200000000f"
expect '\] virt/tdx: BIOS enabled: private KeyID range \[16, 48\)$' "tdx_init() reads the moved range"
expect '\] virt/tdx: tdxboot: the handoff.s private KeyID range \[32, 64\) is not the CPU.s \[16, 48\)$' \
	"the table's KeyIDs (global KeyID 32) are not the kernel's (16)"
expect '\] virt/tdx: tdxboot: not adopting the TDX module$' "and the kernel does not adopt"
not_adopted

# ---- a changed IA32_TSC_ADJUST
boot_fault tsc "tsc_adjust:1:0x1000"
expect '\] virt/tdx: tdxboot: CPU 1: IA32_TSC_ADJUST \(0x3b\) is 0x1000, the module sampled 0x0 at TDH.SYS.INIT: TDs would fail with TDX_INCONSISTENT_MSR$' \
	"CPU 1's TSC_ADJUST is not what the module sampled"
expect '\] virt/tdx: tdxboot: not adopting the TDX module: a CPU failed verification$' "and the kernel does not adopt"
not_adopted

# ---- a TDMR the module was not configured with
boot_fault tdmr "drop_last_tdmr"
expect '\] virt/tdx: tdxboot: the TDX module was not configured with TDMR \[0x[0-9a-f]+, 0x[0-9a-f]+\) \(TDX_OPERAND_INVALID\)$' \
	"TDH.SYS.TDMR.INIT on the table's last TDMR answers TDX_OPERAND_INVALID"
expect '\] virt/tdx: tdxboot: not adopting the TDX module$' "and the kernel does not adopt"
not_adopted

echo "test-kernel-negative: a CPU without LP.INIT, a limit mismatch, a KeyID mismatch, a changed TSC_ADJUST and an unconfigured TDMR are each refused by name"
