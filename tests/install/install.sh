#!/bin/sh
# SPDX-License-Identifier: MIT
# tdxboot-install on a fake system: a root with a kernel, an initrd and a
# /proc/cmdline, an ESP directory, and efibootmgr replaced by
# tests/install/efibootmgr, which keeps the boot variables in a directory.
# Every check reads the result (files on the ESP, Boot####, BootOrder,
# BootNext), never what the install printed.
#
#   tests/install/install.sh build/tdxboot-install
set -u
INSTALL=$(readlink -f "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
pass=0 fail=0
ok()  { pass=$((pass + 1)); echo "ok - $1"; }
bad() { fail=$((fail + 1)); echo "FAIL - $1"; [ -f "$DIR/out" ] && sed 's/^/    /' "$DIR/out" | head -30; }
check() { # NAME COMMAND...
	name=$1; shift
	if "$@"; then ok "$name"; else bad "$name"; fi
}

KVER=6.1.0-99-amd64
ROOT=$DIR/root ESP=$DIR/esp VARS=$DIR/vars
mkdir -p "$ROOT/boot" "$ROOT/proc" "$ROOT/usr/lib/tdxboot" "$ESP/EFI/debian" "$VARS" "$DIR/bin"
head -c 70000 /dev/urandom > "$ROOT/usr/lib/tdxboot/tdxboot.efi"
head -c 90000 /dev/urandom > "$ROOT/boot/vmlinuz-$KVER"
head -c 50000 /dev/urandom > "$ROOT/boot/initrd.img-$KVER"
echo "BOOT_IMAGE=/boot/vmlinuz-$KVER root=UUID=1234-abcd ro initrd=/x quiet console=ttyS0,115200" > "$ROOT/proc/cmdline"
echo shim > "$ESP/EFI/debian/shimx64.efi"
: > "$DIR/disk.img"
printf '0000\tUiApp\tFvVol(7cb8bdc9)/FvFile(462caa21)\n0001\tdebian\tHD(1,GPT,0,0x800,0x100000)/File(\\EFI\\debian\\shimx64.efi)\n' > "$VARS/entries"
echo 0001,0000 > "$VARS/BootOrder"
echo 0001 > "$VARS/BootCurrent"
cp "$HERE/efibootmgr" "$DIR/bin/efibootmgr"
export EFIVARS_DIR="$VARS" PATH="$DIR/bin:$PATH"

run() { # ARGS: tdxboot-install on the fake system; exit code in $rc
	rc=0
	"$INSTALL" --root "$ROOT" --esp "$ESP" --disk "$DIR/disk.img" --part 1 \
		--efi "$ROOT/usr/lib/tdxboot/tdxboot.efi" --kernel-version "$KVER" "$@" > "$DIR/out" 2>&1 || rc=$?
}
ours() { grep -ic 'File(\\EFI\\tdxboot\\tdxboot.efi)' "$VARS/entries"; }
ournum() { grep -i 'File(\\EFI\\tdxboot\\tdxboot.efi)' "$VARS/entries" | cut -f1; }
order() { cat "$VARS/BootOrder"; }
snapshot() { (cd "$DIR" && find esp vars -type f ! -name calls -exec md5sum {} + | sort); }
T=$ESP/EFI/tdxboot

# 1. Plain install: files and an entry, boot order untouched.
run
check "install: exit 0" [ "$rc" = 0 ]
check "install: tdxboot.efi copied" cmp -s "$ROOT/usr/lib/tdxboot/tdxboot.efi" "$T/tdxboot.efi"
check "install: kernel copied" cmp -s "$ROOT/boot/vmlinuz-$KVER" "$T/vmlinuz-$KVER"
check "install: initrd copied" cmp -s "$ROOT/boot/initrd.img-$KVER" "$T/initrd.img-$KVER"
check "install: conf kernel" grep -qx "kernel = vmlinuz-$KVER" "$T/tdxboot.conf"
check "install: conf initrd" grep -qx "initrd = initrd.img-$KVER" "$T/tdxboot.conf"
check "install: conf options without BOOT_IMAGE and initrd" \
	grep -qx 'options = "root=UUID=1234-abcd ro quiet console=ttyS0,115200"' "$T/tdxboot.conf"
check "install: one entry" [ "$(ours)" = 1 ]
check "install: entry on the ESP partition" grep -q 'HD(1,GPT' "$VARS/entries"
check "install: BootOrder unchanged" [ "$(order)" = 0001,0000 ]
check "install: no BootNext" [ ! -f "$VARS/BootNext" ]
N=$(ournum)
if [ -x "${TDXBOOT_CONFIG:-}" ]; then
	check "install: tdxboot-config accepts the file" "$TDXBOOT_CONFIG" check "$T/tdxboot.conf"
fi

# 2. Idempotent: a second run changes nothing and creates nothing.
before=$(snapshot); creates=$(grep -c create "$VARS/calls")
run
check "again: exit 0" [ "$rc" = 0 ]
check "again: nothing changed" [ "$before" = "$(snapshot)" ]
check "again: no second create" [ "$creates" = "$(grep -c create "$VARS/calls")" ]

# 3. --try: BootNext only.
run --try
check "try: BootNext is the entry" [ "$(cat "$VARS/BootNext" 2>/dev/null)" = "$N" ]
check "try: BootOrder unchanged" [ "$(order)" = 0001,0000 ]
check "try: still one entry" [ "$(ours)" = 1 ]

# 4. --enable: first in BootOrder, the rest kept in order; twice is once.
run --enable
check "enable: first in BootOrder" [ "$(order)" = "$N,0001,0000" ]
run --enable
check "enable again: BootOrder unchanged" [ "$(order)" = "$N,0001,0000" ]

# 5. A duplicate made by hand is folded into one.
efibootmgr --create-only --disk "$DIR/disk.img" --part 1 --label copy \
	--loader '\EFI\TDXBOOT\TDXBOOT.EFI' >/dev/null
check "duplicate: made" [ "$(ours)" = 2 ]
run --enable
check "duplicate: one left" [ "$(ours)" = 1 ]
check "duplicate: the first kept" [ "$(ournum)" = "$N" ]

# 6. --dry-run changes nothing, in any mode.
before=$(snapshot)
for m in --remove --try --enable ""; do
	run --dry-run $m
	check "dry-run $m: exit 0" [ "$rc" = 0 ]
	check "dry-run $m: nothing changed" [ "$before" = "$(snapshot)" ]
done

# 7. --remove undoes everything, even BootNext, and leaves others' files.
run --try
run --remove
check "remove: exit 0" [ "$rc" = 0 ]
check "remove: no entry" [ "$(ours)" = 0 ]
check "remove: BootOrder as before" [ "$(order)" = 0001,0000 ]
check "remove: no BootNext" [ ! -f "$VARS/BootNext" ]
check "remove: directory gone" [ ! -e "$T" ]
check "remove: other loaders kept" [ -f "$ESP/EFI/debian/shimx64.efi" ]
check "remove: other entries kept" [ "$(wc -l < "$VARS/entries")" = 2 ]
run --remove
check "remove again: exit 0" [ "$rc" = 0 ]

# 8. Boot Loader Specification entries: kernel = bls, no kernel copied.
mkdir -p "$ESP/loader/entries"
printf 'title Debian\nversion %s\nlinux /%s/linux\n' "$KVER" "$KVER" > "$ESP/loader/entries/abc-$KVER.conf"
run
check "bls: kernel = bls" grep -qx "kernel = bls" "$T/tdxboot.conf"
check "bls: no kernel copied" [ ! -e "$T/vmlinuz-$KVER" ]
run --remove
rm -r "$ESP/loader"
# /boot/loader/entries on the root file system (/boot is no XBOOTLDR
# partition, not even a mount point): tdxboot cannot read them.
mkdir -p "$ROOT/boot/loader/entries"
printf 'title Debian\nversion %s\nlinux /%s/linux\n' "$KVER" "$KVER" > "$ROOT/boot/loader/entries/abc-$KVER.conf"
run
check "bls: /boot not XBOOTLDR: kernel copied" grep -qx "kernel = vmlinuz-$KVER" "$T/tdxboot.conf"
run --remove
rm -r "$ROOT/boot/loader"
# 8b. /boot a mounted XBOOTLDR partition (docs/reference/platform-rules.md
# §8): read from the mount table and sysfs under --root, and the partition
# type from blkid (tests/install/blkid).  vdb1 is the ESP, vdb2 and vdc1
# are XBOOTLDR partitions, vdb3 a plain Linux one.
XBOOTLDR=bc13c2ff-59e6-4262-a352-b275fd6f7172
printf '/dev/vdb1 c12a7328-f81f-11d2-ba4b-00a0c93ec93b\n/dev/vdb2 %s\n/dev/vdc1 %s\n/dev/vdb3 0fc63daf-8483-4772-8e79-3d69d8477de4\n' \
	"$XBOOTLDR" "$XBOOTLDR" > "$DIR/parttypes"
for p in vdb/vdb1 vdb/vdb2 vdb/vdb3 vdc/vdc1; do
	mkdir -p "$ROOT/sys/devices/$p" "$ROOT/sys/class/block"
	echo "${p##*[a-z]}" > "$ROOT/sys/devices/$p/partition"
	ln -s "../../devices/$p" "$ROOT/sys/class/block/${p#*/}"
done
cp "$HERE/blkid" "$DIR/bin/blkid"
mkdir -p "$ROOT/proc/self" "$ROOT/boot/loader/entries"
printf 'title Debian\nversion %s\nlinux /%s/linux\n' "$KVER" "$KVER" > "$ROOT/boot/loader/entries/abc-$KVER.conf"
mounts() { # /boot's device
	printf '/dev/vdb1 %s vfat rw 0 0\n/dev/%s %s/boot ext4 rw 0 0\n' "$ESP" "$1" "$ROOT" > "$ROOT/proc/self/mounts"
}
export BLKID_TYPES="$DIR/parttypes"
mounts vdb2
run
check "xbootldr: kernel = bls" grep -qx "kernel = bls" "$T/tdxboot.conf"
check "xbootldr: no kernel copied" [ ! -e "$T/vmlinuz-$KVER" ]
run --remove
mounts vdc1
run
check "xbootldr on another disk: kernel copied" grep -qx "kernel = vmlinuz-$KVER" "$T/tdxboot.conf"
check "xbootldr on another disk: says why" grep -q "boot is an XBOOTLDR partition, but not on the ESP's disk" "$DIR/out"
run --remove
mounts vdb3
run
check "/boot a Linux partition: kernel copied" grep -qx "kernel = vmlinuz-$KVER" "$T/tdxboot.conf"
run --remove
rm -r "$ROOT/boot/loader" "$ROOT/proc/self" "$ROOT/sys" "$DIR/bin/blkid"
unset BLKID_TYPES

# 9. A tdxboot.conf edited by hand is kept, by install and by remove.
run
sed -i '1d; s/^backend = auto/backend = real/' "$T/tdxboot.conf"
cp "$T/tdxboot.conf" "$DIR/mine.conf"
run
check "edited: kept by install" cmp -s "$DIR/mine.conf" "$T/tdxboot.conf"
run --remove
check "edited: kept by remove" cmp -s "$DIR/mine.conf" "$T/tdxboot.conf"
check "edited: binary removed" [ ! -e "$T/tdxboot.efi" ]
rm -r "$T"

# 10. --module: copied and named, kept by a later run without it, removed.
head -c 4096 /dev/urandom > "$DIR/TDX-BLOB.bin"
run --module "$DIR/TDX-BLOB.bin"
check "module: copied" cmp -s "$DIR/TDX-BLOB.bin" "$T/TDX-BLOB.bin"
check "module: named in tdxboot.conf" grep -qx "module = TDX-BLOB.bin" "$T/tdxboot.conf"
run --enable
check "module: kept without --module" grep -qx "module = TDX-BLOB.bin" "$T/tdxboot.conf"
run --remove
check "module: removed" [ ! -e "$T" ]
run --module "$DIR/nope.bin"
check "module: a missing one is refused" [ "$rc" = 1 ]
check "module: named" grep -q "nope.bin: no such TDX module" "$DIR/out"

# 11. --update (the kernel hooks): a newer kernel replaces the copy, the old
# files go, the options and the boot variables stay; never back to an older
# kernel; nothing at all where tdxboot-install did not install.
NEW=6.1.0-100-amd64 OLD=6.1.0-98-amd64
for v in $NEW $OLD; do
	head -c 1000 /dev/urandom > "$ROOT/boot/vmlinuz-$v"
	head -c 1000 /dev/urandom > "$ROOT/boot/initrd.img-$v"
done
rc=0
"$INSTALL" --root "$ROOT" --esp "$ESP" --update --kernel-version "$NEW" > "$DIR/out" 2>&1 || rc=$?
check "update, not installed: exit 0" [ "$rc" = 0 ]
check "update, not installed: nothing written" [ ! -e "$T" ]
run --enable --options "root=/dev/sda2 ro"
vars_before=$(cat "$VARS/entries" "$VARS/BootOrder"); creates=$(grep -c create "$VARS/calls")
echo "root=/dev/other" > "$ROOT/proc/cmdline"
rc=0
"$INSTALL" --root "$ROOT" --esp "$ESP" --update --kernel-version "$NEW" > "$DIR/out" 2>&1 || rc=$?
check "update: exit 0" [ "$rc" = 0 ]
check "update: new kernel copied" cmp -s "$ROOT/boot/vmlinuz-$NEW" "$T/vmlinuz-$NEW"
check "update: new initrd copied" cmp -s "$ROOT/boot/initrd.img-$NEW" "$T/initrd.img-$NEW"
check "update: conf names it" grep -qx "kernel = vmlinuz-$NEW" "$T/tdxboot.conf"
check "update: old kernel removed" [ ! -e "$T/vmlinuz-$KVER" ]
check "update: old initrd removed" [ ! -e "$T/initrd.img-$KVER" ]
check "update: options kept" grep -qx 'options = "root=/dev/sda2 ro"' "$T/tdxboot.conf"
check "update: boot variables untouched" [ "$vars_before" = "$(cat "$VARS/entries" "$VARS/BootOrder")" ]
check "update: no entry created" [ "$creates" = "$(grep -c create "$VARS/calls")" ]
"$INSTALL" --root "$ROOT" --esp "$ESP" --update --kernel-version "$OLD" > "$DIR/out" 2>&1
check "update: never to an older kernel" grep -qx "kernel = vmlinuz-$NEW" "$T/tdxboot.conf"
check "update: says why" grep -q "keeping vmlinuz-$NEW, newer than $OLD" "$DIR/out"
run --remove
check "update: remove takes the new files" [ ! -e "$T" ]

# 12. Errors name what is wrong and change nothing.
before=$(snapshot)
run --kernel "$ROOT/boot/nope"
check "no kernel: exit 1" [ "$rc" = 1 ]
check "no kernel: named" grep -q "boot/nope: no such kernel" "$DIR/out"
check "no kernel: nothing changed" [ "$before" = "$(snapshot)" ]
run --bogus
check "usage: exit 2" [ "$rc" = 2 ]
rc=0
"$INSTALL" --root "$ROOT" > "$DIR/out" 2>&1 || rc=$?
check "no ESP: exit 1" [ "$rc" = 1 ]
check "no ESP: says where it looked" grep -q "no EFI system partition mounted at $ROOT/efi" "$DIR/out"
rc=0
"$INSTALL" --version > "$DIR/out" 2>&1 || rc=$?
check "version" grep -qx "tdxboot-install $(cat "$HERE/../../VERSION")" "$DIR/out"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
