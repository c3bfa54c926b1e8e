#!/bin/sh
# tools/check-figures.py against small documents: an unmarked count fails, a
# count a figure block prints passes, and fails again when the block's
# command prints another number (the prose is then stale); a specification
# marked <!-- not measured --> passes.  Run from the tree's root (make check).
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# expect WANT(0 pass, 1 fail) NAME PATTERN: run the checker on $tmp/$NAME.md.
expect() {
	out=$(tools/check-figures.py "$tmp/$2.md" 2>&1)
	rc=$?
	if [ "$1" = 0 ] && [ $rc -ne 0 ]; then
		echo "check-figures-test: $2: expected to pass, failed:"; echo "$out"; fail=1
	elif [ "$1" = 1 ] && [ $rc -eq 0 ]; then
		echo "check-figures-test: $2: expected to fail, passed:"; echo "$out"; fail=1
	elif [ -n "$3" ] && ! printf '%s\n' "$out" | grep -q -- "$3"; then
		echo "check-figures-test: $2: output lacks '$3':"; echo "$out"; fail=1
	fi
}

# Each unit alone: an unmarked count or size fails.
for fig in "126,363 tables" "16,459 VMXON/VMXOFF pairs" "58 518 bytes" "PAMT 16424 KB" \
	   "2,386 px" "44 mutants" "40 of 44 killed" "19 passed" "398 cases" "3 boots" \
	   "20 MiB" "1,000 executions"; do
	printf '# Doc\n\nThe run gave %s here.\n' "$fig" > "$tmp/unmarked.md"
	expect 1 unmarked "unmarked.md:3: a measured figure without its source"
done

# A table whose header names a count: a bare number in a row is a figure.
printf '# Doc\n\n| target | executions |\n|---|---:|\n| fuzz-x | 274,194 |\n' > "$tmp/table.md"
expect 1 table "table.md:5: a measured figure without its source"
printf '# Doc\n\nMeasured with `make check` at commit %s on 2026-12-06:\n\n| target | executions |\n|---|---:|\n| fuzz-x | 274,194 |\n' \
	"$(git rev-parse --short HEAD)" > "$tmp/table-measured.md"
expect 0 table-measured ""

# A specification carries the marker.
printf '# Doc\n\nA SIGSTRUCT is 1808 bytes. <!-- not measured -->\n' > "$tmp/spec.md"
expect 0 spec ""

# A count inside code is not prose.
printf '# Doc\n\nThe log says `126,363 tables`.\n' > "$tmp/code.md"
expect 0 code ""

# Covered by a figure block of the same document.
cat > "$tmp/block.md" <<'DOC'
# Doc

The corpus has 1,234 tables.

<!-- figure: make check | echo "corpus: 1234 tables" -->
```
corpus: 1234 tables
```
DOC
expect 0 block ""

# The command now prints another number: the block differs, and once it is
# rewritten (--write) the prose's old count is flagged.
sed 's/echo "corpus: 1234 tables"/echo "corpus: 1240 tables"/' "$tmp/block.md" > "$tmp/stale.md"
expect 1 stale "figure differs"
tools/check-figures.py --write "$tmp/stale.md" > /dev/null 2>&1
expect 1 stale "stale.md:3: a measured figure without its source"

# A measured sentence with a target that does not exist fails.
printf '# Doc\n\nMeasured with `make no-such-target` at commit %s on 2026-12-06: 3 boots.\n' \
	"$(git rev-parse --short HEAD)" > "$tmp/target.md"
expect 1 target "is not a target of the Makefile"

[ $fail -eq 0 ] && echo "check-figures-test: an unmarked count or size fails, a marked one passes"
exit $fail
