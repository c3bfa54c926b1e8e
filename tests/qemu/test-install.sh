#!/bin/sh
# tdxboot-install for real (docs/install.md): two boots sharing one OVMF
# variable store and one writable virtio disk holding an empty ESP.
#   boot 1 (the ISO, emulated TDX): the initramfs carries Debian's
#     efibootmgr, mounts efivarfs and the ESP at /boot/efi, and runs
#     tdxboot-install --try (tests/install/guest-cycle.sh), which finds the
#     ESP by its partition type, copies tdxboot, the running kernel and
#     initrd and a generated tdxboot.conf, creates the boot entry and sets
#     BootNext; the guest reboots (-no-reboot: QEMU exits).
#   boot 2: OVMF takes BootNext, starts tdxboot from the disk, which reads
#     \EFI\tdxboot\tdxboot.conf and starts the installed kernel with the
#     installed initrd and the first boot's command line; there BootCurrent
#     is tdxboot's entry, --enable puts it first in BootOrder and --remove
#     undoes everything.
set -eu
. tests/qemu/lib.sh
W=${WORK:-/tmp}/install
rm -rf "$W" && mkdir -p "$W"
DEB=$(ls build/kernel/linux-image-*.deb 2>/dev/null | head -n 1)
[ -n "$DEB" ] || fail "no cached kernel package in build/kernel (make iso)"
[ -x build/tdxboot-install ] || fail "build/tdxboot-install not built (make)"
command -v efibootmgr >/dev/null || fail "efibootmgr not installed (make deps)"

# The initramfs: the test one plus efibootmgr, blkid, modules and the hook.
specs=$(sh tests/install/initramfs-extras.sh "$W/extras" "$DEB" build/tdxboot-install \
	build/tdxboot.efi) || fail "initramfs extras"
# shellcheck disable=SC2086
tests/initramfs/build.sh "$W/initrd.img" build/kernel/efivarfs.ko:lib/modules/efivarfs.ko \
	build/tdxboot-inspect.static:bin/tdxboot-inspect $specs >/dev/null || fail "initramfs"

# The disk: GPT, one EFI system partition (FAT) holding only /stage, the
# "installed system's" kernel and initrd (the initramfs and the marker
# archive, concatenated as the first boot receives them).
dd if=/dev/zero of="$W/disk.img" bs=1M count=0 seek=64 2>/dev/null
printf 'label: gpt\nstart=2048, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name="EFI System"\n' |
	sfdisk -q "$W/disk.img" || fail "sfdisk"
sectors=$(sfdisk -d "$W/disk.img" | sed -n 's/.*size= *\([0-9]*\),.*/\1/p')
mkfs.vfat -n ESP --offset 2048 "$W/disk.img" $((sectors / 2)) >/dev/null 2>&1 || fail "mkfs.vfat"
cat "$W/initrd.img" build/initrd-extra.img > "$W/stage-initrd.img"
mmd -i "$W/disk.img@@1M" ::/stage
mcopy -i "$W/disk.img@@1M" build/vmlinuz ::/stage/vmlinuz
mcopy -i "$W/disk.img@@1M" "$W/stage-initrd.img" ::/stage/initrd.img

# The ISO of make run, with this initramfs and tdxboot.install=1.
# The demo's no_timer_check (TCG under load) reaches the second boot too,
# through the command line tdxboot-install copies.
cat iso/tdxboot.conf iso/chainload-demo.conf |
	sed 's/^\(options *= *.*\)$/\1 tdxboot.install=1/' > "$W/tdxboot.conf"
grep -q 'tdxboot.install=1' "$W/tdxboot.conf" || fail "no options line in the demo config"
mkdir -p "$W/iso" && cp "$W/initrd.img" "$W/iso/initrd.img"
iso/mkiso.sh "$W/install.iso" build/tdxboot.efi "$W/tdxboot.conf" build/vmlinuz \
	"$W/iso/initrd.img" build/initrd-extra.img build/TDX-BLOB.bin >/dev/null 2>&1 ||
	fail "cannot build the ISO"

