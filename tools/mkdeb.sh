#!/bin/sh
# SPDX-License-Identifier: MIT
# Builds the Debian package from a finished build/ with dpkg-deb
# (docs/install.md): the EFI binary under /usr/lib/tdxboot/, the host tools,
# the man pages, the docs and tdxboot-metrics.service.
#
#   tools/mkdeb.sh OUT.deb VERSION BUILD "TOOLS"
#
# TOOLS are the shipped host tools (build/NAME each); a tool's man page
# section says where it goes: 1 -> /usr/bin, 8 -> /usr/sbin.  Timestamps
# are the last commit's (SOURCE_DATE_EPOCH), so two builds of one commit
# give the same package.
set -eu
OUT=$1 VERSION=$2 BUILD=$3 TOOLS=$4
MAINTAINER=${DEB_MAINTAINER:-tdxboot developers <tdxboot@users.noreply.github.com>}
PKG=packaging/deb
: "${SOURCE_DATE_EPOCH:=$(git log -1 --format=%ct 2>/dev/null || date +%s)}"
export SOURCE_DATE_EPOCH

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root=$stage/root
doc=$root/usr/share/doc/tdxboot

install -d "$root/DEBIAN" "$root/usr/bin" "$root/usr/sbin" "$root/usr/lib/tdxboot" \
	"$root/lib/systemd/system" "$doc/examples"
install -m 0644 "$BUILD/tdxboot.efi" "$root/usr/lib/tdxboot/tdxboot.efi"
install -m 0755 "$PKG/write-metrics" "$root/usr/lib/tdxboot/write-metrics"
install -m 0644 "$PKG/tdxboot-metrics.service" "$root/lib/systemd/system/"
install -D -m 0755 "$PKG/kernel-hook" "$root/etc/kernel/postinst.d/zz-tdxboot"
install -D -m 0755 "$PKG/kernel-hook" "$root/etc/initramfs/post-update.d/tdxboot"

man_install() { # PAGE (build/man/NAME.N)
	n=${1##*.}
	install -d "$root/usr/share/man/man$n"
	gzip -9n < "$1" > "$root/usr/share/man/man$n/$(basename "$1").gz"
	chmod 0644 "$root/usr/share/man/man$n/$(basename "$1").gz"
}

for t in $TOOLS; do
	page=$(ls "$BUILD"/man/"$t".[18] 2>/dev/null | head -n 1)
	[ -n "$page" ] || { echo "mkdeb: $t has no man page in $BUILD/man" >&2; exit 1; }
	case $page in *.1) dir=usr/bin ;; *) dir=usr/sbin ;; esac
	install -m 0755 "$BUILD/$t" "$root/$dir/$t"
	# Scripts stay as they are; ELF programs lose their debug symbols.
	if head -c 4 "$root/$dir/$t" | grep -q ELF; then
		strip --strip-unneeded --remove-section=.comment --remove-section=.note "$root/$dir/$t"
	fi
	man_install "$page"
done
for page in "$BUILD"/man/*.5 "$BUILD"/man/*.7; do
	[ -f "$page" ] && man_install "$page"
done

install -m 0644 README.md "$doc/README.md"
for d in docs/*.md; do install -m 0644 "$d" "$doc/$(basename "$d")"; done
install -m 0644 iso/tdxboot.conf "$doc/examples/tdxboot.conf"
year=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y)
sed "s/@YEAR@/$year/" "$PKG/copyright.in" > "$doc/copyright"
{
	echo "tdxboot ($VERSION) unstable; urgency=medium"
	echo
	echo "  * Built from revision $(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)."
	echo
	echo " -- $MAINTAINER  $(LC_ALL=C date -u -R -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n > "$doc/changelog.gz"
chmod 0644 "$doc/copyright" "$doc/changelog.gz"

# Shared-library dependencies of the ELF programs, as dpkg-shlibdeps says.
mkdir -p "$stage/debian"
printf 'Source: tdxboot\n\nPackage: tdxboot\nArchitecture: amd64\n' > "$stage/debian/control"
elves=$(for f in "$root"/usr/bin/* "$root"/usr/sbin/*; do
	if head -c 4 "$f" | grep -q ELF; then echo "$f"; fi; done)
depends=$(cd "$stage" && dpkg-shlibdeps -O $elves 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "mkdeb: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
size=$(du -k -s --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@MAINTAINER@/$MAINTAINER/" -e "s/@SIZE@/$size/" \
	-e "s/@DEPENDS@/$depends/" "$PKG/control.in" > "$root/DEBIAN/control"
install -m 0755 "$PKG/postinst" "$PKG/postrm" "$root/DEBIAN/"
(cd "$root" && find etc -type f | LC_ALL=C sort | sed 's|^|/|') > "$root/DEBIAN/conffiles"
chmod 0644 "$root/DEBIAN/conffiles"
(cd "$root" && find . -path ./DEBIAN -prune -o -path ./etc -prune -o -type f -printf '%P\n' | LC_ALL=C sort |
	xargs md5sum) > "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
find "$root" -type d -exec chmod 0755 {} +
find "$root" -newermt "@$SOURCE_DATE_EPOCH" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

mkdir -p "$(dirname "$OUT")"
dpkg-deb --root-owner-group -Zxz --build "$root" "$OUT" >/dev/null
echo "mkdeb: $OUT ($(wc -c < "$OUT") bytes, $size KiB installed)"
