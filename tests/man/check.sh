#!/bin/sh
# SPDX-License-Identifier: MIT
# The man pages against what they describe:
#  - every key of the configuration parser's one key table (core/config.c,
#    config_keys[]) has an entry "*key* =" in man/tdxboot.conf.5.scd;
#  - every option of each shipped tool appears as *--option* in its page:
#    the options are read from the tool's source (C string literals "--x",
#    the case patterns of a shell script) and from its --help output, so an
#    option added later without a page entry fails here; the subcommands its
#    usage lines name ("tdxboot-config check") appear as *word* too;
#  - every page builds with scdoc and formats without a groff warning.
#
#   tests/man/check.sh BUILD TOOL...      (TOOL: tdxboot-plan, ...)
set -u
BUILD=$1; shift
pass=0 fail=0
ok()  { pass=$((pass + 1)); echo "ok - $1"; }
bad() { fail=$((fail + 1)); echo "FAIL - $1"; }

# The key table: the first string of each entry line, between
# "config_keys[] = {" and "};".  Entries are MACRO("key", ...) or { "key", ....
keys=$(awk '
	/config_keys\[\][[:space:]]*=[[:space:]]*\{/ { inside = 1; next }
	inside && /^};/ { inside = 0 }
	inside && match($0, /^[[:space:]]*([A-Z_]+\(|\{[[:space:]]*)"[a-z0-9_]+"/) {
		s = substr($0, RSTART, RLENGTH); sub(/^[^"]*"/, "", s); sub(/"$/, "", s); print s
	}' core/config.c)
n=$(echo "$keys" | grep -c .)
if [ "$n" -lt 10 ]; then
	bad "core/config.c: found $n keys in config_keys[]; has the table moved? (update tests/man/check.sh)"
fi
for k in $keys; do
	if grep -q "^\*$k\* =" man/tdxboot.conf.5.scd; then
		ok "tdxboot.conf(5): key $k"
	else
		bad "tdxboot.conf(5): key '$k' of core/config.c has no '*$k* =' entry"
	fi
done

# Options a tool takes, from its source and its --help.
tool_options() { # NAME
	src=tools/$1
	if [ -d "$src" ]; then
		# Comment lines may quote an option's form ("--name=V"): skip them.
		cat "$src"/*.c | grep -Ev '^[[:space:]]*(/\*|\*)' |
			grep -o '"--[a-z][a-z0-9-]*' | tr -d '"'
	else
		grep -E '^[[:space:]]*(--[a-z][a-z0-9-]*|-[a-z])(\|(--[a-z][a-z0-9-]*|-[a-z]))*\)' "$src" |
			grep -o -- '--[a-z][a-z0-9-]*'
	fi
	"$BUILD/$1" --help 2>&1 | grep -o -- '--[a-z][a-z0-9-]*'
}
tool_commands() { # NAME: "usage: NAME word" and "       NAME word" lines
	"$BUILD/$1" --help 2>&1 | sed -n "s/^\(usage:\)\{0,1\}[[:space:]]*$1 \([a-z][a-z-]*\)\( .*\)\{0,1\}$/\2/p"
}

for t in "$@"; do
	page=$(ls man/"$t".[0-9].scd 2>/dev/null | head -n 1)
	if [ -z "$page" ]; then
		bad "$t: no man page man/$t.N.scd"
		continue
	fi
	if [ ! -x "$BUILD/$t" ]; then
		bad "$t: $BUILD/$t not built"
		continue
	fi
	opts=$(tool_options "$t" | sort -u)
	[ -n "$opts" ] || bad "$t: no options found in its source or --help"
	for o in $opts $(tool_commands "$t" | sort -u); do
		if grep -qF -- "*$o*" "$page"; then
			ok "$t: $o in $(basename "$page" .scd)"
		else
			bad "$t: '$o' is not in $page (as *$o*)"
		fi
	done
done

for p in man/*.scd; do
	out=$BUILD/man/$(basename "$p" .scd)
	if [ ! -s "$out" ]; then
		bad "$p: not built into $out"
		continue
	fi
	warn=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings=w -E UTF-8 -l "$out" 2>&1 >/dev/null)
	if [ -z "$warn" ]; then ok "$(basename "$out"): formats cleanly"; else bad "$(basename "$out"): $warn"; fi
done

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
