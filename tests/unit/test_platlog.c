/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "core/platlog.h"
#include "tests/unit/test.h"

#define GiB (1ULL << 30)
#define MiB (1ULL << 20)

static struct plan_mem t_raw[64], t_mem[128];
static struct plan_range t_cmrs[16];
static struct plan_numa t_numa[16];
static struct platlog t_log;
static struct tb_err t_err;

static tb_status parse_boot(const char *text, int32_t boot)
{
	struct platlog_store st = {
		t_raw, 64, t_mem, 128, t_cmrs, 16, t_numa, 16,
	};

	tb_err_clear(&t_err);
	return platlog_parse_boot(text, strlen(text), boot, &st, &t_log, &t_err);
}

static tb_status parse(const char *text)
{
	return parse_boot(text, 0);
}

static const struct plan_mem *mem_at(size_t i)
{
	return i < t_log.in.n_mem ? &t_log.in.mem[i] : NULL;
}

#define CHECK_MEM(i, b, s, k)                                             \
	do {                                                              \
		const struct plan_mem *m_ = mem_at(i);                    \
		REQUIRE(m_ != NULL);                                      \
		CHECK_U64_EQ(m_->base, b);                                \
		CHECK_U64_EQ(m_->size, s);                                \
		CHECK_INT_EQ(m_->kind, k);                                \
	} while (0)

TEST(platlog_e820_basic_inclusive_end)
{
	REQUIRE(parse("BIOS-e820: [mem 0x0000000000000000-0x000000000009ffff] usable\n"
		      "BIOS-e820: [mem 0x0000000000100000-0x000000007fffffff] usable\n"
		      "BIOS-e820: [mem 0x0000000080000000-0x00000000ffffffff] reserved\n") == TB_OK);
	CHECK_INT_EQ(t_log.in.n_mem, 3);
	CHECK_MEM(0, 0, 0xa0000, PLAN_MEM_FREE);
	CHECK_MEM(1, MiB, 2 * GiB - MiB, PLAN_MEM_FREE);
	CHECK_MEM(2, 2 * GiB, 2 * GiB, PLAN_MEM_OTHER);
	CHECK(!t_log.map_from_efi);
	CHECK_INT_EQ(t_log.in.n_numa, 0);
	CHECK_INT_EQ(t_log.in.limits.max_tdmrs, 64);
	CHECK_INT_EQ(t_log.in.limits.max_rsvd_per_tdmr, 16);
	CHECK_INT_EQ(t_log.in.limits.pamt_entry_size[2], 16);
}

TEST(platlog_prefixes_cr_and_indentation)
{
	REQUIRE(parse("[    0.000000] BIOS-e820: [mem 0x0000000000100000-0x00000000001fffff] usable\r\n"
		      "Jun 30 21:12:14 host kernel: BIOS-e820: [mem 0x0000000000200000-0x00000000002fffff] ACPI NVS\n"
		      " 20:16:33  BIOS-e820: [mem 0x0000000000300000-0x00000000003fffff] ACPI data\n"
		      "    > BIOS-e820: [mem 0x0000000000400000-0x00000000004fffff] unusable\r\n"
		      "\tsome other line\n"
		      "[    0.1] e820: update [mem 0x00100000-0x00100fff] usable ==> reserved\n"
		      "reserve setup_data: [mem 0x0000000000100000-0x00000000001fffff] reserved\n") == TB_OK);
	CHECK_INT_EQ(t_log.in.n_mem, 2); /* the three non-RAM merge: one kind */
	CHECK_MEM(0, MiB, MiB, PLAN_MEM_FREE);
	CHECK_MEM(1, 2 * MiB, 3 * MiB, PLAN_MEM_OTHER);
	CHECK_INT_EQ(t_log.n_e820, 4);
	CHECK_INT_EQ(t_log.n_lines, 7);
}

