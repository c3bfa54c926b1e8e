#!/bin/sh
# The real SEAMCALL stub under TCG: with seamcall_selftest=yes every CPU
# executes SEAMCALL outside VMX operation; each #UD must come back through
# tdxboot's fault handler as "not in VMX operation", and the boot goes on
# (here: the emulated TDX init, then power-off without a kernel).
set -eu
. tests/qemu/lib.sh
LOG=${WORK:-/tmp}/seamcall-trap.log
dir=${WORK:-/tmp}/seamcall-trap
mkdir -p "$dir"
cp iso/tdxboot.conf "$dir/tdxboot.conf"
printf 'backend = emulate\nseamcall_selftest = yes\n' >> "$dir/tdxboot.conf"
iso/mkiso.sh "$dir/st.iso" build/tdxboot.efi "$dir/tdxboot.conf" >/dev/null
boot_iso "$dir/st.iso" --timeout 90

expect_count 4 '^seamcall selftest: CPU [0-3] \(APIC 0x[0-9a-f]+\): #UD, not in VMX operation: handled$'
expect '^seamcall selftest: passed \(4 faults caught\)$' "every fault caught"
expect '^tdx: success \(emulated\)$' "the boot went on to initialize TDX"
expect 'powering off$' "clean shutdown"
