#!/bin/sh
# tdxboot started by shim, the way distributions boot: Debian's signed shim
# as BOOTX64.EFI loads its second stage, grubx64.efi, which is tdxboot here.
# tdxboot finds shim's SHIM_LOCK protocol, has shim verify the kernel's
# bytes (a System V call, boot/efi_extra.h), then loads and starts it.
# Secure Boot is off (shim then accepts everything): this proves the
# protocol path and the calling convention, not shim's key policy.
set -eu
. tests/qemu/lib.sh
LOG=${WORK:-/tmp}/shim.log
shim=build/shimx64.efi
[ -s "$shim" ] || tools/fetch-deb-file.sh shim-signed usr/lib/shim/shimx64.efi.signed "$shim" >/dev/null
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
iso/mkiso.sh "$dir/shim.iso" "$shim" build/iso/tdxboot.conf \
	build/tdxboot.efi:/EFI/BOOT/grubx64.efi build/vmlinuz build/initrd.img \
	build/initrd-extra.img build/TDX-BLOB.bin >/dev/null 2>&1
boot_iso "$dir/shim.iso" --timeout 180

expect '^tdxboot [0-9]+\.[0-9]+\.[0-9]+ \(' "shim started tdxboot"
expect '^chainload: shim verified \\EFI\\BOOT\\vmlinuz$' "shim verified the kernel"
expect '^tdxboot-check: verdict: ok$' "the initramfs's verdict"
