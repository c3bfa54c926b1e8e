#!/bin/sh
# Fetches one Debian package with apt into build/NAME/ and copies one file
# out of it to OUT: Debian's signed shim for the shim boot test, Debian's
# systemd-boot for `make bench-boot`.  Cached: nothing is fetched when OUT
# exists, and the .deb is kept beside it.  Never committed (build/).
#
#   tools/fetch-deb-file.sh PACKAGE PATH-IN-PACKAGE OUT
set -eu

pkg=$1 path=$2 out=$3
[ -s "$out" ] && exit 0
dir=$(dirname "$out")/$pkg
mkdir -p "$dir"
cd "$dir"
if ! ls "$pkg"_*.deb >/dev/null 2>&1; then
	echo "fetch-deb-file: downloading $pkg"
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
cp "root/$path" file.tmp
echo "${deb%.deb}" > version
rm -rf root
cd - >/dev/null
mv "$dir/file.tmp" "$out"
echo "fetch-deb-file: $out from $deb ($(wc -c < "$out") bytes)"
