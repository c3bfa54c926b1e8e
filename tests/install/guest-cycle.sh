#!/bin/sh
# SPDX-License-Identifier: MIT
# The guest's half of tests/qemu/test-install.sh, run by the test
# initramfs's /init as an /etc/tdxboot-check.d hook when the command line
# has tdxboot.install=1.  The ESP is the virtio disk's first partition,
# mounted at /boot/efi as on a Debian system, where tdxboot-install finds it
# itself; the kernel and initrd to install sit in the disk's /stage, linked
# into /boot the way Debian names them.
#   first boot (no \EFI\tdxboot on the ESP): tdxboot-install --try, twice,
#     then reboot: the firmware's BootNext starts tdxboot from the disk;
#   second boot: BootCurrent is tdxboot's entry and BootNext is spent;
#     --enable puts it first in BootOrder, --remove takes everything away.
grep -q 'tdxboot.install=1' /proc/cmdline || exit 0
failed=0
say() { echo "tdxboot-check: install: $*"; }
ok()  { say "$1 ok"; }
bad() { say "$1 FAILED${2:+: $2}"; failed=1; }
run() { # show a command's output in the log, keep its exit code
	say "\$ $*"
	rc=0
	"$@" > /tmp/run.out 2>&1 || rc=$?
	sed 's/^/tdxboot-check: install:   /' /tmp/run.out
	return $rc
}
entry() { efibootmgr -v | grep -i 'File(\\EFI\\tdxboot\\tdxboot.efi)' | cut -c5-8; }
var() { efibootmgr | sed -n "s/^$1: //p"; }
# The Prometheus metrics of this boot, for the host's strict format check.
metrics() {
	/bin/tdxboot-inspect --prometheus 2>/dev/null | sed "s/^/tdxboot-metrics-$1: /"
}

for m in $(cat /lib/modules/install/order); do
	insmod "/lib/modules/install/$m.ko" 2>/dev/null
done
i=0
while [ ! -b /dev/vda1 ] && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -b /dev/vda1 ] || { bad "disk" "no /dev/vda1"; exit 1; }
mkdir -p /boot/efi
mount -t vfat /dev/vda1 /boot/efi || { bad "mount" "/dev/vda1 on /boot/efi"; exit 1; }
# efibootmgr writes through efivarfs (mounted by /init).
[ -d /sys/firmware/efi/efivars ] && [ -n "$(ls /sys/firmware/efi/efivars)" ] ||
	{ bad "efivarfs" "not mounted"; exit 1; }

# The installed system's kernel and initrd, where Debian keeps them.
kver=$(uname -r)
ln -s /boot/efi/stage/vmlinuz "/boot/vmlinuz-$kver"
ln -s /boot/efi/stage/initrd.img "/boot/initrd.img-$kver"

if [ ! -e /boot/efi/EFI/tdxboot ]; then
	say "first boot: installing"
	run efibootmgr -v
	run tdxboot-install --dry-run --try
	[ -e /boot/efi/EFI/tdxboot ] && bad "dry-run" "wrote /boot/efi/EFI/tdxboot"
	run tdxboot-install --try || bad "tdxboot-install --try" "exit $rc"
	n=$(entry)
	[ -n "$n" ] && [ "$(var BootNext)" = "$n" ] && ok "entry Boot$n is BootNext" ||
		bad "BootNext" "entry '$n', BootNext '$(var BootNext)'"
	run tdxboot-install --try || bad "second run" "exit $rc"
	grep -q created /tmp/run.out && bad "second run" "created another entry"
	[ "$(entry | wc -l)" = 1 ] && ok "idempotent: one entry" || bad "idempotent" "$(entry | wc -l) entries"
	run efibootmgr -v
	run cat /boot/efi/EFI/tdxboot/tdxboot.conf
	metrics 1
	umount /boot/efi
	sync
	if [ "$failed" = 0 ]; then
		say "rebooting into BootNext"
		reboot -f
		sleep 10
	fi
	exit 1
fi

say "second boot"
metrics 2
run efibootmgr -v
n=$(entry) cur=$(var BootCurrent)
if [ -n "$n" ] && [ "$cur" = "$n" ]; then
	ok "BootCurrent is tdxboot's entry Boot$n"
else
	bad "BootCurrent" "BootCurrent '$cur', tdxboot's entry '$n'"
fi
[ -z "$(var BootNext)" ] && ok "BootNext spent" || bad "BootNext" "still $(var BootNext)"
run tdxboot-install --enable || bad "--enable" "exit $rc"
case $(var BootOrder) in
"$n",*|"$n") ok "Boot$n first in BootOrder ($(var BootOrder))" ;;
*) bad "--enable" "BootOrder $(var BootOrder)" ;;
esac
run tdxboot-install --remove || bad "--remove" "exit $rc"
[ -z "$(entry)" ] && ok "--remove: no entry" || bad "--remove" "entry $(entry) left"
case ",$(var BootOrder)," in *",$n,"*) bad "--remove" "Boot$n in BootOrder" ;; *) ok "--remove: BootOrder $(var BootOrder)" ;; esac
[ ! -e /boot/efi/EFI/tdxboot ] && ok "--remove: files gone" || bad "--remove" "files left"
umount /boot/efi
exit "$failed"
