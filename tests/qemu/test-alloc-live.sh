#!/bin/sh
# What tdxboot leaves allocated for the next image, on each way through
# the TDX step: success (emulated module), skip (backend = auto on a CPU
# without TDX) and rollback (an injected TDH.SYS.TDMR.INIT failure).  Just
# before StartImage tdxboot prints its live pool and page allocations per
# owner (boot/alloc.h); each boot's line must equal the one docs/chainload.md
# lists for that path ("Memory still allocated at StartImage").  A leak, or
# a release that frees what the OS needs, changes the line.  Each boot
# stops at that line: what follows is the kernel's business.
set -eu
. tests/qemu/lib.sh
dir=${WORK:-/tmp}/alloc-live
mkdir -p "$dir"

# The documented line for PATH: "[PATH] alloc: ..." in docs/chainload.md.
documented() {
	sed -n "s/^\\[$1\\] //p" docs/chainload.md
}

check_path() { # PATH SED-SCRIPT EXTRA-CONF
	LOG=$dir/$1.log
	want=$(documented "$1")
	[ -n "$want" ] || fail "docs/chainload.md lists no '[$1] alloc: ...' line"
	demo_iso "$dir/$1.iso" "$2" "$3"
	boot_iso "$dir/$1.iso" --timeout 240 --until '^alloc: live at StartImage:'
	got=$(grep '^alloc: live at StartImage:' "$LOG.clean" || true)
	[ -n "$got" ] || fail "$1: no 'alloc: live at StartImage' line before the kernel started"
	[ "$got" = "$want" ] || fail "$1: live allocations differ from docs/chainload.md
  printed:    $got
  documented: $want"
	echo "$1: $got"
}

check_path success '' ''
check_path skip 's/^backend = emulate$/backend = auto/' ''
check_path rollback '' 'emu_fault = tdmr_init:TDX_OPERAND_INVALID:100'
