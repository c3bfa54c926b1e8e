#!/bin/sh
# `kernel = bls` on an ESP laid out as Debian 12's kernel-install lays it
# out for systemd-boot (entry token = machine ID): \loader\loader.conf,
# \loader\entries\<machine-id>-<version>.conf for two kernel versions, and
# each kernel with its initrd under \<machine-id>\<version>\.  Without a
# default, tdxboot takes the newest by version sort, as systemd-boot does:
# 6.1.0-57 is newer than 6.1.0-9, although "6.1.0-9" sorts after
# "6.1.0-57" as a string.  A second boot names the older entry with
# `bls = <glob>` in tdxboot.conf.
# An unknown key in an entry is reported by file and line.  A third boot
# reads entries from an XBOOTLDR partition on the ESP's disk (below).
set -eu
. tests/qemu/lib.sh
LOG=${WORK:-/tmp}/bls.log
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

mid=8a1f4c2e9b3d4f6a8c0e2b4d6f8a0c2e
new=6.1.0-57-cloud-amd64 old=6.1.0-9-cloud-amd64
# One entry per kernel, the way 90-loaderentry.install writes it.  Both
# kernels are the same Debian image; the command lines tell them apart.
bls_entry() { # version options
	printf '%s\n' '# Boot Loader Specification type#1 entry' \
		'# File created by /usr/lib/kernel/install.d/90-loaderentry.install (systemd 252.33-1~deb12u1)' \
		'title      Debian GNU/Linux 12 (bookworm)' \
		"version    $1" \
		"machine-id $mid" \
		'sort-key   debian' \
		"options    $2" \
		"linux      /$mid/$1/linux" \
		"initrd     /$mid/$1/initrd.img-$1" \
		"initrd     /$mid/$1/initrd-extra.img"
}
bls_entry "$new" "console=ttyS0 panic=-1 no_timer_check tdxboot.test=chainload" > "$dir/new.conf"
{ bls_entry "$old" "console=ttyS0 panic=-1 no_timer_check tdxboot.test=chainload tdxboot.old=1"
  echo 'kernel-cmdline-extra quiet'; } > "$dir/old.conf"
printf '%s\n' '#timeout 3' '#console-mode keep' > "$dir/loader.conf"
{ cat iso/tdxboot.conf; echo 'kernel = bls'; } > "$dir/tdxboot.conf"

esp_iso() { # out.iso conf
	iso/mkiso.sh "$1" build/tdxboot.efi "$2" \
		"$dir/loader.conf:\\loader\\loader.conf" \
		"$dir/new.conf:\\loader\\entries\\$mid-$new.conf" \
		"$dir/old.conf:\\loader\\entries\\$mid-$old.conf" \
		"build/vmlinuz:\\$mid\\$new\\linux" \
		"build/initrd.img:\\$mid\\$new\\initrd.img-$new" \
		"build/initrd-extra.img:\\$mid\\$new\\initrd-extra.img" \
		"build/vmlinuz:\\$mid\\$old\\linux" \
		"build/initrd.img:\\$mid\\$old\\initrd.img-$old" \
		"build/initrd-extra.img:\\$mid\\$old\\initrd-extra.img" >/dev/null 2>&1 ||
		fail "cannot build $1"
}
esp_iso "$dir/bls.iso" "$dir/tdxboot.conf"
boot_iso "$dir/bls.iso" --timeout 240

expect '^tdxboot: report complete in [0-9]+ ms; starting a Boot Loader Specification entry$' "kernel = bls"
expect "^warning: \\\\loader\\\\entries\\\\$mid-$old.conf line 11: unknown key 'kernel-cmdline-extra' \\(ignored\\)$" \
	"the unknown key, by file and line"
expect "^bls: 2 usable entries; chose $mid-$new.conf \\(\"Debian GNU/Linux 12 \\(bookworm\\)\", version $new\\) as the first in menu order" \
	"the newest by version sort"
expect "^chainload: \\\\$mid\\\\$new\\\\linux \\(" "its linux"
expect "^chainload: initrd .* in 2 files through LINUX_EFI_INITRD_MEDIA_GUID$" "its two initrd lines"
expect "^tdxboot-check: command line ok \\(.*tdxboot.test=chainload" "its options"
expect '^tdxboot-check: initrd ok \(2 archives concatenated\)' "both initrds reached Linux"
expect '^tdxboot-check: verdict: ok$' "the initramfs's verdict"
if grep -q 'tdxboot.old=1' "$LOG.clean"; then
	fail "the older kernel was started"
fi

