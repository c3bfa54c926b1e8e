# The host init tests again with the firmware's APs parked in a HLT loop
# (EDK2 PcdCpuApLoopMode 1): woken by INIT-SIPI-SIPI, which a CPU in VMX
# root operation ignores (tests/unit/init_harness.h).  The default run of
# the unit tests uses the MWAIT loop.
CHECK_STEPS += check-ap-loop-hlt

.PHONY: check-ap-loop-hlt
check-ap-loop-hlt: $(UNIT_BIN)
	TDXBOOT_AP_LOOP=hlt $(UNIT_BIN) init_
