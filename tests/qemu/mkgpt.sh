#!/bin/sh
# A GPT disk image made of FAT partition images, each with its partition
# type, for tests that boot from a disk rather than a CD:
#
#   tests/qemu/mkgpt.sh OUT.img TYPE-GUID:FAT.img [TYPE-GUID:FAT.img ...]
#
# Partitions start on 1 MiB boundaries, in the order given (partition 1,
# 2, ...).  sfdisk writes the table into the file; no root or loop devices.
set -eu

out=$1; shift
mib() { echo $(( ($(wc -c < "$1") + 1048575) / 1048576 )); }
total=2   # the primary GPT in front, the backup GPT at the end
for spec in "$@"; do
	total=$((total + $(mib "${spec#*:}")))
done
rm -f "$out"
truncate -s "${total}M" "$out"
start=1
{
	echo 'label: gpt'
	for spec in "$@"; do
		n=$(mib "${spec#*:}")
		echo "start=$((start * 2048)), size=$((n * 2048)), type=${spec%%:*}"
		start=$((start + n))
	done
} | sfdisk --quiet "$out"
start=1
for spec in "$@"; do
	dd if="${spec#*:}" of="$out" bs=1M seek="$start" conv=notrunc status=none
	start=$((start + $(mib "${spec#*:}")))
done
