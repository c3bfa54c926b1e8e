# tdxboot-install (tools/tdxboot-install, POSIX sh; docs/install.md): the
# script with its version filled in, and its test on a fake system with
# efibootmgr kept in a directory (tests/install/).
#
#   make check   runs install-test

INSTALL_TOOL := $(BUILD)/tdxboot-install

# An explicit rule: it wins over the C tools' pattern rule for build/tdxboot-%.
$(INSTALL_TOOL): tools/tdxboot-install VERSION
	@mkdir -p $(@D)
	sed 's/^VERSION=@VERSION@$$/VERSION=$(VERSION)/' $< > $@.tmp
	chmod 0755 $@.tmp && mv $@.tmp $@

ALL_EXTRA += $(INSTALL_TOOL)

.PHONY: install-test
install-test: $(INSTALL_TOOL)
	sh tests/install/install.sh $(INSTALL_TOOL)

CHECK_STEPS += install-test

# The QEMU install cycle (tests/qemu/test-install.sh) puts Debian's
# efibootmgr into its initramfs and partitions its disk with sfdisk.
DEPS_EXTRA += efibootmgr fdisk
export DEPS_EXTRA
