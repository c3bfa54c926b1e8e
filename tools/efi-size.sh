#!/bin/sh
# efi-size.sh MAP -- the EFI image's size by source folder, from ld.lld's link
# map (the Makefile links tdxboot.so with -Map).  Counts every input section
# placed in the image's .text and .data output sections (code; read-only and
# writable data; .bss, which the linker script folds into .data).  Linker
# padding and GNU-EFI's crt0/libgnuefi are listed as "other".
set -eu
map=${1:?usage: efi-size.sh build/tdxboot.map}
awk '
	function hex(s,   i, v) {
		v = 0; s = tolower(s)
		for (i = 1; i <= length(s); i++)
			v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
		return v
	}
	# Columns: VMA LMA Size Align, then the output section after one space,
	# an input section after nine, a symbol after seventeen.
	/^ *[0-9a-f]+ +[0-9a-f]+ +[0-9a-f]+ +[0-9]+ [^ ]/ { out = $5; next }
	/^ *[0-9a-f]+ +[0-9a-f]+ +[0-9a-f]+ +[0-9]+         [^ ]/ && (out == ".text" || out == ".data") {
		size = hex($3)
		src = $5
		sub(/:\(.*$/, "", src)
		if (src ~ /^build\/efi\//) {
			sub(/^build\/efi\//, "", src)
			dir = src; sub(/\/.*$/, "", dir)
			if (dir == "arch") dir = "arch/x86"
		} else {
			dir = "other"
		}
		bytes[dir] += size; kind[dir, out] += size; total += size
	}
	END {
		printf "%-10s %9s %9s %9s\n", "folder", "text", "data", "bytes"
		n = split("boot core emu lib arch/x86 other", order, " ")
		for (i = 1; i <= n; i++) {
			d = order[i]
			printf "%-10s %9d %9d %9d\n", d "/", kind[d, ".text"], kind[d, ".data"], bytes[d]
		}
		printf "%-10s %9s %9s %9d\n", "total", "", "", total
	}' "$map"