TEST(platlog_e820_type_names)
{
	REQUIRE(parse("BIOS-e820: [mem 0x0000000000100000-0x00000000001fffff] System RAM\n"
		      "BIOS-e820: [mem 0x0000000000200000-0x00000000002fffff] persistent (type 7)\n"
		      "BIOS-e820: [mem 0x0000000000300000-0x00000000003fffff] soft reserved\n"
		      "BIOS-e820: [mem 0x0000000000400000-0x00000000004fffff] kernel usable RAM\n"
		      "BIOS-e820: [mem 0x0000000000500000-0x00000000005fffff] persistent RAM (type 12)\n"
		      "BIOS-e820: [mem 0x0000000000600000-0x00000000006fffff] device reserved\n"
		      "BIOS-e820: [mem 0x0000000000700000-0x00000000007fffff] type 128\n"
		      "BIOS-e820: [mem 0x0000000000800000-0x00000000008fffff] persistent (type 12)\n") == TB_OK);
	CHECK_MEM(0, 1 * MiB, MiB, PLAN_MEM_FREE);
	CHECK_MEM(1, 2 * MiB, MiB, PLAN_MEM_OTHER);
	CHECK_MEM(2, 3 * MiB, MiB, PLAN_MEM_SOFT_RESERVED);
	CHECK_MEM(3, 4 * MiB, MiB, PLAN_MEM_FREE);
	CHECK_MEM(4, 5 * MiB, 4 * MiB, PLAN_MEM_OTHER);
}

TEST(platlog_e820_unaligned_ram_trimmed_to_pages)
{
	/* The real 16-byte type 128 entry splitting a usable range. */
	REQUIRE(parse("BIOS-e820: [mem 0x0000000100000000-0x000000107fff847f] usable\n"
		      "BIOS-e820: [mem 0x000000107fff8480-0x000000107fff848f] type 128\n"
		      "BIOS-e820: [mem 0x000000107fff8490-0x000000107fffffff] usable\n") == TB_OK);
	CHECK_INT_EQ(t_log.in.n_mem, 3);
	CHECK_MEM(0, 0x100000000ULL, 0x107fff8000ULL - 0x100000000ULL, PLAN_MEM_FREE);
	CHECK_MEM(1, 0x107fff8480ULL, 0x10, PLAN_MEM_OTHER);
	CHECK_MEM(2, 0x107fff9000ULL, 0x7000, PLAN_MEM_FREE);
}

TEST(platlog_nonram_wins_over_overlapping_ram)
{
	REQUIRE(parse("BIOS-e820: [mem 0x0000000000100000-0x0000000000ffffff] usable\n"
		      "BIOS-e820: [mem 0x0000000000400000-0x00000000004fffff] reserved\n") == TB_OK);
	CHECK_INT_EQ(t_log.in.n_mem, 3);
	CHECK_MEM(0, MiB, 3 * MiB, PLAN_MEM_FREE);
	CHECK_MEM(1, 4 * MiB, MiB, PLAN_MEM_OTHER);
	CHECK_MEM(2, 5 * MiB, 11 * MiB, PLAN_MEM_FREE);
}

TEST(platlog_unsorted_input_sorted_and_merged)
{
	REQUIRE(parse("BIOS-e820: [mem 0x0000000000200000-0x00000000002fffff] usable\n"
		      "BIOS-e820: [mem 0x0000000000100000-0x00000000001fffff] usable\n") == TB_OK);
	CHECK_INT_EQ(t_log.in.n_mem, 1);
	CHECK_MEM(0, MiB, 2 * MiB, PLAN_MEM_FREE);
}

#define EFI_ATTRS "|   |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC]"

