#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Mutation testing of the emulated module (make mutate, docs/emulator.md):
# each line of LIST is a deliberately broken copy of one of the emulator's
# rules (a check dropped, two checks swapped, a bound shifted by one).  For
# each, a scratch copy of the tree gets the edit, the unit-test runner is
# rebuilt and the emulator's conformance tests (names starting "emu_") run;
# the mutant is killed when they fail.  Prints the kill count and fails
# unless every mutant is killed.
#
# LIST lines: ID <TAB> FILE <TAB> FROM <TAB> TO <TAB> WHAT, where FROM must
# occur exactly once in FILE and "\n", "\t" stand for newline and tab.
# Usage: tests/mutants/run.sh LIST WORKDIR
set -u
list=$1
work=$2
src=$work/src

rm -rf "$work"
mkdir -p "$src"
git ls-files -z | xargs -0 tar -cf - | tar -xf - -C "$src"
if ! make -s -C "$src" -j2 build/host/unit-tests >"$work/baseline.log" 2>&1 ||
   ! "$src/build/host/unit-tests" emu_ >>"$work/baseline.log" 2>&1; then
	echo "mutate: the unmutated conformance suite fails, see $work/baseline.log" >&2
	exit 1
fi

total=0
killed=0
survivors=""
tab=$(printf '\t')
while IFS="$tab" read -r id file from to what; do
	case "$id" in ''|'#'*) continue ;; esac
	total=$((total + 1))
	cp "$src/$file" "$work/orig"
	if ! FROM="$from" TO="$to" perl -0777 -i -e '
		my ($f, $t) = ($ENV{FROM}, $ENV{TO});
		for ($f, $t) { s/\\n/\n/g; s/\\t/\t/g; }
		local $/; my $s = <>; my $n = () = $s =~ /\Q$f\E/g;
		if ($n != 1) { print $s; print STDERR "matches $n times\n"; exit 3 }
		$s =~ s/\Q$f\E/$t/; print $s;' "$src/$file" 2>"$work/apply.log"; then
		echo "mutant $id does not apply to $file ($(cat "$work/apply.log"))" >&2
		cp "$work/orig" "$src/$file"
		exit 1
	fi
	if ! make -s -C "$src" -j2 build/host/unit-tests >"$work/$id.log" 2>&1; then
		# A mutant the compiler rejects proves nothing about the tests.
		echo "mutant $id does not build, see $work/$id.log" >&2
		cp "$work/orig" "$src/$file"
		exit 1
	elif timeout 600 "$src/build/host/unit-tests" emu_ >>"$work/$id.log" 2>&1; then
		result="SURVIVED"
	else
		result="killed"
	fi
	case "$result" in
	killed) killed=$((killed + 1)) ;;
	*) survivors="$survivors $id" ;;
	esac
	printf '%-28s %-26s %s\n' "$id" "$result" "$what"
	cp "$work/orig" "$src/$file"
	touch "$src/$file"
done <"$list"

echo "mutants: $killed of $total killed"
if [ -n "$survivors" ]; then
	echo "survivors:$survivors" >&2
	exit 1
fi
