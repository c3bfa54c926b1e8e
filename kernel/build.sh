#!/bin/sh
# Builds tdxboot's test kernel: Debian's linux-source-7.3 with the series
# in kernel/linux/, a small config (tinyconfig + kernel/linux/config-fragment),
# bzImage copied to OUT.  Cached and incremental under BUILD:
#
#   BUILD/kernel-src/linux-source-7.3   the sources, extracted once
#   BUILD/kernel-obj                     kbuild's output (O=)
#
#   kernel/build.sh OUT [BUILD]
#
# The machine is shared: the compile runs niced, with KERNEL_JOBS (2) jobs.
set -eu
out=$1
build=${2:-build}
here=$(cd "$(dirname "$0")" && pwd)
tarball=/usr/src/linux-source-7.3.tar.xz
srcroot=$build/kernel-src
src=$srcroot/linux-source-7.3
obj=$(mkdir -p "$build/kernel-obj" && cd "$build/kernel-obj" && pwd)
jobs=${KERNEL_JOBS:-2}

# kbuild must not inherit tdxboot's make state (CC=clang, -j, variables).
unset MAKEFLAGS MFLAGS MAKELEVEL CC LD CFLAGS

[ -f "$tarball" ] || { echo "kernel: $tarball missing (make kernel installs linux-source-7.3 from trixie-backports)" >&2; exit 1; }
if [ ! -f "$srcroot/.extracted" ] || [ "$tarball" -nt "$srcroot/.extracted" ]; then
	echo "kernel: extracting $tarball"
	rm -rf "$srcroot" "$obj"
	mkdir -p "$srcroot" "$obj"
	tar -C "$srcroot" -xJf "$tarball"
	touch "$srcroot/.extracted"
fi

"$here/apply-series.sh" "$src"

# The config: regenerated when the fragment changes; kbuild rebuilds only
# what a changed option affects.
frag=$here/linux/config-fragment
if [ ! -f "$obj/.config" ] || [ "$frag" -nt "$obj/.config" ]; then
	make -s -C "$src" O="$obj" tinyconfig >/dev/null
	"$src/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" "$frag" >/dev/null
	make -s -C "$src" O="$obj" olddefconfig
	missing=""
	for s in $(grep -o '^CONFIG_[A-Z0-9_]*=y' "$frag" | cut -d= -f1); do
		grep -q "^$s=y" "$obj/.config" || missing="$missing $s"
	done
	[ -z "$missing" ] || { echo "kernel: the config lacks:$missing" >&2; exit 1; }
fi

start=$(date +%s)
nice -n 10 make -s -C "$src" O="$obj" -j"$jobs" bzImage
echo "kernel: bzImage built in $(( $(date +%s) - start )) s"
cp "$obj/arch/x86/boot/bzImage" "$out"
echo "kernel: $out ($(wc -c < "$out") bytes, $(cat "$obj/include/config/kernel.release"))"
