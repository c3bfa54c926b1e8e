/* SPDX-License-Identifier: MIT */
#include "core/seam_name.h"

#include "lib/fmt.h"
#include "lib/tdx_abi.h"

struct leaf_name {
	uint64_t leaf;
	const char *name;
};

/* Leaf numbers: docs/reference/tdx-abi.md §5 and §11.1. */
static const struct leaf_name leaf_names[] = {
	{ TDH_SYS_KEY_CONFIG, "TDH.SYS.KEY.CONFIG" },
	{ TDH_SYS_INFO, "TDH.SYS.INFO" },
	{ TDH_SYS_INIT, "TDH.SYS.INIT" },
	{ TDH_SYS_RD, "TDH.SYS.RD" },
	{ TDH_SYS_LP_INIT, "TDH.SYS.LP.INIT" },
	{ TDH_SYS_TDMR_INIT, "TDH.SYS.TDMR.INIT" },
	{ TDH_SYS_RDALL, "TDH.SYS.RDALL" },
	{ TDH_SYS_LP_SHUTDOWN, "TDH.SYS.LP.SHUTDOWN" },
	{ TDH_SYS_CONFIG, "TDH.SYS.CONFIG" },
	{ TDH_SYS_SHUTDOWN, "TDH.SYS.SHUTDOWN" },
	{ TDH_SYS_DISABLE, "TDH.SYS.DISABLE" },
	{ SEAMLDR_INFO, "SEAMLDR.INFO" },
	{ SEAMLDR_INSTALL, "SEAMLDR.INSTALL" },
	{ SEAMLDR_SHUTDOWN, "SEAMLDR.SHUTDOWN" },
};

const char *seam_leaf_name(uint64_t leaf, char *buf, size_t size)
{
	for (size_t i = 0; i < sizeof(leaf_names) / sizeof(leaf_names[0]); i++)
		if (leaf_names[i].leaf == leaf)
			return leaf_names[i].name;
	fmt_snprintf(buf, size, "leaf 0x%llx", (unsigned long long)leaf);
	return buf;
}

const char *seam_status_name(uint64_t leaf, uint64_t status)
{
	/* Linux's software codes (VMfailInvalid, #UD, #GP) apply to both. */
	if ((leaf & SEAMLDR_LEAF_BIT) && (status & TDX_SW_ERROR) != TDX_SW_ERROR)
		return seamldr_status_name(status);
	return tdx_status_name(status);
}

const char *seam_failure_text(uint64_t leaf, uint64_t status, char *buf, size_t size)
{
	char lb[32];

	fmt_snprintf(buf, size, "SEAMCALL (%s) failed: 0x%016llx (%s)",
		     seam_leaf_name(leaf, lb, sizeof(lb)), (unsigned long long)status,
		     seam_status_name(leaf, status));
	return buf;
}
