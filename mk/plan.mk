# The dry-run planner around plan_build(): tdxboot-plan's corpus test, the
# independent judge, randomized property tests, parser fuzzing and the
# planner benchmark (docs/tdxboot-plan.md).
#
#   make check   runs plan-corpus, plan-prop and a short fuzz-platlog-check
#   make fuzz    runs fuzz-platlog for FUZZ_SECONDS (default 60)
#   make bench   runs plan-bench

# valgrind: make bench counts instructions per plan with callgrind;
# librsvg2-bin: the corpus test renders a plan's SVG to PNG (rsvg-convert).
DEPS_EXTRA += valgrind librsvg2-bin

FUZZ_SECONDS ?= 60
PLAN_PROP_CASES ?= 20000

PLAN_HDRS    := $(wildcard core/*.h lib/*.h tests/plan/*.h tools/tdxboot-plan/*.h)
PLAN_JUDGE_C := tests/plan/judge.c tests/plan/ivset.c tests/plan/emu_judge.c
PLAN_JUDGE   := $(BUILD)/host/plan-judge
PLAN_PROP    := $(BUILD)/host/plan-prop
PLAN_BENCH   := $(BUILD)/host/plan-bench
FUZZ_PLATLOG := $(BUILD)/fuzz/fuzz-platlog

# The judge program reads tdxboot-plan's JSON and the machine's ground truth
# (NAME.truth beside each corpus log, tests/plan/truth.c); it takes the
# tool's options (args.c) so both see the same limits, but none of the
# parser's or the planner's code.  Its second judge is the emulated module
# (emu/, in the host library).
$(PLAN_JUDGE): tests/plan/judge_main.c tests/plan/truth.c tests/plan/plan_json.c $(PLAN_JUDGE_C) \
		tools/tdxboot-plan/args.c $(HOST_LIB) $(PLAN_HDRS)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) $(filter %.c %.a,$^) -o $@ -lm

.PHONY: plan-corpus
plan-corpus: $(BUILD)/tdxboot-plan $(PLAN_JUDGE)
	PLAN_PNG_DIR=$(BUILD)/plan-png tests/plan/corpus.sh $(BUILD)/tdxboot-plan $(PLAN_JUDGE)

CHECK_STEPS += plan-corpus

# The corpus test can fail: tdxboot-plan with a parser that loses its
# highest RAM entry (tests/plan/mutant_drop_ram.c, linked over the real one
# with --wrap) must make plan-corpus fail, by the judge's verdicts (the
# judge reads the ground truth, not the parser).  tests/plan/mutant.sh.
PLAN_MUTANT := $(BUILD)/host/tdxboot-plan-mutant-drop-ram
$(PLAN_MUTANT): tests/plan/mutant_drop_ram.c $(patsubst %.c,$(BUILD)/host/%.o,$(wildcard tools/tdxboot-plan/*.c)) \
		$(TOOL_COMMON_OBJS) $(HOST_LIB)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -Wl,--wrap=platlog_parse_boot $^ -o $@ -lm

.PHONY: plan-mutant
plan-mutant: $(PLAN_MUTANT) $(PLAN_JUDGE)
	tests/plan/mutant.sh $(PLAN_MUTANT) $(PLAN_JUDGE)

CHECK_STEPS += plan-mutant

# Static, for the test initramfs (like tdxboot-inspect.static): its
# /etc/tdxboot-check.d/plan-compare.sh runs --live in the QEMU guest and
# compares with tdxboot's own plan from the handoff table.
$(BUILD)/tdxboot-plan.static: $(patsubst %.c,$(BUILD)/host/%.o,$(wildcard tools/tdxboot-plan/*.c)) \
		$(TOOL_COMMON_OBJS) $(HOST_LIB)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -static $^ -o $@ -lm

ALL_EXTRA += $(BUILD)/tdxboot-plan.static

# --live on a fake sysfs/procfs/kmsg tree: the plan of the same machine as a log.
.PHONY: plan-live
plan-live: $(BUILD)/tdxboot-plan $(PLAN_JUDGE)
	tests/plan/live.sh $(BUILD)/tdxboot-plan $(PLAN_JUDGE)

CHECK_STEPS += plan-live

# Randomized property tests, run against the sanitized planner.
$(PLAN_PROP): tests/plan/prop.c tests/plan/prop_gen.c tests/plan/direct.c $(PLAN_JUDGE_C) $(SAN_OBJS) $(PLAN_HDRS)
	@mkdir -p $(@D)
	$(CC) $(SAN_CFLAGS) $(filter %.c %.o,$^) -o $@ -lm

.PHONY: plan-prop
plan-prop: $(PLAN_PROP)
	$(PLAN_PROP) $(PLAN_PROP_CASES)

CHECK_STEPS += plan-prop

# Fuzzing (libFuzzer; clang's libclang-rt-14-dev).  fuzz-platlog: the log
# parser alone; fuzz-plan: parser, planner and both judges in a row.  New inputs
# go to build/fuzz/*-corpus; the checked-in seeds stay as they are.
FUZZ_CFLAGS := -std=gnu11 -g -O1 $(WARN) -I. -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all
FUZZ_PLATLOG_C := core/platlog.c core/platlog_boot.c core/platlog_map.c core/linescan.c core/status.c lib/fmt.c
FUZZ_PLAN      := $(BUILD)/fuzz/fuzz-plan
FUZZ_SEEDS     := tests/fuzz/platlog

$(FUZZ_PLATLOG): tests/fuzz/fuzz_platlog.c $(FUZZ_PLATLOG_C) $(PLAN_HDRS)
	@mkdir -p $(@D) $(BUILD)/fuzz/platlog-corpus
	$(CC) $(FUZZ_CFLAGS) $(filter %.c,$^) -o $@

$(FUZZ_PLAN): tests/fuzz/fuzz_plan.c $(FUZZ_JUDGE_C) $(FUZZ_LIB) $(PLAN_HDRS)
	@mkdir -p $(@D) $(BUILD)/fuzz/plan-corpus
	$(CC) $(FUZZ_CFLAGS) $(filter %.c,$^) $(FUZZ_LIB) -o $@ -lm

.PHONY: fuzz-platlog fuzz-plan fuzz-platlog-check
fuzz-platlog: $(FUZZ_PLATLOG)
	$(FUZZ_PLATLOG) -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
		-artifact_prefix=$(BUILD)/fuzz/ $(BUILD)/fuzz/platlog-corpus $(FUZZ_SEEDS)
fuzz-plan: $(FUZZ_PLAN)
	$(FUZZ_PLAN) -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
		-artifact_prefix=$(BUILD)/fuzz/ $(BUILD)/fuzz/plan-corpus $(FUZZ_SEEDS)
# make check: a short run of each, from the seeds only (reproducible).
fuzz-platlog-check: $(FUZZ_PLATLOG) $(FUZZ_PLAN)
	@rm -rf $(BUILD)/fuzz/check-corpus && mkdir -p $(BUILD)/fuzz/check-corpus
	@$(FUZZ_PLATLOG) -runs=100000 -seed=1 -max_len=8192 -artifact_prefix=$(BUILD)/fuzz/ \
		$(BUILD)/fuzz/check-corpus $(FUZZ_SEEDS) >$(BUILD)/fuzz/platlog-check.log 2>&1 || \
		{ tail -40 $(BUILD)/fuzz/platlog-check.log; exit 1; }
	@tail -1 $(BUILD)/fuzz/platlog-check.log
	@$(FUZZ_PLAN) -runs=20000 -seed=1 -max_len=8192 -artifact_prefix=$(BUILD)/fuzz/ \
		$(BUILD)/fuzz/check-corpus $(FUZZ_SEEDS) >$(BUILD)/fuzz/plan-check.log 2>&1 || \
		{ tail -40 $(BUILD)/fuzz/plan-check.log; exit 1; }
	@tail -1 $(BUILD)/fuzz/plan-check.log

FUZZ_STEPS  += fuzz-platlog fuzz-plan
CHECK_STEPS += fuzz-platlog-check

# make bench: planner time on a 16 TiB, 10 000-entry map; PAMT vs the bound.
$(PLAN_BENCH): bench/plan_bench.c bench/linux_plan.c tests/plan/direct.c tests/plan/prop_gen.c $(HOST_LIB) $(PLAN_HDRS) bench/linux_plan.h tests/plan/direct.h
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) $(filter %.c %.a,$^) -o $@ -lm

# The same program with DWARF 4 for callgrind, from the sources (the host
# library's objects carry DWARF 5, which valgrind cannot read).
PLAN_BENCH_CG := $(BUILD)/host/plan-bench-cg
PLAN_BENCH_CG_C := bench/plan_bench.c bench/linux_plan.c tests/plan/direct.c tests/plan/prop_gen.c \
	$(wildcard core/plan*.c core/platlog*.c) core/linescan.c core/status.c lib/fmt.c
$(PLAN_BENCH_CG): $(PLAN_BENCH_CG_C) $(PLAN_HDRS) bench/linux_plan.h tests/plan/direct.h
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -O2 -gdwarf-4 -I. $(PLAN_BENCH_CG_C) -o $@ -lm

PLAN_CORPUS_LOGS := $(sort $(wildcard tests/plan/corpus/*.log))

.PHONY: plan-bench
plan-bench: $(PLAN_BENCH) $(PLAN_BENCH_CG)
	$(PLAN_BENCH) $(PLAN_CORPUS_LOGS)
	@echo "wall time per plan (median of 21), tdxboot and the Linux baseline:"
	$(PLAN_BENCH) --time $(PLAN_CORPUS_LOGS) @100k
	@echo "instructions per plan (callgrind):"
	bench/plan_insn.sh $(PLAN_BENCH_CG) $(PLAN_CORPUS_LOGS) @100k
	@echo "growth with the map's size (instructions, fails when worse than n log n):"
	bench/plan_scaling.sh $(PLAN_BENCH_CG)

BENCH_STEPS += plan-bench
