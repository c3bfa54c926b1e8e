#!/bin/sh
# SPDX-License-Identifier: MIT
# tdxboot-inspect on tables built by core/handoff_build (handoff-mktable):
# the text and JSON reports, the exit codes, and the sysfs + /dev/mem route
# against a fake /sys and a sparse fake /dev/mem.
#
#   tests/handoff/inspect.sh build/tdxboot-inspect build/host/handoff-mktable
set -u
INSPECT=$1
MKTABLE=$2
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
pass=0 fail=0

ok()  { pass=$((pass + 1)); echo "ok - $1"; }
bad() { fail=$((fail + 1)); echo "FAIL - $1"; }

# expect NAME WANT_RC NEEDLE -- ARGS: runs inspect, checks the exit code and
# that stdout+stderr contain NEEDLE.
expect() {
	name=$1 want=$2 needle=$3
	shift 4
	out=$("$INSPECT" "$@" 2>&1)
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		bad "$name: exit $rc, want $want"; echo "$out" | sed 's/^/    /' | head -20
	elif ! printf '%s' "$out" | grep -qF -- "$needle"; then
		bad "$name: no '$needle'"; echo "$out" | sed 's/^/    /' | head -20
	else
		ok "$name"
	fi
}

"$MKTABLE" "$DIR" || { echo "handoff-mktable failed"; echo "0 passed, 1 failed"; exit 1; }

expect ready-text 0 "24636 KB allocated for PAMT" -- --file "$DIR/ready.bin"
expect ready-tdmr 0 "TDMR [0x180000000, 0x200000000): PAMT [0x1c0000000, 0x1c0805000) 8212 KB on node 1, 1 reserved area" -- --file "$DIR/ready.bin"
expect ready-rsvd 0 "reserved [0x17fe00000, 0x180000000)" -- --file "$DIR/ready.bin"
expect ready-json 0 '"pamt_kb":24636' -- --file "$DIR/ready.bin" --json
expect failed-text 1 "SEAMCALL status 0x8000080000000000 (TDX_KEY_GENERATION_FAILED)" -- --file "$DIR/failed.bin"
expect failed-step 1 "status: rolled_back at step key_config; module unusable (emulated)" -- --file "$DIR/failed.bin"
expect failed-json 1 '"lp_index":5' -- --file "$DIR/failed.bin" --json
expect skipped 1 "status: skipped at step preflight" -- --file "$DIR/skipped.bin"
expect corrupt 2 "invalid handoff table: CRC-32 mismatch" -- --file "$DIR/corrupt.bin"
expect corrupt-json 2 '"valid":false' -- --file "$DIR/corrupt.bin" --json
expect missing-file 2 "No such file" -- --file "$DIR/nope.bin"
expect sysfs-route 0 "at 0x7e9f0000" -- --sysfs "$DIR/sysfs" --mem "$DIR/mem.img"
expect phys-route 0 '"phys":2124349440' -- --phys 0x7e9f0000 --mem "$DIR/mem.img" --json
expect phys-wrong 2 "bad signature" -- --phys 0x7e9f1000 --mem "$DIR/mem.img"
expect no-efi 2 "not booted through EFI" -- --sysfs "$DIR/none" --mem "$DIR/mem.img"
expect usage 3 "usage:" -- --file a --phys 0x1000

# No config-table count in boot_params: the blind scan still finds it.
rm "$DIR/sysfs/kernel/boot_params/data"
expect sysfs-blind 0 "at 0x7e9f0000" -- --sysfs "$DIR/sysfs" --mem "$DIR/mem.img"

# No config_table at all: the TdxbootTableAddress EFI variable (UTF-16LE).
rm "$DIR/sysfs/firmware/efi/config_table"
mkdir -p "$DIR/sysfs/firmware/efi/efivars"
printf '\007\000\000\000' >"$DIR/efivar"
for c in 0 x 7 e 9 f 0 0 0 0; do printf '%s\000' "$c"; done >>"$DIR/efivar"
printf '\000\000' >>"$DIR/efivar"
cp "$DIR/efivar" "$DIR/sysfs/firmware/efi/efivars/TdxbootTableAddress-c6673b3d-499e-4fbb-b96f-17de63446059"
expect efivar-route 0 "at 0x7e9f0000" -- --sysfs "$DIR/sysfs" --mem "$DIR/mem.img"

