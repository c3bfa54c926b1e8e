# The initializer's benchmark (docs/initializer.md): the TDH.SYS.TDMR.INIT
# critical path on an emulated 8-socket, 16 TiB platform.
#
#   make bench   runs init-bench

INIT_BENCH := $(BUILD)/host/tdmr-init-bench

$(INIT_BENCH): bench/tdmr_init_bench.c tests/support/exec_threads.c $(HOST_LIB) \
		$(wildcard core/*.h emu/*.h lib/*.h)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) $(filter %.c %.a,$^) -o $@ -lm

.PHONY: init-bench
init-bench: $(INIT_BENCH)
	$(INIT_BENCH)

BENCH_STEPS += init-bench

# The demonstration ISO loads a generated test module through the emulated
# P-SEAMLDR (module = TDX-BLOB.bin in iso/chainload-demo.conf): the whole
# SEAMLDR.INFO / SEAMLDR.INSTALL path runs at every `make run`.
TDX_BLOB := $(BUILD)/TDX-BLOB.bin

$(TDX_BLOB): $(BUILD)/tdxboot-mkblob
	$(BUILD)/tdxboot-mkblob -o $@

ISO_EXTRA += $(TDX_BLOB)
