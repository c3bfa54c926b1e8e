#!/bin/sh
# The kernel series (docs/kernel.md) booted through tdxboot with the
# emulated TDX module.  The kernel is the TEST kernel (`make kernel-test`:
# the series plus kernel/linux/test/, which routes SEAMCALL, the modelled
# MSRs and VMXON to tdxboot's emulated module, whose state tdxboot left in
# reserved memory: the "emulated SEAMRR").  Every status the kernel sees is
# the emulated module's answer.  Five boots, every assertion read from the
# serial log:
#
#  1. tdxboot succeeds (emulated): Linux finds the table, validates and
#     reserves it and the PAMTs in setup_arch(), imports the TDMRs and PAMTs,
#     checks memblock against them, verifies every CPU through TDH.SYS.RD,
#     reads the module's limits, checks KeyIDs and MSRs, finds every TDMR
#     initialized through TDH.SYS.TDMR.INIT, and adopts the module: "module
#     initialized by firmware (tdxboot): N TDMRs, X KB PAMT" with tdxboot's
#     own figures.  The redirect prints the SEAMCALLs per leaf.
#  2. The same, with Linux told (memmap=exactmap) that a PAMT is RAM, and the
#     redirect off (tdxboot_emu=off: the product kernel's view): the memblock
#     check fails and names the range, and the emulated handoff is refused.
#  3. An injected TDH.SYS.TDMR.INIT failure (as test-rollback.sh): the table
#     says rolled back; Linux reports why and falls back to its own TDX
#     initialization, importing and reserving nothing.
#  4. backend=auto on this machine without TDX: tdxboot skips; the handoff
#     is not emulated, and Linux reports the skip and falls back.
#  5. kexec (docs/kernel.md, the kexec lifecycle): the first kernel adopts
#     and marks the table CONSUMED; it kexecs itself with Debian's
#     kexec-tools in the guest; the second kernel finds the table again,
#     reserves the PAMTs again (the same KB), does not adopt a consumed
#     table, and its initramfs's iomem check passes (PAMTs Reserved).
#
# tests/qemu/test-kernel-negative.sh has the boots in which the module or
# the platform is not what the table says.
#
# Opt-in: `make test-kernel` sets TDXBOOT_TEST_KERNEL=1.  `make test` runs
# every tests/qemu/test-*.sh and must not need a 10-minute kernel build.
set -eu
. tests/qemu/lib.sh
kernel_test_inputs
dir=${WORK:-/tmp}/kernel
mkdir -p "$dir"
demo=iso/chainload-demo.conf   # with no_timer_check (TCG under load)

# The ISO of iso/chainload-demo.conf with the patched kernel as vmlinuz.
# $1: extra config lines.
make_iso() {
	{ cat iso/tdxboot.conf "$demo"; printf '%s' "$1"; } > "$dir/tdxboot.conf"
	iso/mkiso.sh "$dir/k.iso" build/tdxboot.efi "$dir/tdxboot.conf" \
		"$kernel:/EFI/BOOT/vmlinuz" build/initrd.img build/initrd-extra.img \
		"$blob" >/dev/null
}

# ---- 1. success, emulated
LOG=$dir/kernel-ok.log
make_iso ""
boot_iso "$dir/k.iso" --timeout 180

expect '^tdxboot: report complete in [0-9]+ ms; starting vmlinuz$' "tdxboot chainloads the patched kernel"
expect '\] Linux version 7\.3\.[0-9]+' "the patched 7.3 kernel boots"
expect '\] efi: .* TDXBOOT=0x[0-9a-f]+' "the EFI code records the tdxboot config table"
expect '\] virt/tdx: tdxboot: handoff table at \[mem 0x[0-9a-f]+-0x[0-9a-f]+\] reserved$' \
	"setup_arch() validates and memblock-reserves the table"
expect '\] virt/tdx: tdxboot: reserved [1-9][0-9]* PAMT ranges of [1-9][0-9]* TDMRs, [1-9][0-9]* KB$' \
	"setup_arch() memblock-reserves the PAMTs"
expect '\] virt/tdx: tdxboot handoff validated: version 1\.[0-9]+, [0-9]+ bytes at 0x[0-9a-f]+, from tdxboot [0-9.]+ \([0-9a-f]+\): success, module ready, emulated$' \
	"the handoff is validated again and reported"
