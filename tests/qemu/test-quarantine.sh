#!/bin/sh
# A CPU that hangs inside TDH.SYS.TDMR.INIT and stays hung (emu_fault
# "hang": every later SEAMCALL, VMXON/VMXOFF or WBINVD on it spins, as a CPU
# in SEAM/VMX root operation ignores the INIT with which OVMF resets it):
# after TDH.SYS.CONFIG, so its caches may hold private-KeyID lines.
# tdxboot must not give the PAMTs back: it names the CPU, keeps every PAMT
# reserved (EfiReservedMemoryType and the memreserve table), publishes a
# 1.1 table with outcome quarantined, and still starts Linux, where each
# PAMT range is Reserved in /proc/iomem.
set -eu
. tests/qemu/lib.sh
LOG=${WORK:-/tmp}/quarantine.log
dir=${WORK:-/tmp}/quarantine
mkdir -p "$dir"
demo_iso "$dir/q.iso" '' 'emu_fault = tdmr_init:hang:lp2
ap_timeout_ms = 4000'
boot_iso "$dir/q.iso" --timeout 240

expect '^tdx: TDX module installed through P-SEAMLDR on 4 CPUs' "the module installed"
expect '^error: tdx: MP Services StartupAllAPs: EFI_TIMEOUT: 1 CPU did not finish in 4000 ms, the first CPU 2 \(APIC 0x[0-9a-f]+\)$' \
	"the hung CPU named"
expect '^error: tdx: rollback: 1 CPU did not confirm VMXOFF after the TDX module may have written memory with a private KeyID; [0-9]+ KB of PAMT stay reserved \(quarantined\)' \
	"the PAMTs are quarantined, in words the operator can act on"
expect_count 0 'KB of PAMT returned to the firmware'
expect '^tdx: handoff table \([0-9]+ bytes, version 1\.1\) at 0x' "a 1.1 table"
expect 'starting vmlinuz$' "the kernel is still started"
expect 'Run /init as init process' "Linux booted"
expect 'tdxboot-check:   status: quarantined at step tdmr_init; module unusable \(emulated\)$' \
	"Linux reads the quarantine"
expect 'tdxboot-check:   quarantine: vmxoff_unconfirmed at step tdmr_init, [0-9]+ KB of PAMT kept reserved; CPUs: 2$' \
	"the table names the CPU and the reason"
expect 'tdxboot-check: memreserve: table at 0x[0-9a-f]+ lists [1-9][0-9]* ranges' "the quarantined PAMTs are in Linux's memreserve table"
expect 'tdxboot-check: iomem ok \([0-9]+ quarantined PAMT ranges Reserved and outside System RAM\)' \
	"each PAMT range is Reserved in Linux's /proc/iomem"
expect 'tdxboot-check: verdict: ok, but TDX quarantined at step tdmr_init: the kernel booted without it$' \
	"the verdict shows the quarantine as such"
