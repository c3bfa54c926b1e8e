# The kernel side (docs/kernel.md): a patch series for Debian's
# linux-source-7.3 (trixie-backports) that adopts tdxboot's handoff inside
# the kernel's own TDX bring-up, built into a small test kernel and booted
# through tdxboot in QEMU.
#
#   make kernel        build/vmlinuz-tdxboot (extract, apply, configure, build;
#                      cached and incremental under build/kernel-src, kernel-obj)
#   make test-kernel   boot it through tdxboot with the emulated module
#   make run-kernel    the `make run` demo with the patched kernel
#
# None is part of `make`/`make test`: the first build takes minutes on
# 2 cores (README, "The kernel patch").

# The build's packages, installed by tools/deps.sh for these targets only:
# the 7.3 source comes from trixie-backports (pinned: nothing else is
# upgraded from it), the toolchain from the machine's own suite.
KERNEL_DEPS := gcc libc6-dev make flex bison bc libelf-dev libssl-dev \
	cpio xz-utils patch kexec-tools
KERNEL_BACKPORTS := linux-source-7.3
KERNEL_TDXBOOT := $(BUILD)/vmlinuz-tdxboot

.PHONY: kernel test-kernel run-kernel _kernel _test-kernel _run-kernel

kernel test-kernel run-kernel: DEPS_EXTRA += $(KERNEL_DEPS)
kernel test-kernel run-kernel: export DEPS_BACKPORTS = $(KERNEL_BACKPORTS)
kernel test-kernel run-kernel: deps
	@$(MAKE) --no-print-directory _$@

# Always handed to kbuild, which knows what changed.
_kernel:
	kernel/build.sh $(KERNEL_TDXBOOT) $(BUILD)

# tdxboot's ISO parts (the EFI app, the test module, the initramfs) come
# from the ordinary build; the kernel from the rule above.
_test-kernel: _kernel _iso
	TDXBOOT_TEST_KERNEL=1 tests/qemu/run-all.sh test-kernel

# ---- the handoff corpus (make check): the series' reader, extracted from
# patch 0001 and built on the host against tests/handoff/shim/, and lib/
# must accept and refuse the same tables (tests/handoff/corpus.c).
KREADER_DIR := $(BUILD)/kreader
KREADER_PATCH := $(firstword $(sort $(wildcard kernel/linux/0001-*.patch)))
KREADER_SRC := $(KREADER_DIR)/arch/x86/virt/vmx/tdx/tdxboot_handoff.c
HANDOFF_CORPUS := $(BUILD)/host/handoff-corpus
CHECK_STEPS += handoff-corpus
# `make check` extracts the reader with patch(1).
DEPS_EXTRA += patch

$(KREADER_SRC): $(KREADER_PATCH)
	rm -rf $(KREADER_DIR) && mkdir -p $(KREADER_DIR)
	patch -s -p1 -d $(KREADER_DIR) < $(KREADER_PATCH)
	touch $@

$(HANDOFF_CORPUS): tests/handoff/corpus.c tests/handoff/kreader.c tests/handoff/kreader.h $(KREADER_SRC) $(BUILD)/san/tests/unit/handoff_fixture.o \
		$(SAN_OBJS) $(wildcard tests/handoff/shim/linux/*.h)
	@mkdir -p $(@D)
	$(CC) $(SAN_CFLAGS) -Itests/handoff/shim -I$(KREADER_DIR)/arch/x86/virt/vmx/tdx \
		-c $(KREADER_SRC) -o $(BUILD)/host/kreader-handoff.o
	$(CC) $(SAN_CFLAGS) -Itests/handoff/shim -I$(KREADER_DIR)/arch/x86/virt/vmx/tdx \
		-c tests/handoff/kreader.c -o $(BUILD)/host/kreader.o
	$(CC) $(SAN_CFLAGS) tests/handoff/corpus.c $(BUILD)/host/kreader.o \
		$(BUILD)/host/kreader-handoff.o $(BUILD)/san/tests/unit/handoff_fixture.o \
		$(SAN_OBJS) -o $@

.PHONY: handoff-corpus
handoff-corpus: $(HANDOFF_CORPUS)
	$(HANDOFF_CORPUS)

# ---- make run-kernel: `make run`'s demo with the patched kernel in place of
# Debian's (the ISO of iso/chainload-demo.conf, as tests/qemu/test-kernel.sh).
KERNEL_DEMO_ISO := $(BUILD)/tdxboot-kernel.iso

_run-kernel: _kernel _iso
	{ cat iso/tdxboot.conf iso/chainload-demo.conf; } > $(BUILD)/tdxboot-kernel.conf
	iso/mkiso.sh $(KERNEL_DEMO_ISO) $(BUILD)/tdxboot.efi $(BUILD)/tdxboot-kernel.conf \
		$(KERNEL_TDXBOOT):/EFI/BOOT/vmlinuz $(BUILD)/initrd.img $(BUILD)/initrd-extra.img \
		$(BUILD)/TDX-BLOB.bin >/dev/null
	tests/qemu/boot.sh --interactive $(KERNEL_DEMO_ISO)
