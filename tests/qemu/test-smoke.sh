#!/bin/sh
# The foundation's boot test: the default machine (4 vCPUs in 2 sockets,
# 2 NUMA nodes of 2 GiB, OVMF under TCG) boots the ISO; tdxboot reports the
# firmware, the memory map, every CPU with a distinct APIC ID that the CPU
# itself confirmed, both NUMA nodes with their ranges; then it chainloads
# Debian's cloud kernel with the test initramfs (two initrds through
# LoadFile2), whose /init checks what it was handed and powers off.
set -eu
. tests/qemu/lib.sh
LOG=${WORK:-/tmp}/smoke.log
boot_iso "${ISO:-build/tdxboot.iso}" --timeout 180

expect '^tdxboot [0-9]+\.[0-9]+\.[0-9]+ \(' "version banner"
expect '^firmware: EDK II rev 0x[0-9a-f]+, UEFI 2\.' "firmware vendor and revision"
expect '^config: \\EFI\\BOOT\\tdxboot.conf$' "config file read from beside the binary"
expect '^memory map: [0-9]+ descriptors' "memory map summary"
expect '^  Conventional +[0-9]+ entries' "conventional memory listed"
expect '^  RAM: (3\.[89]|4) GiB usable by the OS' "total RAM close to 4 GiB"
expect '^cpus: 4 logical processors \(4 enabled\) in 2 packages$' "4 CPUs in 2 packages"
expect_count 4 '^  cpu [0-3]: APIC 0x[0-9a-f]+ package [01] core [01] thread 0.* cpuid-apic 0x[0-9a-f]+ ok$'
# Distinct APIC IDs, each confirmed by CPUID on that CPU.
ids=$(grep -E '^  cpu [0-9]+: APIC' "$LOG.clean" | sed -E 's/.*APIC (0x[0-9a-f]+).*/\1/' | sort -u | wc -l)
[ "$ids" = 4 ] || fail "expected 4 distinct APIC IDs, found $ids"
expect_count 2 '^  cpu [0-9]: APIC .* package 1 '
expect '^acpi: MADT lists 4 enabled CPUs' "MADT CPU count"
expect '^numa: 2 nodes from SRAT$' "2 NUMA nodes"
expect '^  node 0 \(proximity domain 0\):.* \[0x100000-0x80000000\).*; cpus 0 1$' "node 0 range and CPUs"
expect '^  node 1 \(proximity domain 1\): \[0x100000000-0x180000000\) 2 GiB; cpus 2 3$' "node 1 range and CPUs"
expect '^tdxboot: report complete in [0-9]+ ms; starting vmlinuz$' "report, then the chainload"
expect '^chainload: initrd .* in 2 files through LINUX_EFI_INITRD_MEDIA_GUID$' "both initrds served"
expect 'EFI stub: Loaded initrd from LINUX_EFI_INITRD_MEDIA_GUID device path' "the stub took the LoadFile2 initrd"
expect '\] Linux version [0-9]' "Linux booted"
expect '^tdxboot-check: command line ok' "the command line reached Linux"
expect '^tdxboot-check: initrd ok \(2 archives concatenated\)' "both initrds reached Linux"
expect '^tdxboot-check: efivars ok' "tdxboot's EFI variables reached Linux"
expect '^tdxboot-check: memreserve ok' "every PAMT range is in LINUX_EFI_MEMRESERVE_TABLE"
expect '^tdx: success \(emulated\)$' "TDX initialized (emulated) before the kernel"
expect '^tdxboot-check: handoff ok' "Linux found and validated the handoff table"
expect '^tdxboot-check: iomem ok \([0-9]+ PAMT ranges Reserved and outside System RAM; [0-9]+ System RAM ranges inside TDMR non-reserved space\)' \
	"Linux keeps every PAMT out of System RAM, and all its RAM is TDX memory"
# tdxboot-plan --live in the guest against tdxboot's own plan of this boot
# (tests/initramfs/plan-compare.sh; docs/tdxboot-plan.md): same TDMRs,
# PAMT sizes and nodes, the same non-CMR bytes reserved, no System RAM
# reserved, and each PAMT that moved is explained by Linux showing
# tdxboot's as Reserved.
expect '^tdxboot-check: plan-compare: source: /sys/firmware/memmap \(firmware memory map\): [0-9]+ entries' \
	"--live reads the firmware map in the guest"
expect '^tdxboot-check: plan-compare: ok \([1-9][0-9]* TDMRs, PAMT sizes and nodes equal; reserved non-CMR bytes equal' \
	"the live plan agrees with tdxboot's plan from the handoff table"
expect '^tdxboot-check: verdict: ok$' "the initramfs's verdict"
expect '\] reboot: Power down' "Linux powered the machine off"
if grep -Eq '^(error|warning):' "$LOG.clean"; then
	fail "unexpected error or warning: $(grep -E '^(error|warning):' "$LOG.clean" | head -1)"
fi
