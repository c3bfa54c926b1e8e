/* SPDX-License-Identifier: MIT */
/*
 * Names of TDX-module and P-SEAMLDR completion statuses, so that every
 * SEAMCALL result is printed with its name (docs/development.md).
 * Values: docs/reference/tdx-abi.md §1.4, §2.3, §11.2.
 */
#include "lib/tdx_abi.h"

#include "lib/mem.h"

struct status_name {
	uint64_t value;
	const char *name;
};

#define S(x) { x, #x }

/* Module codes, compared after masking the low 32 detail bits (§2.1). */
static const struct status_name tdx_names[] = {
	S(TDX_SUCCESS),
	S(TDX_INTERRUPTED_RESUMABLE),
	S(TDX_INTERRUPTED_RESTARTABLE),
	S(TDX_OPERAND_INVALID),
	S(TDX_OPERAND_ADDR_RANGE_ERROR),
	S(TDX_OPERAND_BUSY),
	S(TDX_SYS_BUSY),
	S(TDX_RND_NO_ENTROPY),
	S(TDX_SYS_INIT_NOT_PENDING),
	S(TDX_SYS_LP_INIT_NOT_DONE),
	S(TDX_SYS_LP_INIT_DONE),
	S(TDX_SYS_NOT_READY),
	S(TDX_SYS_SHUTDOWN),
	S(TDX_SYS_KEY_CONFIG_NOT_PENDING),
	S(TDX_SYS_STATE_INCORRECT),
	S(TDX_SYS_INVALID_HANDOFF),
	S(TDX_SYS_INCOMPATIBLE_SIGSTRUCT),
	S(TDX_SYS_LP_INIT_NOT_PENDING),
	S(TDX_SYS_CONFIG_NOT_PENDING),
	S(TDX_INCOMPATIBLE_SEAM_CAPABILITIES),
	S(TDX_X2APIC_ID_NOT_UNIQUE),
	S(TDX_KEY_GENERATION_FAILED),
	S(TDX_KEY_CONFIGURED),
	S(TDX_NO_HKID_READY_TO_WBCACHE),
	S(TDX_WBCACHE_RESUME_ERROR),
	S(TDX_NUM_ACTIVATED_HKIDS_NOT_SUPPORTED),
	S(TDX_INCORRECT_CPUID_VALUE),
	S(TDX_LIMIT_CPUID_MAXVAL_SET),
	S(TDX_INCONSISTENT_CPUID_FIELD),
	S(TDX_INVALID_WBINVD_SCOPE),
	S(TDX_INVALID_PKG_ID),
	S(TDX_CPUID_LEAF_1F_FORMAT_UNRECOGNIZED),
	S(TDX_CPUID_LEAF_NOT_SUPPORTED),
	S(TDX_SMRR_NOT_LOCKED),
	S(TDX_INVALID_SMRR_CONFIGURATION),
	S(TDX_SMRR_OVERLAPS_CMR),
	S(TDX_SMRR_LOCK_NOT_SUPPORTED),
	S(TDX_SMRR_NOT_SUPPORTED),
	S(TDX_INCONSISTENT_MSR),
	S(TDX_INCORRECT_MSR_VALUE),
	S(TDX_INVALID_TDMR),
	S(TDX_NON_ORDERED_TDMR),
	S(TDX_TDMR_OUTSIDE_CMRS),
	S(TDX_TDMR_ALREADY_INITIALIZED),
	S(TDX_INVALID_PAMT),
	S(TDX_PAMT_OUTSIDE_CMRS),
	S(TDX_PAMT_OVERLAP),
	S(TDX_INVALID_RESERVED_IN_TDMR),
	S(TDX_NON_ORDERED_RESERVED_IN_TDMR),
	S(TDX_CMR_LIST_INVALID),
	S(TDX_METADATA_FIELD_ID_INCORRECT),
	S(TDX_METADATA_FIELD_NOT_READABLE),
	S(TDX_METADATA_LIST_OVERFLOW),
	S(TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT),
	S(TDX_METADATA_FIELD_SKIP),
	S(TDX_EMU_WBINVD_MISSING),
};

/* Linux's software codes carry meaning in the low bits: exact match (§1.4). */
static const struct status_name sw_names[] = {
	S(TDX_SEAMCALL_VMFAILINVALID),
	S(TDX_SEAMCALL_GP),
	S(TDX_SEAMCALL_UD),
};

static const struct status_name seamldr_names[] = {
	{ SEAMLDR_SUCCESS, "SUCCESS" },
	{ SEAMLDR_EBADPARAM, "EBADPARAM" },
	{ SEAMLDR_EBADCALL, "EBADCALL" },
	{ SEAMLDR_EBADHANDOFF, "EBADHANDOFF" },
	{ SEAMLDR_ECLEANUPREQ, "ECLEANUPREQ" },
	{ SEAMLDR_EUNSUPPORTED, "EUNSUPPORTED" },
	{ SEAMLDR_ENOMEM, "ENOMEM" },
	{ SEAMLDR_EUNSPECERR, "EUNSPECERR" },
	{ SEAMLDR_EUNSUPCPU, "EUNSUPCPU" },
	{ SEAMLDR_EBADSIG, "EBADSIG" },
	{ SEAMLDR_EBADHASH, "EBADHASH" },
	{ SEAMLDR_EINTERRUPT, "EINTERRUPT" },
	{ SEAMLDR_ENOENTROPY, "ENOENTROPY" },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *status_lookup(const struct status_name *t, size_t n,
				 uint64_t v)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].value == v)
			return t[i].name;
	return NULL;
}

const char *tdx_status_name(uint64_t status)
{
	const char *name = status_lookup(sw_names, COUNT(sw_names), status);

	if (!name)
		name = status_lookup(tdx_names, COUNT(tdx_names),
				     tdx_status_code(status));
	return name ? name : "TDX_UNKNOWN_STATUS";
}

static int name_equal(const char *a, const char *b)
{
	size_t n = strlen(a);

	return n == strlen(b) && memcmp(a, b, n) == 0;
}

int tdx_status_from_name(const char *name, uint64_t *status)
{
	for (size_t i = 0; i < COUNT(sw_names); i++)
		if (name_equal(name, sw_names[i].name)) {
			*status = sw_names[i].value;
			return 1;
		}
	for (size_t i = 0; i < COUNT(tdx_names); i++)
		if (name_equal(name, tdx_names[i].name)) {
			*status = tdx_names[i].value;
			return 1;
		}
	for (size_t i = 0; i < COUNT(seamldr_names); i++)
		if (name_equal(name, seamldr_names[i].name)) {
			*status = seamldr_names[i].value;
			return 1;
		}
	return 0;
}

const char *seamldr_status_name(uint64_t status)
{
	const char *name = status_lookup(seamldr_names, COUNT(seamldr_names),
					 status);

	return name ? name : "SEAMLDR_UNKNOWN_STATUS";
}
