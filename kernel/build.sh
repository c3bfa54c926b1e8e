#!/bin/sh
# Builds tdxboot's test kernel: Debian's linux-source-7.3 with the series
# in kernel/linux/, a small config (tinyconfig + kernel/linux/config-fragment),
# bzImage copied to OUT.  Cached and incremental under BUILD:
#
#   BUILD/kernel-src/linux-source-7.3   the sources, extracted once
#   BUILD/kernel-obj                     kbuild's output (O=)
#
#   kernel/build.sh [--test] OUT [BUILD]
#
# --test: the TEST kernel of `make test-kernel`/`run-kernel`: the series plus
# kernel/linux/test/*.patch, the redirect of SEAMCALL to tdxboot's emulated
# module (docs/kernel.md §5), with tdxboot's emu/ and lib/ linked into the
# tree for it.  Same source and object trees: switching rebuilds only the
# files the test patch touches.
#
# The machine is shared: the compile runs niced, with KERNEL_JOBS (2) jobs.
set -eu
test_patches=""
if [ "${1:-}" = --test ]; then
	shift
	test_patches=$(ls "$(cd "$(dirname "$0")" && pwd)"/linux/test/*.patch)
fi
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

# shellcheck disable=SC2086 # the test patches, one word each
"$here/apply-series.sh" "$src" $test_patches
emudir=$src/arch/x86/virt/vmx/tdx/tdxboot-emu
if [ -n "$test_patches" ]; then
	ln -sfn "$here/../emu" "$emudir/emu"
	ln -sfn "$here/../lib" "$emudir/lib"
else
	rm -f "$emudir/emu" "$emudir/lib"
fi

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
