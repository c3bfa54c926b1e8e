# Mutation testing of the emulated module: every mutant in
# tests/mutants/emu.txt (a rule of emu/ deliberately broken) must be killed
# by the conformance tests (tests/unit/test_emu_*.c).  Prints the kill count.
# Slow (one relink and suite run per mutant), so not part of make check.
#
#   make mutate

.PHONY: mutate
mutate:
	tests/mutants/run.sh tests/mutants/emu.txt $(BUILD)/mutate
