#!/bin/sh
# Builds a UEFI-bootable ISO around an EFI system partition image.
#
#   iso/mkiso.sh OUT.iso tdxboot.efi tdxboot.conf [SRC[:\ESP\PATH] ...]
#
# The ESP (FAT, made with mkfs.vfat and filled with mtools, no root or loop
# devices needed) holds \EFI\BOOT\BOOTX64.EFI with tdxboot.conf beside it,
# plus any extra files (kernel, initrd, module blob).  xorriso wraps it as
# the El Torito EFI boot image.  OVMF has no ISO9660 driver, so everything
# tdxboot reads must be inside the ESP image (docs/reference/toolchain.md §5).
set -eu

out=$1; efi=$2; conf=$3; shift 3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Size the FAT image: the payload plus 2 MiB for FAT metadata, at least 8 MiB.
bytes=$(cat "$efi" "$conf" | wc -c)
for spec in "$@"; do
	src=${spec%%:*}
	bytes=$((bytes + $(wc -c < "$src")))
done
kib=$(( (bytes / 1024) + 2048 ))
[ "$kib" -lt 8192 ] && kib=8192

esp="$work/efiboot.img"
mkfs.vfat -C -n TDXBOOT "$esp" "$kib" >/dev/null
mmd -i "$esp" ::/EFI ::/EFI/BOOT
mcopy -i "$esp" "$efi" ::/EFI/BOOT/BOOTX64.EFI
mcopy -i "$esp" "$conf" ::/EFI/BOOT/tdxboot.conf
for spec in "$@"; do
	src=${spec%%:*}
	case "$spec" in
	# printf, not echo: dash's echo turns "\v" in \EFI\BOOT\vmlinuz into a tab.
	*:*) dst=$(printf '%s\n' "${spec#*:}" | tr '\\' '/') ;;
	*)   dst="/EFI/BOOT/$(basename "$src")" ;;
	esac
	dir=$(dirname "$dst")
	# mmd fails on existing directories; create each level once.
	path=""
	for part in $(echo "$dir" | tr '/' ' '); do
		path="$path/$part"
		mmd -i "$esp" "::$path" 2>/dev/null || true
	done
	mcopy -o -i "$esp" "$src" "::$dst"
done

mkdir -p "$work/iso"
cp "$esp" "$work/iso/efiboot.img"
xorriso -as mkisofs -quiet -o "$out" -R -J -V TDXBOOT \
	-e efiboot.img -no-emul-boot "$work/iso"
echo "iso: $out ($(wc -c < "$out") bytes)"
