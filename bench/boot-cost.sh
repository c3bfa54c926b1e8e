#!/bin/sh
# make bench-boot: the boot cost of tdxboot against Debian's systemd-boot.
# Both boot the same kernel and the same two initrds with the same command
# line from the same ESP layout, in QEMU+OVMF (TCG), interleaved:
# systemd-boot through a Boot Loader Specification entry (loader.conf
# timeout 0), tdxboot through kernel/initrd/options with TDX skipped
# (backend auto: QEMU has no TDX).  The window is from the firmware
# starting the boot application to the kernel stub's first line; figures
# are medians over ROUNDS pairs, and the ratio is taken within this run
# (TCG under a loaded host is slow, so only ratios mean anything).  One
# warm-up round is not counted (the first boots fill the host's caches).
# For tdxboot it also prints its own time up to the hand-off, which
# contains no emulated-module work here: TDX is skipped.  A second binary,
# e.g. an older build, joins the same interleaved rounds, so a before/after
# comparison comes from one run.
#
#   bench/boot-cost.sh [TDXBOOT.efi [OTHER-TDXBOOT.efi]]     ROUNDS=5 by default
set -eu
cd "$(dirname "$0")/.."
tdxboot=${1:-build/tdxboot.efi}
other=${2:-}
sdboot=build/systemd-bootx64.efi
rounds=${ROUNDS:-5}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

opts="console=ttyS0 panic=-1 no_timer_check tdxboot.test=chainload"
printf '%s\n' 'timeout 0' 'default bench.conf' > "$dir/loader.conf"
printf '%s\n' 'title Bench' 'version 1' "options $opts" 'linux /vmlinuz' \
	'initrd /initrd.img' 'initrd /initrd-extra.img' > "$dir/bench.conf"
printf '%s\n' 'backend = auto' 'kernel = \vmlinuz' 'initrd = \initrd.img' \
	'initrd = \initrd-extra.img' "options = $opts" > "$dir/tdxboot.conf"
common="build/vmlinuz:\\vmlinuz build/initrd.img:\\initrd.img build/initrd-extra.img:\\initrd-extra.img"
# shellcheck disable=SC2086
iso/mkiso.sh "$dir/sd.iso" "$sdboot" "$dir/tdxboot.conf" $common \
	"$dir/loader.conf:\\loader\\loader.conf" "$dir/bench.conf:\\loader\\entries\\bench.conf" \
	>/dev/null 2>&1
# shellcheck disable=SC2086
iso/mkiso.sh "$dir/tdx.iso" "$tdxboot" "$dir/tdxboot.conf" $common >/dev/null 2>&1
who_all="sd tdx"
if [ -n "$other" ]; then
	# shellcheck disable=SC2086
	iso/mkiso.sh "$dir/other.iso" "$other" "$dir/tdxboot.conf" $common >/dev/null 2>&1
	who_all="sd tdx other"
fi

qemu() { # iso
	cp /usr/share/OVMF/OVMF_VARS_4M.fd "$dir/vars.fd"
	echo qemu-system-x86_64 -accel tcg -machine q35 -cpu max \
		-drive if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd \
		-drive if=pflash,format=raw,unit=1,file="$dir/vars.fd" \
		-display none -monitor none -nic none -no-reboot -nodefaults \
		-smp 2 -m 2G -drive file="$1",media=cdrom,readonly=on -serial stdio
}

i=-1
while [ "$i" -lt "$rounds" ]; do
	for who in $who_all; do
		out="$dir/$who.txt"
		[ "$i" -ge 0 ] || out="$dir/warmup.txt"
		# shellcheck disable=SC2046
		python3 bench/boot_timer.py 300 -- $(qemu "$dir/$who.iso") >> "$out" ||
			{ echo "bench-boot: $who boot $i failed" >&2; exit 1; }
	done
	i=$((i + 1))
done
median() { # file field
	sed -n "s/.*$2=\([-0-9]*\).*/\1/p" "$1" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
sd=$(median "$dir/sd.txt" window_ms)
tdx=$(median "$dir/tdx.txt" window_ms)
own=$(median "$dir/tdx.txt" self_ms)
echo "bench-boot: $rounds interleaved rounds after a warm-up, TCG, firmware start of the boot application -> EFI stub"
echo "bench-boot: systemd-boot $(cat build/systemd-boot/version 2>/dev/null | sed 's/.*_\(.*\)_.*/\1/'): median $sd ms ($(cut -d' ' -f1 "$dir/sd.txt" | sed 's/window_ms=//' | tr '\n' ' '))"
echo "bench-boot: tdxboot ($tdxboot): median $tdx ms ($(cut -d' ' -f1 "$dir/tdx.txt" | sed 's/window_ms=//' | tr '\n' ' '))"
echo "bench-boot: tdxboot own time to the hand-off: median $own ms (TDX skipped: no emulated-module work)"
# The ratio within each round (neighbouring boots share the host's load),
# and its median: steadier than the ratio of medians on a busy host.
round_ratio() { # file
	paste -d' ' "$1" "$dir/sd.txt" | sed 's/window_ms=//g; s/self_ms=[-0-9]*//g' |
		awk '{ printf "%.2f\n", $1 / $2 }' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
awk -v a="$tdx" -v b="$sd" 'BEGIN { printf "bench-boot: ratio tdxboot / systemd-boot = %.2f", a / b }'
echo " (median of the rounds' ratios $(round_ratio "$dir/tdx.txt"))"
if [ -n "$other" ]; then
	o=$(median "$dir/other.txt" window_ms)
	echo "bench-boot: other tdxboot ($other): median $o ms ($(cut -d' ' -f1 "$dir/other.txt" | sed 's/window_ms=//' | tr '\n' ' ')), own time median $(median "$dir/other.txt" self_ms) ms"
	awk -v a="$o" -v b="$sd" 'BEGIN { printf "bench-boot: ratio other tdxboot / systemd-boot = %.2f", a / b }'
	echo " (median of the rounds' ratios $(round_ratio "$dir/other.txt"))"
fi
