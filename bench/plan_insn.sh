#!/bin/sh
# bench/plan_insn.sh BENCH LOG...: instructions per plan, tdxboot's planner
# against the Linux-algorithm baseline (bench/linux_plan.c) and against the
# direct implementation of tdxboot's own rules (tests/plan/direct.c, on the
# maps it plans; its plan must be plan_build()'s), counted by callgrind
# (repeatable, unlike wall time).  BENCH is plan-bench built with
# DWARF 4 debug info (valgrind cannot read clang's default DWARF 5).
# LD_BIND_NOW: symbols are bound at start-up, so neither count includes
# the dynamic linker resolving memset/memcpy on their first call (whichever
# planner ran first paid about 1,500 instructions for it).
# Prints one line per map, then the worst and the median ratio over the
# maps where both produce a plan, and the same for the direct rules against
# the baseline.  Fails when the direct plan differs from plan_build()'s.
set -eu
bench=$1; shift
command -v valgrind >/dev/null || { echo "plan-insn: valgrind not installed (tools/deps.sh)"; exit 0; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
: >"$tmp/ratios"
: >"$tmp/direct"
differs=0
printf '%-36s %12s %12s %7s %12s %7s\n' map tdxboot linux ratio direct d/linux
for log; do
	LD_BIND_NOW=1 valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$bench" --once "$log" \
		>"$tmp/out" 2>/dev/null || { echo "$log: valgrind failed"; continue; }
	[ -s "$tmp/out" ] || continue   # a bad-input log: no map
	callgrind_annotate --inclusive=yes --threshold=100 "$tmp/cg" >"$tmp/ann" 2>/dev/null
	t=$(awk '/:plan_build \[/ {gsub(",","",$1); print $1; exit}' "$tmp/ann")
	l=$(awk '/:linux_plan_build \[/ {gsub(",","",$1); print $1; exit}' "$tmp/ann")
	d=$(awk '/:direct_build \[/ {gsub(",","",$1); print $1; exit}' "$tmp/ann")
	name=$(basename "$log")
	if grep -q 'tdxboot=plan linux=plan' "$tmp/out"; then
		r=$(awk -v t="$t" -v l="$l" 'BEGIN { printf "%.2f", t / l }')
		echo "$name $r" >>"$tmp/ratios"
	else
		r="-"
	fi
	dr="-"
	if grep -q 'linux=plan direct=plan' "$tmp/out"; then
		dr=$(awk -v d="$d" -v l="$l" 'BEGIN { printf "%.2f", d / l }')
		echo "$name $dr" >>"$tmp/direct"
	else
		d="-"
	fi
	grep -q 'direct=DIFFERS' "$tmp/out" && differs=1
	printf '%-36s %12s %12s %7s %12s %7s  %s\n' "$name" "$t" "$l" "$r" "$d" "$dr" \
		"$(sed 's/^[^:]*: //' "$tmp/out" | cut -c1-70)"
done
sort -k2 -n "$tmp/ratios" | awk '{ r[NR] = $2; n[NR] = $1 }
	END { if (NR) printf "instruction ratio tdxboot/linux over %d maps with both plans: median %.2f, worst %.2f (%s)\n",
		NR, r[int((NR + 1) / 2)], r[NR], n[NR] }'
sort -k2 -n "$tmp/direct" | awk '{ r[NR] = $2; n[NR] = $1 }
	END { if (NR) printf "instruction ratio direct rules/linux over %d maps: median %.2f, best %.2f (%s), worst %.2f (%s)\n",
		NR, r[int((NR + 1) / 2)], r[1], n[1], r[NR], n[NR] }'
[ $differs = 0 ] || { echo "plan-insn: the direct rules planned a map differently from plan_build (direct=DIFFERS above)"; exit 1; }