start=$(date +%s)
LOG=$W/boot1.log
boot_iso "$W/install.iso" --timeout 300 --vars "$W/vars.fd" --rw-disk "$W/disk.img"
t1=$(date +%s)
expect '^config: \\EFI\\BOOT\\tdxboot.conf$' "boot 1 from the ISO"
expect '^tdxboot-check: install: first boot: installing' "the guest's install step ran"
expect "^tdxboot-check: install:   tdxboot-install: EFI system partition: /boot/efi$" "tdxboot-install found the ESP at /boot/efi"
expect '^tdxboot-check: install:   would run: efibootmgr --create-only' "--dry-run shows the entry it would make"
expect '^tdxboot-check: install:   tdxboot-install: created boot entry Boot[0-9A-F]{4} .tdxboot. on /dev/vda partition 1$' \
	"the boot entry, on the virtio disk's partition 1"
expect '^tdxboot-check: install: entry Boot[0-9A-F]{4} is BootNext ok$' "--try set BootNext"
expect '^tdxboot-check: install:   tdxboot-install: boot entry Boot[0-9A-F]{4} already points to' "a second run reuses the entry"
expect '^tdxboot-check: install: idempotent: one entry ok$' "still one entry"
expect '^tdxboot-check: install:   kernel = vmlinuz-' "tdxboot.conf names the running kernel"
expect '^tdxboot-check: install: rebooting into BootNext$' "the guest rebooted"
n=$(sed -n 's/^tdxboot-check: install: entry Boot\([0-9A-F]*\) is BootNext ok$/\1/p' "$LOG.clean")
# tdxboot-inspect --prometheus in the guest, through the strict format check.
metrics_check() { # BOOT
	sed -n "s/^tdxboot-metrics-$1: //p" "$LOG.clean" > "$W/boot$1.prom"
	/usr/bin/python3 tests/handoff/prometheus.py --check "$W/boot$1.prom" >/dev/null ||
		fail "boot $1: the metrics fail the format check: $(/usr/bin/python3 tests/handoff/prometheus.py --check "$W/boot$1.prom" | head -3)"
}
metrics_check 1
grep -qx 'tdxboot_module_ready 1' "$W/boot1.prom" || fail "boot 1 metrics: module not ready (emulated)"

LOG=$W/boot2.log
boot_iso "$W/install.iso" --timeout 300 --vars "$W/vars.fd" --rw-disk "$W/disk.img"
t2=$(date +%s)
expect "BdsDxe: (loading|starting) Boot$n \"tdxboot\" from HD\\(1,GPT," "OVMF started Boot$n (BootNext) from the disk"
expect '^config: \\EFI\\tdxboot\\tdxboot.conf$' "tdxboot read the installed tdxboot.conf"
expect '^tdxboot: report complete in [0-9]+ ms; starting vmlinuz-' "tdxboot started the installed kernel"
expect '\] Linux version [0-9]' "Linux booted"
expect '^tdxboot-check: command line ok .*tdxboot.install=1' "the first boot's command line"
expect '^tdxboot-check: initrd ok \(2 archives concatenated\)' "the installed initrd"
expect "^tdxboot-check: install: BootCurrent is tdxboot's entry Boot$n ok$" "BootCurrent is the new entry"
expect '^tdxboot-check: install: BootNext spent ok$' "BootNext was used once"
expect "^tdxboot-check: install: Boot$n first in BootOrder" "--enable"
expect '^tdxboot-check: install: --remove: no entry ok$' "--remove deleted the entry"
expect '^tdxboot-check: install: --remove: files gone ok$' "--remove deleted the files"
expect '^tdxboot-check: verdict: ok$' "the initramfs's verdict"
expect '\] reboot: Power down' "Linux powered the machine off"
metrics_check 2
grep -q '^tdxboot_status{outcome="skipped"' "$W/boot2.prom" ||
	fail "boot 2 metrics: backend = auto on a CPU without TDX should be skipped"
echo "install cycle: boot 1 (install) $((t1 - start)) s, boot 2 (through Boot$n) $((t2 - t1)) s"
