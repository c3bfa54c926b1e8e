#!/bin/sh
# CPUs the OS may bring online later (QEMU -smp 4,maxcpus=8: four MADT
# Local APIC entries without the Enabled flag, which Linux counts as
# possible because QEMU's FADT predates ACPI 6.3's Online Capable flag;
# arch/x86/kernel/acpi/boot.c acpi_is_processor_usable).  tdxboot counts
# them and warns that the kernel must LP.INIT them; TDX still runs on the
# four present CPUs.
set -eu
. tests/qemu/lib.sh
LOG=${WORK:-/tmp}/hotplug.log
dir=${WORK:-/tmp}/hotplug
mkdir -p "$dir"
demo_iso "$dir/h.iso"
boot_iso "$dir/h.iso" --timeout 300 --maxcpus 8 --nodes 1 --until 'tdx: handoff table'

expect '^acpi: MADT lists 4 enabled CPUs \(4 more the OS may bring online: 0 online-capable, 4 hot-pluggable\)$' \
	"the hot-pluggable CPUs counted"
expect '^warning: acpi: 4 CPUs are not running now but Linux may bring them online; if TDX is initialized here, the kernel must run TDH.SYS.LP.INIT on each before it uses TDX there$' \
	"the warning"
expect '^tdx: emulated backend, 4 CPUs in 1 packages$' "TDX on the present CPUs"
