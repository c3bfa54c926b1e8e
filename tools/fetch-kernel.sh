#!/bin/sh
# Fetches the Debian cloud kernel that `make run` and the QEMU tests boot,
# into build/kernel/, and copies its vmlinuz to OUT (build/vmlinuz) and its
# efivarfs module (the flavour builds it as a module) to build/kernel/ for
# the initramfs, which reads tdxboot's EFI variables with it.
#
#   tools/fetch-kernel.sh OUT
#
# Why the cloud flavour: its EFI stub is LZ4 and decompresses in 0.1-0.3 s
# under TCG, against 4-8 s for the XZ generic kernel, and it has NUMA,
# ACPI_NUMA, EFI_STUB and DEVMEM (docs/reference/toolchain.md §5, §7).
#
# `apt-get download` needs no root and installs nothing: the .deb is
# unpacked with dpkg-deb into build/kernel/.  The result is cached: nothing
# is fetched when OUT exists.  The kernel is never committed (build/).
set -eu

out=$1
dir=$(dirname "$out")/kernel
[ -s "$out" ] && [ -s "$dir/efivarfs.ko" ] && exit 0
mkdir -p "$dir"
cd "$dir"

# The metapackage names the versioned image package it depends on.
meta=linux-image-cloud-amd64
pkg=$(apt-cache depends "$meta" 2>/dev/null |
	sed -n 's/^ *Depends: \(linux-image-[0-9].*-cloud-amd64\)$/\1/p' | head -1)
if [ -z "$pkg" ] && [ "$(id -u)" = 0 ]; then
	apt-get update -qq
	pkg=$(apt-cache depends "$meta" 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[0-9].*-cloud-amd64\)$/\1/p' | head -1)
fi
if [ -z "$pkg" ]; then
	echo "fetch-kernel: apt does not know $meta; run 'apt-get update' (as root)" >&2
	exit 1
fi

if ! ls "$pkg"_*.deb >/dev/null 2>&1; then
	echo "fetch-kernel: downloading $pkg"
	apt-get download -q "$pkg" >/dev/null 2>&1 || {
		# _apt cannot write here when run as root in a private dir.
		chmod 0777 . 2>/dev/null || true
		apt-get download -q "$pkg"
	}
fi
deb=$(ls "$pkg"_*.deb | head -1)
rm -rf root
dpkg-deb -x "$deb" root
vmlinuz=$(ls root/boot/vmlinuz-* | head -1)
[ -f "$vmlinuz" ] || { echo "fetch-kernel: no vmlinuz in $deb" >&2; exit 1; }
find root/lib/modules -name 'efivarfs.ko*' -exec cp {} efivarfs.ko \;
cp "$vmlinuz" vmlinuz.tmp
echo "${deb%.deb}" > version
rm -rf root   # 100 MiB of modules nobody here needs
cd - >/dev/null
mv "$dir/vmlinuz.tmp" "$out"
echo "fetch-kernel: $out from $deb ($(wc -c < "$out") bytes)"
