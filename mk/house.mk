# Keeping the tree checkable (issue 16): no function that nothing calls, no
# host-only code in the EFI binary, and the EFI binary's size by folder.
#
#   make check   runs check-refs, check-unused and check-efi-link
#   make bench   runs efi-size

.PHONY: check-refs check-unused check-efi-link efi-size check-figures figures

# Every citation of docs/reference/FILE §N names an existing file and section;
# citations of the reference outside the tree (../shared/reference) or by a
# bare file name are errors.
check-refs:
	@tools/check-refs.py .

# Functions defined in product code that nothing calls (nm and relocations
# over the EFI, host-tool and unit-test objects).
check-unused: $(EFI_APP) $(TOOLS) $(UNIT_BIN)
	@tools/check-unused.sh $(BUILD)

# Every object in tdxboot.efi is reachable from efi_main; HOST_ONLY_SRCS
# (Makefile) are built for the host only.
check-efi-link: $(EFI_APP) $(BUILD)/tdxboot.map $(HOST_LIB)
	@tools/check-efi-link.py $(BUILD) $(HOST_ONLY_SRCS)

# The image's code and data by source folder, from the link map.
efi-size: $(EFI_APP) $(BUILD)/tdxboot.map
	@echo "efi-size: tdxboot.efi $$(wc -c < $(EFI_APP)) bytes on disk; image sections by folder:"
	@tools/efi-size.sh $(BUILD)/tdxboot.map

# Figures in docs/ that a cheap command prints (blocks marked
# "<!-- figure: make TARGET | COMMAND -->") equal that command's output, and
# every other measured figure names its target (tools/check-figures.py).
# The prerequisites are what the blocks' commands run: the EFI link map
# (efi-size) and the handoff corpus (docs/kernel.md, mk/kernel-patch.mk).
FIGURE_INPUTS := $(EFI_APP) $(BUILD)/tdxboot.map $(BUILD)/host/handoff-corpus
check-figures: $(FIGURE_INPUTS)
	@tests/figures/check-figures-test.sh
	@tools/check-figures.py
figures: $(FIGURE_INPUTS)
	@tools/check-figures.py --write

CHECK_STEPS += check-refs check-unused check-efi-link check-figures
BENCH_STEPS += efi-size
