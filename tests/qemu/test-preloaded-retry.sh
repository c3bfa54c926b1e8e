#!/bin/sh
# Two scenarios of one boot, Linux included:
#  - a module already loaded by the BIOS (no module= in the config): no
#    P-SEAMLDR call, TDH.SYS.INIT straight away;
#  - an injected transient TDH.SYS.KEY.CONFIG failure (PCONFIG entropy,
#    TDX_KEY_GENERATION_FAILED) on the first call: retried, recovered.
# The kernel then finds a ready module in the handoff and its PAMTs kept
# out of System RAM.
set -eu
. tests/qemu/lib.sh
LOG=${WORK:-/tmp}/preloaded.log
dir=${WORK:-/tmp}/preloaded
mkdir -p "$dir"
demo_iso "$dir/p.iso" '/^module *=/d' 'emu_fault = key_config:TDX_KEY_GENERATION_FAILED:1'
boot_iso "$dir/p.iso" --timeout 150

if grep -q 'P-SEAMLDR' "$LOG.clean"; then
	fail "P-SEAMLDR was used although the module was already loaded"
fi
expect '^tdx: TDX module 1\.5\.01\.0000' "the BIOS's module answers TDH.SYS.RD"
expect '^warning: tdx: TDH.SYS.KEY.CONFIG on package 0 \(CPU 0\): TDX_KEY_GENERATION_FAILED, retrying \(1 of 10\)$' \
	"the transient failure is named and retried"
expect '^tdx: module initialized \(emulated\)$' "recovered"
expect '^tdx: success \(emulated\)$' "success"
expect 'tdxboot-check:   status: success; module ready \(emulated\)$' "Linux reads a ready module"
expect '^tdxboot-check: iomem ok ' "PAMTs kept out of System RAM"
expect '^tdxboot-check: verdict: ok$' "the initramfs's verdict"
