#!/bin/sh
# A larger machine: 16 vCPUs in 4 sockets, 4 NUMA nodes, 128 GiB.  Every
# per-package and parallel path runs wider (LP.INIT on 16 CPUs, KEY.CONFIG
# on 4 packages, TDMR.INIT spread over the CPUs, PAMT on 4 nodes).  OVMF
# and tdxboot see all the RAM; the kernel gets mem=8G so its own struct-page
# setup stays cheap under TCG, and lpj=, which it needs above 8 vCPUs under
# TCG, beside the demo's no_timer_check (docs/reference/toolchain.md §4, §7).
set -eu
. tests/qemu/lib.sh
LOG=${WORK:-/tmp}/large.log
dir=${WORK:-/tmp}/large
mkdir -p "$dir"
demo_iso "$dir/l.iso" 's/^options *= *\(.*\)/options = \1 mem=8G lpj=10000000/'
boot_iso "$dir/l.iso" --timeout 400 --smp 16 --sockets 4 --nodes 4 --mem-gb 128

expect '^cpus: 16 logical processors \(16 enabled\) in 4 packages$' "16 CPUs in 4 packages"
expect '^numa: 4 nodes from SRAT$' "4 NUMA nodes"
expect '^tdx: emulated backend, 16 CPUs in 4 packages$' "every CPU takes part"
expect '^tdx: TDX module installed through P-SEAMLDR on 16 CPUs' "SEAMLDR.INSTALL on all 16 CPUs"
expect '^tdx: [0-9]+ KB allocated for PAMT$' "PAMT"
n=$(sed -n 's/^tdx: TDH.SYS.TDMR.INIT: [0-9]* TDMRs on \([0-9]*\) CPUs.*/\1/p' "$LOG.clean")
[ "${n:-0}" -ge 4 ] || fail "TDMR.INIT ran on ${n:-0} CPUs, expected at least 4"
expect '^tdx: success \(emulated\)$' "success"
expect 'tdxboot-check:   cpus: 16 LPs in 4 packages, 16 did TDH.SYS.LP.INIT$' "Linux reads all 16 LP.INITs"
expect 'tdxboot-check:     node 3: [0-9]+ KB of PAMT$' "PAMT on the fourth node"
expect '^tdxboot-check: iomem ok ' "PAMTs kept out of System RAM"
expect '^tdxboot-check: verdict: ok$' "the initramfs's verdict"
