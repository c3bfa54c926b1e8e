#!/bin/sh
# The generated TDX-BLOB is installed through the emulated P-SEAMLDR, then
# an injected TDH.SYS.TDMR.INIT failure in the emulated module: tdxboot
# rolls back (PAMTs reset and returned), records why, and still starts the
# kernel, which boots and sees the failure in tdxboot's EFI variables.  The
# handoff table (1.2) lists each released PAMT range; the initramfs checks
# every one in Linux's /proc/iomem: System RAM again.
set -eu
. tests/qemu/lib.sh
LOG=${WORK:-/tmp}/rollback.log
dir=${WORK:-/tmp}/rollback
mkdir -p "$dir"
demo_iso "$dir/rb.iso" '' 'emu_fault = tdmr_init:TDX_OPERAND_INVALID:100'
boot_iso "$dir/rb.iso" --timeout 150

expect '^tdx: P-SEAMLDR version [0-9]+\.[0-9]+, [0-9]+ updates remaining, module not loaded$' "SEAMLDR.INFO"
expect '^tdx: TDX module installed through P-SEAMLDR on 4 CPUs \(TDX-BLOB v1, [0-9]+ pages, SVN [0-9.]+\)$' \
	"the generated TDX-BLOB installed on every CPU"
expect '^error: tdx: SEAMCALL \(TDH.SYS.TDMR.INIT\) failed: 0xc000010000000000 \(TDX_OPERAND_INVALID\) on CPU [0-3]' \
	"the failing SEAMCALL, decoded, with its CPU"
expect '^tdx: rollback: [0-9]+ KB of PAMT returned to the firmware$' "PAMTs returned"
expect '^tdx: failed at tdmr_init: SEAMCALL \(TDH.SYS.TDMR.INIT\)' "the outcome names the step"
expect '^tdx: handoff table \([0-9]+ bytes, version 1\.[0-9]+\) at 0x' "the failure is published"
expect 'starting vmlinuz$' "the kernel is still started"
expect 'Run /init as init process' "Linux booted"
expect 'efivar TdxbootStatus = failed at tdmr_init' "Linux sees the recorded failure"
expect 'efivar TdxbootPamtKB = 0$' "no PAMT reserved after the rollback"
expect '^tdx: rollback: TDX module re-installed through P-SEAMLDR; the OS can initialize it itself$' \
	"the module is loaded again, back in SYSINIT_PENDING"
expect 'tdxboot-check:   status: rolled_back at step tdmr_init; module untouched \(emulated\)$' \
	"the handoff table, read in Linux, says rolled back at tdmr_init, module untouched"
expect 'tdxboot-check:   0 KB allocated for PAMT$' "the table lists no PAMT"
expect 'tdxboot-check:   released: [1-9][0-9]* PAMT ranges, [1-9][0-9]* KB given back to the OS: \[0x' \
	"the table lists the released PAMT ranges (RELEASED, 1.2)"
# Every released range, by address, in the console's table and in Linux's view.
n_rel=$(sed -n 's/.*tdxboot-check:   released: \([0-9]*\) PAMT ranges.*/\1/p' "$LOG.clean" | head -n 1)
expect "tdxboot-check: iomem ok \\($n_rel released PAMT ranges back in System RAM\\)\$" \
	"each released PAMT range is System RAM in /proc/iomem, range by range"
kb_rel=$(sed -n 's/.*released: [0-9]* PAMT ranges, \([0-9]*\) KB given back.*/\1/p' "$LOG.clean" | head -n 1)
expect "^tdx: rollback: $kb_rel KB of PAMT returned to the firmware\$" \
	"the released ranges add up to what tdxboot returned"
expect 'tdxboot-check: handoff: valid table; tdxboot reports that TDX was not initialized' "valid table"
expect 'tdxboot-check: verdict: ok, but TDX rolled_back at step tdmr_init: the kernel booted without it$' \
	"the verdict shows the rollback as such; the rest of the hand-over is intact"
