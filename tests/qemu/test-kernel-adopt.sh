#!/bin/sh
# The adoption path of the kernel series (patch 0004) under QEMU, with a
# FAKE TDX module: build/vmlinuz-tdxboot-fake is the series plus
# kernel/linux/test/9001-*.patch, which answers SEAMCALLs like a module that
# tdxboot initialized, takes the emulated platform's KeyIDs, adopts the
# emulated handoff as if it were real, and plays KVM (tdx_cpu_enable() on
# every CPU, then tdx_enable()).  Linux boots with maxcpus=2; the fake brings
# CPUs 2 and 3 online after tdx_enable() and enables TDX there, and answers
# LP.INIT with TDX_SYS_LP_INIT_DONE on APIC 3, NOT_PENDING elsewhere.  It
# checks the kernel's control flow and messages, not a TDX module: that
# needs TDX hardware (docs/kernel.md §6).
#
# Opt-in like test-kernel.sh: `make test-kernel` sets TDXBOOT_TEST_KERNEL=1.
set -eu
. tests/qemu/lib.sh
if [ "${TDXBOOT_TEST_KERNEL:-}" != 1 ]; then
	echo "opt-in: run by make test-kernel"
	exit 77
fi
kernel=build/vmlinuz-tdxboot-fake
[ -f "$kernel" ] || fail "$kernel missing: make test-kernel builds it"
dir=${WORK:-/tmp}/kernel-adopt
mkdir -p "$dir"
{ cat iso/tdxboot.conf; sed 's/^options = .*/& maxcpus=2/' iso/chainload-demo.conf; } > "$dir/tdxboot.conf"
iso/mkiso.sh "$dir/k.iso" build/tdxboot.efi "$dir/tdxboot.conf" \
	"$kernel:/EFI/BOOT/vmlinuz" build/initrd.img build/initrd-extra.img \
	build/TDX-BLOB.bin >/dev/null
LOG=$dir/adopt.log
boot_iso "$dir/k.iso" --timeout 180

fw_tdmrs=$(sed -nE 's/^tdx: ([0-9]+) TDMRs cover .*/\1/p' "$LOG.clean" | head -1)
fw_kb=$(sed -nE 's/^tdx: ([0-9]+) KB allocated for PAMT.*/\1/p' "$LOG.clean" | head -1)
[ -n "$fw_tdmrs" ] && [ -n "$fw_kb" ] || fail "tdxboot's TDMR count and PAMT size"

expect '\] virt/tdx: BIOS enabled: private KeyID range \[32, 64\)$' "tdx_init() with the fake KeyIDs"
expect "\\] virt/tdx: tdxboot: imported $fw_tdmrs TDMRs and their PAMTs, $fw_kb KB\$" "the import"
expect '\] virt/tdx: tdxboot: all [1-9][0-9]* memblock regions lie in TDMR non-reserved space$' \
	"the memblock check"
expect '\] virt/tdx: tdxboot: adopting the module.s configuration: TDH.SYS.INIT, CONFIG, KEY.CONFIG and TDMR.INIT are done' \
	"the kernel adopts the module"
# LP.INIT on every CPU: the configured module answers NOT_PENDING, which is
# success on the LPs tdxboot recorded.
expect_count 2 '\] virt/tdx: fake: tdx_cpu_enable\(\) on CPU [01] \(APIC 0x[0-9a-f]+\): 0$'
# CPUs brought online after TDX was enabled do LP.INIT too; APIC 3 answers
# TDX_SYS_LP_INIT_DONE.
expect_count 2 '\] virt/tdx: fake: tdx_cpu_enable\(\) on CPU [23] \(APIC 0x[0-9a-f]+\), online later: 0$'
expect "\\] virt/tdx: module initialized by firmware \\(tdxboot\\): $fw_tdmrs TDMRs, $fw_kb KB PAMT\$" \
	"the adoption message, with tdxboot's figures"
expect '\] virt/tdx: fake: tdx_enable\(\): 0$' "tdx_enable() succeeds"
expect '\] virt/tdx: fake: tdx_enable\(\) again: 0$' "and stays enabled"
expect '\] virt/tdx: fake: SEAMCALLs: SYS.INIT 0, LP.INIT 4, SYS.RD 5, CONFIG 0, KEY.CONFIG 0, TDMR.INIT 0$' \
	"no SYS.INIT, CONFIG, KEY.CONFIG or TDMR.INIT; LP.INIT on each CPU; metadata by TDH.SYS.RD"
expect_count 0 '\] virt/tdx: module initialized$'
expect_count 0 'virt/tdx: .*(SEAMCALL \(|failed|cannot|disabling TDX)'
expect 'Run /init as init process' "Linux boots on"
echo "test-kernel-adopt: adopted $fw_tdmrs TDMRs, $fw_kb KB PAMT, LP.INIT on 2 boot CPUs and 2 onlined later (fake module)"
