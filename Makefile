# tdxboot -- build, test and run.
#
#   make            build everything into build/ (EFI app, host tools)
#   make check      host unit tests under ASan/UBSan (fast, no QEMU)
#   make test       check + the QEMU boot tests
#   make iso        build/tdxboot.iso, a UEFI-bootable ISO
#   make run        boot the ISO in QEMU+OVMF and show the report
#   make bench      benchmarks that print figures
#   make fuzz       libFuzzer targets, FUZZ_SECONDS each
#
# Every public target first runs tools/deps.sh, which installs missing Debian
# packages when run as root (and says which ones otherwise).
#
# Data flows through the tree as:  boot/ (firmware) -> core/ (pure logic,
# also built for the host) -> arch/x86/ (CPU instructions); emu/ is the
# emulated TDX module and P-SEAMLDR, kept apart from core/ so that it can
# judge it; lib/ is freestanding support shared by all of them.
# Feature-specific rules live in mk/*.mk, included at the end.

BUILD   ?= build
VERSION := $(shell cat VERSION)
GITREV  := $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)

CC       := clang
LD       := ld.lld
NASM     := nasm
OBJCOPY  := objcopy
EFI_INC  := /usr/include/efi
EFI_LIB  := /usr/lib

# ---------------------------------------------------------------- sources
LIB_SRCS  := $(filter-out lib/string.c,$(wildcard lib/*.c))
CORE_SRCS := $(wildcard core/*.c)
EMU_SRCS  := $(wildcard emu/*.c)
BOOT_SRCS := $(wildcard boot/*.c)
ARCH_SRCS := $(wildcard arch/x86/*.c)
ARCH_ASM  := $(wildcard arch/x86/*.asm)
# tests/plan/emu_judge.c: the planner's second judge (the emulated module's
# TDH.SYS.CONFIG), also used by the unit tests of the split planner.
UNIT_SRCS := $(wildcard tests/unit/*.c) $(wildcard tests/support/*.c) tests/plan/emu_judge.c
# Host tools: each tools/tdxboot-NAME/ directory becomes build/tdxboot-NAME.
TOOL_DIRS := $(patsubst %/,%,$(wildcard tools/tdxboot-*/))
TOOLS     := $(patsubst tools/%,$(BUILD)/%,$(TOOL_DIRS))
# tools/common/ holds what several tools share (host-only, never in the EFI app).
TOOL_COMMON_OBJS = $(patsubst %.c,$(BUILD)/host/%.o,$(wildcard tools/common/*.c))

PORTABLE_SRCS := $(LIB_SRCS) $(CORE_SRCS) $(EMU_SRCS)
# Portable code that only host programs run: the boot-log parser of the
# dry-run planner (and its line scanner) and the test TDX-BLOB generator.
# Built for the host and the tests, never linked into tdxboot.efi
# (tools/check-efi-link.py checks that every EFI object is reachable from
# efi_main, so a new host-only file shows up there).
HOST_ONLY_SRCS := core/platlog.c core/platlog_boot.c core/platlog_map.c core/linescan.c emu/blob.c

# ---------------------------------------------------------------- flags
WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
        -Wno-unused-parameter
# The version and revision reach one object only, lib/version.c, which is
# rebuilt when they change (build/version.stamp records the last ones).
VERSION_DEFS := -DTDXBOOT_VERSION='"$(VERSION)"' -DTDXBOOT_GITREV='"$(GITREV)"'
VERSION_STAMP := $(BUILD)/version.stamp
$(shell mkdir -p $(BUILD) && echo '$(VERSION) $(GITREV)' | cmp -s - $(VERSION_STAMP) || \
	echo '$(VERSION) $(GITREV)' > $(VERSION_STAMP))

# EFI route A (docs/reference/toolchain.md §1): ELF shared object + GNU-EFI crt0, linked by
# ld.lld with our own script, converted to PE32+ by objcopy.  MS ABI calls
# into firmware are direct (GNU_EFI_USE_MS_ABI).
EFI_CFLAGS := --target=x86_64-linux-gnu -std=gnu11 -O2 -g0 $(WARN) \
        -ffreestanding -fshort-wchar -mno-red-zone -fno-stack-protector \
        -fno-stack-check -fpic -fno-plt -fno-asynchronous-unwind-tables \
        -DGNU_EFI_USE_MS_ABI -I.
# core/, emu/ and lib/ must not see the system headers at all: only the
# compiler's own freestanding headers (stdint.h, stdarg.h, stdatomic.h ...).
EFI_PORTABLE_CFLAGS := $(EFI_CFLAGS) -nostdlibinc
EFI_FW_CFLAGS       := $(EFI_CFLAGS) -isystem $(EFI_INC) -isystem $(EFI_INC)/x86_64
EFI_LDFLAGS := --apply-dynamic-relocs -shared -Bsymbolic -nostdlib -znocombreloc \
        -T linker/efi_x86_64.lds

HOST_CFLAGS := -std=gnu11 -O2 -g $(WARN) -I. -pthread
SAN_FLAGS   := -fsanitize=address,undefined -fno-sanitize-recover=all \
        -fno-omit-frame-pointer
SAN_CFLAGS  := -std=gnu11 -O1 -g $(WARN) -I. -pthread $(SAN_FLAGS)

# ---------------------------------------------------------------- objects
$(BUILD)/efi/lib/version.o $(BUILD)/host/lib/version.o $(BUILD)/san/lib/version.o: \
	$(VERSION_STAMP)
$(BUILD)/efi/lib/version.o $(BUILD)/host/lib/version.o $(BUILD)/san/lib/version.o: \
	EXTRA_DEFS = $(VERSION_DEFS)

EFI_PORT_OBJS := $(patsubst %.c,$(BUILD)/efi/%.o,\
	$(filter-out $(HOST_ONLY_SRCS),$(PORTABLE_SRCS)) lib/string.c)
EFI_FW_OBJS   := $(patsubst %.c,$(BUILD)/efi/%.o,$(BOOT_SRCS) $(ARCH_SRCS))
EFI_ASM_OBJS  := $(patsubst %.asm,$(BUILD)/efi/%.o,$(ARCH_ASM))
EFI_OBJS      := $(EFI_PORT_OBJS) $(EFI_FW_OBJS) $(EFI_ASM_OBJS)

HOST_OBJS := $(patsubst %.c,$(BUILD)/host/%.o,$(PORTABLE_SRCS))
SAN_OBJS  := $(patsubst %.c,$(BUILD)/san/%.o,$(PORTABLE_SRCS))
UNIT_OBJS := $(patsubst %.c,$(BUILD)/san/%.o,$(UNIT_SRCS))

EFI_APP   := $(BUILD)/tdxboot.efi
UNIT_BIN  := $(BUILD)/host/unit-tests
HOST_LIB  := $(BUILD)/host/libtdxboot.a

# Extra steps that mk/*.mk fragments hook into.
CHECK_STEPS :=
BENCH_STEPS :=
FUZZ_STEPS  :=
ALL_EXTRA   :=
ISO_EXTRA   :=

# Feature fragments: they may append to the lists above and add rules.
include $(sort $(wildcard mk/*.mk))

# ---------------------------------------------------------------- public targets
PUBLIC := all check test iso run bench fuzz
.PHONY: $(PUBLIC) $(addprefix _,$(PUBLIC)) deps clean efi tools unit

.DEFAULT_GOAL := all
$(PUBLIC): deps
	@$(MAKE) --no-print-directory _$@

deps:
	@tools/deps.sh

_all: efi tools $(ALL_EXTRA)

_check: $(UNIT_BIN) tools
	$(UNIT_BIN)
	@for s in $(CHECK_STEPS); do $(MAKE) --no-print-directory $$s || exit 1; done

_test: _check _iso $(BUILD)/test-fault.efi
	tests/qemu/run-all.sh

_iso: $(BUILD)/tdxboot.iso

_run: _iso
	tests/qemu/boot.sh --interactive $(BUILD)/tdxboot.iso

_bench: tools
	@for s in $(BENCH_STEPS); do $(MAKE) --no-print-directory $$s || exit 1; done

_fuzz:
	@for s in $(FUZZ_STEPS); do $(MAKE) --no-print-directory $$s || exit 1; done

efi: $(EFI_APP) $(BUILD)/tdxboot.map
tools: $(TOOLS)
unit: $(UNIT_BIN)

clean:
	rm -rf $(BUILD)

# ---------------------------------------------------------------- EFI application
$(BUILD)/efi/core/%.o $(BUILD)/efi/emu/%.o $(BUILD)/efi/lib/%.o: \
		EXTRA_CFLAGS = $(EFI_PORTABLE_CFLAGS)
$(BUILD)/efi/boot/%.o $(BUILD)/efi/arch/%.o: EXTRA_CFLAGS = $(EFI_FW_CFLAGS)

$(BUILD)/efi/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(EXTRA_CFLAGS) $(EXTRA_DEFS) -MMD -MP -c $< -o $@

$(BUILD)/efi/%.o: %.asm
	@mkdir -p $(@D)
	$(NASM) -f elf64 -Werror -o $@ $<

# The link map (tools/efi-size.sh, tools/check-efi-link.py) comes with it.
$(BUILD)/tdxboot.so $(BUILD)/tdxboot.map &: $(EFI_OBJS) linker/efi_x86_64.lds
	$(LD) $(EFI_LDFLAGS) -Map=$(BUILD)/tdxboot.map $(EFI_LIB)/crt0-efi-x86_64.o \
		$(EFI_OBJS) -L$(EFI_LIB) -lgnuefi -o $(BUILD)/tdxboot.so

# A deliberately faulting image for the harness self-test.
$(BUILD)/test-fault.so: $(BUILD)/efi/tests/qemu/fault.o linker/efi_x86_64.lds
	$(LD) $(EFI_LDFLAGS) $(EFI_LIB)/crt0-efi-x86_64.o $< -L$(EFI_LIB) -lgnuefi -o $@
$(BUILD)/efi/tests/%.o: EXTRA_CFLAGS = $(EFI_FW_CFLAGS)

# ELF -> PE32+.  Sections copied into the PE image; everything else
# (symbols, .comment, .dynstr ...) stays in the ELF.
$(BUILD)/%.efi: $(BUILD)/%.so
	$(OBJCOPY) -j .text -j .sdata -j .data -j .dynamic -j .dynsym -j .rel \
		-j .rela -j '.rel.*' -j '.rela.*' -j .reloc \
		--target efi-app-x86_64 --subsystem=10 $< $@
	@tools/check-pe.sh $@

# ---------------------------------------------------------------- host builds
$(BUILD)/host/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) $(EXTRA_DEFS) -MMD -MP -c $< -o $@

$(BUILD)/san/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(SAN_CFLAGS) $(EXTRA_DEFS) -MMD -MP -c $< -o $@

$(HOST_LIB): $(HOST_OBJS)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(UNIT_BIN): $(UNIT_OBJS) $(SAN_OBJS)
	@mkdir -p $(@D)
	$(CC) $(SAN_CFLAGS) $^ -o $@ -lm

# Keep object files that are only prerequisites of pattern rules.
.SECONDARY:

# tools/tdxboot-NAME/*.c -> build/tdxboot-NAME, linked with the host library.
# (No '%' inside the second expansion: make would substitute the stem there.)
.SECONDEXPANSION:
$(BUILD)/tdxboot-%: $$(addprefix $(BUILD)/host/,$$(subst .c,.o,$$(wildcard tools/tdxboot-$$*/*.c))) \
		$(TOOL_COMMON_OBJS) $(HOST_LIB)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) $^ -o $@ -lm

# ---------------------------------------------------------------- ISO
$(BUILD)/tdxboot.iso: $(EFI_APP) iso/mkiso.sh iso/tdxboot.conf $(ISO_EXTRA)
	iso/mkiso.sh $@ $(EFI_APP) iso/tdxboot.conf $(ISO_EXTRA)

# Dependency files of our own objects only (build/ also holds a kernel tree).
-include $(shell find $(BUILD)/efi $(BUILD)/host $(BUILD)/san $(BUILD)/fuzz -name '*.d' -type f 2>/dev/null)
