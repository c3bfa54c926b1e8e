#!/bin/sh
# Builds the initramfs that `make run` and the QEMU chainload tests boot.
#
#   tests/initramfs/build.sh OUT [FILE:DEST ...]   the main archive: busybox,
#                                                  /init, FILEs at /DEST
#   tests/initramfs/build.sh --marker NAME OUT     a tiny second archive that
#                                                  holds /etc/tdxboot-initrd-NAME
#
# tdxboot serves its initrds concatenated; the second archive lets /init
# prove that the concatenation reached the kernel.  No root is needed: the
# one device node the kernel wants before /init runs (/dev/console, without
# which /init has no stdout, docs/reference/toolchain.md §5) is written as a raw newc
# record rather than made with mknod.  Archives are built with busybox cpio.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
busybox=$(command -v busybox || true)
[ -n "$busybox" ] && "$busybox" --list | grep -qx cpio || {
	echo "initramfs: needs busybox with cpio (Debian: busybox-static)" >&2
	exit 1
}

# newc record: magic, 13 hex fields, name with NUL padded to 4, no data.
newc_node() { # name mode rdevmajor rdevminor ino
	name=$1 mode=$2 maj=$3 min=$4 ino=$5
	namesize=$(( ${#name} + 1 ))
	printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%s\0' \
		"$ino" "$mode" 0 0 1 0 0 0 0 "$maj" "$min" "$namesize" 0 "$name"
	pad=$(( (4 - (110 + namesize) % 4) % 4 ))
	[ "$pad" -gt 0 ] && head -c "$pad" /dev/zero
	return 0
}

console_archive() {
	newc_node dev $((0040755)) 0 0 1
	newc_node dev/console $((0020600)) 5 1 2
	newc_node TRAILER!!! 0 0 0 0
}

pack() { # dir out
	(cd "$1" && find . | LC_ALL=C sort | "$busybox" cpio -o -H newc 2>/dev/null)
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ "$1" = --marker ]; then
	name=$2 out=$3
	mkdir -p "$work/root/etc"
	echo "$name" > "$work/root/etc/tdxboot-initrd-$name"
	pack "$work/root" | gzip -9n > "$out"
	exit 0
fi

out=$1; shift
root=$work/root
mkdir -p "$root/bin" "$root/dev" "$root/etc" "$root/proc" "$root/sys" "$root/lib/modules"
cp "$busybox" "$root/bin/busybox"
cp "$here/init" "$root/init"
chmod 0755 "$root/init"
echo main > "$root/etc/tdxboot-initrd-main"
for spec in "$@"; do
	src=${spec%%:*} dst=${spec#*:}
	[ -f "$src" ] || continue     # optional extras (tdxboot-inspect, modules)
	mkdir -p "$root/$(dirname "$dst")"
	cp "$src" "$root/$dst"
done
{ console_archive; pack "$root"; } | gzip -9n > "$out"
echo "initramfs: $out ($(wc -c < "$out") bytes)"
