# The handoff table (docs/handoff.md): tdxboot-inspect's test on tables
# built by core/handoff_build, its static build for initramfs use, and the
# libFuzzer target for lib/handoff.
#
#   make check   runs handoff-inspect and a short fuzz-handoff-check
#   make fuzz    runs fuzz-handoff for FUZZ_SECONDS (default 60)
#   make build/tdxboot-inspect.static

FUZZ_SECONDS ?= 60
# The planner's fragment defines the same flags; whichever is read last wins.
FUZZ_CFLAGS ?= -std=gnu11 -g -O1 $(WARN) -I. -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all

HANDOFF_MKTABLE := $(BUILD)/host/handoff-mktable
HANDOFF_HDRS    := lib/tdxboot_handoff.h lib/handoff.h lib/crc32.h core/handoff_build.h \
	tests/unit/handoff_fixture.h
FUZZ_HANDOFF    := $(BUILD)/fuzz/fuzz-handoff
FUZZ_HANDOFF_C  := lib/handoff.c lib/handoff_names.c lib/crc32.c
HANDOFF_SEEDS   := tests/fuzz/handoff

# Writes fixture tables, a fake /sys and a fake /dev/mem for the test.
$(HANDOFF_MKTABLE): tests/handoff/mktable.c tests/unit/handoff_fixture.c $(HOST_LIB) \
		$(HANDOFF_HDRS)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) $(filter %.c %.a,$^) -o $@

.PHONY: handoff-inspect
handoff-inspect: $(BUILD)/tdxboot-inspect $(HANDOFF_MKTABLE)
	tests/handoff/inspect.sh $(BUILD)/tdxboot-inspect $(HANDOFF_MKTABLE)

CHECK_STEPS += handoff-inspect

# Static, for an initramfs without a libc (glibc's static libc.a suffices:
# the tool calls nothing that needs NSS or dlopen).
$(BUILD)/tdxboot-inspect.static: $(patsubst %.c,$(BUILD)/host/%.o,$(wildcard tools/tdxboot-inspect/*.c)) $(TOOL_COMMON_OBJS) \
		$(HOST_LIB)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -static $^ -o $@

ALL_EXTRA += $(BUILD)/tdxboot-inspect.static

$(FUZZ_HANDOFF): tests/fuzz/fuzz_handoff.c $(FUZZ_HANDOFF_C) $(HANDOFF_HDRS)
	@mkdir -p $(@D) $(BUILD)/fuzz/handoff-corpus
	$(CC) $(FUZZ_CFLAGS) $(filter %.c,$^) -o $@

.PHONY: fuzz-handoff fuzz-handoff-check
fuzz-handoff: $(FUZZ_HANDOFF)
	$(FUZZ_HANDOFF) -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
		-artifact_prefix=$(BUILD)/fuzz/ $(BUILD)/fuzz/handoff-corpus $(HANDOFF_SEEDS)
# make check: a short reproducible run from the seeds.  libFuzzer writes new
# inputs into its first directory, so that is a fresh scratch one: the
# checked-in seeds (named ones + min-* from a -merge=1 of long runs) stay put.
fuzz-handoff-check: $(FUZZ_HANDOFF)
	@rm -rf $(BUILD)/fuzz/handoff-check && mkdir -p $(BUILD)/fuzz/handoff-check
	@$(FUZZ_HANDOFF) -runs=20000 -seed=1 -max_len=4096 -artifact_prefix=$(BUILD)/fuzz/ \
		$(BUILD)/fuzz/handoff-check $(HANDOFF_SEEDS) >$(BUILD)/fuzz/handoff-check.log 2>&1 || \
		{ tail -40 $(BUILD)/fuzz/handoff-check.log; exit 1; }
	@tail -1 $(BUILD)/fuzz/handoff-check.log

FUZZ_STEPS  += fuzz-handoff
CHECK_STEPS += fuzz-handoff-check

# The consumer library's promise to kernels (docs/handoff.md §9): it builds
# with no headers but the compiler's own and calls nothing outside itself,
# not even memcpy/memset the compiler might have slipped in.
.PHONY: handoff-freestanding
handoff-freestanding: $(FUZZ_HANDOFF_C) $(HANDOFF_HDRS)
	@mkdir -p $(BUILD)/handoff-fs
	@for f in $(FUZZ_HANDOFF_C); do \
		$(CC) --target=x86_64-linux-gnu -std=gnu11 -O2 $(WARN) -ffreestanding -nostdlibinc \
			-mno-red-zone -I. -c $$f -o $(BUILD)/handoff-fs/$$(basename $$f .c).o || exit 1; \
	done
	@undef=$$(nm -u $(BUILD)/handoff-fs/*.o | awk 'NF == 2 { print $$2 }' | sort -u | \
		grep -vx crc32_ieee); \
	if [ -n "$$undef" ]; then echo "handoff-freestanding: calls outside lib/: $$undef"; exit 1; fi
	@echo "handoff-freestanding: lib/handoff, lib/handoff_names, lib/crc32 self-contained"

CHECK_STEPS += handoff-freestanding
