#!/bin/sh
# The watchdog without a reset loop (docs/initializer.md, "An attempt that
# never finished").  The boot CPU hangs in TDH.SYS.INIT (emu_fault
# "sys_init:hang": it spins forever, as in a SEAMCALL that never returns),
# with the watchdog requested for the emulated backend.  OVMF's watchdog
# resets the machine (QEMU reboots: no -no-reboot); the variable store is
# one writable file, so the NV marker TdxbootAttempt survives the reset.
# The second boot must find it, skip TDX, say why (console, handoff,
# TdxbootStatus) and reach Linux, whose initramfs reads the table.
set -eu
. tests/qemu/lib.sh
LOG=${WORK:-/tmp}/watchdog.log
dir=${WORK:-/tmp}/watchdog
mkdir -p "$dir"
rm -f "$dir/vars.fd"
demo_iso "$dir/w.iso" '' 'emu_fault = sys_init:hang
watchdog = 30'
boot_iso "$dir/w.iso" --timeout 600 --reboot --vars "$dir/vars.fd"

expect_count 2 '^tdxboot [0-9]' "tdxboot started twice (the watchdog reset the machine once)"
expect '^tdx: watchdog armed for 30 s \(watchdog = 30\)$' "the first boot arms the watchdog"
expect '^error: tdx: the previous TDX attempt did not finish \(the machine was reset during it, e\.g\. by the watchdog\); TDX is skipped until EFI variable TdxbootAttempt-c6673b3d-499e-4fbb-b96f-17de63446059 is deleted; TDX initialization skipped$' \
	"the second boot says why it skips TDX"
expect_count 1 '^tdx: watchdog armed' "the second boot does not try again"
expect 'starting vmlinuz$' "the kernel is started"
expect 'Run /init as init process' "Linux booted"
expect 'tdxboot-check:   status: skipped at step preflight; module unknown \(emulated\) \(previous attempt unfinished\)$' \
	"the handoff table says the previous attempt did not finish"
expect 'tdxboot-check: verdict: ok, but TDX skipped after an unfinished attempt: the kernel booted without it$' \
	"the verdict shows the skip as such"
