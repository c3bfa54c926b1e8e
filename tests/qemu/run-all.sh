#!/bin/sh
# Runs every tests/qemu/test-*.sh (or those named as arguments) one after
# another -- parallel VMs gain nothing on 2 cores (docs/reference/toolchain.md §7) -- and
# prints a line per test with its duration, then "N passed, N failed" (and
# ", N skipped": a test that exits 77 was not run, e.g. an opt-in one).
set -u
cd "$(dirname "$0")/../.."
WORK=$(mktemp -d)
export WORK
trap 'rm -rf "$WORK"' EXIT
tests=${*:-$(ls tests/qemu/test-*.sh)}
passed=0 failed=0 skipped=0
for t in $tests; do
	[ -f "$t" ] || t="tests/qemu/$t.sh"
	name=$(basename "$t" .sh)
	start=$(date +%s.%N)
	rc=0
	sh "$t" > "$WORK/$name.out" 2>&1 || rc=$?
	case "$rc" in
	0) status=ok; passed=$((passed + 1)) ;;
	77) status=skip; skipped=$((skipped + 1)) ;;
	*) status=FAIL; failed=$((failed + 1)) ;;
	esac
	secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
	if [ "$status" = skip ]; then
		printf 'skip - %s: %s\n' "$name" "$(tail -n 1 "$WORK/$name.out")"
		continue
	fi
	printf '%s - %s (%.1f s)\n' "$status" "$name" "$secs"
	[ "$status" = FAIL ] && sed 's/^/    /' "$WORK/$name.out"
done
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