# The same TDMRs and PAMT total as tdxboot printed before starting Linux.
tdmrs=$(grep -Ec '\] virt/tdx: tdxboot: TDMR \[0x[0-9a-f]+, 0x[0-9a-f]+\): PAMT \[0x[0-9a-f]+, 0x[0-9a-f]+\) on node [0-9]+, [0-9]+ reserved areas$' "$LOG.clean" || true)
[ "$tdmrs" -ge 1 ] || fail "expected the imported TDMRs to be listed"
fw_kb=$(sed -nE 's/^tdx: ([0-9]+) KB allocated for PAMT.*/\1/p' "$LOG.clean" | head -1)
[ -n "$fw_kb" ] || fail "tdxboot's 'KB allocated for PAMT' line"
expect "\\] virt/tdx: tdxboot: reserved [0-9]+ PAMT ranges of $tdmrs TDMRs, $fw_kb KB\$" \
	"the PAMTs reserved are tdxboot's ($fw_kb KB, $tdmrs TDMRs)"
expect "\\] virt/tdx: tdxboot: imported $tdmrs TDMRs and their PAMTs, $fw_kb KB\$" \
	"the TDMRs and PAMTs are imported into tdx_tdmr_list ($tdmrs TDMRs, $fw_kb KB)"
expect '\] virt/tdx: tdxboot: all [1-9][0-9]* memblock regions lie in TDMR non-reserved space$' \
	"every memblock region lies in TDMR non-reserved space"
expect '\] virt/tdx: tdxboot-emu: TEST: SEAMCALL, modelled MSRs and VMXON go to tdxboot.s emulated module \(state at 0x[0-9a-f]+, [0-9]+ KB, 4 LPs\)$' \
	"the test kernel attaches to the emulated SEAMRR tdxboot left behind"
expect '\] virt/tdx: BIOS enabled: private KeyID range \[32, 64\)$' \
	"tdx_init() reads the KeyIDs from the emulated platform's IA32_MKTME_KEYID_PARTITIONING"
expect '\] virt/tdx: tdxboot: verified through TDH.SYS.RD on 4 CPUs, TDH.SYS.LP.INIT 0, TDH.SYS.TDMR.INIT '"$tdmrs"'$' \
	"every CPU answers TDH.SYS.RD (LP.INIT done), every TDMR answers TDMR.INIT ALREADY_INITIALIZED"
expect "\\] virt/tdx: module initialized by firmware \\(tdxboot\\): $tdmrs TDMRs, $fw_kb KB PAMT\$" \
	"the kernel adopts the module tdxboot configured ($tdmrs TDMRs, $fw_kb KB PAMT)"
expect '\] virt/tdx: TDX-Module initialized$' "and 7.3's tdx_enable() completes"
# The SEAMCALLs of the bring-up, counted by the emulated module itself.
expect '\] virt/tdx: tdxboot-emu: TEST: SEAMCALL sys_rd x [0-9]+$' "TDH.SYS.RD is counted"
expect "\\] virt/tdx: tdxboot-emu: TEST: SEAMCALL tdmr_init x $tdmrs\$" "one TDH.SYS.TDMR.INIT per TDMR"
expect_count 0 'tdxboot-emu: TEST: SEAMCALL (sys_init|lp_init|sys_config|key_config) x'
expect_count 0 'virt/tdx: .*(invalid|cannot|disabling TDX|not adopting|emulated TDX module: not enabling)'
expect 'Run /init as init process' "Linux reaches the initramfs"
expect '^tdxboot-check: initrd ok \(2 archives concatenated\)' "both initrds reached the patched kernel"
expect '^tdxboot-check: memreserve ok' "the PAMTs are in LINUX_EFI_MEMRESERVE_TABLE too"
expect '^tdxboot-check: handoff ok' "tdxboot-inspect reads the table from the patched kernel"
expect '^tdxboot-check: verdict: ok$' "the initramfs's verdict"
expect '\] reboot: Power down' "Linux powered the machine off"

# ---- 2. memblock outside the TDMRs: the import is refused
# The same machine, but Linux is told (memmap=exactmap) that the first PAMT
# is RAM: it lies in a TDMR reserved area, so the check must fail and name
# it.  tdxboot_reserve() keeps those pages reserved all the same.  The map
# is boot 1's usable e820 ranges plus that PAMT.
pamt=$(sed -nE 's/.*virt\/tdx: tdxboot: TDMR \[0x[0-9a-f]+, 0x[0-9a-f]+\): PAMT \[(0x[0-9a-f]+), (0x[0-9a-f]+)\).*/\1 \2/p' "$LOG.clean" | head -1)
map="memmap=exactmap"
for r in $(sed -nE 's/.*BIOS-e820: \[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\] +(usable|System RAM)$/\1-\2/p' "$LOG.clean"); do
	map="$map memmap=$(printf '0x%x@0x%x' $((${r#*-} + 1 - ${r%-*})) $((${r%-*})))"