TEST(platlog_efi_types_and_attributes)
{
	REQUIRE(parse(
		"efi: mem00: [Boot Code   " EFI_ATTRS " range=[0x0000000000000000-0x0000000000000fff] (0MB)\n"
		"efi: mem01: [Conventional" EFI_ATTRS " range=[0x0000000000100000-0x00000000001fffff] (1MB)\n"
		"efi: mem02: [Loader Data " EFI_ATTRS " range=[0x0000000000200000-0x00000000002fffff] (1MB)\n"
		"efi: mem03: [Conventional|   |  |  |SP|  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000000300000-0x00000000003fffff] (1MB)\n"
		"efi: mem04: [Runtime Data|RUN|  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000000400000-0x00000000004fffff] (1MB)\n"
		"efi: mem05: [Conventional|   |HP|  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000000500000-0x00000000005fffff] (1MB)\n"
		"efi: mem06: [Conventional|attr=0x0000000000040008] range=[0x0000000000600000-0x00000000006fffff] (1MB)\n"
		"efi: mem07: [Unaccepted  " EFI_ATTRS " range=[0x0000000000700000-0x00000000007fffff] (1MB)\n"
		"efi: mem08: [type=99     " EFI_ATTRS " range=[0x0000000000800000-0x00000000008fffff] (1MB)\n"
		"efi: mem09: [Conventional Memory" EFI_ATTRS " range=[0x0000000000900000-0x00000000009fffff] (1MB)\n"
		"efi: mem10: [Memory Mapped I/O" EFI_ATTRS " range=[0x00000000fe000000-0x00000000feffffff] (16MB)\n"
		"efi: mem100: [Persistent" EFI_ATTRS " range=[0x0000000100000000-0x00000001ffffffff] (4096MB)\n") == TB_OK);
	CHECK(t_log.map_from_efi);
	CHECK_INT_EQ(t_log.n_efi, 12);
	CHECK_MEM(0, 0, 0x1000, PLAN_MEM_RAM_BUSY);
	CHECK_MEM(1, MiB, MiB, PLAN_MEM_FREE);
	CHECK_MEM(2, 2 * MiB, MiB, PLAN_MEM_RAM_BUSY);
	CHECK_MEM(3, 3 * MiB, MiB, PLAN_MEM_SOFT_RESERVED);
	CHECK_MEM(4, 4 * MiB, MiB, PLAN_MEM_OTHER);
	CHECK_MEM(5, 5 * MiB, MiB, PLAN_MEM_FREE);
	CHECK_MEM(6, 6 * MiB, MiB, PLAN_MEM_SOFT_RESERVED);
	CHECK_MEM(7, 7 * MiB, MiB, PLAN_MEM_RAM_BUSY);
	/* type=99 skipped: a gap at 8 MiB */
	CHECK_MEM(8, 9 * MiB, MiB, PLAN_MEM_FREE);
	CHECK_MEM(9, 0xfe000000ULL, 16 * MiB, PLAN_MEM_OTHER);
	CHECK_MEM(10, 4 * GiB, 4 * GiB, PLAN_MEM_OTHER);
}

TEST(platlog_efi_legacy_print)
{
	REQUIRE(parse("efi: mem00: type=7, attr=0xf, range=[0x0000000000100000-0x0000000000200000) (1MB)\n"
		      "efi: mem01: type=7, attr=0x4000f, range=[0x0000000000200000-0x0000000000300000) (1MB)\n") == TB_OK);
	CHECK_MEM(0, MiB, MiB, PLAN_MEM_FREE);
	CHECK_MEM(1, 2 * MiB, MiB, PLAN_MEM_SOFT_RESERVED);
}

TEST(platlog_e820_preferred_over_efi)
{
	REQUIRE(parse("efi: mem01: [Conventional" EFI_ATTRS " range=[0x0000000000100000-0x00000000001fffff] (1MB)\n"
		      "BIOS-e820: [mem 0x0000000000100000-0x00000000003fffff] usable\n") == TB_OK);
	CHECK(!t_log.map_from_efi);
	CHECK_INT_EQ(t_log.in.n_mem, 1);
	CHECK_MEM(0, MiB, 3 * MiB, PLAN_MEM_FREE);
}

TEST(platlog_srat_nodes_sorted_and_flags)
{
	REQUIRE(parse("BIOS-e820: [mem 0x0000000000100000-0x00000000003fffff] usable\n"
		      "ACPI: SRAT: Node 1 PXM 1 [mem 0x80000000-0xffffffff]\n"
		      "ACPI: SRAT: Node 0 PXM 0 [mem 0x00000000-0x7fffffff]\n"
		      "ACPI: SRAT: Node 2 PXM 6 [mem 0x2080000000-0x807fffffff] hotplug\n"
		      "ACPI: SRAT: Node 2 PXM 2 [mem 0x3040000000-0xb03fffffff] non-volatile\n"
		      "ACPI: SRAT: Node 0 PXM 0 [mem 0x00000000-0x7fffffff]\n"
		      "ACPI: SRAT: PXM 0 -> APIC 0x00 -> Node 0\n") == TB_OK);
	REQUIRE(t_log.in.n_numa == 4);
	CHECK_U64_EQ(t_log.in.numa[0].base, 0);
	CHECK_U64_EQ(t_log.in.numa[0].size, 2 * GiB);
	CHECK_INT_EQ(t_log.in.numa[1].node, 1);
	CHECK_INT_EQ(t_log.in.numa[2].node, 2);
	CHECK_U64_EQ(t_log.in.numa[3].base, 0x3040000000ULL);
}

