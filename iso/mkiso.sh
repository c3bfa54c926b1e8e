#!/bin/sh
# Builds a UEFI-bootable ISO around an EFI system partition image.
#
#   iso/mkiso.sh OUT.iso tdxboot.efi tdxboot.conf [SRC[:\ESP\PATH] ...]
#
# The ESP (FAT, iso/mkfat.sh) holds \EFI\BOOT\BOOTX64.EFI with tdxboot.conf beside it,
# plus any extra files (kernel, initrd, module blob).  xorriso wraps it as
# the El Torito EFI boot image.  OVMF has no ISO9660 driver, so everything
# tdxboot reads must be inside the ESP image (docs/reference/toolchain.md §5).
set -eu

out=$1; efi=$2; conf=$3; shift 3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Extras without a path go into \EFI\BOOT\ by file name, after the
# configuration, overwriting.
esp="$work/efiboot.img"
set -- "$efi:\\EFI\\BOOT\\BOOTX64.EFI" "$conf:\\EFI\\BOOT\\tdxboot.conf" "$@"
i=0
for spec in "$@"; do
	i=$((i + 1))
	case "$spec" in
	*:*) ;;
	*) spec="$spec:\\EFI\\BOOT\\$(basename "$spec")" ;;
	esac
	set -- "$@" "$spec"
done
shift "$i"
"$(dirname "$0")/mkfat.sh" "$esp" TDXBOOT "$@"

mkdir -p "$work/iso"
cp "$esp" "$work/iso/efiboot.img"
xorriso -as mkisofs -quiet -o "$out" -R -J -V TDXBOOT \
	-e efiboot.img -no-emul-boot "$work/iso"
echo "iso: $out ($(wc -c < "$out") bytes)"
