#!/bin/sh
# Secure Boot: LoadImage's verdict stands.  OVMF with Debian's snakeoil test
# key in PK, KEK and db; tdxboot is signed with that key.
#  1. Debian's kernel as shipped (signed by Debian, whose key is not in this
#     db) is refused; tdxboot explains it and returns to the firmware.
#  2. The same kernel signed with the db key boots, and Linux reports
#     Secure Boot on; the initramfs's verdict is ok.
# One vCPU: OVMF's Secure Boot build keeps its variables in SMM, and under
# TCG every SMM entry rendezvouses all vCPUs; with 4 of them the firmware
# alone takes about 50 s, with 1 about 3 s (measured here).
set -eu
. tests/qemu/lib.sh
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
key=/usr/share/ovmf/PkKek-1-snakeoil
# The shipped key is protected by the passphrase "snakeoil" (ovmf README.Debian).
openssl pkey -in "$key.key" -passin pass:snakeoil -out "$dir/db.key"
sign() { sbsign --key "$dir/db.key" --cert "$key.pem" --output "$2" "$1" >/dev/null 2>&1; }
sign build/tdxboot.efi "$dir/tdxboot.efi"
cp build/vmlinuz "$dir/vmlinuz.debian"
cp build/vmlinuz "$dir/unsigned" && sbattach --remove "$dir/unsigned" >/dev/null 2>&1
mkdir "$dir/db" && sign "$dir/unsigned" "$dir/db/vmlinuz"

# 1. Refused.  Under Secure Boot OVMF refuses its own shell too and retries
#    its boot options forever, so stop once the firmware has moved on.
LOG=${WORK:-/tmp}/secure-boot-refused.log
iso/mkiso.sh "$dir/refused.iso" "$dir/tdxboot.efi" build/iso/tdxboot.conf \
	"$dir/vmlinuz.debian:/EFI/BOOT/vmlinuz" build/initrd.img build/initrd-extra.img >/dev/null 2>&1
small="--smp 1 --sockets 1 --nodes 1 --mem-gb 2"
# shellcheck disable=SC2086
boot_iso "$dir/refused.iso" --secure-boot $small --timeout 90 --until 'BdsDxe: failed to start Boot0001'
expect '^error: \\EFI\\BOOT\\vmlinuz: refused by Secure Boot \(EFI_(ACCESS_DENIED|SECURITY_VIOLATION)\): not signed by a key in db' \
	"the refusal is explained"
expect "^error: cannot start the next image; returning to the firmware's boot manager$" "back to the firmware"
expect 'BdsDxe: failed to start Boot0001 .*: Load Error' "the firmware got the error"

# 2. Signed with the db key: boots.
LOG=${WORK:-/tmp}/secure-boot-signed.log
iso/mkiso.sh "$dir/signed.iso" "$dir/tdxboot.efi" build/iso/tdxboot.conf \
	"$dir/db/vmlinuz" build/initrd.img build/initrd-extra.img >/dev/null 2>&1
# shellcheck disable=SC2086
boot_iso "$dir/signed.iso" --secure-boot $small --timeout 120
expect '\] secureboot: Secure boot enabled' "Linux sees Secure Boot on"
expect '^tdxboot-check: verdict: ok$' "the initramfs's verdict"
