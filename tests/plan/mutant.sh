#!/bin/bash
# SPDX-License-Identifier: MIT
# The corpus test against a broken parser (make plan-mutant): MUTANT is
# tdxboot-plan linked with tests/plan/mutant_drop_ram.c, which loses the
# highest RAM entry of every log.  The corpus run must fail, and the
# failures must be the judge's (RAM not covered), not crashes or messages:
# the judge reads each machine's ground truth (NAME.truth), so a plan made
# from a parser's wrong reading of the log cannot pass it.
#
#   tests/plan/mutant.sh MUTANT JUDGE
set -u
mutant=$1 judge=$2
here=$(dirname "$0")
out=$(mktemp)
trap 'rm -f "$out"' EXIT
if "$here/corpus.sh" "$mutant" "$judge" >"$out" 2>&1; then
	echo "FAIL - plan-mutant: the corpus test passed with a parser that drops a RAM line"
	exit 1
fi
caught=$(grep -c '^FAIL - .*plan-judge: .*not covered\|^FAIL - .*plan-judge: .*RAM' "$out")
plans=$(grep -c '^\(ok\|FAIL\) - .* ok\(:\|$\)' "$out")
grep '^FAIL' "$out" | head -3 | sed 's/^FAIL - /  caught (expected): /'
if [ "$caught" -lt 1 ]; then
	echo "FAIL - plan-mutant: the corpus failed, but not by the judge finding RAM uncovered"
	tail -5 "$out"
	exit 1
fi
echo "ok - plan-mutant: the judge caught the dropped RAM line in $caught of $plans plans ($(tail -1 "$out"))"
