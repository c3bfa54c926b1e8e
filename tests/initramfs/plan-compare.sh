#!/bin/busybox sh
# /etc/tdxboot-check.d/plan-compare.sh in the test initramfs (run by /init
# after its handoff check): `tdxboot-plan --live` plans the running machine
# from what Linux exposes and is compared with the plan tdxboot itself made
# on this boot, read from the handoff table by tdxboot-inspect
# (docs/tdxboot-plan.md, "--live inside the QEMU guest").
#
# What Linux does not expose, and so what the comparison cannot ask of the
# live plan:
#  * the CMRs and the module's limits: a TDX host kernel prints the CMRs,
#    this guest's kernel does not (no TDX), so they come from the handoff
#    table (what the emulated module reported) and are handed to the tool
#    as its kmsg source (--root) and as limit options;
#  * the parallel policy: tdxboot splits TDMRs for a parallel TDMR.INIT
#    (parallel = yes, the default, which every QEMU test keeps); the table
#    holds the LP count, not the policy, so --parallel-lps is that count;
#  * the memory tdxboot planned its PAMTs in: tdxboot saw it free, and
#    reserved it (EfiReservedMemoryType), so Linux shows it as "Reserved";
#    the live plan has to put its PAMTs elsewhere.
# So: the TDMRs (base, size), their PAMT sizes and their reserved areas
# other than PAMTs must be equal; the PAMT addresses may differ, and then
# each of tdxboot's PAMTs must lie in a "Reserved" firmware-map range and
# each live PAMT in "System RAM".
say() { echo "tdxboot-check: plan-compare: $*"; }

[ -x /bin/tdxboot-plan ] && [ -x /bin/tdxboot-inspect ] || exit 0
# mem= and memmap= shrink what the kernel onlines: its memory blocks, the
# only NUMA source --live has, then cover part of the firmware map.
if grep -qE '(^| )(mem|memmap)=' /proc/cmdline; then
	say "not compared: the kernel was started with mem= or memmap=, so its NUMA memory blocks do not cover the firmware map"
	exit 0
fi
rc=0
/bin/tdxboot-inspect --json >/tmp/handoff.json 2>/tmp/handoff.err || rc=$?
if [ "$rc" != 0 ] || ! grep -q '"tdmrs":\[{' /tmp/handoff.json; then
	say "not compared: TDX is not initialized on this boot, or there is no table to read (tdxboot-inspect exit $rc)"
	exit 0
fi

flat() { tr -d ' \n' <"$1"; }
jnum() { flat "$2" | grep -o "\"$1\":[0-9]*" | head -n 1 | cut -d: -f2; }

# The tree --live reads: this machine's /sys and /proc, and a kernel log
# holding the CMR lines a TDX host kernel would print, and the limits.
root=/tmp/live-root
mkdir -p "$root/dev"
ln -sfn /sys "$root/sys"
ln -sfn /proc "$root/proc"
# (ash's arithmetic is 64-bit; busybox awk's is double.)
flat /tmp/handoff.json | sed 's/.*"cmrs":\[//; s/\].*//' | grep -o '"base":[0-9]*,"size":[0-9]*' |
	tr ':,' '  ' | tee /tmp/cmrs | while read -r _ base _ size; do
		printf '6,1,0,-;virt/tdx: CMR: [0x%x, 0x%x)\n' "$base" $((base + size))
	done >"$root/dev/kmsg"
