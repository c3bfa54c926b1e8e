#!/bin/bash
# SPDX-License-Identifier: MIT
# The planner corpus test: runs tdxboot-plan on every tests/plan/corpus/*.log
# for each of its '# expect:' lines (see gen_corpus.py), checks the exit
# status and message, checks the JSON is valid and has the schema, has the
# independent judge check every plan, and draws every plan as SVG.
#
#   tests/plan/corpus.sh TOOL JUDGE [LOG...]
# Closing line: "N passed, N failed"; exit status 0 only if none failed.
set -u
tool=$1 judge=$2
shift 2
[ $# -gt 0 ] || set -- "$(dirname "$0")"/corpus/*.log
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 known=0

# One case: log, options, expected outcome (ok|fail|bad) and message part.
run_case() {
	local log=$1 args=$2 want=$3 msg=$4 rc_want rc text_rc why=""
	case $want in ok) rc_want=0 ;; fail) rc_want=1 ;; bad) rc_want=2 ;;
		*) echo "FAIL - $log: unknown expectation '$want'"; return 1 ;; esac
	# shellcheck disable=SC2086
	"$tool" --json $args "$log" >"$tmp/out.json" 2>"$tmp/err.txt"
	rc=$?
	# shellcheck disable=SC2086
	"$tool" --svg "$tmp/out.svg" $args "$log" >"$tmp/out.txt" 2>>"$tmp/err.txt"
	text_rc=$?
	if [ "$rc" != "$rc_want" ]; then
		why="exit status $rc, wanted $rc_want: $(head -c 300 "$tmp/err.txt") $(grep -o '"error": "[^"]*"' "$tmp/out.json")"
	elif [ "$text_rc" != "$rc" ]; then
		why="text mode exit status $text_rc, JSON mode $rc"
	elif ! python3 -m json.tool "$tmp/out.json" >/dev/null 2>&1; then
		why="invalid JSON"
	elif [ -n "$msg" ] && ! grep -qF -- "$msg" "$tmp/out.json" "$tmp/out.txt" "$tmp/err.txt"; then
		why="message does not contain '$msg': $(head -c 300 "$tmp/err.txt") $(grep -o '"error": "[^"]*"' "$tmp/out.json")"
	elif [ "$want" = ok ] && ! grep -q "KB allocated for PAMT" "$tmp/out.txt"; then
		why="text report lacks 'KB allocated for PAMT'"
	elif [ "$want" = ok ] && ! python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' "$tmp/out.svg" 2>/dev/null; then
		why="SVG is not well-formed XML"
	elif [ "$want" = ok ]; then
		# shellcheck disable=SC2086
		why=$("$judge" $args "$log" "$tmp/out.json" 2>&1) && why=""
	fi
	# A log marked '# known-bug:' records a planner bug that is reported
	# but not yet fixed: its failure is counted apart, not as a failure.
	local bug
	bug=$(grep -a -m1 '^# known-bug:' "$log" | tr -d '\r')
	if [ -n "$why" ] && [ -n "$bug" ]; then
		echo "KNOWN - $(basename "$log") ${args:+[$args] }$want: $why (${bug#\# })"
		return 2
	fi
	if [ -n "$why" ]; then
		echo "FAIL - $(basename "$log") ${args:+[$args] }$want: $why"
		return 1
	fi
	[ -n "$bug" ] && echo "note - $(basename "$log") passes now: remove its '# known-bug:' line"
	echo "ok - $(basename "$log") ${args:+[$args] }$want"
}

for log in "$@"; do
	n=0
	while IFS= read -r line; do
		n=$((n + 1))
		spec=${line#\# expect}
		args=""
		if [ "${spec#(}" != "$spec" ]; then
			args=${spec#(}
			args=${args%%)*}
			spec=${spec#*)}
		fi
		spec=${spec#:}
		spec=${spec# }
		want=${spec%% *}
		msg=""
		[ "$want" != "$spec" ] && msg=${spec#* }
		run_case "$log" "$args" "$want" "$msg"
		case $? in
		0) pass=$((pass + 1)) ;;
		2) known=$((known + 1)) ;;
		*) fail=$((fail + 1)) ;;
		esac
	done < <(grep -a '^# expect' "$log" | tr -d '\r')
	if [ $n = 0 ]; then
		echo "FAIL - $(basename "$log"): no '# expect:' line"
		fail=$((fail + 1))
	fi
done
[ "$known" = 0 ] || echo "$known known planner bugs (see '# known-bug:' lines)"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
