#!/bin/bash
# SPDX-License-Identifier: MIT
# The planner corpus test: runs tdxboot-plan on every tests/plan/corpus/*.log
# for each of its '# expect:' lines (see gen_corpus.py), checks the exit
# status and message, checks the JSON is valid and has the schema, has the
# independent judge check every plan against the machine's ground truth
# (NAME.truth, written by gen_corpus.py), and draws every plan as SVG.
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

# The SVG as a user sees it: rendered to PNG by librsvg (mk/plan.mk's
# DEPS_EXTRA), kept in $PLAN_PNG_DIR when set (build/plan-png by make).
svg_renders() { # svg log
	command -v rsvg-convert >/dev/null || return 0
	rsvg-convert -o "$tmp/out.png" "$1" 2>"$tmp/png.err" || return 1
	[ "$(head -c 8 "$tmp/out.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || return 1
	if [ -n "${PLAN_PNG_DIR:-}" ]; then
		mkdir -p "$PLAN_PNG_DIR" && cp "$tmp/out.png" "$PLAN_PNG_DIR/$(basename "$2" .log).png"
	fi
}

# Every colour has a legend entry, every PAMT a label naming its TDMR, and
# the per-TDMR table has one line per TDMR.
svg_explains() { # svg json
	local n
	n=$(grep -o '"reserved_used"' "$2" | wc -l)
	grep -q '>free RAM<' "$1" && grep -q '>reserved area<' "$1" && grep -q '>PAMT<' "$1" &&
		grep -q '>node [0-9]' "$1" && grep -q 'PAMTs\? of TDMR' "$1" &&
		[ "$(grep -c 'class="tr"' "$1")" = "$n" ]
}

# The map above the per-TDMR table stays a few screens at most, whatever
# the number of nodes (docs/tdxboot-plan.md: 1,466 px for 64 nodes).
svg_map_height() { # svg
	grep -m1 'class="th"' "$1" | sed 's/.* y="\([0-9]*\)".*/\1/'
}

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
	elif [ "$want" = ok ] && ! svg_renders "$tmp/out.svg" "$log"; then
		why="SVG does not render to PNG: $(head -c 300 "$tmp/png.err")"
	elif [ "$want" = ok ] && ! svg_explains "$tmp/out.svg" "$tmp/out.json"; then
		why="SVG lacks a legend entry, a PAMT label or the per-TDMR table"
	elif [ "$want" = ok ] && [ "$(svg_map_height "$tmp/out.svg")" -gt 2500 ]; then
		why="SVG map is $(svg_map_height "$tmp/out.svg") px tall, more than 2500"
	elif [ "$want" = ok ] && [ ! -f "${log%.log}.truth" ]; then
		why="no ground truth ${log%.log}.truth (tests/plan/gen_corpus.py writes it)"
	elif [ "$want" = ok ]; then
		# The judge reads the machine's ground truth, never the log.
		# shellcheck disable=SC2086
		why=$("$judge" $args "${log%.log}.truth" "$tmp/out.json" 2>&1) && why=""
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
