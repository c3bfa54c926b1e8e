# The kernel side (docs/kernel.md): a patch series for Debian's
# linux-source-7.3 (trixie-backports) that adopts tdxboot's handoff inside
# the kernel's own TDX bring-up, built into a small test kernel and booted
# through tdxboot in QEMU.
#
#   make kernel        build/vmlinuz-tdxboot (extract, apply, configure, build;
#                      cached and incremental under build/kernel-src, kernel-obj)
#   make kernel-test   build/vmlinuz-tdxboot-test: the series plus the TEST-ONLY
#                      kernel/linux/test/ (SEAMCALL routed to tdxboot's emulated
#                      module); same trees, so switching rebuilds a few files
#   make test-kernel   boot the test kernel through tdxboot with the emulated
#                      module (test-kernel.sh, test-kernel-negative.sh)
#   make run-kernel    the `make run` demo with the test kernel, ending in its
#                      adoption line
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
KERNEL_TEST := $(BUILD)/vmlinuz-tdxboot-test
# The module the kernel boots adopt: 7.3's get_tdx_sys_info() reads
# MAX_VCPUS_PER_TD, a 1.5.05 field, so 1.5.01 (the demo's TDX-BLOB.bin) is
# refused by the kernel (TDX_METADATA_FIELD_ID_INCORRECT) as it would be on
# hardware.  Named TDX-BLOB.bin: the ISO config loads that file.
KERNEL_BLOB := $(BUILD)/kernel-blob/TDX-BLOB.bin

$(KERNEL_BLOB): $(BUILD)/tdxboot-mkblob
	@mkdir -p $(@D)
	$(BUILD)/tdxboot-mkblob --version 1.5.05 -o $@

.PHONY: kernel kernel-test test-kernel run-kernel _kernel _kernel-test _test-kernel _run-kernel

kernel kernel-test test-kernel run-kernel: DEPS_EXTRA += $(KERNEL_DEPS)
kernel kernel-test test-kernel run-kernel: export DEPS_BACKPORTS = $(KERNEL_BACKPORTS)
kernel kernel-test test-kernel run-kernel: deps
	@$(MAKE) --no-print-directory _$@

# Always handed to kbuild, which knows what changed.
_kernel:
	kernel/build.sh $(KERNEL_TDXBOOT) $(BUILD)

_kernel-test:
	kernel/build.sh --test $(KERNEL_TEST) $(BUILD)

# tdxboot's ISO parts (the EFI app, the test module, the initramfs) come
# from the ordinary build; the test kernel from the rule above.  CI builds
# only the test kernel: the product series is its subset.
_test-kernel: _kernel-test _iso $(KERNEL_BLOB)
	TDXBOOT_TEST_KERNEL=1 tests/qemu/run-all.sh test-kernel test-kernel-negative

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
# The TEST kernel: with the emulated module, only its redirect lets SEAMCALLs
# reach the module, so it is what ends in "module initialized by firmware".
KERNEL_DEMO_ISO := $(BUILD)/tdxboot-kernel.iso

_run-kernel: _kernel-test _iso $(KERNEL_BLOB)
	{ cat iso/tdxboot.conf iso/chainload-demo.conf; } > $(BUILD)/tdxboot-kernel.conf
	iso/mkiso.sh $(KERNEL_DEMO_ISO) $(BUILD)/tdxboot.efi $(BUILD)/tdxboot-kernel.conf \
		$(KERNEL_TEST):/EFI/BOOT/vmlinuz $(BUILD)/initrd.img $(BUILD)/initrd-extra.img \
		$(KERNEL_BLOB) >/dev/null
	tests/qemu/boot.sh --interactive $(KERNEL_DEMO_ISO)
