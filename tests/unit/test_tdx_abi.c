/* SPDX-License-Identifier: MIT */
/* lib/tdx_abi.h + lib/tdx_status.c: names, masking, helpers (docs/reference/tdx-abi.md §1.4, §2). */
#include "lib/tdx_abi.h"
#include "tests/unit/test.h"

TEST(tdx_status_name_exact)
{
	CHECK_STR_EQ(tdx_status_name(TDX_SUCCESS), "TDX_SUCCESS");
	CHECK_STR_EQ(tdx_status_name(TDX_KEY_CONFIGURED), "TDX_KEY_CONFIGURED");
	CHECK_STR_EQ(tdx_status_name(0xC000050C00000000ull),
		     "TDX_SYS_CONFIG_NOT_PENDING");
}

/* §6.2: the example PAMT_OVERLAP with info bytes still names the class. */
TEST(tdx_status_name_masks_details)
{
	CHECK_STR_EQ(tdx_status_name(0xC0000A1200010103ull), "TDX_PAMT_OVERLAP");
	CHECK_STR_EQ(tdx_status_name(0xC000010000000001ull), "TDX_OPERAND_INVALID");
	CHECK_STR_EQ(tdx_status_name(0xC000092100000122ull),
		     "TDX_INCORRECT_MSR_VALUE");
	CHECK_STR_EQ(tdx_status_name(0x80000200000000BBull), "TDX_OPERAND_BUSY");
}

/* §1.4: Linux's software codes are matched exactly, not masked. */
TEST(tdx_status_name_linux_sw_codes)
{
	CHECK_STR_EQ(tdx_status_name(0x8000FF00FFFF0000ull),
		     "TDX_SEAMCALL_VMFAILINVALID");
	CHECK_STR_EQ(tdx_status_name(0x8000FF000000000Dull), "TDX_SEAMCALL_GP");
	CHECK_STR_EQ(tdx_status_name(0x8000FF0000000006ull), "TDX_SEAMCALL_UD");
	CHECK_STR_EQ(tdx_status_name(0x8000FF0000000007ull), "TDX_UNKNOWN_STATUS");
}

TEST(tdx_status_name_unknown)
{
	CHECK_STR_EQ(tdx_status_name(0xC0000F0000000000ull), "TDX_UNKNOWN_STATUS");
}

TEST(tdx_status_helpers)
{
	/* §6.2 example: PAMT_2M of TDMR 3 overlaps available area of TDMR 1. */
	CHECK_U64_EQ(tdx_status_with_info(TDX_PAMT_OVERLAP, 3, 1, 1, 0),
		     0xC0000A1200010103ull);
	CHECK_U64_EQ(tdx_status_with_operand(TDX_OPERAND_INVALID, TDX_OPERAND_ID_R8),
		     0xC000010000000008ull);
	CHECK(!tdx_status_is_error(TDX_KEY_CONFIGURED));
	CHECK(!tdx_status_is_error(TDX_TDMR_ALREADY_INITIALIZED));
	CHECK(tdx_status_is_error(TDX_SYS_BUSY));
	CHECK_U64_EQ(tdx_status_code(0xC0000A0100000005ull), TDX_NON_ORDERED_TDMR);
}

TEST(tdx_status_from_name_roundtrip)
{
	uint64_t v = 0;

	CHECK(tdx_status_from_name("TDX_KEY_GENERATION_FAILED", &v));
	CHECK_U64_EQ(v, 0x8000080000000000ull);
	CHECK(tdx_status_from_name("EBADHASH", &v));
	CHECK_U64_EQ(v, 0x8000000000020001ull);
	CHECK(!tdx_status_from_name("TDX_SYSINIT_NOT_DONE", &v));
}

TEST(seamldr_status_names)
{
	CHECK_STR_EQ(seamldr_status_name(SEAMLDR_EBADHASH), "EBADHASH");
	CHECK_STR_EQ(seamldr_status_name(0x8000000000000003ull), "EBADCALL");
	CHECK_STR_EQ(seamldr_status_name(0x8000000000000099ull),
		     "SEAMLDR_UNKNOWN_STATUS");
}

/* §1.2 and §11.1 leaf encodings. */
TEST(tdx_leaf_numbers)
{
	CHECK_U64_EQ(TDH_SYS_CONFIG, 45);
	CHECK_U64_EQ(TDH_SYS_KEY_CONFIG, 31);
	CHECK_U64_EQ(TDH_SYS_TDMR_INIT, 36);
	CHECK_U64_EQ(SEAMLDR_INSTALL, 0x8000000000000001ull);
	CHECK_U64_EQ(MD_SYS_MAX_TDMRS, 0x9100000100000008ull);
}
