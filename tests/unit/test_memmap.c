/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "core/memmap.h"
#include "core/plan.h"
#include "tests/unit/test.h"

/* Writes one 48-byte EFI_MEMORY_DESCRIPTOR (UEFI 2.10 §7.2.3). */
static void put_desc(uint8_t *p, uint32_t type, uint64_t base, uint64_t pages,
		     uint64_t attr)
{
	memset(p, 0xa5, 48);   /* padding and VirtualStart must be ignored */
	memcpy(p + 0, &type, 4);
	memcpy(p + 8, &base, 8);
	memcpy(p + 24, &pages, 8);
	memcpy(p + 32, &attr, 8);
}

TEST(memmap_parse_reads_fields_at_descriptor_stride)
{
	uint8_t buf[3 * 48];
	struct memmap_desc d[4];
	size_t n;
	struct tb_err e;

	put_desc(buf, MEMMAP_CONVENTIONAL, 0x100000, 0x7ff00, 0xf);
	put_desc(buf + 48, MEMMAP_BOOT_DATA, 0x80000000, 16, 0);
	put_desc(buf + 96, MEMMAP_CONVENTIONAL, 0x100000000, 0x1000, MEMMAP_ATTR_SP);
	tb_err_clear(&e);
	REQUIRE(memmap_parse(buf, sizeof(buf), 48, d, 4, &n, &e) == TB_OK);
	CHECK_INT_EQ(n, 3);
	CHECK_U64_EQ(d[0].base, 0x100000);
	CHECK_U64_EQ(d[0].pages, 0x7ff00);
	CHECK_U64_EQ(d[1].type, MEMMAP_BOOT_DATA);
	CHECK_U64_EQ(d[2].attr, MEMMAP_ATTR_SP);
}

TEST(memmap_parse_rejects_bad_layout_and_ranges)
{
	uint8_t buf[2 * 48];
	struct memmap_desc d[2];
	size_t n;
	struct tb_err e;

	tb_err_clear(&e);
	CHECK_INT_EQ(memmap_parse(buf, sizeof(buf), 36, d, 2, &n, &e), TB_EINVAL);
	CHECK_STR_CONTAINS(e.msg, "descriptor size 36 is invalid");

	tb_err_clear(&e);
	CHECK_INT_EQ(memmap_parse(buf, 50, 48, d, 2, &n, &e), TB_EINVAL);
	CHECK_STR_CONTAINS(e.msg, "not a multiple of the descriptor size");

	put_desc(buf, MEMMAP_CONVENTIONAL, 0x1000, 1, 0);
	put_desc(buf + 48, MEMMAP_CONVENTIONAL, 0x100123, 1, 0);
	tb_err_clear(&e);
	CHECK_INT_EQ(memmap_parse(buf, sizeof(buf), 48, d, 2, &n, &e), TB_EINVAL);
	CHECK_STR_EQ(e.msg, "memory map descriptor 1: base 0x100123 is not page aligned");

	put_desc(buf + 48, MEMMAP_CONVENTIONAL, 0xfffffffffffff000ULL, 2, 0);
	tb_err_clear(&e);
	CHECK_INT_EQ(memmap_parse(buf, sizeof(buf), 48, d, 2, &n, &e), TB_EINVAL);
	CHECK_STR_CONTAINS(e.msg, "descriptor 1: [0xfffffffffffff000 + 2 pages] wraps");

	put_desc(buf + 48, MEMMAP_CONVENTIONAL, 0, 0xffffffffffffffffULL, 0);
	tb_err_clear(&e);
	CHECK_INT_EQ(memmap_parse(buf, sizeof(buf), 48, d, 2, &n, &e), TB_EINVAL);

	tb_err_clear(&e);
	put_desc(buf + 48, MEMMAP_CONVENTIONAL, 0x2000, 1, 0);
	CHECK_INT_EQ(memmap_parse(buf, sizeof(buf), 48, d, 1, &n, &e), TB_ENOMEM);
	CHECK_INT_EQ(n, 0);
}

