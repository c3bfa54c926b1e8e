#!/bin/sh
# SPDX-License-Identifier: MIT
# What the install cycle's initramfs carries beyond the test one
# (tests/qemu/test-install.sh): Debian's efibootmgr and util-linux's blkid
# with their libraries (from ldd), the kernel modules for the virtio disk
# and its FAT ESP (from the cached kernel package, in load order),
# tdxboot-install, tdxboot.efi where the package puts it, and the guest's
# half of the test as an /etc/tdxboot-check.d hook.  Copies them into DIR
# and prints FILE:DEST specs for tests/initramfs/build.sh.
#
#   tests/install/initramfs-extras.sh DIR KERNEL_DEB TDXBOOT_INSTALL TDXBOOT_EFI
set -eu
DIR=$1 DEB=$2 INSTALL=$3 EFI=$4
HERE=$(cd "$(dirname "$0")" && pwd)
# Each after what it depends on (checked below against the modules' own
# depends= lists).
MODULES="virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci
virtio_blk fat vfat nls_cp437 nls_ascii"

mkdir -p "$DIR/mod"
dpkg-deb --fsys-tarfile "$DEB" | tar -x -C "$DIR/mod" --wildcards \
	'./lib/modules/*/kernel/drivers/virtio/*' './lib/modules/*/kernel/drivers/block/virtio_blk.ko' \
	'./lib/modules/*/kernel/fs/fat/*' './lib/modules/*/kernel/fs/nls/nls_cp437.ko' \
	'./lib/modules/*/kernel/fs/nls/nls_ascii.ko'
loaded=""
for m in $MODULES; do
	ko=$(find "$DIR/mod" -name "$m.ko" | head -n 1)
	[ -n "$ko" ] || { echo "initramfs-extras: $m.ko not in $DEB" >&2; exit 1; }
	for d in $(strings "$ko" | sed -n 's/^depends=//p' | tr ',' ' '); do
		case " $loaded " in *" $d "*) ;; *)
			echo "initramfs-extras: $m needs $d loaded first" >&2; exit 1 ;;
		esac
	done
	loaded="$loaded $m"
	echo "$ko:lib/modules/install/$m.ko"
done
echo "$MODULES" | tr ' ' '\n' | grep . > "$DIR/order"
echo "$DIR/order:lib/modules/install/order"

# Programs and every library ldd names, at the same paths.
for prog in /usr/bin/efibootmgr /sbin/blkid; do
	echo "$prog:bin/$(basename "$prog")"
	ldd "$prog" | awk '/=> \// { print $3 } /^[[:space:]]*\/lib/ { print $1 }'
done | while read -r spec; do
	case $spec in
	*:*) echo "$spec" ;;
	*) echo "$spec:${spec#/}" ;;
	esac
done | sort -u
echo "$INSTALL:bin/tdxboot-install"
echo "$EFI:usr/lib/tdxboot/tdxboot.efi"
echo "$HERE/guest-cycle.sh:etc/tdxboot-check.d/install-cycle.sh"
