#!/bin/sh
# Runs every tests/qemu/test-*.sh (or those named as arguments) one after
# another -- parallel VMs gain nothing on 2 cores (toolchain.md §7) -- and
# prints a line per test with its duration, then "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
WORK=$(mktemp -d)
export WORK
trap 'rm -rf "$WORK"' EXIT
tests=${*:-$(ls tests/qemu/test-*.sh)}
passed=0 failed=0
for t in $tests; do
	[ -f "$t" ] || t="tests/qemu/$t.sh"
	name=$(basename "$t" .sh)
	start=$(date +%s.%N)
	if sh "$t" > "$WORK/$name.out" 2>&1; then
		status=ok; passed=$((passed + 1))
	else
		status=FAIL; failed=$((failed + 1))
	fi
	secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
	printf '%s - %s (%.1f s)\n' "$status" "$name" "$secs"
	[ "$status" = FAIL ] && sed 's/^/    /' "$WORK/$name.out"
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
