#!/bin/sh
# Sanity checks on the PE image that OVMF would otherwise reject silently:
# a PE32+ x86-64 EFI application whose sections all start after the headers
# (docs/reference/toolchain.md §1: lld's orphan .rela.dyn lands at RVA 0x100 otherwise).
set -eu
img=$1
info=$(objdump -h "$img")
echo "$info" | grep -q "file format pei-x86-64" || { echo "$img: not a PE32+ x86-64 image" >&2; exit 1; }
objdump -p "$img" | grep -q "Subsystem.*0000000a" || { echo "$img: subsystem is not EFI application" >&2; exit 1; }
echo "$info" | awk -v img="$img" '
	function hex(s,   i, v, c) {
		v = 0
		for (i = 1; i <= length(s); i++) {
			c = index("0123456789abcdef", tolower(substr(s, i, 1))) - 1
			v = v * 16 + c
		}
		return v
	}
	$1 ~ /^[0-9]+$/ && NF >= 6 {
		vma = hex($4)
		if (vma < 0x1000) { printf "%s: section %s at 0x%x overlaps the PE headers\n", img, $2, vma > "/dev/stderr"; bad = 1 }
	}
	END { exit bad }'
