# make bench-boot: tdxboot's boot cost against Debian's systemd-boot
# (bench/boot-cost.sh, docs/chainload.md).  Not part of `make bench`: it
# boots QEMU 2 * ROUNDS times (ROUNDS=5).  BENCH_BOOT_OTHER=old.efi adds an
# older build to the same interleaved rounds, for a before/after figure.
SDBOOT := $(BUILD)/systemd-bootx64.efi
$(SDBOOT):
	tools/fetch-deb-file.sh systemd-boot-efi usr/lib/systemd/boot/efi/systemd-bootx64.efi $@

.PHONY: bench-boot _bench-boot
bench-boot: deps
	@$(MAKE) --no-print-directory _bench-boot

# (mk/kernel.mk, included after this file, has the rules for these.)
_bench-boot: $(EFI_APP) $(BUILD)/vmlinuz $(BUILD)/initrd.img $(BUILD)/initrd-extra.img $(SDBOOT)
	bench/boot-cost.sh $(EFI_APP) $(BENCH_BOOT_OTHER)
