#!/bin/sh
# A tdxboot.conf with everything people get wrong: a UTF-8 byte-order mark,
# '#' inside a quoted value, an unterminated quote, more than four errors,
# and the kernel key misspelt.  tdxboot shows every error with its line
# (and the quote's column), says "did you mean", does not guess another
# image, never powers off: it returns to the firmware's boot manager, which
# moves on to the next option (OVMF's shell, whose \startup.nsh ends the
# test).  tdxboot-config prints the same errors for the same file.
set -eu
. tests/qemu/lib.sh
LOG=${WORK:-/tmp}/config-errors.log
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
{
	printf '\357\273\277log = info\n'
	printf 'serial = of\n'
	printf 'lgo = debug\n'
	printf 'options = "console=ttyS0 tag=#7"\n'
	printf 'emu_fault = "key_config\n'
	printf 'bogus = 1\n'
	printf 'ap_timeout_ms = 1\n'
	printf 'kernal = vmlinuz\n'
} > "$dir/tdxboot.conf"
printf 'echo "startup.nsh: the firmware moved on to the shell; powering off"\r\nreset -s\r\n' \
	> "$dir/startup.nsh"

rc=0
build/tdxboot-config check "$dir/tdxboot.conf" > "$dir/check.out" 2> "$dir/check.err" || rc=$?
[ "$rc" = 3 ] || fail "tdxboot-config check exited $rc, expected 3 (next image rejected)"

iso/mkiso.sh "$dir/errors.iso" build/tdxboot.efi "$dir/tdxboot.conf" \
	"$dir/startup.nsh:\\startup.nsh" >/dev/null 2>&1
boot_iso "$dir/errors.iso" --timeout 120

expect "^error: tdxboot.conf line 2: serial: 'of' is not one of auto\|on\|off \(did you mean 'off'\?\)$" "line 2"
expect "^error: tdxboot.conf line 3: unknown key 'lgo' \(did you mean 'log'\?\)$" "line 3"
expect "^error: tdxboot.conf line 5 column 13: unterminated quote" "the quote's column"
expect "^error: tdxboot.conf line 6: unknown key 'bogus'$" "line 6"
expect "^error: tdxboot.conf line 7: ap_timeout_ms: '1' is not a number" "line 7"
expect "^error: tdxboot.conf line 8: unknown key 'kernal' \(did you mean 'kernel'\?\)$" "the 6th error is shown too"
expect "^error: 6 configuration errors" "all six counted"
expect_count 0 "^error: tdxboot.conf line [14]:"
expect "the line choosing the next image was rejected" "no image guessed"
expect "^error: cannot start the next image; returning to the firmware's boot manager$" "back to the firmware"
expect 'BdsDxe: failed to start Boot[0-9A-F]+ .*: Load Error$' "the firmware got an error back"
expect '^startup.nsh: the firmware moved on to the shell' "the next option ran"
if grep -Eq '^tdxboot: .*powering off' "$LOG.clean"; then
	fail "tdxboot powered off instead of returning to the firmware"
fi
# The host tool says the same, word for word.
grep '^error: tdxboot.conf line' "$LOG.clean" > "$dir/efi.err"
grep '^error: tdxboot.conf line' "$dir/check.err" > "$dir/host.err"
cmp -s "$dir/efi.err" "$dir/host.err" || {
	diff "$dir/efi.err" "$dir/host.err" >&2 || true
	fail "tdxboot-config's messages differ from tdxboot's"
}
