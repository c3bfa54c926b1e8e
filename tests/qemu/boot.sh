#!/bin/sh
# Boots an ISO in QEMU+OVMF under TCG (KVM does not run OVMF on these
# machines, toolchain.md §2) with the machine tdxboot is tested on by
# default: 4 vCPUs in 2 sockets, 2 NUMA nodes, 4 GiB, no network.
#
#   tests/qemu/boot.sh [--interactive] [--log FILE] [--timeout SEC]
#                      [--smp N --sockets S] [--mem-gb G] [--nodes K] ISO
#
# --interactive: serial on this terminal (make run).  Otherwise the serial
# output goes to FILE, and QEMU is killed after SEC seconds: an unhandled
# exception makes OVMF spin forever, so a test must never wait unbounded.
# Exit status: QEMU's; 124 on timeout; 125 when the firmware reported an
# unhandled CPU exception ("!!!! X64 Exception"), which is detected at once
# rather than after the timeout.
set -eu

interactive=0 log="" timeout=120 smp=4 sockets=2 mem_gb=4 nodes=2
while [ $# -gt 1 ]; do
	case "$1" in
	--interactive) interactive=1; shift ;;
	--log) log=$2; shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	--smp) smp=$2; shift 2 ;;
	--sockets) sockets=$2; shift 2 ;;
	--mem-gb) mem_gb=$2; shift 2 ;;
	--nodes) nodes=$2; shift 2 ;;
	*) echo "boot.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
iso=$1

OVMF_CODE=/usr/share/OVMF/OVMF_CODE_4M.fd
OVMF_VARS=/usr/share/OVMF/OVMF_VARS_4M.fd
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$OVMF_VARS" "$work/vars.fd"

# NUMA: equal memory per node, CPUs split evenly; reserve=off lets big
# guests start without host overcommit (toolchain.md §4).
numa=""
per_node=$((mem_gb / nodes))
cpus_per_node=$((smp / nodes))
i=0
while [ "$i" -lt "$nodes" ]; do
	first=$((i * cpus_per_node)); last=$((first + cpus_per_node - 1))
	numa="$numa -object memory-backend-ram,id=m$i,size=${per_node}G,reserve=off"
	numa="$numa -numa node,nodeid=$i,cpus=$first-$last,memdev=m$i"
	i=$((i + 1))
done
cores=$((smp / sockets))

set -- qemu-system-x86_64 -accel tcg -machine q35 -cpu max \
	-drive if=pflash,format=raw,unit=0,readonly=on,file=$OVMF_CODE \
	-drive if=pflash,format=raw,unit=1,file="$work/vars.fd" \
	-display none -monitor none -nic none -no-reboot -nodefaults \
	-smp "$smp,sockets=$sockets,cores=$cores,threads=1" -m "${mem_gb}G" $numa \
	-drive file="$iso",media=cdrom,readonly=on

if [ "$interactive" = 1 ]; then
	exec "$@" -serial stdio
fi
[ -n "$log" ] || log="$work/serial.log"
: > "$log"
"$@" -serial "file:$log" &
qpid=$!
# Poll rather than block: kill QEMU on an exception report or the deadline.
start=$(date +%s)
while kill -0 "$qpid" 2>/dev/null; do
	if grep -q '!!!! X64 Exception' "$log" 2>/dev/null; then
		sleep 0.5   # let the register dump reach the log
		kill -9 "$qpid" 2>/dev/null || true
		wait "$qpid" 2>/dev/null || true
		echo "boot.sh: the firmware reported an unhandled CPU exception" >&2
		exit 125
	fi
	if [ $(( $(date +%s) - start )) -ge "$timeout" ]; then
		kill -9 "$qpid" 2>/dev/null || true
		wait "$qpid" 2>/dev/null || true
		echo "boot.sh: timed out after ${timeout}s" >&2
		exit 124
	fi
	sleep 0.2
done
rc=0
wait "$qpid" || rc=$?
exit "$rc"
