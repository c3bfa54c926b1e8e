# The next boot entry (docs/chainload.md): tests/qemu/test-next-entry.sh
# writes its Boot#### entries with a small EFI application of its own.
$(BUILD)/test-bootvars.so: $(BUILD)/efi/tests/qemu/bootvars.o linker/efi_x86_64.lds
	$(LD) $(EFI_LDFLAGS) $(EFI_LIB)/crt0-efi-x86_64.o $< -L$(EFI_LIB) -lgnuefi -o $@

_test: $(BUILD)/test-bootvars.efi
