#!/bin/sh
# The kernel series carries tdxboot's handoff reader as verbatim copies of
# lib/ files (kernel/linux/0001-*.patch adds them under
# arch/x86/virt/vmx/tdx/tdxboot/lib/).  This check fails when a copy differs
# from lib/, so the kernel's reader cannot drift from tdxboot's.  Run by
# `make check` (mk/kernel-patch.mk).
set -eu
cd "$(dirname "$0")/.."
dir=arch/x86/virt/vmx/tdx/tdxboot/lib
files="tdxboot_handoff.h handoff.h handoff.c handoff_names.c crc32.h crc32.c"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Every new file the series adds in $dir, rebuilt from its "+" lines.
for p in $(grep -v '^#' kernel/linux/series | grep .); do
	awk -v dir="$dir/" -v out="$work" '
	/^diff --git / { name = ""; body = 0; next }
	/^\+\+\+ b\// { f = substr($0, 7)
		if (index(f, dir) == 1 && prev == "--- /dev/null") name = substr(f, length(dir) + 1)
		next }
	{ prev = $0 }
	/^@@ -0,0 \+1/ { if (name != "") { body = 1; printf "" > (out "/" name) } next }
	body && /^\+/ { print substr($0, 2) > (out "/" name); next }
	body && /^\\ No newline/ { next }
	body { body = 0 }
	' "kernel/linux/$p"
done

bad=0
for f in $files; do
	if [ ! -f "$work/$f" ]; then
		echo "kernel copies: the series does not add $dir/$f" >&2; bad=1
	elif ! cmp -s "$work/$f" "lib/$f"; then
		echo "kernel copies: $dir/$f differs from lib/$f; regenerate the series (docs/kernel.md)" >&2
		diff -u "lib/$f" "$work/$f" | head -20 >&2 || true
		bad=1
	fi
done
[ "$bad" = 0 ] && echo "kernel copies: $(echo $files | wc -w) files in the series equal lib/"
exit "$bad"