# --dump writes the exact table, which reads back the same.
"$INSPECT" --phys 0x7e9f0000 --mem "$DIR/mem.img" --dump "$DIR/dump.bin" -q
if cmp -s "$DIR/dump.bin" "$DIR/ready.bin"; then ok dump; else bad dump; fi

# --check-iomem: /proc/iomem against the ready table's TDMRs and PAMTs
# (TDMRs [0,2G) [4G,6G) [6G,8G); PAMTs at 0x7e000000 and 0x1c0000000).
cat > "$DIR/iomem.good" <<'IOMEM'
00000000-00000fff : Reserved
00001000-0009ffff : System RAM
000a0000-000fffff : Reserved
  000f0000-000fffff : System ROM
00100000-7dffffff : System RAM
  01000000-01ffffff : Kernel code
7e000000-7f009fff : Reserved
7f00a000-7fffffff : System RAM
100000000-17fdfffff : System RAM
17fe00000-17fffffff : Reserved
180000000-1bfffffff : System RAM
1c0000000-1c0804fff : Reserved
1c0805000-1ffffffff : System RAM
IOMEM
expect iomem-good 0 "iomem: 9 PAMT ranges Reserved and outside System RAM; 5 System RAM ranges inside TDMR non-reserved space" \
	-- --file "$DIR/ready.bin" --check-iomem "$DIR/iomem.good"
sed 's/^7e000000-7f009fff : Reserved/7e000000-7f009fff : System RAM/' "$DIR/iomem.good" > "$DIR/iomem.pamt-ram"
expect iomem-pamt-in-ram 4 "iomem: PAMT [0x7e000000, 0x7e800000) overlaps System RAM [0x7e000000, 0x7f00a000)" \
	-- --file "$DIR/ready.bin" --check-iomem "$DIR/iomem.pamt-ram"
sed 's/^17fe00000-17fffffff : Reserved/17fe00000-17fffffff : System RAM/' "$DIR/iomem.good" > "$DIR/iomem.ram-rsvd"
sed 's/^1c0000000-1c0804fff : Reserved/1c0000000-1c0804fff : System RAM/' "$DIR/iomem.good" > "$DIR/iomem.pamt-ram.released"
expect iomem-ram-in-reserved-area 4 "iomem: System RAM at 0x17fe00000 (in [0x17fe00000, 0x180000000)) is outside TDMR non-reserved space" \
	-- --file "$DIR/ready.bin" --check-iomem "$DIR/iomem.ram-rsvd"
printf '200000000-23fffffff : System RAM\n' >> "$DIR/iomem.good"
expect iomem-ram-beyond-tdmrs 4 "iomem: System RAM at 0x200000000" \
	-- --file "$DIR/ready.bin" --check-iomem "$DIR/iomem.good"

# After a rollback (1.2 RELEASED) each given-back PAMT range must be System
# RAM again: the same 9 PAMT ranges, now released.
sed 's/^7e000000-7f009fff : Reserved/7e000000-7f009fff : System RAM/; s/^1c0000000-1c0804fff : Reserved/1c0000000-1c0804fff : System RAM/' \
	"$DIR/iomem.good" > "$DIR/iomem.released"
expect released-text 1 "released: 9 PAMT ranges, " -- --file "$DIR/failed.bin"
expect released-json 1 '"released":[{"base":2113929216,' -- --file "$DIR/failed.bin" --json
expect iomem-released 1 "iomem: 9 released PAMT ranges back in System RAM" \
	-- --file "$DIR/failed.bin" --check-iomem "$DIR/iomem.released"
expect iomem-released-still-reserved 4 "iomem: released PAMT [0x7e000000, 0x7e800000) is not System RAM" \
	-- --file "$DIR/failed.bin" --check-iomem "$DIR/iomem.pamt-ram.released"

# The JSON parses, when python3 is there to say so.
if command -v python3 >/dev/null; then
	for t in ready failed skipped corrupt; do
		if "$INSPECT" --file "$DIR/$t.bin" --json 2>/dev/null | python3 -c 'import json,sys; json.load(sys.stdin)'; then
			ok "json-parses-$t"
		else
			bad "json-parses-$t"
		fi
	done
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
