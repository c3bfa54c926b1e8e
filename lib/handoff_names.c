/* SPDX-License-Identifier: MIT */
/*
 * Names of the handoff table's enumerations and of the reader's errors, for
 * messages.  Freestanding like lib/handoff.c, so a kernel can take both.
 */
#include "lib/handoff.h"

#define HN_ARRAY_NAME(arr, i, unknown) \
	((i) < sizeof(arr) / sizeof((arr)[0]) && (arr)[i] ? (arr)[i] : (unknown))

static const char *const hn_steps[TDXBOOT_STEP_COUNT_1_0] = {
	[TDXBOOT_STEP_NONE] = "none",
	[TDXBOOT_STEP_PREFLIGHT] = "preflight",
	[TDXBOOT_STEP_MODULE_LOAD] = "module_load",
	[TDXBOOT_STEP_VMXON] = "vmxon",
	[TDXBOOT_STEP_SEAMLDR_INFO] = "seamldr_info",
	[TDXBOOT_STEP_SEAMLDR_INSTALL] = "seamldr_install",
	[TDXBOOT_STEP_SYS_INIT] = "sys_init",
	[TDXBOOT_STEP_LP_INIT] = "lp_init",
	[TDXBOOT_STEP_SYS_RD] = "sys_rd",
	[TDXBOOT_STEP_PLAN] = "plan",
	[TDXBOOT_STEP_PAMT_ALLOC] = "pamt_alloc",
	[TDXBOOT_STEP_SYS_CONFIG] = "sys_config",
	[TDXBOOT_STEP_WBINVD] = "wbinvd",
	[TDXBOOT_STEP_KEY_CONFIG] = "key_config",
	[TDXBOOT_STEP_TDMR_INIT] = "tdmr_init",
	[TDXBOOT_STEP_VMXOFF] = "vmxoff",
	[TDXBOOT_STEP_HANDOFF] = "handoff",
	[TDXBOOT_STEP_ROLLBACK] = "rollback",
};

static const char *const hn_outcomes[] = {
	[TDXBOOT_OUTCOME_SUCCESS] = "success",
	[TDXBOOT_OUTCOME_FAILED] = "failed",
	[TDXBOOT_OUTCOME_SKIPPED] = "skipped",
	[TDXBOOT_OUTCOME_ROLLED_BACK] = "rolled_back",
	[TDXBOOT_OUTCOME_QUARANTINED] = "quarantined",
};

static const char *const hn_quarantine_reasons[] = {
	[TDXBOOT_QUARANTINE_NONE] = "none",
	[TDXBOOT_QUARANTINE_WBINVD] = "wbinvd_unconfirmed",
	[TDXBOOT_QUARANTINE_VMXOFF] = "vmxoff_unconfirmed",
	[TDXBOOT_QUARANTINE_RESET] = "reset_incomplete",
};

static const char *const hn_states[] = {
	[TDXBOOT_MODSTATE_UNKNOWN] = "unknown",
	[TDXBOOT_MODSTATE_NOT_LOADED] = "not_loaded",
	[TDXBOOT_MODSTATE_UNTOUCHED] = "untouched",
	[TDXBOOT_MODSTATE_UNUSABLE] = "unusable",
	[TDXBOOT_MODSTATE_READY] = "ready",
};

static const char *const hn_sections[TDXBOOT_SEC_TYPE_COUNT_1_2] = {
	[TDXBOOT_SEC_STATUS] = "STATUS",
	[TDXBOOT_SEC_MODULE] = "MODULE",
	[TDXBOOT_SEC_PLATFORM] = "PLATFORM",
	[TDXBOOT_SEC_MEMORY] = "MEMORY",
	[TDXBOOT_SEC_LPS] = "LPS",
	[TDXBOOT_SEC_CMRS] = "CMRS",
	[TDXBOOT_SEC_TDMRS] = "TDMRS",
	[TDXBOOT_SEC_RESERVED] = "RESERVED",
	[TDXBOOT_SEC_PAMT_NODES] = "PAMT_NODES",
	[TDXBOOT_SEC_EXCLUDED] = "EXCLUDED",
	[TDXBOOT_SEC_TIMINGS] = "TIMINGS",
	[TDXBOOT_SEC_MSRS] = "MSRS",
	[TDXBOOT_SEC_QUARANTINE] = "QUARANTINE",
	[TDXBOOT_SEC_RELEASED] = "RELEASED",
};

static const char *const hn_errors[HANDOFF_ERROR_COUNT] = {
	[HANDOFF_OK] = "valid",
	[HANDOFF_ENULL] = "no table",
	[HANDOFF_EALIGN] = "table not 8-byte aligned",
	[HANDOFF_ESHORT] = "shorter than a header",
	[HANDOFF_ESIGNATURE] = "bad signature",
	[HANDOFF_EVERSION] = "unsupported major version",
	[HANDOFF_EHEADER_SIZE] = "bad header size",
	[HANDOFF_ETOTAL_SIZE] = "total size exceeds the bytes available",
	[HANDOFF_ECRC] = "CRC-32 mismatch",
	[HANDOFF_EDIRECTORY] = "section directory out of bounds",
	[HANDOFF_ESECTION_BOUNDS] = "section out of bounds",
	[HANDOFF_ESECTION_ALIGN] = "section not 8-byte aligned",
	[HANDOFF_EENTRY_SIZE] = "section entry size or count invalid",
	[HANDOFF_EOVERLAP] = "sections overlap",
	[HANDOFF_EDUPLICATE] = "duplicate section type",
	[HANDOFF_EMISSING] = "STATUS section missing",
	[HANDOFF_ESTRING] = "unterminated string",
	[HANDOFF_EINCONSISTENT] = "sections inconsistent",
};

const char *handoff_step_name(uint32_t step)
{
	return HN_ARRAY_NAME(hn_steps, step, "unknown_step");
}

const char *handoff_outcome_name(uint32_t outcome)
{
	return HN_ARRAY_NAME(hn_outcomes, outcome, "unknown_outcome");
}

const char *handoff_module_state_name(uint32_t state)
{
	return HN_ARRAY_NAME(hn_states, state, "unknown_state");
}

const char *handoff_quarantine_reason_name(uint32_t reason)
{
	return HN_ARRAY_NAME(hn_quarantine_reasons, reason, "unknown_reason");
}

const char *handoff_section_name(uint32_t type)
{
	return HN_ARRAY_NAME(hn_sections, type, "UNKNOWN");
}

const char *handoff_strerror(enum handoff_error e)
{
	return HN_ARRAY_NAME(hn_errors, (uint32_t)e, "unknown error");
}
