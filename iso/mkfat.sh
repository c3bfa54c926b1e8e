#!/bin/sh
# Builds a FAT file-system image holding the given files.
#
#   iso/mkfat.sh OUT.img LABEL SRC:\PATH [SRC:\PATH ...]
#
# Made with mkfs.vfat and filled with mtools: no root or loop devices
# needed.  Sized for the payload plus 2 MiB of FAT metadata, at least
# 8 MiB.  iso/mkiso.sh wraps such an image as a CD's El Torito ESP; the
# QEMU tests put them into GPT partitions (tests/qemu/mkgpt.sh).
set -eu

out=$1 label=$2; shift 2
bytes=0
for spec in "$@"; do
	bytes=$((bytes + $(wc -c < "${spec%%:*}")))
done
kib=$(( (bytes / 1024) + 2048 ))
[ "$kib" -lt 8192 ] && kib=8192

rm -f "$out"
mkfs.vfat -C -n "$label" "$out" "$kib" >/dev/null
for spec in "$@"; do
	src=${spec%%:*}
	# printf, not echo: dash's echo turns "\v" in \EFI\BOOT\vmlinuz into a tab.
	dst=$(printf '%s\n' "${spec#*:}" | tr '\\' '/')
	# mmd fails on existing directories; create each level once.
	path=""
	for part in $(dirname "$dst" | tr '/' ' '); do
		path="$path/$part"
		mmd -i "$out" "::$path" 2>/dev/null || true
	done
	mcopy -o -i "$out" "$src" "::$dst"
done
