# The host init tests again with the firmware's APs parked in a HLT loop
# (EDK2 PcdCpuApLoopMode 1): woken by INIT-SIPI-SIPI, which a CPU in VMX
# root operation ignores (tests/unit/init_harness.h).  The default run of
# the unit tests uses the MWAIT loop.  The fault matrix over every module
# profile runs in the default run only: profiles differ in the module's
# rules, not in how the firmware reaches its CPUs, and the matrix of the
# default profile (init_fault_matrix) runs here too.
CHECK_STEPS += check-ap-loop-hlt

.PHONY: check-ap-loop-hlt
check-ap-loop-hlt: $(UNIT_BIN)
	TDXBOOT_AP_LOOP=hlt $(UNIT_BIN) init_ fault_matrix_every_profile
