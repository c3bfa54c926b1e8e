#!/bin/sh
# Fetches Debian's systemd-boot (package systemd-boot-efi) for
# `make bench-boot`, into build/systemd-boot/, and copies
# systemd-bootx64.efi to OUT.  Cached: nothing is fetched when OUT exists.
# Never committed (build/).
#
#   tools/fetch-systemd-boot.sh OUT
set -eu

out=$1
dir=$(dirname "$out")/systemd-boot
[ -s "$out" ] && exit 0
mkdir -p "$dir"
cd "$dir"
pkg=systemd-boot-efi
if ! ls "$pkg"_*.deb >/dev/null 2>&1; then
	echo "fetch-systemd-boot: downloading $pkg"
	# apt's sandbox user must be able to write here.
	chmod 0777 . 2>/dev/null || true
	apt-get download -q "$pkg" >/dev/null 2>&1 || {
		[ "$(id -u)" = 0 ] && apt-get update -qq
		apt-get download -q "$pkg"
	}
fi
deb=$(ls "$pkg"_*.deb | head -1)
rm -rf root
dpkg-deb -x "$deb" root
cp root/usr/lib/systemd/boot/efi/systemd-bootx64.efi systemd-bootx64.efi.tmp
echo "${deb%.deb}" > version
rm -rf root
cd - >/dev/null
mv "$dir/systemd-bootx64.efi.tmp" "$out"
echo "fetch-systemd-boot: $out from $deb ($(wc -c < "$out") bytes)"
