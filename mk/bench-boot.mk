# make bench-boot: tdxboot's boot cost against Debian's systemd-boot
# (bench/boot-cost.sh, docs/chainload.md).  Not part of `make bench`: it
# boots QEMU 2 * ROUNDS times.
SDBOOT := $(BUILD)/systemd-bootx64.efi
$(SDBOOT):
	tools/fetch-systemd-boot.sh $@

.PHONY: bench-boot _bench-boot
bench-boot: deps
	@$(MAKE) --no-print-directory _bench-boot

_bench-boot: $(EFI_APP) $(KERNEL) $(INITRD) $(INITRD_EXTRA) $(SDBOOT)
	bench/boot-cost.sh $(EFI_APP)
