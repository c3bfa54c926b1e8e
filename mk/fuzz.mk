# Parser and planner fuzzing of issue 9 (docs/hardening.md): libFuzzer
# targets with ASan and UBSan for the config file and load options, the
# EFI memory map to a plan, the ACPI tables, TDX-BLOB files through the
# emulated P-SEAMLDR, and the planner judged by the emulated TDH.SYS.CONFIG.
# (The platform log and the handoff library have theirs in plan.mk and
# handoff.mk.)
#
#   make check   runs fuzz-parsers-check: each target briefly, from its seeds
#   make fuzz    runs each target for FUZZ_SECONDS (default 60)
#
# libFuzzer writes new inputs into the FIRST corpus directory it is given:
# that is always a scratch one under build/fuzz, the checked-in seeds
# (tests/fuzz/NAME/) come second and stay as they are.

FUZZ_SECONDS ?= 60
FUZZ_CFLAGS ?= -std=gnu11 -g -O1 $(WARN) -I. -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all
FUZZ_CHECK_RUNS ?= 20000

# name: the seed directory (tests/fuzz/NAME) the target starts from.
FUZZ_PARSERS := config memmap acpi blob bls
FUZZ_SEEDS_config      := tests/fuzz/config
FUZZ_SEEDS_memmap      := tests/fuzz/memmap
FUZZ_SEEDS_acpi        := tests/fuzz/acpi
FUZZ_SEEDS_blob        := tests/fuzz/blob
FUZZ_SEEDS_bls         := tests/fuzz/bls
FUZZ_MAXLEN_config      := 4096
FUZZ_MAXLEN_memmap      := 8192
FUZZ_MAXLEN_acpi        := 8192
FUZZ_MAXLEN_blob        := 40000
FUZZ_MAXLEN_bls         := 4096

# core/, emu/ and lib/ instrumented once, as an archive each target links
# what it needs from; the test-side judges are compiled into the targets.
FUZZ_OBJ_DIR := $(BUILD)/fuzz/obj
FUZZ_LIB     := $(BUILD)/fuzz/libtdxboot-fuzz.a
FUZZ_LIB_OBJS := $(patsubst %.c,$(FUZZ_OBJ_DIR)/%.o,$(PORTABLE_SRCS))
FUZZ_JUDGE_C := tests/plan/judge.c tests/plan/ivset.c tests/plan/emu_judge.c

$(FUZZ_OBJ_DIR)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(FUZZ_CFLAGS) -MMD -MP -c $< -o $@

$(FUZZ_LIB): $(FUZZ_LIB_OBJS)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/fuzz/fuzz-config: tests/fuzz/fuzz_config.c $(FUZZ_LIB)
$(BUILD)/fuzz/fuzz-acpi: tests/fuzz/fuzz_acpi.c $(FUZZ_LIB)
$(BUILD)/fuzz/fuzz-blob: tests/fuzz/fuzz_blob.c $(FUZZ_LIB)
$(BUILD)/fuzz/fuzz-bls: tests/fuzz/fuzz_bls.c $(FUZZ_LIB)
$(BUILD)/fuzz/fuzz-memmap: tests/fuzz/fuzz_memmap.c $(FUZZ_JUDGE_C) $(FUZZ_LIB)

$(addprefix $(BUILD)/fuzz/fuzz-,$(FUZZ_PARSERS)): $(wildcard core/*.h emu/*.h lib/*.h tests/plan/*.h)
	@mkdir -p $(@D)
	$(CC) $(FUZZ_CFLAGS) $(filter %.c,$^) $(FUZZ_LIB) -o $@ -lm

# $(call fuzz_run,NAME,LIBFUZZER OPTIONS,SCRATCH DIR)
define fuzz_run
	@rm -rf $(3) && mkdir -p $(3)
	@$(BUILD)/fuzz/fuzz-$(1) $(2) -max_len=$(FUZZ_MAXLEN_$(1)) \
		-artifact_prefix=$(BUILD)/fuzz/$(1)- $(3) $(FUZZ_SEEDS_$(1)) \
		>$(3).log 2>&1 || { tail -40 $(3).log; exit 1; }
	@echo "fuzz-$(1): $$(grep -E '^(Done|stat::(number_of_executed_units|average_exec_per_sec))' $(3).log | \
		tr -s ' \n' ' ')"
endef

.PHONY: $(addprefix fuzz-,$(FUZZ_PARSERS)) fuzz-parsers-check
$(addprefix fuzz-,$(FUZZ_PARSERS)): fuzz-%: $(BUILD)/fuzz/fuzz-%
	$(call fuzz_run,$*,-max_total_time=$(FUZZ_SECONDS) -print_final_stats=1,$(BUILD)/fuzz/$*-corpus)

# make check: a short reproducible run of each from its seeds.
.PHONY: $(addprefix fuzz-check-,$(FUZZ_PARSERS))
$(addprefix fuzz-check-,$(FUZZ_PARSERS)): fuzz-check-%: $(BUILD)/fuzz/fuzz-%
	$(call fuzz_run,$*,-runs=$(FUZZ_CHECK_RUNS) -seed=1,$(BUILD)/fuzz/$*-check)
fuzz-parsers-check: $(addprefix fuzz-check-,$(FUZZ_PARSERS))

FUZZ_STEPS  += $(addprefix fuzz-,$(FUZZ_PARSERS))
CHECK_STEPS += fuzz-parsers-check
