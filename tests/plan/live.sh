#!/bin/bash
# SPDX-License-Identifier: MIT
# tdxboot-plan --live on a fake sysfs/procfs/kmsg tree (--root DIR): the
# plan it makes must be the plan of the same machine written as a log, and
# the judges must accept it; each missing source is named with what it means.
#
#   tests/plan/live.sh TOOL JUDGE
# Closing line: "N passed, N failed".
set -u
tool=$1 judge=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { echo "ok - $1"; pass=$((pass + 1)); }
bad() { echo "FAIL - $1: $2"; fail=$((fail + 1)); }

root=$tmp/root
memmap() {  # N start end type
	mkdir -p "$root/sys/firmware/memmap/$1"
	echo "$2" >"$root/sys/firmware/memmap/$1/start"
	echo "$3" >"$root/sys/firmware/memmap/$1/end"
	echo "$4" >"$root/sys/firmware/memmap/$1/type"
}
blocks() {  # node first last (128 MiB blocks)
	mkdir -p "$root/sys/devices/system/node/node$1"
	for ((i = $2; i <= $3; i++)); do
		ln -s "../../memory/memory$i" "$root/sys/devices/system/node/node$1/memory$i"
	done
}
# Two nodes: node 0 [0, 2G) and [4G, 10G), node 1 [10G, 18G); a 32-bit hole.
memmap 3 0x100000 0x7fffffff "System RAM"     # directory order is not address order
memmap 0 0x0 0x9ffff "System RAM"
memmap 1 0xa0000 0xfffff "Reserved"
memmap 2 0x80000000 0xffffffff "Reserved"
memmap 10 0x100000000 0x27fffffff "System RAM"
memmap 11 0x280000000 0x47fffffff "System RAM"
memmap 12 0xfed00000 0xfed00fff "ACPI Non-volatile Storage"
mkdir -p "$root/sys/devices/system/memory" "$root/dev" "$root/proc"
echo 8000000 >"$root/sys/devices/system/memory/block_size_bytes"
blocks 0 0 15
blocks 0 32 79
blocks 1 80 143
# kmsg records: the CMRs; an e820 line that is NOT read (RAM outside the
# CMRs: taking it would make the plan fail), noise.
cat >"$root/dev/kmsg" <<'K'
6,1,0,-;Linux version 6.8.0 (test)
6,2,0,-;BIOS-e820: [mem 0x0000000500000000-0x00000005ffffffff] usable
6,300,1000,-;virt/tdx: BIOS enabled: private KeyID range [32, 64)
6,301,1000,-;virt/tdx: CMR: [0x100000, 0x80000000)
6,302,1000,-;virt/tdx: CMR: [0x100000000, 0x480000000)
K
# The same machine as a log.
cat >"$tmp/same.log" <<'L'
BIOS-e820: [mem 0x0000000000000000-0x000000000009ffff] usable
BIOS-e820: [mem 0x00000000000a0000-0x00000000000fffff] reserved
BIOS-e820: [mem 0x0000000000100000-0x000000007fffffff] usable
BIOS-e820: [mem 0x0000000080000000-0x00000000ffffffff] reserved
BIOS-e820: [mem 0x0000000100000000-0x000000047fffffff] usable
ACPI: SRAT: Node 0 PXM 0 [mem 0x00000000-0x7fffffff]
ACPI: SRAT: Node 0 PXM 0 [mem 0x100000000-0x27fffffff]
ACPI: SRAT: Node 1 PXM 1 [mem 0x280000000-0x47fffffff]
virt/tdx: CMR: [0x100000, 0x80000000)
virt/tdx: CMR: [0x100000000, 0x480000000)
L
# Its ground truth for the judge (format: tests/plan/gen_corpus.py).
cat >"$tmp/same.truth" <<'T'
limits max_tdmrs=64 max_rsvd=16 pamt_4k=16 pamt_2m=16 pamt_1g=16 dpamt=0 dpamt_bits=1
ram 0x100000 0x80000000 free
ram 0x100000000 0x480000000 free
cmr 0x100000 0x80000000
cmr 0x100000000 0x480000000
node 0 0x0 0x80000000
node 0 0x100000000 0x280000000
node 1 0x280000000 0x480000000
T
strip() { grep -v '"name"\|"warnings"\|"tool"' "$1"; }

"$tool" --live --root "$root" --json >"$tmp/live.json" 2>"$tmp/live.err"
rc=$?
"$tool" --json "$tmp/same.log" >"$tmp/log.json" 2>/dev/null
if [ $rc != 0 ]; then
	bad live-plans "exit $rc: $(cat "$tmp/live.err") $(head -c 300 "$tmp/live.json")"
elif ! diff <(strip "$tmp/live.json") <(strip "$tmp/log.json") >"$tmp/diff"; then
	bad live-equals-log "$(head -20 "$tmp/diff")"
else
	ok live-equals-log
fi
if grep -q '"node": 1, "pamt_bytes"' "$tmp/live.json"; then ok live-two-nodes
else bad live-two-nodes "no PAMT on node 1: $(grep '"nodes"' "$tmp/live.json")"; fi
if "$judge" "$tmp/same.truth" "$tmp/live.json" >"$tmp/judge.txt" 2>&1; then ok live-judged
else bad live-judged "$(head -5 "$tmp/judge.txt")"; fi
for src in "/sys/firmware/memmap (firmware memory map): 7 entries" \
	   "NUMA ranges from memory blocks): 3 entries" "CMR lines (TDX host kernel): 2 entries"; do
	if grep -qF "$src" "$tmp/live.err"; then ok "live-says $src"
	else bad live-says "'$src' not in: $(cat "$tmp/live.err")"; fi
done

# No firmware map: /proc/iomem, said.
rm -rf "$root/sys/firmware"
cat >"$root/proc/iomem" <<'I'
00000000-00000fff : Reserved
00001000-0009ffff : System RAM
000a0000-000fffff : Reserved
00100000-7fffffff : System RAM
  01000000-01ffffff : Kernel code
80000000-ffffffff : PCI Bus 0000:00
100000000-47fffffff : System RAM
I
"$tool" --live --root "$root" >"$tmp/iomem.txt" 2>"$tmp/iomem.err"
rc=$?
if [ $rc = 0 ] && grep -q "memmap (firmware memory map): not found; using /proc/iomem" "$tmp/iomem.err" &&
   grep -q "/proc/iomem: 6 entries" "$tmp/iomem.err"; then ok live-iomem-fallback
else bad live-iomem-fallback "exit $rc: $(cat "$tmp/iomem.err")"; fi

# No kernel log: no CMRs, no plan, and the reason.
rm -f "$root/dev/kmsg"
"$tool" --live --root "$root" >"$tmp/nokmsg.txt" 2>"$tmp/nokmsg.err"
rc=$?
if [ $rc = 1 ] && grep -q "kmsg CMR lines (TDX host kernel): not found; no CMRs" "$tmp/nokmsg.err"; then
	ok live-no-kmsg
else bad live-no-kmsg "exit $rc: $(cat "$tmp/nokmsg.err")"; fi

# --live takes no log; --root only with --live.
"$tool" --live "$tmp/same.log" >/dev/null 2>&1; rc=$?
[ $rc = 2 ] && ok live-no-log-argument || bad live-no-log-argument "exit $rc"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