TEST(platlog_cmr_variants)
{
	REQUIRE(parse("BIOS-e820: [mem 0x0000000000100000-0x00000000003fffff] usable\n"
		      "virt/tdx: CMR: [0x100000, 0x6f800000)\n"
		      "[ 1.0] virt/tdx: CMR[1]: [0x100000000, 0x107a000000)\n"
		      "tdx: CMR: [0x107a000000, 0x107a000000)\n"
		      "tdx: CMR[3]: [0x2000000000, 0x3000000000)\n"
		      "virt/tdx: CMR: [0x100000, 0x6f800000)\n"
		      "virt/tdx: CMRs are fine\n") == TB_OK);
	REQUIRE(t_log.in.n_cmrs == 3);
	CHECK_U64_EQ(t_log.in.cmrs[0].base, MiB);
	CHECK_U64_EQ(t_log.in.cmrs[0].size, 0x6f800000ULL - MiB);
	CHECK_U64_EQ(t_log.in.cmrs[1].base, 0x100000000ULL);
	CHECK_U64_EQ(t_log.in.cmrs[2].size, 0x1000000000ULL);
	CHECK_INT_EQ(t_log.n_cmr_lines, 5);
}

TEST(platlog_name_and_limits)
{
	REQUIRE(parse("# name: emr-2s lab box\n"
		      "  # limits: max_tdmrs=32 max_rsvd=8 pamt_entry=16 pamt_1g=32 dpamt=1\n"
		      "# free text with BIOS-e820: [mem nonsense\n"
		      "BIOS-e820: [mem 0x0000000000100000-0x00000000003fffff] usable\n") == TB_OK);
	CHECK_STR_EQ(t_log.name, "emr-2s lab box");
	CHECK_INT_EQ(t_log.in.limits.max_tdmrs, 32);
	CHECK_INT_EQ(t_log.in.limits.max_rsvd_per_tdmr, 8);
	CHECK_INT_EQ(t_log.in.limits.pamt_entry_size[0], 16);
	CHECK_INT_EQ(t_log.in.limits.pamt_entry_size[2], 32);
	CHECK(t_log.in.limits.dpamt);
	CHECK(t_log.limits_given);
}

TEST(platlog_errors_name_the_line)
{
	CHECK_INT_EQ(parse("\n\nBIOS-e820: [mem 0x0000000000100000-0x00000000000fffff] usable\n"), TB_EINVAL);
	CHECK_STR_CONTAINS(t_err.msg, "line 3: BIOS-e820 entry");
	CHECK_INT_EQ(parse("BIOS-e820: [mem 0x0000000000100000-0x00000000001fffff] kernel\n"), TB_EINVAL);
	CHECK_STR_CONTAINS(t_err.msg, "line 1: BIOS-e820 entry: unknown type 'kernel'");
	CHECK_INT_EQ(parse("BIOS-e820: 0000000000000000 - 000000000009fc00 (usable)\n"), TB_EINVAL);
	CHECK_STR_CONTAINS(t_err.msg, "line 1:");
	CHECK_INT_EQ(parse("x\nefi: mem01: [Conventional" EFI_ATTRS " range=[0x0000000000100000-]\n"), TB_EINVAL);
	CHECK_STR_CONTAINS(t_err.msg, "line 2: efi memory descriptor");
	CHECK_INT_EQ(parse("efi: mem01: [Free Lunch  " EFI_ATTRS " range=[0x0000000000100000-0x00000000001fffff] (1MB)\n"), TB_EINVAL);
	CHECK_STR_CONTAINS(t_err.msg, "unknown memory type name 'Free Lunch'");
	CHECK_INT_EQ(parse("virt/tdx: CMR: [0x200000, 0x100000)\n"), TB_EINVAL);
	CHECK_STR_CONTAINS(t_err.msg, "line 1: CMR: end below start");
	CHECK_INT_EQ(parse("tdx: CMR: [0x200000, 0x300000)\ntdx: CMR: [0x100000, 0x280000)\n"), TB_EINVAL);
	CHECK_STR_CONTAINS(t_err.msg, "line 2: CMR [0x100000, 0x280000) overlaps");
	CHECK_INT_EQ(parse("# limits: max_tdmrs=0\n"), TB_EINVAL);
	CHECK_STR_CONTAINS(t_err.msg, "line 1: '# limits:' max_tdmrs");
	CHECK_INT_EQ(parse("# limits: max_tdmr=3\n"), TB_EINVAL);
	CHECK_STR_CONTAINS(t_err.msg, "line 1: '# limits:' does not know 'max_tdmr=3'");
}

/* Issue 15: lines that cannot change the plan are clipped or ignored with
 * a warning naming the line, never refused. */
