#!/bin/sh
# Fetches Debian's signed shim (package shim-signed) for the shim boot test,
# into build/shim/, and copies shimx64.efi to OUT.  Cached: nothing is
# fetched when OUT exists.  Never committed (build/).
#
#   tools/fetch-shim.sh OUT
set -eu

out=$1
dir=$(dirname "$out")/shim
[ -s "$out" ] && exit 0
mkdir -p "$dir"
cd "$dir"
pkg=shim-signed
if ! ls "$pkg"_*.deb >/dev/null 2>&1; then
	echo "fetch-shim: downloading $pkg"
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
cp root/usr/lib/shim/shimx64.efi.signed shimx64.efi.tmp
echo "${deb%.deb}" > version
rm -rf root
cd - >/dev/null
mv "$dir/shimx64.efi.tmp" "$out"
echo "fetch-shim: $out from $deb ($(wc -c < "$out") bytes)"
