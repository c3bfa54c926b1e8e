#!/bin/sh
# Makes a linux-source-7.3 tree carry exactly kernel/linux/series, plus
# any EXTRA patches (paths) after it.
#
#   kernel/apply-series.sh SRC_DIR [EXTRA.patch ...]
#
# Incremental: the series is applied to pristine copies of the files it
# touches (saved under SRC_DIR/.tdxboot/orig on first contact), and only
# files whose content changes are written into the tree, so kbuild
# recompiles what the change affects and nothing else (touching
# include/linux/efi.h again would rebuild half the kernel).
set -eu
src=$1; shift
here=$(cd "$(dirname "$0")" && pwd)/linux
state=$src/.tdxboot
mkdir -p "$state/orig"

# Absolute paths: the series in order, then the extras.
patches=$(grep -v '^#' "$here/series" | grep . | sed "s|^|$here/|")
for x in "$@"; do patches="$patches
$(cd "$(dirname "$x")" && pwd)/$(basename "$x")"; done
# Paths the series writes ("+++ b/path"); new files have "--- /dev/null".
touched() { for p in $patches; do sed -n 's|^+++ b/||p' "$p"; done | sort -u; }
new_files=$(touched)
old_files=$(cat "$state/files" 2>/dev/null || true)

# Save pristine copies of files the tree has not been patched in yet.
for f in $new_files; do
	[ -e "$state/orig/$f" ] || [ -e "$state/orig/$f.absent" ] && continue
	mkdir -p "$(dirname "$state/orig/$f")"
	if [ -e "$src/$f" ]; then cp -p "$src/$f" "$state/orig/$f"
	else touch "$state/orig/$f.absent"; fi
done

# Apply the series to the pristine copies in a scratch tree.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for f in $new_files; do
	mkdir -p "$(dirname "$work/$f")"
	[ -e "$state/orig/$f" ] && cp "$state/orig/$f" "$work/$f"
done
for p in $patches; do
	patch -d "$work" -p1 -s -N --no-backup-if-mismatch < "$p" ||
		{ echo "kernel: $(basename "$p") does not apply to linux-source-7.3" >&2; exit 1; }
done

# Write what changed; restore files the series no longer touches.
changed=0
for f in $new_files; do
	if ! cmp -s "$work/$f" "$src/$f" 2>/dev/null; then
		mkdir -p "$(dirname "$src/$f")"
		cp "$work/$f" "$src/$f"
		changed=$((changed + 1))
	fi
done
for f in $old_files; do
	echo "$new_files" | grep -qx "$f" && continue
	if [ -e "$state/orig/$f" ]; then cp "$state/orig/$f" "$src/$f"; else rm -f "$src/$f"; fi
	changed=$((changed + 1))
done
echo "$new_files" > "$state/files"
echo "kernel: series applied ($(echo "$patches" | wc -l) patches, $changed files updated)"
