#!/bin/sh
# Installs the Debian packages tdxboot needs, if any are missing.
# The one list of build, test and run dependencies: README and .ci/run rely on it.
#
# DEPS_EXTRA adds packages for one feature (kernel, initramfs, signing).
# DEPS_BACKPORTS names packages that come from Debian's trixie-backports
# suite (the 7.3 kernel source): the suite is added on the same Debian
# archive the machine already uses, pinned at priority 1 so that nothing
# else is ever upgraded from it, and only the named packages at 500.
#
# Two `make` runs at once share one apt: the whole install runs under an
# flock, and what is missing is decided again inside it.
set -eu

PKGS="clang lld llvm nasm gnu-efi binutils make libclang-rt-14-dev
qemu-system-x86 ovmf xorriso mtools dosfstools coreutils"
PKGS="$PKGS ${DEPS_EXTRA:-} ${DEPS_BACKPORTS:-}"
LOCK=/run/lock/tdxboot-deps.lock
SUITE=trixie-backports
SOURCES=/etc/apt/sources.list.d/tdxboot-$SUITE.sources
PIN=/etc/apt/preferences.d/tdxboot-$SUITE

missing_pkgs() {
	for p in $PKGS; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
			printf ' %s' "$p"
	done
}

# The URI of the Debian archive apt already uses (deb822 or one-line form),
# so the new suite comes from the same mirror.
debian_uri() {
	uri=$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\/debian\/*\)$/\1/p' \
		/etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1)
	[ -n "$uri" ] || uri=$(sed -n \
		's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]*\/debian\/*\)[[:space:]].*/\2/p' \
		/etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | head -n1)
	echo "${uri:-http://deb.debian.org/debian}"
}

add_backports() {
	[ -n "${DEPS_BACKPORTS:-}" ] || return 1
	pin="Package: *
Pin: release n=$SUITE
Pin-Priority: 1

Package: $(echo $DEPS_BACKPORTS)
Pin: release n=$SUITE
Pin-Priority: 500"
	src="Types: deb
URIs: $(debian_uri)
Suites: $SUITE
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg"
	changed=1
	if [ "$(cat "$PIN" 2>/dev/null)" != "$pin" ]; then
		printf '%s\n' "$pin" > "$PIN"
		changed=0
	fi
	if [ "$(cat "$SOURCES" 2>/dev/null)" != "$src" ]; then
		printf '%s\n' "$src" > "$SOURCES"
		changed=0
	fi
	return $changed
}

install_missing() {
	missing=$(missing_pkgs)
	[ -z "$missing" ] && return 0
	echo "tdxboot: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	add_backports || true
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends \
		-o DPkg::Lock::Timeout=600 $missing >/dev/null
}

[ -z "$(missing_pkgs)" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "tdxboot: missing Debian packages:$(missing_pkgs)" >&2
	echo "tdxboot: run as root, or: sudo apt-get install$(missing_pkgs)" >&2
	exit 1
fi

mkdir -p "$(dirname "$LOCK")"
exec 9>"$LOCK"
flock -w 1200 9 || { echo "tdxboot: waited 20 minutes for $LOCK" >&2; exit 1; }
install_missing