TEST(platlog_beyond_pa_limit_clipped_with_warning)
{
	REQUIRE(parse("BIOS-e820: [mem 0x0000000000100000-0x00000000001fffff] usable\n"
		      "BIOS-e820: [mem 0x0010000000000000-0x0010000000ffffff] usable\n"
		      "BIOS-e820: [mem 0x000ffffffff00000-0x0010000000ffffff] usable\n"
		      "ACPI: SRAT: Node 0 PXM 0 [mem 0x00000000-0x7fffffff]\n"
		      "ACPI: SRAT: Node 1 PXM 1 [mem 0x000ff00000000000-0x001fffffffffffff] hotplug\n"
		      "ACPI: SRAT: Node 2 PXM 2 [mem 0x0020000000000000-0x0020ffffffffffff] hotplug\n") == TB_OK);
	CHECK_INT_EQ(t_log.n_warnings, 4);
	CHECK_STR_CONTAINS(t_log.warnings[0], "line 2: RAM [0x10000000000000-0x10000000ffffff]");
	CHECK_STR_CONTAINS(t_log.warnings[0], "ignored");
	CHECK_STR_CONTAINS(t_log.warnings[1], "line 3:");
	CHECK_STR_CONTAINS(t_log.warnings[1], "clipped at 2^52");
	CHECK_STR_CONTAINS(t_log.warnings[2], "line 5: SRAT range of node 1");
	CHECK_STR_CONTAINS(t_log.warnings[3], "line 6: SRAT range of node 2");
	/* the clipped RAM ends at 2^52; the SRAT range of node 1 too */
	REQUIRE(t_log.in.n_mem == 2);
	CHECK_U64_EQ(t_log.in.mem[1].base + t_log.in.mem[1].size, 1ULL << 52);
	REQUIRE(t_log.in.n_numa == 2);
	CHECK_U64_EQ(t_log.in.numa[1].base + t_log.in.numa[1].size, 1ULL << 52);
}

TEST(platlog_node_ids_to_linux_limit)
{
	/* node 1023 with RAM: kept; node 5000 without RAM: dropped, said */
	REQUIRE(parse("BIOS-e820: [mem 0x0000000000100000-0x000000007fffffff] usable\n"
		      "BIOS-e820: [mem 0x0000000080000000-0x00000000ffffffff] reserved\n"
		      "ACPI: SRAT: Node 1023 PXM 70000 [mem 0x00000000-0x7fffffff]\n"
		      "ACPI: SRAT: Node 5000 PXM 5000 [mem 0x80000000-0xffffffff]\n") == TB_OK);
	REQUIRE(t_log.in.n_numa == 1);
	CHECK_INT_EQ(t_log.in.numa[0].node, 1023);
	REQUIRE(t_log.n_warnings == 1);
	CHECK_STR_CONTAINS(t_log.warnings[0], "NUMA node 5000");
	CHECK_STR_CONTAINS(t_log.warnings[0], "holds no RAM");
	/* node 1024 with RAM: tdxboot's limit, said as such */
	CHECK_INT_EQ(parse("BIOS-e820: [mem 0x0000000000100000-0x000000007fffffff] usable\n"
			   "ACPI: SRAT: Node 1024 PXM 0 [mem 0x00000000-0x7fffffff]\n"), TB_ENOMEM);
	CHECK_STR_CONTAINS(t_err.msg, "NUMA node 1024");
	CHECK_STR_CONTAINS(t_err.msg, "tdxboot's limit");
}

#define BOOT_A "BIOS-e820: [mem 0x0000000000100000-0x000000007fffffff] usable\n"
#define BOOT_B "BIOS-e820: [mem 0x0000000000100000-0x00000000bfffffff] usable\n"

