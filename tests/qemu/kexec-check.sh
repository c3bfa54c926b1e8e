#!/bin/sh
# Dropped into the test initramfs's /etc/tdxboot-check.d/ by
# tests/qemu/test-kernel.sh (boot 5): the patched kernel kexecs itself with
# Debian's kexec-tools, after the first kernel's checks ran; the second
# kernel (tdxboot.kexec=2 on its command line) runs the same checks again
# and this script lets its verdict through.
if grep -q 'tdxboot.kexec=2' /proc/cmdline; then
	echo "tdxboot-check: kexec: second kernel up"
	exit 0
fi
[ -f /boot/vmlinuz ] && [ -f /boot/initrd2 ] || {
	echo "tdxboot-check: kexec: FAILED: /boot/vmlinuz or /boot/initrd2 missing"
	exit 1
}
echo "tdxboot-check: kexec: loading the same kernel"
/sbin/kexec -l /boot/vmlinuz --initrd=/boot/initrd2 \
	--append="$(cat /proc/cmdline) tdxboot.kexec=2" || {
	echo "tdxboot-check: kexec: FAILED: kexec -l exited $?"
	exit 1
}
/sbin/kexec -e
echo "tdxboot-check: kexec: FAILED: kexec -e returned"
exit 1