TEST(memmap_os_ram_types_follow_the_efi_stub)
{
	CHECK(memmap_is_os_ram(MEMMAP_CONVENTIONAL, 0));
	CHECK(memmap_is_os_ram(MEMMAP_LOADER_CODE, 0));
	CHECK(memmap_is_os_ram(MEMMAP_LOADER_DATA, 0));
	CHECK(memmap_is_os_ram(MEMMAP_BOOT_CODE, 0));
	CHECK(memmap_is_os_ram(MEMMAP_BOOT_DATA, 0));
	CHECK(memmap_is_os_ram(MEMMAP_UNACCEPTED, 0));
	CHECK(!memmap_is_os_ram(MEMMAP_CONVENTIONAL, MEMMAP_ATTR_SP));
	CHECK(!memmap_is_os_ram(MEMMAP_RUNTIME_DATA, 0));
	CHECK(!memmap_is_os_ram(MEMMAP_ACPI_RECLAIM, 0));
	CHECK(!memmap_is_os_ram(MEMMAP_PERSISTENT, 0));
	CHECK(!memmap_is_os_ram(MEMMAP_RESERVED, 0));
	CHECK(!memmap_is_os_ram(99, 0));
	CHECK_STR_EQ(memmap_type_name(MEMMAP_UNACCEPTED), "Unaccepted");
	CHECK_STR_EQ(memmap_type_name(99), "Other");
}

TEST(memmap_summary_totals_by_type)
{
	struct memmap_desc d[] = {
		{ MEMMAP_CONVENTIONAL, 0x100000, 0x100, 0 },
		{ MEMMAP_BOOT_DATA, 0x200000, 0x10, 0 },
		{ MEMMAP_CONVENTIONAL, 0x100000000, 0x1000, MEMMAP_ATTR_SP },
		{ MEMMAP_RESERVED, 0xfee00000, 1, 0 },
		{ 0x70000000, 0xe0000000, 4, 0 },
	};
	struct memmap_summary s;

	memmap_summarize(d, 5, &s);
	CHECK_INT_EQ(s.n_desc, 5);
	CHECK_U64_EQ(s.bytes[MEMMAP_CONVENTIONAL], (0x100 + 0x1000) * 4096ULL);
	CHECK_INT_EQ(s.count[MEMMAP_CONVENTIONAL], 2);
	CHECK_U64_EQ(s.os_ram_bytes, (0x100 + 0x10) * 4096ULL);
	CHECK_U64_EQ(s.soft_reserved_bytes, 0x1000 * 4096ULL);
	CHECK_U64_EQ(s.top_of_ram, 0x210000);
	CHECK_INT_EQ(s.count[MEMMAP_TYPE_COUNT], 1);
}

TEST(memmap_to_plan_classifies_like_the_efi_stub)
{
	struct memmap_desc d[] = {
		{ MEMMAP_CONVENTIONAL, 0x100000, 0x100, 0 },
		{ MEMMAP_BOOT_DATA, 0x200000, 0x10, 0 },
		{ MEMMAP_UNACCEPTED, 0x300000, 0x10, 0 },
		{ MEMMAP_CONVENTIONAL, 0x100000000, 0x1000, MEMMAP_ATTR_SP },
		{ MEMMAP_ACPI_NVS, 0x7f000000, 4, 0 },
	};
	struct plan_mem m[5];
	struct tb_err e;
	size_t n;

	tb_err_clear(&e);
	REQUIRE(memmap_to_plan(d, 5, m, 5, &n, &e) == TB_OK);
	CHECK_INT_EQ(n, 5);
	CHECK_INT_EQ(m[0].kind, PLAN_MEM_FREE);
	CHECK_U64_EQ(m[0].size, 0x100000);
	CHECK_INT_EQ(m[1].kind, PLAN_MEM_RAM_BUSY);
	CHECK_INT_EQ(m[2].kind, PLAN_MEM_RAM_BUSY);
	CHECK_INT_EQ(m[3].kind, PLAN_MEM_SOFT_RESERVED);
	CHECK_INT_EQ(m[4].kind, PLAN_MEM_OTHER);
	CHECK_INT_EQ(m[4].src_index, 4);
	CHECK_INT_EQ(memmap_to_plan(d, 5, m, 4, &n, &e), TB_ENOMEM);
}