p4=$(flat /tmp/handoff.json | grep -o '"pamt_entry_size":\[[0-9,]*' | cut -d[ -f2)
set -- $(echo "$p4" | tr , ' ')
dpamt=$(flat /tmp/handoff.json | grep -o '"dpamt":true')
echo "6,2,0,-;# limits: max_tdmrs=$(jnum max_tdmrs /tmp/handoff.json) max_rsvd=$(jnum max_reserved_per_tdmr /tmp/handoff.json) pamt_4k=$1 pamt_2m=$2 pamt_1g=$3 dpamt=${dpamt:+1}${dpamt:-0}" >>"$root/dev/kmsg"
lps=$(jnum n_lps /tmp/handoff.json)
say "$(grep -c CMR "$root/dev/kmsg") CMRs and the limits from the handoff table; --parallel-lps $lps"

rc=0
/bin/tdxboot-plan --live --root "$root" --json --parallel-lps "$lps" >/tmp/live.json 2>/tmp/live.err || rc=$?
sed 's/^tdxboot-plan: live: /source: /' /tmp/live.err | grep '^source: ' | while read -r l; do say "$l"; done
if [ "$rc" != 0 ]; then
	say "FAILED: tdxboot-plan --live exit $rc: $(head -c 300 /tmp/live.json)"
	exit 1
fi
# Linux shows which node memory is on only through memory blocks
# (/sys/devices/system/node/nodeN/memoryM, a kernel with memory hotplug);
# without them the live plan has one node 0 and cannot place PAMTs per
# node, which tdxboot did from the SRAT.  Said, not compared.
if grep -q 'system/node .*not found' /tmp/live.err &&
   [ "$(flat /tmp/handoff.json | grep -o '"pamt_node":[0-9]*' | sort -u | wc -l)" -gt 1 ]; then
	say "not compared: this kernel shows no memory blocks (no memory hotplug), so the live plan has one node and tdxboot's has PAMTs on several"
	exit 0
fi

# One line per TDMR: "tdmr BASE SIZE PAMT4K PAMT2M PAMT1G NODE", then its
# PAMT ranges "pamt BASE END" and reserved areas "rsvd BASE END" (absolute).
# Numbers stay strings: busybox awk's doubles print big ones as 1e+09.
tdmrs() { # json node-key
	# (schema 3's pamt_placement holds objects with a base and a size, its
	# free_range and shares_area_with: dropped, so that none starts a TDMR
	# record)
	flat "$1" | sed 's/.*"tdmrs":\[//; s/\],"excluded".*//; s/\],"pamt_nodes".*//' |
		sed 's/"free_range":{[^}]*}//g; s/"shares_area_with":\[[^]]*\]//g' |
		sed 's/{"base":/\n{"base":/g' | awk -v nk="$2" '
	function num(k,   r) { if (!match($0, "\"" k "\":[0-9]+")) return "?"
		r = substr($0, RSTART, RLENGTH); sub(/.*:/, "", r); return r }
	index($0, "{\"base\":") == 1 { b = num("base")
		print "tdmr", b, num("size"), num("pamt_4k_size"), num("pamt_2m_size"), num("pamt_1g_size"), num(nk)
		for (l = 0; l < 3; l++) { k = l == 0 ? "4k" : l == 1 ? "2m" : "1g"
			print "pamt", num("pamt_" k "_base"), num("pamt_" k "_size") }
		s = $0; sub(/.*"reserved":\[/, "", s)
		while (match(s, /"offset":[0-9]+,"size":[0-9]+/)) {
			r = substr(s, RSTART, RLENGTH); s = substr(s, RSTART + RLENGTH)
			split(r, f, /[:,]/); print "rsvd", b, f[2], f[4] } }'
}
tdmrs /tmp/handoff.json pamt_node >/tmp/fw.plan
tdmrs /tmp/live.json node >/tmp/live.plan

# The reserved bytes of a plan that are not its PAMTs (N), as sets: which
# of them are outside the CMRs (must be the same in both plans: the non-CMR
# parts of the TDMRs) and which are RAM in Linux's firmware map from 1 MiB
# up (must be none: no RAM hidden in a reserved area).  Doubles are exact
# below 2^53; printf %.0f prints them whole.
ivsets() { # plan -> "nc A B" and "nm A B" lines
	{ awk '$1 == "pamt" && $3 > 0 { print "P", $2, $2 + $3 }
	       $1 == "rsvd" { print "R", $2 + $3, $2 + $3 + $4 }' "$1"
	  awk '{ print "C", $2, $2 + $4 }' /tmp/cmrs
	  awk '{ print "M", $1, $2 + 1 }' /tmp/fw-ram; } | awk '
	{ k[NR] = $1; lo[NR] = $2 + 0; hi[NR] = $3 + 0; pt[++np] = $2 + 0; pt[++np] = $3 + 0 }
	END { pt[++np] = 1048576
		for (i = 2; i <= np; i++) for (j = i; j > 1 && pt[j - 1] > pt[j]; j--) {
			t = pt[j]; pt[j] = pt[j - 1]; pt[j - 1] = t }
		for (i = 1; i < np; i++) { a = pt[i]; b = pt[i + 1]; if (a == b) continue
			r = p = c = m = 0
			for (e = 1; e <= NR; e++) if (lo[e] <= a && b <= hi[e]) {
				if (k[e] == "R") r = 1; if (k[e] == "P") p = 1
				if (k[e] == "C") c = 1; if (k[e] == "M") m = 1 }
			if (r && !p && !c) printf "nc %.0f %.0f\n", a, b
			if (r && !p && m && a >= 1048576) printf "nm %.0f %.0f\n", a, b } }' |
	awk '$1 == k && $2 == e { e = $3; next } { if (k != "") printf "%s %.0f %.0f\n", k, s, e; k = $1; s = $2; e = $3 }
	     END { if (k != "") printf "%s %.0f %.0f\n", k, s, e }'
}
failed=""
n=$(grep -c '^tdmr' /tmp/fw.plan)
[ "$n" -gt 0 ] || { failed=" no-TDMRs-read"; say "no TDMR read from the handoff table's JSON"; }
if [ "$(grep '^tdmr' /tmp/fw.plan | cut -d' ' -f2-6)" != "$(grep '^tdmr' /tmp/live.plan | cut -d' ' -f2-6)" ]; then
	failed="$failed TDMRs"
	say "TDMRs differ: tdxboot: $(grep '^tdmr' /tmp/fw.plan | cut -d' ' -f2-3 | tr '\n' ' ')"
	say "              live:    $(grep '^tdmr' /tmp/live.plan | cut -d' ' -f2-3 | tr '\n' ' ')"
fi
[ "$(grep '^tdmr' /tmp/fw.plan | cut -d' ' -f7)" = "$(grep '^tdmr' /tmp/live.plan | cut -d' ' -f7)" ] || {
	failed="$failed PAMT-nodes"
	say "PAMT nodes differ: tdxboot: $(grep '^tdmr' /tmp/fw.plan | cut -d' ' -f7 | tr '\n' ' ') live: $(grep '^tdmr' /tmp/live.plan | cut -d' ' -f7 | tr '\n' ' ')"
}

# PAMT placement: equal, or explained by the firmware map.
fwmap() { # type -> "start end" (inclusive end, as sysfs gives it)
	for d in /sys/firmware/memmap/*; do
		[ "$(cat "$d/type")" = "$1" ] && echo "$(($(cat "$d/start"))) $(($(cat "$d/end")))"
	done
}
inside() { # base size type-ranges-file
	awk -v b="$1" -v s="$2" '$1 <= b + 0 && b + s - 1 <= $2 + 0 { f = 1 } END { exit !f }' "$3"
}
fwmap Reserved >/tmp/fw-reserved
fwmap "System RAM" >/tmp/fw-ram
ivsets /tmp/fw.plan >/tmp/fw.iv
ivsets /tmp/live.plan >/tmp/live.iv
[ "$(grep '^nc' /tmp/fw.iv)" = "$(grep '^nc' /tmp/live.iv)" ] || {
	failed="$failed non-CMR-reserved"
	say "reserved non-CMR bytes differ: tdxboot: $(grep '^nc' /tmp/fw.iv | tr '\n' ';') live: $(grep '^nc' /tmp/live.iv | tr '\n' ';')"
}
if grep -q '^nm' /tmp/fw.iv /tmp/live.iv; then
	failed="$failed RAM-reserved"
	say "System RAM in a reserved area that holds no PAMT: $(grep -H '^nm' /tmp/fw.iv /tmp/live.iv | tr '\n' ';')"
fi
same=0 moved=0
grep '^pamt' /tmp/fw.plan >/tmp/fw.pamt
grep '^pamt' /tmp/live.plan >/tmp/live.pamt
while read -r _ fb fs <&3 && read -r _ lb ls <&4; do
	[ "$fs" = 0 ] && continue
	if [ "$fb" = "$lb" ]; then same=$((same + 1)); continue; fi
	moved=$((moved + 1))
	inside "$fb" "$fs" /tmp/fw-reserved ||
		{ failed="$failed PAMT-place"; say "tdxboot's PAMT at $fb ($fs bytes) is not Reserved in the firmware map"; }
	inside "$lb" "$ls" /tmp/fw-ram ||
		{ failed="$failed PAMT-place"; say "the live PAMT at $lb ($ls bytes) is not System RAM in the firmware map"; }
done 3</tmp/fw.pamt 4</tmp/live.pamt
if [ -n "$failed" ]; then
	sed 's/^/tdxboot: /' /tmp/fw.plan | while read -r l; do say "$l"; done
	sed 's/^/live:    /' /tmp/live.plan | while read -r l; do say "$l"; done
	say "FAILED:$failed"
	exit 1
fi
say "ok ($n TDMRs, PAMT sizes and nodes equal; reserved non-CMR bytes equal ($(awk '$1 == "nc" { n += $3 - $2 } END { printf "%.0f", n }' /tmp/fw.iv) bytes), no System RAM reserved; PAMTs: $same at tdxboot's address, $moved moved because Linux shows tdxboot's as Reserved)"
