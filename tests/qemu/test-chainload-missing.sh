#!/bin/sh
# A configured kernel that does not exist: tdxboot names the path, does not
# power off, and returns an error to the firmware, whose boot manager marks
# the boot option failed and moves on to the next one (UEFI 2.10 §3.1.1).
# In OVMF that is the built-in UEFI Shell, which runs \startup.nsh from the
# ESP: ours powers the machine off, so the test ends on its own.
# Before returning, tdxboot frees its own state: what stays allocated must
# be the line docs/chainload.md lists for this path ("[exit-skip]").
set -eu
. tests/qemu/lib.sh
LOG=${WORK:-/tmp}/chainload-missing.log
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
{ cat iso/tdxboot.conf; printf '%s\n' 'kernel = \EFI\nowhere\vmlinuz'; } > "$dir/tdxboot.conf"
printf 'echo "startup.nsh: the firmware moved on to the shell; powering off"\r\nreset -s\r\n' \
	> "$dir/startup.nsh"
iso/mkiso.sh "$dir/missing.iso" build/tdxboot.efi "$dir/tdxboot.conf" \
	"$dir/startup.nsh:\\startup.nsh" >/dev/null
boot_iso "$dir/missing.iso" --timeout 90

expect '^tdxboot: report complete in [0-9]+ ms; starting \\EFI\\nowhere\\vmlinuz$' "tdxboot tried the kernel"
expect '^error: \\EFI\\nowhere\\vmlinuz: no such file$' "the error names the path"
expect "^error: cannot start the next image; returning to the firmware's boot manager$" "says where it goes"
want=$(sed -n 's/^\[exit-skip\] //p' docs/chainload.md)
[ -n "$want" ] || fail "docs/chainload.md lists no '[exit-skip] alloc: ...' line"
got=$(grep '^alloc: live at exit:' "$LOG.clean" || true)
[ "$got" = "$want" ] || fail "allocations left at exit differ from docs/chainload.md
  printed:    $got
  documented: $want"
expect 'BdsDxe: failed to start Boot[0-9A-F]+ .*: Load Error$' "the firmware got an error back"
expect 'BdsDxe: starting Boot[0-9A-F]+ "EFI Internal Shell"' "the boot manager tried the next option"
expect '^startup.nsh: the firmware moved on to the shell' "the next option ran"
if grep -Eq '^tdxboot: .*powering off' "$LOG.clean"; then
	fail "tdxboot powered off instead of returning to the firmware"
fi
