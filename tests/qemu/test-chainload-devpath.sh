#!/bin/sh
# The next image named by a UEFI device path on another disk, written the
# way efibootmgr -v prints boot entries: a short-form path that starts at
# the partition, HD(1,MBR,<signature>,<start>,<size>)/File(\vmlinuz), which
# tdxboot expands to the partition's full path.  The initrds are passed the
# old way: `initrd=` words in `options` go through untouched, and Linux's
# EFI stub loads them from the kernel's own volume.  tdxboot configures no
# initrd here, so no LoadFile2 protocol competes.
set -eu
. tests/qemu/lib.sh
LOG=${WORK:-/tmp}/chainload-devpath.log
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# The second disk with the kernel (tests/qemu/lib.sh kernel_disk).
kernel_disk "$dir"
{
	cat iso/tdxboot.conf
	printf '%s\n' 'kernel = HD(1,MBR,0x54445842,0x800,0xB800)/File(\vmlinuz)' \
		'options = console=ttyS0 panic=-1 tdxboot.test=chainload initrd=\initrd.img initrd=\initrd-extra.img'
} > "$dir/tdxboot.conf"
iso/mkiso.sh "$dir/devpath.iso" build/tdxboot.efi "$dir/tdxboot.conf" >/dev/null 2>&1
boot_iso "$dir/devpath.iso" --disk "$dir/disk.img" --timeout 180

expect '^chainload: HD\(1,MBR,0x54445842,0x800,0xB800\)/File\(\\vmlinuz\)$' "the kernel came from the other disk"
expect "^chainload: command line '.*initrd=\\\\initrd.img initrd=\\\\initrd-extra.img'$" "initrd= passed through"
expect 'EFI stub: Loaded initrd from command line option' "the stub loaded the initrds itself"
expect '^tdxboot-check: initrd ok \(2 archives concatenated\)' "both initrds reached Linux"
expect '^tdxboot-check: verdict: ok$' "the initramfs's verdict"
if grep -q '^chainload: initrd' "$LOG.clean"; then
	fail "tdxboot served an initrd although none was configured"
fi
