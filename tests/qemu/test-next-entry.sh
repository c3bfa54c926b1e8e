#!/bin/sh
# Without `kernel`, tdxboot starts the boot entry after its own in
# BootOrder, as the firmware's boot manager would.  Two boots of one OVMF
# variable store:
#  1. tests/qemu/bootvars.c writes Boot0100 "tdxboot", Boot0101 "disabled"
#     (not active) and Boot0102 "Linux" (a short-form HD() path to the
#     kernel on a second disk, the command line as OptionalData), and
#     BootOrder = 0100,0101,0102, then powers off.
#  2. OVMF starts Boot0100; tdxboot (BootCurrent = 0100) passes over 0101
#     and starts 0102 through its device path with its optional data; the
#     kernel boots with the entry's command line and initrds, and finds
#     tdxboot's EFI variables.
set -eu
. tests/qemu/lib.sh
LOG=${WORK:-/tmp}/next-entry.log
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# The second disk with the kernel (tests/qemu/lib.sh kernel_disk).
kernel_disk "$dir"
# No `kernel` and no `next`: the default, next = auto.
cp iso/tdxboot.conf "$dir/tdxboot.conf"
build/tdxboot-config check "$dir/tdxboot.conf" | grep -q "after tdxboot's own in BootOrder" ||
	fail "tdxboot-config does not read the configuration as next = auto"
iso/mkiso.sh "$dir/next.iso" build/test-bootvars.efi "$dir/tdxboot.conf" \
	"build/tdxboot.efi:\\EFI\\tdxboot\\tdxboot.efi" \
	"$dir/tdxboot.conf:\\EFI\\tdxboot\\tdxboot.conf" >/dev/null 2>&1

LOG=$dir/setup.log
boot_iso "$dir/next.iso" --disk "$dir/disk.img" --vars "$dir/vars.fd" --timeout 90
expect '^bootvars: Boot0100-0102 and BootOrder written$' "the setup boot wrote the entries"

LOG=${WORK:-/tmp}/next-entry.log
boot_iso "$dir/next.iso" --disk "$dir/disk.img" --vars "$dir/vars.fd" --timeout 240
expect 'BdsDxe: starting Boot0100 "tdxboot"' "the firmware started tdxboot's entry"
expect '^tdxboot: report complete in [0-9]+ ms; starting the next boot entry$' "no kernel: the next entry"
expect '^next: tdxboot is Boot0100; BootOrder has [0-9]+ entries$' "BootCurrent found"
expect '^next: Boot0101 "disabled" is not active; passed over' "the inactive entry passed over"
expect '^next: starting Boot0102 "Linux"$' "the entry after it"
expect '^chainload: Boot0102 "Linux" with [0-9]+ bytes of optional data$' "its optional data"
expect "^tdxboot-check: command line ok \(.*tdxboot.test=chainload initrd=\\\\initrd.img initrd=\\\\initrd-extra.img" \
	"the kernel got the entry's optional data as its command line"
expect '^tdxboot-check: initrd ok \(2 archives concatenated\)' "the initrds named there"
expect '^tdxboot-check: efivars ok' "the kernel found tdxboot's variables: it came through tdxboot"
expect '^tdxboot-check: verdict: ok$' "the initramfs's verdict"
if grep -Eq 'wrong-entry|BdsDxe: starting Boot0102|returning to the firmware' "$LOG.clean"; then
	fail "the kernel was not started by tdxboot through Boot0102"
fi
