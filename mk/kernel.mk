# The Linux side of `make run` and the QEMU tests (docs/chainload.md):
# Debian's cloud kernel, fetched with apt into build/ (never committed), a
# busybox initramfs whose /init checks what tdxboot handed over, and the
# ISO's configuration that chainloads them.

# busybox-static: the initramfs; sbsigntool and openssl: the Secure Boot
# test signs images with OVMF's snakeoil key; swtpm: the TPM test.
DEPS_EXTRA += busybox-static sbsigntool openssl swtpm swtpm-tools
export DEPS_EXTRA

KERNEL        := $(BUILD)/vmlinuz
INITRD        := $(BUILD)/initrd.img
INITRD_EXTRA  := $(BUILD)/initrd-extra.img
ISO_CONF      := $(BUILD)/iso/tdxboot.conf
# mk/handoff.mk builds it; /init runs it on the table tdxboot left behind.
INSPECT_STATIC := $(BUILD)/tdxboot-inspect.static

# Cached: fetched once, kept until `make clean`.
$(KERNEL):
	tools/fetch-kernel.sh $@

$(INITRD): tests/initramfs/build.sh tests/initramfs/init $(KERNEL) $(INSPECT_STATIC) \
		$(BUILD)/tdxboot-plan.static tests/initramfs/plan-compare.sh
	tests/initramfs/build.sh $@ $(BUILD)/kernel/efivarfs.ko:lib/modules/efivarfs.ko \
		$(INSPECT_STATIC):bin/tdxboot-inspect $(BUILD)/tdxboot-plan.static:bin/tdxboot-plan \
		tests/initramfs/plan-compare.sh:etc/tdxboot-check.d/plan-compare.sh

# A second archive: /init proves that both initrds arrived, concatenated.
$(INITRD_EXTRA): tests/initramfs/build.sh
	tests/initramfs/build.sh --marker extra $@

# iso/tdxboot.conf plus the chainload keys.  mkiso.sh copies extras after
# the configuration, into \EFI\BOOT\ by file name, overwriting: so this
# file replaces the plain one on the ISO, and iso/tdxboot.conf stays the
# neutral starting point that README tells operators to install.
$(ISO_CONF): iso/tdxboot.conf iso/chainload-demo.conf
	@mkdir -p $(@D)
	cat iso/tdxboot.conf iso/chainload-demo.conf > $@

ISO_EXTRA += $(KERNEL) $(INITRD) $(INITRD_EXTRA) $(ISO_CONF)

# Debian's signed shim, for tests/qemu/test-shim.sh (which fetches it itself
# when missing); cached like the kernel.
SHIM := $(BUILD)/shimx64.efi
$(SHIM):
	tools/fetch-deb-file.sh shim-signed usr/lib/shim/shimx64.efi.signed $@
ALL_EXTRA += $(SHIM)