done
set -- $pamt
map="$map memmap=$(printf '0x%x@0x%x' $(($2 - $1)) $(($1)))"
LOG=$dir/kernel-memmap.log
{ cat iso/tdxboot.conf; sed "s/^options = .*/& $map tdxboot_emu=off/" "$demo"; } > "$dir/tdxboot.conf"
iso/mkiso.sh "$dir/k.iso" build/tdxboot.efi "$dir/tdxboot.conf" \
	"$kernel:/EFI/BOOT/vmlinuz" build/initrd.img build/initrd-extra.img \
	"$blob" >/dev/null
boot_iso "$dir/k.iso" --timeout 180

expect "Command line: .*memmap=exactmap" "Linux got the doctored memory map"
expect '\] virt/tdx: tdxboot-emu: TEST: redirect off \(tdxboot_emu=off\)' "the redirect is off, as in the product kernel"
expect "\\] virt/tdx: tdxboot: memory \\[mem 0x[0-9a-f]+-0x[0-9a-f]+\\] on node 0 is not in TDMR non-reserved space \\(from $1 on\\)\$" \
	"the check names the memory in the PAMT's reserved area ($1)"
expect '\] virt/tdx: tdxboot: 1 of [0-9]+ memblock regions are outside tdxboot.s TDMRs, which this kernel cannot change$' \
	"the check counts the offending regions"
expect '\] virt/tdx: tdxboot.s TDX configuration cannot be adopted \(-22\)$' "the import is refused"
expect '\] virt/tdx: tdxboot handoff is from an emulated TDX module: not enabling TDX' "and TDX is not enabled"
expect_count 0 'memblock regions lie in TDMR non-reserved space'
expect 'Run /init as init process' "Linux still boots"

# ---- 3. tdxboot rolled back: the kernel falls back
LOG=$dir/kernel-rollback.log
make_iso 'emu_fault = tdmr_init:TDX_OPERAND_INVALID:100
'
boot_iso "$dir/k.iso" --timeout 180

expect '^tdx: rollback: [0-9]+ KB of PAMT returned to the firmware$' "tdxboot rolled back"
expect '\] efi: .* TDXBOOT=0x[0-9a-f]+' "the table is still published"
expect '\] virt/tdx: tdxboot: handoff table at \[mem 0x[0-9a-f]+-0x[0-9a-f]+\] reserved$' "the table is reserved"
expect_count 0 'virt/tdx: tdxboot: reserved [0-9]+ PAMT ranges'
expect '\] virt/tdx: tdxboot handoff validated: version 1\.[0-9]+, .*: rolled_back, module [a-z_]+, emulated$' \
	"the kernel reads the outcome"
expect '\] virt/tdx: tdxboot: rolled_back at tdmr_init \(SEAMCALL status 0xc000010000000000\): ' \
	"the kernel says where and why tdxboot failed"
expect '\] virt/tdx: tdxboot did not initialize the TDX module: falling back to the kernel.s own TDX initialization$' \
	"the kernel falls back with a message"
expect_count 0 'virt/tdx: tdxboot: (imported|TDMR \[)'
expect_count 0 'module initialized by firmware'
expect '^tdxboot-check: efivar TdxbootStatus = .*tdmr_init' "the initramfs sees the same failure"
expect 'Run /init as init process' "Linux reaches the initramfs"
expect '\] reboot: Power down' "Linux powered the machine off"
# ---- 4. backend=auto on a machine without TDX: tdxboot skips, not emulated
LOG=$dir/kernel-skipped.log
{ cat iso/tdxboot.conf; sed 's/^backend = .*/backend = auto/' "$demo"; } > "$dir/tdxboot.conf"
iso/mkiso.sh "$dir/k.iso" build/tdxboot.efi "$dir/tdxboot.conf" \
	"$kernel:/EFI/BOOT/vmlinuz" build/initrd.img build/initrd-extra.img \
	"$blob" >/dev/null
boot_iso "$dir/k.iso" --timeout 180

