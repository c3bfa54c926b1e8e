#!/bin/sh
# bench/plan_scaling.sh BENCH: the planner's growth with the map's size,
# counted in instructions by callgrind (so the load of the machine does not
# matter, unlike a timed test).  The same generated map shape at 25 000,
# 50 000 and 100 000 entries; doubling the entries may at most multiply
# the instructions per plan by LIMIT (2.5: n log n gives about 2.1,
# quadratic work 4).  Exit status 1 when it does more.
set -eu
bench=$1
limit=${PLAN_SCALING_LIMIT:-2.5}
command -v valgrind >/dev/null || { echo "plan-scaling: valgrind not installed (tools/deps.sh)"; exit 0; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
prev= fail=0
for m in @25k @50k @100k; do
	LD_BIND_NOW=1 valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$bench" --once "$m" \
		>"$tmp/out" 2>/dev/null || { echo "plan-scaling: valgrind failed on $m"; exit 1; }
	grep -q 'tdxboot=plan' "$tmp/out" || { echo "plan-scaling: no plan for $m"; exit 1; }
	callgrind_annotate --inclusive=yes --threshold=100 "$tmp/cg" >"$tmp/ann" 2>/dev/null
	t=$(awk '/:plan_build \[/ {gsub(",","",$1); print $1; exit}' "$tmp/ann")
	if [ -n "$prev" ]; then
		r=$(awk -v a="$t" -v b="$prev" 'BEGIN { printf "%.2f", a / b }')
		ok=$(awk -v r="$r" -v l="$limit" 'BEGIN { print (r <= l) ? "ok" : "TOO MUCH" }')
		[ "$ok" = ok ] || fail=1
		printf 'plan-scaling: %-6s %12s instructions, x%s for twice the entries (limit x%s) %s\n' "$m" "$t" "$r" "$limit" "$ok"
	else
		printf 'plan-scaling: %-6s %12s instructions\n' "$m" "$t"
	fi
	prev=$t
done
exit $fail
