#!/bin/sh
# check-unused.sh BUILD -- fails when a function defined in product code
# (boot/ core/ emu/ lib/ arch/ and the host tools) is called by nothing.
#
# A function counts as used when an object file refers to it (a relocation
# or an undefined symbol in any object: the EFI app, the host tools, the unit
# tests), when a source built without an object file of its own (tests/plan,
# tests/fuzz, tests/handoff, bench/) names it, or when its own .c file names
# it again after the definition (calls the compiler inlined leave no
# relocation).  Entry points (efi_main, main) are used by definition.
#
# It also lists, without failing, product functions that only tests call:
# candidates for review, not necessarily dead (the emulator's inspection
# interface exists for its tests).
set -eu
build=${1:-build}

product=$(find "$build/efi/boot" "$build/efi/core" "$build/efi/emu" "$build/efi/lib" \
	"$build/efi/arch" "$build/host/tools" -name '*.o' | sort)
tests=$(find "$build/san/tests" -name '*.o' 2>/dev/null | sort)
[ -n "$product" ] || { echo "check-unused: no objects under $build/efi (build first)" >&2; exit 2; }

refs_of() {
	for o in "$@"; do
		readelf -rW "$o" | awk 'NF >= 5 && $1 ~ /^[0-9a-f]+$/ { sub(/@.*/, "", $5); print $5 }'
		nm -u "$o" | awk '{ print $NF }'
	done | sort -u
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck disable=SC2086
refs_of $product > "$tmp/prod-refs"
# shellcheck disable=SC2086
refs_of $tests > "$tmp/test-refs"
for o in $product; do
	nm --defined-only "$o" | awk -v o="$o" '$2 == "T" { print $3, o }'
done | sort -u > "$tmp/defs"

src_of() {
	case $1 in
	"$build"/efi/*) s=${1#"$build"/efi/} ;;
	"$build"/host/*) s=${1#"$build"/host/} ;;
	esac
	echo "${s%.o}.c"
}

dead=0
: > "$tmp/test-only"
while read -r fn obj; do
	case $fn in efi_main|main) continue ;; esac
	grep -qx "$fn" "$tmp/prod-refs" && continue
	src=$(src_of "$obj")
	if [ -f "$src" ] && [ "$(grep -cw -- "$fn" "$src")" -gt 1 ]; then
		continue
	fi
	if grep -qx "$fn" "$tmp/test-refs" || \
	   grep -rqw -- "$fn" tests/plan tests/fuzz tests/handoff bench 2>/dev/null; then
		echo "  $fn ($src)" >> "$tmp/test-only"
		continue
	fi
	echo "check-unused: $fn ($src) is defined but nothing calls it"
	dead=$((dead + 1))
done < "$tmp/defs"

sort -u "$tmp/test-only" > "$tmp/test-only.s"
if [ -s "$tmp/test-only.s" ]; then
	echo "check-unused: product functions only tests call (review, not an error):"
	cat "$tmp/test-only.s"
fi
if [ "$dead" -gt 0 ]; then
	echo "check-unused: $dead unused function(s)"
	exit 1
fi
echo "check-unused: every product function has a caller"