# The older one, named by a glob over the entry ids.
LOG=${WORK:-/tmp}/bls-glob.log
{ cat "$dir/tdxboot.conf"; echo "bls = *-6.1.0-9-*"; } > "$dir/glob.conf"
esp_iso "$dir/glob.iso" "$dir/glob.conf"
boot_iso "$dir/glob.iso" --timeout 240
expect "^bls: 2 usable entries; chose $mid-$old.conf .* matching '\\*-6.1.0-9-\\*'$" "the glob's entry"
expect "^tdxboot-check: command line ok \\(.*tdxboot.old=1" "the older kernel's options"
expect '^tdxboot-check: verdict: ok$' "the initramfs's verdict"

# An XBOOTLDR partition (Boot Loader Specification, "The Partitions"), the
# way kernel-install lays out /boot when /boot is XBOOTLDR: a GPT disk
# booted as a disk, partition 1 the ESP (tdxboot, loader.conf, the older
# kernel's entry and files), partition 2 XBOOTLDR (the newer kernel's entry
# and files).  tdxboot finds partition 2 on the ESP's own disk and sorts
# both partitions' entries as one list, as systemd-boot does: the newer
# kernel, on XBOOTLDR, is chosen and started from there.  A second disk
# holds another XBOOTLDR partition with an even newer entry, which must be
# ignored: it is not on the ESP's disk.
LOG=${WORK:-/tmp}/bls-xbootldr.log
ESP_TYPE=C12A7328-F81F-11D2-BA4B-00A0C93EC93B
XBOOTLDR_TYPE=BC13C2FF-59E6-4262-A352-B275FD6F7172
decoy=6.1.0-99-cloud-amd64
bls_entry "$decoy" "console=ttyS0 panic=-1 tdxboot.decoy=1" > "$dir/decoy.conf"
iso/mkfat.sh "$dir/esp.img" ESP build/tdxboot.efi:\\EFI\\BOOT\\BOOTX64.EFI \
	"$dir/tdxboot.conf:\\EFI\\BOOT\\tdxboot.conf" \
	"$dir/loader.conf:\\loader\\loader.conf" \
	"$dir/old.conf:\\loader\\entries\\$mid-$old.conf" \
	"build/vmlinuz:\\$mid\\$old\\linux" \
	"build/initrd.img:\\$mid\\$old\\initrd.img-$old" \
	"build/initrd-extra.img:\\$mid\\$old\\initrd-extra.img" || fail "cannot build the ESP"
iso/mkfat.sh "$dir/xbootldr.img" XBOOTLDR \
	"$dir/new.conf:\\loader\\entries\\$mid-$new.conf" \
	"build/vmlinuz:\\$mid\\$new\\linux" \
	"build/initrd.img:\\$mid\\$new\\initrd.img-$new" \
	"build/initrd-extra.img:\\$mid\\$new\\initrd-extra.img" || fail "cannot build XBOOTLDR"
iso/mkfat.sh "$dir/decoy.img" DECOY "$dir/decoy.conf:\\loader\\entries\\$mid-$decoy.conf" ||
	fail "cannot build the decoy"
tests/qemu/mkgpt.sh "$dir/disk.img" "$ESP_TYPE:$dir/esp.img" "$XBOOTLDR_TYPE:$dir/xbootldr.img"
tests/qemu/mkgpt.sh "$dir/other.img" "$XBOOTLDR_TYPE:$dir/decoy.img"
boot_iso "$dir/disk.img" --hd --disk "$dir/other.img" --timeout 240
expect '^bls: XBOOTLDR partition 2 on the ESP.s disk$' "XBOOTLDR found on the ESP's disk"
expect "^bls: 2 usable entries; chose $mid-$new.conf \\(\"Debian GNU/Linux 12 \\(bookworm\\)\", version $new\\) as the first in menu order" \
	"the newest across ESP and XBOOTLDR; the other disk's XBOOTLDR ignored"
expect "^bls: $mid-$new.conf is on the XBOOTLDR partition$" "the chosen entry's volume"
expect "^chainload: \\\\$mid\\\\$new\\\\linux \\(" "its linux, read from XBOOTLDR"
expect "^chainload: initrd .* in 2 files through LINUX_EFI_INITRD_MEDIA_GUID$" "its initrds, from XBOOTLDR"
expect "^tdxboot-check: command line ok \\(.*tdxboot.test=chainload" "its options"
expect '^tdxboot-check: verdict: ok$' "the initramfs's verdict"
if grep -q 'tdxboot.old=1\|tdxboot.decoy=1' "$LOG.clean"; then
	fail "the ESP's older kernel or the other disk's entry was started"
fi