TEST(platlog_multi_boot_last_by_default)
{
	/* journalctl markers */
	const char *j = "# name: two boots\n-- Boot 1111 --\n" BOOT_A "-- Boot 2222 --\n" BOOT_B;
	/* dmesg files appended: the banner, and timestamps going back */
	const char *d = "[    0.000000] Linux version 6.1\n[    0.000000] " BOOT_A
			"[  100.000000] x\n[    0.000000] Linux version 6.2\n[    0.000000] " BOOT_B;
	const char *t = "[    0.000000] " BOOT_A "[   50.000000] y\n[    0.000000] " BOOT_B;

	REQUIRE(parse(j) == TB_OK);
	CHECK_INT_EQ(t_log.n_boots, 2);
	CHECK_INT_EQ(t_log.boot, 2);
	CHECK_INT_EQ(t_log.boot_first_line, 4);
	CHECK_STR_CONTAINS(t_log.name, "two boots");
	REQUIRE(t_log.in.n_mem == 1);
	CHECK_U64_EQ(t_log.in.mem[0].size, 3 * GiB - MiB);
	REQUIRE(parse_boot(j, 1) == TB_OK);
	CHECK_U64_EQ(t_log.in.mem[0].size, 2 * GiB - MiB);
	CHECK_INT_EQ(t_log.boot_last_line, 3);
	REQUIRE(parse_boot(j, -1) == TB_OK);
	CHECK_U64_EQ(t_log.in.mem[0].size, 2 * GiB - MiB);
	CHECK_INT_EQ(parse_boot(j, 3), TB_EINVAL);
	CHECK_STR_CONTAINS(t_err.msg, "holds 2 boots");
	CHECK_INT_EQ(parse_boot(j, -2), TB_EINVAL);

	REQUIRE(parse(d) == TB_OK);
	CHECK_INT_EQ(t_log.n_boots, 2);
	CHECK_U64_EQ(t_log.in.mem[0].size, 3 * GiB - MiB);
	REQUIRE(parse(t) == TB_OK);
	CHECK_INT_EQ(t_log.n_boots, 2);
	CHECK_U64_EQ(t_log.in.mem[0].size, 3 * GiB - MiB);
	/* one boot: a banner first and small reorderings are no boundary */
	REQUIRE(parse("[    0.000000] Linux version 6.1\n[    1.500000] " BOOT_A
		      "[    1.400000] z\n") == TB_OK);
	CHECK_INT_EQ(t_log.n_boots, 1);
}

TEST(platlog_no_map_is_bad_input)
{
	CHECK_INT_EQ(parse("hello\nvirt/tdx: CMR: [0x100000, 0x200000)\n"), TB_EINVAL);
	CHECK_STR_CONTAINS(t_err.msg, "no memory map");
}

TEST(platlog_store_limits_reported)
{
	static char big[64 * 80 + 200];
	size_t n = 0;

	for (int i = 0; i < 65; i++)
		n += (size_t)snprintf(big + n, sizeof(big) - n,
				      "BIOS-e820: [mem 0x%016llx-0x%016llx] usable\n",
				      (unsigned long long)(i * 2 + 1) * MiB,
				      (unsigned long long)(i * 2 + 2) * MiB - 1);
	CHECK_INT_EQ(parse(big), TB_ENOMEM);
	CHECK_STR_CONTAINS(t_err.msg, "line 65: more than 64 memory-map entries");
}

TEST(platlog_reserved_beyond_pa_limit_ignored)
{
	REQUIRE(parse("BIOS-e820: [mem 0x0000000000100000-0x00000000001fffff] usable\n"
		      "BIOS-e820: [mem 0xfff0000000000000-0xffffffffffffffff] reserved\n") == TB_OK);
	CHECK_INT_EQ(t_log.in.n_mem, 1);
}

TEST(platlog_free_ram_in_whole_pages)
{
	/* Conventional meets Loader Code mid-page: that page is busy. */
	REQUIRE(parse("efi: mem00: [Conventional" EFI_ATTRS " range=[0x0000000000100000-0x00000000001007ff] (0MB)\n"
		      "efi: mem01: [Loader Code " EFI_ATTRS " range=[0x0000000000100800-0x0000000000102fff] (0MB)\n"
		      "efi: mem02: [Conventional" EFI_ATTRS " range=[0x0000000000103000-0x0000000000200fff] (0MB)\n"
		      "efi: mem03: [Boot Data   " EFI_ATTRS " range=[0x0000000000201000-0x00000000002017ff] (0MB)\n"
		      "efi: mem04: [Conventional" EFI_ATTRS " range=[0x0000000000201800-0x0000000000203fff] (0MB)\n") == TB_OK);
	CHECK_INT_EQ(t_log.in.n_mem, 4);
	CHECK_MEM(0, MiB, 0x3000, PLAN_MEM_RAM_BUSY);
	CHECK_MEM(1, MiB + 0x3000, 0xfe000, PLAN_MEM_FREE);
	CHECK_MEM(2, 0x201000, 0x1000, PLAN_MEM_RAM_BUSY);
	CHECK_MEM(3, 0x202000, 0x2000, PLAN_MEM_FREE);
}