expect '\] virt/tdx: tdxboot handoff validated: version 1\.[0-9]+, .*: skipped, module [a-z_]+$' \
	"a real (not emulated) handoff that skipped is read"
expect '\] virt/tdx: tdxboot: skipped at [a-z_]+ \(SEAMCALL status 0x0+\): .' "the kernel says why"
expect '\] virt/tdx: tdxboot did not initialize the TDX module: falling back to the kernel.s own TDX initialization$' \
	"and falls back"
expect_count 0 'virt/tdx: tdxboot: (reserved [0-9]+ PAMT|imported|TDMR \[)'
expect 'Run /init as init process' "Linux boots"

# ---- 5. kexec into the same kernel
# A third initrd carries the hook, /sbin/kexec with its libraries and
# /boot/vmlinuz; the second kernel's initrd (/boot/initrd2) is the first
# three archives without the payload, so it does not kexec again.
kx=$dir/kexec
rm -rf "$kx" && mkdir -p "$kx/hook/etc/tdxboot-check.d" "$kx/hook/sbin" "$kx/payload/boot"
command -v kexec >/dev/null || fail "kexec (kexec-tools) missing: make test-kernel installs it"
cp tests/qemu/kexec-check.sh "$kx/hook/etc/tdxboot-check.d/kexec.sh"
cp "$(command -v kexec)" "$kx/hook/sbin/kexec"
for lib in $(ldd "$(command -v kexec)" | sed -nE 's/.*=> (\/[^ ]+).*/\1/p; s/^[[:space:]]*(\/[^ ]+) .*/\1/p'); do
	mkdir -p "$kx/hook$(dirname "$lib")"
	cp "$lib" "$kx/hook$lib"
done
pack() { (cd "$1" && find . | LC_ALL=C sort | busybox cpio -o -H newc 2>/dev/null) | gzip -1n > "$2"; }
pack "$kx/hook" "$kx/hook.img"
cat build/initrd.img build/initrd-extra.img "$kx/hook.img" > "$kx/payload/boot/initrd2"
cp "$kernel" "$kx/payload/boot/vmlinuz"
pack "$kx/payload" "$kx/payload.img"
LOG=$dir/kernel-kexec.log
{ cat iso/tdxboot.conf; cat "$demo"; printf 'initrd = hook.img\ninitrd = payload.img\n'; } > "$dir/tdxboot.conf"
iso/mkiso.sh "$dir/k.iso" build/tdxboot.efi "$dir/tdxboot.conf" \
	"$kernel:/EFI/BOOT/vmlinuz" build/initrd.img build/initrd-extra.img \
	"$blob" "$kx/hook.img" "$kx/payload.img" >/dev/null
boot_iso "$dir/k.iso" --timeout 300

expect '^tdxboot-check: kexec: loading the same kernel$' "the first kernel loads itself with kexec-tools"
expect_count 2 '\] Linux version 7\.3\.[0-9]+'
expect 'Command line: .*tdxboot\.kexec=2' "the second kernel starts"
expect_count 1 '\] virt/tdx: tdxboot handoff validated: version 1\.[0-9]+, .*: success, module ready, emulated$'
expect_count 1 '\] virt/tdx: tdxboot handoff validated: version 1\.[0-9]+, .*: success, module ready, emulated, consumed$'
expect_count 2 "\\] virt/tdx: tdxboot: reserved [0-9]+ PAMT ranges of $tdmrs TDMRs, $fw_kb KB\$"
expect_count 1 "\\] virt/tdx: module initialized by firmware \\(tdxboot\\): $tdmrs TDMRs, $fw_kb KB PAMT\$"
expect '\] virt/tdx: tdxboot handoff was consumed by an earlier kernel: it no longer describes the TDX module; not adopting$' \
	"the second kernel does not adopt the table the first one consumed"
expect '^tdxboot-check: kexec: second kernel up$' "the second kernel's initramfs runs"
expect '^tdxboot-check: handoff ok' "tdxboot-inspect reads the table after kexec"
expect '^tdxboot-check: verdict: ok$' "the second kernel's verdict (iomem: PAMTs Reserved)"
expect_count 1 '^tdxboot-check: verdict:'

echo "test-kernel: adopted the emulated module with $tdmrs TDMRs, $fw_kb KB of PAMT; memblock check refuses RAM at $1; rollback and skip fall back; kexec: consumed, not adopted again, PAMTs still reserved"
