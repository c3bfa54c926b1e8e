#!/bin/sh
# Boots an ISO in QEMU+OVMF under TCG (KVM does not run OVMF on these
# machines, docs/reference/toolchain.md §2) with the machine tdxboot is tested on by
# default: 4 vCPUs in 2 sockets, 2 NUMA nodes, 4 GiB, no network.
#
#   tests/qemu/boot.sh [--interactive] [--log FILE] [--timeout SEC]
#                      [--smp N --sockets S] [--mem-gb G] [--nodes K]
#                      [--secure-boot] [--tpm] [--until REGEX] [--disk IMG]
#                      [--vars FILE] [--reboot] [--maxcpus N] [--hd] ISO
#
# --interactive: serial on this terminal (make run).  Otherwise the serial
# output goes to FILE, and QEMU is killed after SEC seconds: an unhandled
# exception makes OVMF spin forever, so a test must never wait unbounded.
# Exit status: QEMU's; 124 on timeout; 125 when the firmware reported an
# unhandled CPU exception ("!!!! X64 Exception"), which is detected at once
# rather than after the timeout.
#
# --secure-boot: OVMF with Secure Boot on and Debian's "snakeoil" test keys
# enrolled as PK, KEK and db (/usr/share/ovmf/PkKek-1-snakeoil.{key,pem}
# sign images it accepts).  --tpm: a TPM 2.0 (swtpm) on the TIS interface.
# --until REGEX: stop QEMU (exit 0) once a log line matches REGEX (grep -E),
# for boots that never power off by themselves, e.g. a firmware retrying
# its boot options forever.  --disk IMG: a second, read-only disk on
# virtio-blk at PCI slot 5, so its UEFI device path is PciRoot(0x0)/Pci(0x5,0x0).
# --vars FILE: OVMF's variable store in FILE, created from the pristine one
# when missing and kept, so boot entries written in one boot are there in
# the next (without it every boot starts from a fresh copy).
# --reboot: a reset reboots the machine (a watchdog reset, say) instead of
# ending QEMU as -no-reboot does; the boot then ends only when the guest
# powers off.  --maxcpus N: N possible vCPUs, of which --smp are present
# (the others are hot-pluggable: MADT entries without the Enabled flag).
# --hd: ISO is a hard-disk image (a GPT disk, tests/qemu/mkgpt.sh) on
# virtio-blk at PCI slot 6, not a CD.
set -eu

interactive=0 log="" timeout=120 smp=4 sockets=2 mem_gb=4 nodes=2 secboot=0 tpm=0 until="" disk=""
vars="" noreboot=-no-reboot maxcpus="" boot_media=cdrom
while [ $# -gt 1 ]; do
	case "$1" in
	--interactive) interactive=1; shift ;;
	--rw-disk) disk=$2 disk_ro=off; shift 2 ;;
	--log) log=$2; shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	--smp) smp=$2; shift 2 ;;
	--sockets) sockets=$2; shift 2 ;;
	--mem-gb) mem_gb=$2; shift 2 ;;
	--nodes) nodes=$2; shift 2 ;;
	--secure-boot) secboot=1; shift ;;
	--tpm) tpm=1; shift ;;
	--until) until=$2; shift 2 ;;
	--disk) disk=$2; shift 2 ;;
	--vars) vars=$2; shift 2 ;;
	--reboot) noreboot=""; shift ;;
	--maxcpus) maxcpus=$2; shift 2 ;;
	--hd) boot_media=disk; shift ;;
	*) echo "boot.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
iso=$1

OVMF_CODE=/usr/share/OVMF/OVMF_CODE_4M.fd
OVMF_VARS=/usr/share/OVMF/OVMF_VARS_4M.fd
if [ "$secboot" = 1 ]; then
	OVMF_CODE=/usr/share/OVMF/OVMF_CODE_4M.snakeoil.fd
	OVMF_VARS=/usr/share/OVMF/OVMF_VARS_4M.snakeoil.fd
fi
work=$(mktemp -d)
swtpm_pid=""
# swtpm usually ends with QEMU's connection; the kill is for the other cases.
trap '[ -z "$swtpm_pid" ] || kill "$swtpm_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
if [ -n "$vars" ]; then
	[ -f "$vars" ] || cp "$OVMF_VARS" "$vars"
else
	vars="$work/vars.fd"
	cp "$OVMF_VARS" "$vars"
fi
tpm_args=""
if [ "$tpm" = 1 ]; then
	mkdir "$work/tpm"
	swtpm socket --tpm2 --tpmstate dir="$work/tpm" \
		--ctrl type=unixio,path="$work/tpm/sock" --pid file="$work/tpm/pid" &
	swtpm_pid=$!
	i=0
	while [ ! -S "$work/tpm/sock" ] && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	tpm_args="-chardev socket,id=chrtpm,path=$work/tpm/sock"
	tpm_args="$tpm_args -tpmdev emulator,id=tpm0,chardev=chrtpm -device tpm-tis,tpmdev=tpm0"
fi
# --rw-disk IMG: the --disk, writable (what one boot writes, the next reads).
disk_args=""
[ -z "$disk" ] || disk_args="-drive if=none,id=disk1,format=raw,readonly=${disk_ro:-on},file=$disk
	-device virtio-blk-pci,drive=disk1,addr=0x5"
boot_args="-drive file=$iso,media=cdrom,readonly=on"
[ "$boot_media" = cdrom ] || boot_args="-drive if=none,id=disk0,format=raw,readonly=on,file=$iso
	-device virtio-blk-pci,drive=disk0,addr=0x6"

# NUMA: equal memory per node, CPUs split evenly; reserve=off lets big
# guests start without host overcommit (docs/reference/toolchain.md §4).
numa=""
per_node=$((mem_gb / nodes))
cpus_per_node=$((${maxcpus:-$smp} / nodes))
i=0
while [ "$i" -lt "$nodes" ]; do
	first=$((i * cpus_per_node)); last=$((first + cpus_per_node - 1))
	numa="$numa -object memory-backend-ram,id=m$i,size=${per_node}G,reserve=off"
	numa="$numa -numa node,nodeid=$i,cpus=$first-$last,memdev=m$i"
	i=$((i + 1))
done
cores=$((${maxcpus:-$smp} / sockets))

set -- qemu-system-x86_64 -accel tcg -machine q35 -cpu max \
	-drive if=pflash,format=raw,unit=0,readonly=on,file=$OVMF_CODE \
	-drive if=pflash,format=raw,unit=1,file="$vars" \
	-display none -monitor none -nic none $noreboot -nodefaults \
	-smp "$smp${maxcpus:+,maxcpus=$maxcpus},sockets=$sockets,cores=$cores,threads=1" -m "${mem_gb}G" $numa \
	$boot_args $tpm_args $disk_args

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
	if [ -n "$until" ] && grep -Eq -- "$until" "$log" 2>/dev/null; then
		sleep 0.5   # let the lines after it reach the log
		kill -9 "$qpid" 2>/dev/null || true
		wait "$qpid" 2>/dev/null || true
		exit 0
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
