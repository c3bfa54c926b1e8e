#!/bin/sh
# The initializer in emulate mode on the default machine (4 vCPUs in 2
# packages): the whole sequence on every CPU, success, phase timings.  And
# the real SEAMCALL stub under TCG: with seamcall_selftest=yes every CPU
# executes SEAMCALL outside VMX operation; each #UD must come back through
# tdxboot's fault handler as "not in VMX operation" and the boot goes on.
set -eu
. tests/qemu/lib.sh
LOG=${WORK:-/tmp}/tdx-emulate.log
dir=${WORK:-/tmp}/tdx-emulate
mkdir -p "$dir"
cp iso/tdxboot.conf "$dir/tdxboot.conf"
printf 'backend = emulate\nseamcall_selftest = yes\nnext = poweroff\n' >> "$dir/tdxboot.conf"
iso/mkiso.sh "$dir/st.iso" build/tdxboot.efi "$dir/tdxboot.conf" >/dev/null
boot_iso "$dir/st.iso" --timeout 90

expect_count 4 '^seamcall selftest: CPU [0-3] \(APIC 0x[0-9a-f]+\): #UD, not in VMX operation: handled$'
expect '^seamcall selftest: passed \(4 faults caught\)$' "every fault caught"
expect '^tdx: emulated backend, 4 CPUs in 2 packages$' "every CPU takes part"
expect '^tdx: BIOS enabled: private KeyID range \[[0-9]+, [0-9]+\)$' "KeyIDs"
expect '^tdx: [0-9]+ KB allocated for PAMT$' "PAMT size, in Linux's words"
expect '^tdx: TDH.SYS.TDMR.INIT: [0-9]+ TDMRs on [0-9]+ CPUs' "TDMR.INIT"
expect '^tdx: module initialized \(emulated\)$' "module initialized"
expect '^tdx: emulated TDX module, profile 1\.5\.01$' "the dry run names the emulated module's profile (docs/emulator.md)"
expect '^tdx: phase timings: preflight [0-9.]+ ms .* key_config [0-9.]+ ms tdmr_init [0-9.]+ ms total [0-9.]+ ms$' "phase timings (VMX lives inside each dispatch: no vmxon/vmxoff phases)"
expect '^tdx: success \(emulated\)$' "the boot went on to initialize TDX"
expect '^tdx: handoff table \([0-9]+ bytes, version 1\.[0-9]+\) at 0x' "handoff table installed"
expect 'powering off$' "clean shutdown"
