#!/bin/sh
# The boot harness must turn a firmware exception into a quick failure:
# an unhandled exception makes OVMF print "!!!! X64 Exception" and spin at
# 100% CPU forever (docs/reference/toolchain.md §2), which would otherwise hang make test.
set -eu
. tests/qemu/lib.sh
LOG=${WORK:-/tmp}/harness.log
iso=${WORK:-/tmp}/fault.iso
iso/mkiso.sh "$iso" build/test-fault.efi iso/tdxboot.conf >/dev/null
start=$(date +%s)
rc=0
tests/qemu/boot.sh --log "$LOG" --timeout 60 "$iso" 2>/dev/null || rc=$?
took=$(( $(date +%s) - start ))
[ "$rc" = 125 ] || fail "boot.sh returned $rc for a faulting image, expected 125"
[ "$took" -lt 30 ] || fail "the exception was detected only after ${took}s"
clean_log "$LOG" > "$LOG.clean"
expect '#UD - Invalid Opcode' "the firmware's exception report is in the log"
