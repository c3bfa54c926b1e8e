# The emulated TDX module (docs/emulator.md): an independent check of the
# TDX-BLOB files tools/tdxboot-mkblob writes, with coreutils only: size,
# signature, 16-bit word checksum 0 and seamhash == SHA-384 of the module
# (docs/reference/tdx-abi.md §11.6, §11.7).  The emulator's own conformance tests are unit
# tests (tests/unit/test_emu_*.c).
#
#   make check   runs emu-mkblob

EMU_BLOB_DIR := $(BUILD)/emu-blob

# $(call emu_blob_check,FILE,PAGES,SIG_OFFSET): fails the step on a mismatch.
define emu_blob_check
	test "$$(stat -c %s $(1))" -eq $$((4096 * (2 + $(2))))
	test "$$(dd if=$(1) bs=1 skip=$(3) count=8 status=none)" = TDX-BLOB
	test "$$(od -An -v -tu2 $(1) | tr -s ' ' '\n' | awk '{s += $$1} END {print s % 65536}')" = 0
	test "$$(tail -c +8193 $(1) | sha384sum | cut -c1-96)" = \
	     "$$(dd if=$(1) bs=1 skip=$$((0x1384)) count=48 status=none | od -An -v -tx1 | tr -d ' \n')"
endef

.PHONY: emu-mkblob
emu-mkblob: $(BUILD)/tdxboot-mkblob
	@mkdir -p $(EMU_BLOB_DIR)
	$(BUILD)/tdxboot-mkblob -o $(EMU_BLOB_DIR)/v1.blob
	$(call emu_blob_check,$(EMU_BLOB_DIR)/v1.blob,4,8)
	$(BUILD)/tdxboot-mkblob --layout 2 --pages 7 -o $(EMU_BLOB_DIR)/v2.blob
	$(call emu_blob_check,$(EMU_BLOB_DIR)/v2.blob,7,4)
	$(BUILD)/tdxboot-mkblob --bad-hash -o $(EMU_BLOB_DIR)/bad.blob
	test "$$(tail -c +8193 $(EMU_BLOB_DIR)/bad.blob | sha384sum | cut -c1-96)" != \
	     "$$(dd if=$(EMU_BLOB_DIR)/bad.blob bs=1 skip=$$((0x1384)) count=48 status=none | od -An -v -tx1 | tr -d ' \n')"
	! $(BUILD)/tdxboot-mkblob --pages 497 -o $(EMU_BLOB_DIR)/x.blob 2>/dev/null
	# One blob per profile: the version in the module's descriptor (bytes
	# 8..13 of the module: major, minor, update), the sigstruct's major SVN
	# (0x3B5) 0 only for 1.0 (docs/reference/tdx-abi.md §16.3).
	for v in 1.0:1.0.3:0 1.5.01:1.5.1:1 1.5.05:1.5.5:1 1.5.16:1.5.16:1; do \
	  p=$${v%%:*}; r=$${v#*:}; want=$${r%%:*}; svn=$${r##*:}; \
	  $(BUILD)/tdxboot-mkblob --version $$p -o $(EMU_BLOB_DIR)/p.blob || exit 1; \
	  got=$$(od -An -tu2 -j $$((8192 + 8)) -N 6 $(EMU_BLOB_DIR)/p.blob | awk '{print $$1"."$$2"."$$3}'); \
	  test "$$got" = "$$want" || { echo "profile $$p: module version $$got"; exit 1; }; \
	  test "$$(od -An -tu1 -j $$((0x1000 + 0x3B5)) -N 1 $(EMU_BLOB_DIR)/p.blob | tr -d ' ')" = $$svn; \
	done
	! $(BUILD)/tdxboot-mkblob --version 1.7.3 -o $(EMU_BLOB_DIR)/x.blob 2>$(EMU_BLOB_DIR)/err
	grep -q "unknown TDX module version '1.7.3': the emulator has profiles for 1.0, 1.5.01, 1.5.05, 1.5.16" $(EMU_BLOB_DIR)/err
	@echo "emu-mkblob: TDX-BLOB files verified"

CHECK_STEPS += emu-mkblob
