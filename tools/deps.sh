#!/bin/sh
# Installs the Debian packages tdxboot needs, if any are missing.
# The one list of build, test and run dependencies: README and .ci/run rely on it.
set -eu

PKGS="clang lld llvm nasm gnu-efi binutils make libclang-rt-14-dev
qemu-system-x86 ovmf xorriso mtools dosfstools coreutils"
# Added by later features (kernel, initramfs, signing) through DEPS_EXTRA.
PKGS="$PKGS ${DEPS_EXTRA:-}"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "tdxboot: missing Debian packages:$missing" >&2
	echo "tdxboot: run as root, or: sudo apt-get install$missing" >&2
	exit 1
fi
echo "tdxboot: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
