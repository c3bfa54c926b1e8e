# Helpers for tests/qemu/test-*.sh (sourced).  A test boots, then asserts
# on the serial log with expect/expect_count; the first failed assertion
# prints what was expected and the log's tail, and fails the test.

# The serial log without ANSI escapes and CRs (OVMF's ConOut emits both).
clean_log() {
	sed -e 's/\x1b\[[0-9;=?]*[A-Za-z]//g' -e 's/\r$//' "$1"
}

fail() {
	echo "FAIL: $*" >&2
	if [ -n "${LOG:-}" ] && [ -f "$LOG.clean" ]; then
		echo "---- serial log (last 40 lines) ----" >&2
		tail -n 40 "$LOG.clean" >&2
	fi
	exit 1
}

# expect REGEX [what]: some line of the log matches (grep -E).
expect() {
	grep -Eq -- "$1" "$LOG.clean" || fail "${2:-expected a line matching /$1/}"
}

# expect_count N REGEX: exactly N lines match.
expect_count() {
	n=$(grep -Ec -- "$2" "$LOG.clean" || true)
	[ "$n" = "$1" ] || fail "expected $1 lines matching /$2/, found $n"
}

# boot_iso ISO [boot.sh options]: boots, leaves $LOG and $LOG.clean.
boot_iso() {
	iso=$1; shift
	rc=0
	tests/qemu/boot.sh --log "$LOG" "$@" "$iso" || rc=$?
	clean_log "$LOG" > "$LOG.clean"
	case "$rc" in
	0) ;;
	124) fail "QEMU did not power off before the time limit" ;;
	125) fail "the firmware reported an unhandled CPU exception" ;;
	*) fail "QEMU exited with status $rc" ;;
	esac
}

# demo_iso OUT.iso [SED-SCRIPT [EXTRA-CONF-LINES]]: the ISO of `make run`
# (tdxboot, the demo config, the kernel, the initrds, the test TDX-BLOB)
# with its configuration edited by SED-SCRIPT and EXTRA-CONF-LINES
# appended.  Uses what `make iso` built.
demo_iso() {
	out=$1 edit=${2:-} extra=${3:-}
	conf="${out%.iso}.conf"
	cat iso/tdxboot.conf iso/chainload-demo.conf | sed -e "$edit" > "$conf"
	[ -z "$extra" ] || printf '%s\n' "$extra" >> "$conf"
	iso/mkiso.sh "$out" build/tdxboot.efi "$conf" \
		build/vmlinuz build/initrd.img build/initrd-extra.img build/TDX-BLOB.bin \
		>/dev/null 2>&1 || fail "cannot build $out"
}

# kernel_disk DIR: DIR/disk.img, a second disk holding the demo kernel and
# its initrds: an MBR with disk signature 0x54445842 and one FAT partition
# (type 0x0c) from sector 0x800, 0xB800 sectors long (24 MiB in all), so a
# short-form HD(1,MBR,0x54445842,0x800,0xB800) path names it.
kernel_disk() {
	mkfs.vfat -C -n KERNELS "$1/part.img" 23552 >/dev/null
	mcopy -i "$1/part.img" build/vmlinuz build/initrd.img build/initrd-extra.img ::/
	{
		head -c 440 /dev/zero
		printf '\102\130\104\124\000\000'                       # signature, LE
		printf '\000\376\377\377\014\376\377\377'                 # type 0x0c, CHS unused
		printf '\000\010\000\000\000\270\000\000'                 # LBA 0x800, 0xb800 sectors
		head -c 48 /dev/zero
		printf '\125\252'
		head -c $((2048 * 512 - 512)) /dev/zero
		cat "$1/part.img"
	} > "$1/disk.img"
}

# The kernel tests' inputs (make test-kernel sets TDXBOOT_TEST_KERNEL=1;
# `make test` runs every tests/qemu/test-*.sh and must not need a kernel
# build): sets kernel and blob, or exits 77 (skipped).  The blob is a module
# 7.3 can use: its get_tdx_sys_info() reads MAX_VCPUS_PER_TD, which 1.5.01
# (the demo blob) does not have (docs/kernel.md §5).
kernel_test_inputs() {
	if [ "${TDXBOOT_TEST_KERNEL:-}" != 1 ]; then
		echo "opt-in: run by make test-kernel"
		exit 77
	fi
	kernel=build/vmlinuz-tdxboot-test
	[ -f "$kernel" ] || fail "$kernel missing: make kernel-test"
	blob=build/kernel-blob/TDX-BLOB.bin
	[ -f "$blob" ] || fail "$blob missing: make test-kernel builds it"
}
