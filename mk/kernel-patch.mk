# The kernel side (docs/kernel.md): a patch series for Debian's
# linux-source-6.12 that adopts tdxboot's handoff, built into a small test
# kernel and booted through tdxboot in QEMU.
#
#   make kernel        build/vmlinuz-tdxboot (extract, apply, configure, build;
#                      cached and incremental under build/kernel-src, kernel-obj)
#   make test-kernel   boot it through tdxboot with the emulated module; also
#                      build/vmlinuz-tdxboot-fake, the series plus a fake TDX
#                      module (kernel/linux/test/), to run the adoption path
#
# Neither is part of `make`/`make test`: the first build takes about
# 5.5 minutes on 2 cores (README, "The kernel patch").  `make check`
# verifies that the series' copies of lib/ equal lib/.

# The build's packages, installed by tools/deps.sh for these targets only
# (linux-source-6.12 alone is a 150 MB download that `make test` never needs).
KERNEL_DEPS := linux-source-6.12 gcc libc6-dev make flex bison bc libelf-dev libssl-dev \
	cpio xz-utils patch
KERNEL_TDXBOOT := $(BUILD)/vmlinuz-tdxboot

.PHONY: kernel test-kernel _kernel _kernel-fake _test-kernel kernel-copies

kernel test-kernel: DEPS_EXTRA += $(KERNEL_DEPS)
kernel test-kernel: deps
	@$(MAKE) --no-print-directory _$@

# Always handed to kbuild, which knows what changed.
_kernel:
	kernel/build.sh $(KERNEL_TDXBOOT) $(BUILD)

# After _kernel, not beside it: two -j2 kernel builds would share 2 cores.
_kernel-fake: _kernel
	kernel/build.sh $(KERNEL_TDXBOOT)-fake $(BUILD) --fake

# tdxboot's ISO parts (the EFI app, the test module, the initramfs) come
# from the ordinary build; the kernels from the rules above.
_test-kernel: _kernel _kernel-fake _iso
	TDXBOOT_TEST_KERNEL=1 tests/qemu/run-all.sh test-kernel test-kernel-adopt

kernel-copies:
	@kernel/check-copies.sh

# The 6.12 series is being retired (a kernel-native reader replaces the copies):
# kernel-copies is no longer a check step.
