/* SPDX-License-Identifier: MIT */
/*
 * The host-init ABI of the TDX module and of the P-SEAMLDR, defined once for
 * the whole project (core/ initializer, emu/ emulator, tools, tests).
 *
 * Pure declarations: leaf numbers, completion statuses and their decoding
 * helpers, boundary structures (with _Static_assert on size and offsets) and
 * metadata field ids.  No validation logic lives here: the initializer and
 * the emulator each apply the rules on their own, so one can judge the other.
 *
 * Every value cites docs/reference/tdx-abi.md (section) which in turn
 * cites the TDX module / P-SEAMLDR / Linux source it was read from.
 */
#ifndef TDXBOOT_LIB_TDX_ABI_H
#define TDXBOOT_LIB_TDX_ABI_H

#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------------ leaves */

/* TDX module leaf numbers, RAX bits 15:0 (docs/reference/tdx-abi.md §4; module tdx_api_defs.h). */
#define TDH_SYS_KEY_CONFIG   31u
#define TDH_SYS_INFO         32u
#define TDH_SYS_INIT         33u
#define TDH_SYS_RD           34u
#define TDH_SYS_LP_INIT      35u
#define TDH_SYS_TDMR_INIT    36u
#define TDH_SYS_RDALL        37u
#define TDH_PHYMEM_PAGE_RDMD 24u
#define TDH_PHYMEM_CACHE_WB  40u
#define TDH_SYS_LP_SHUTDOWN  44u
#define TDH_SYS_CONFIG       45u
#define TDH_SYS_SHUTDOWN     52u
#define TDH_SYS_UPDATE       53u
#define TDH_SYS_DISABLE      69u /* newer modules only (§4, [LKML-DIS]) */

/* RAX layout of a module leaf (§1.2): 15:0 leaf, 23:16 version, rest reserved. */
#define TDX_LEAF_MASK        0xFFFFull
#define TDX_VERSION_SHIFT    16
#define TDX_VERSION_MASK     0xFFull
#define TDX_LEAF_RSVD_MASK   0xFFFFFFFFFF000000ull

/* RAX bit 63 selects the P-SEAMLDR (§1.2, §11.1). */
#define SEAMLDR_LEAF_BIT     (1ull << 63)
#define SEAMLDR_INFO         (SEAMLDR_LEAF_BIT | 0)
#define SEAMLDR_INSTALL      (SEAMLDR_LEAF_BIT | 1)
#define SEAMLDR_SHUTDOWN     (SEAMLDR_LEAF_BIT | 2)
#define SEAMLDR_SEAMINFO     (SEAMLDR_LEAF_BIT | 3)
#define SEAMLDR_CLEANUP      (SEAMLDR_LEAF_BIT | 4)

/*
 * The register file a SEAMCALL takes and returns (§1.2): RAX leaf/status,
 * RCX, RDX, R8-R11 arguments; every other GPR comes back unchanged.
 * arch/x86/seam.asm relies on these offsets.
 */
struct seam_regs {
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
};
_Static_assert(offsetof(struct seam_regs, rax) == 0, "seam_regs");
_Static_assert(offsetof(struct seam_regs, rbp) == 48, "seam_regs");
_Static_assert(offsetof(struct seam_regs, r8) == 56, "seam_regs");
_Static_assert(offsetof(struct seam_regs, r15) == 112, "seam_regs");
_Static_assert(sizeof(struct seam_regs) == 120, "seam_regs");

/* ------------------------------------------------- completion status (§2) */

/* Bit layout of a completion status (§2.1, module api_error_code_t). */
#define TDX_STATUS_ERROR          (1ull << 63)
#define TDX_STATUS_NON_RECOVERABLE (1ull << 62)
#define TDX_STATUS_FATAL          (1ull << 61)
#define TDX_STATUS_CLASS_SHIFT    40
#define TDX_STATUS_CLASS_MASK     (0xFFull << 40)
#define TDX_STATUS_DETAILS_L1_MASK (0xFFull << 32)
/* Linux compares classes with the low 32 "details" bits masked (§1.4). */
#define TDX_SEAMCALL_STATUS_MASK  0xFFFFFFFF00000000ull
#define TDX_STATUS_DETAILS_L2_MASK 0x00000000FFFFFFFFull

#define TDX_SUCCESS                           0x0000000000000000ull
#define TDX_INTERRUPTED_RESUMABLE             0x8000000300000000ull
#define TDX_INTERRUPTED_RESTARTABLE           0x8000000400000000ull
#define TDX_OPERAND_INVALID                   0xC000010000000000ull
#define TDX_OPERAND_ADDR_RANGE_ERROR          0xC000010100000000ull
#define TDX_OPERAND_BUSY                      0x8000020000000000ull
#define TDX_SYS_BUSY                          0x8000020200000000ull
#define TDX_RND_NO_ENTROPY                    0x8000020300000000ull
#define TDX_SYS_INIT_NOT_PENDING              0xC000050000000000ull
#define TDX_SYS_LP_INIT_NOT_DONE              0xC000050200000000ull
#define TDX_SYS_LP_INIT_DONE                  0xC000050300000000ull
#define TDX_SYS_NOT_READY                     0xC000050500000000ull
#define TDX_SYS_SHUTDOWN                      0xC000050600000000ull
#define TDX_SYS_KEY_CONFIG_NOT_PENDING        0xC000050700000000ull
#define TDX_SYS_STATE_INCORRECT               0xC000050800000000ull
#define TDX_SYS_INVALID_HANDOFF               0xC000050900000000ull
#define TDX_SYS_INCOMPATIBLE_SIGSTRUCT        0xC000050A00000000ull
#define TDX_SYS_LP_INIT_NOT_PENDING           0xC000050B00000000ull
#define TDX_SYS_CONFIG_NOT_PENDING            0xC000050C00000000ull
#define TDX_INCOMPATIBLE_SEAM_CAPABILITIES    0xC000050D00000000ull
#define TDX_X2APIC_ID_NOT_UNIQUE              0xC000062100000000ull
#define TDX_KEY_GENERATION_FAILED             0x8000080000000000ull
#define TDX_KEY_CONFIGURED                    0x0000081500000000ull
#define TDX_NO_HKID_READY_TO_WBCACHE          0x0000082100000000ull
#define TDX_WBCACHE_RESUME_ERROR              0xC000082300000000ull
#define TDX_NUM_ACTIVATED_HKIDS_NOT_SUPPORTED 0xC000082500000000ull
#define TDX_INCORRECT_CPUID_VALUE             0xC000090000000000ull
#define TDX_LIMIT_CPUID_MAXVAL_SET            0xC000090100000000ull
#define TDX_INCONSISTENT_CPUID_FIELD          0xC000090200000000ull
/* module 1.5.01 include/auto_gen/tdx_error_codes_defs.h line 98 */
#define TDX_CPUID_LEAF_1F_FORMAT_UNRECOGNIZED 0xC000090400000000ull
#define TDX_INVALID_WBINVD_SCOPE              0xC000090500000000ull
#define TDX_INVALID_PKG_ID                    0xC000090600000000ull
#define TDX_CPUID_LEAF_NOT_SUPPORTED          0xC000090800000000ull
#define TDX_SMRR_NOT_LOCKED                   0xC000091000000000ull
#define TDX_INVALID_SMRR_CONFIGURATION        0xC000091100000000ull
#define TDX_SMRR_OVERLAPS_CMR                 0xC000091200000000ull
#define TDX_SMRR_LOCK_NOT_SUPPORTED           0xC000091300000000ull
#define TDX_SMRR_NOT_SUPPORTED                0xC000091400000000ull
#define TDX_INCONSISTENT_MSR                  0xC000092000000000ull
#define TDX_INCORRECT_MSR_VALUE               0xC000092100000000ull
#define TDX_INVALID_TDMR                      0xC0000A0000000000ull
#define TDX_NON_ORDERED_TDMR                  0xC0000A0100000000ull
#define TDX_TDMR_OUTSIDE_CMRS                 0xC0000A0200000000ull
#define TDX_TDMR_ALREADY_INITIALIZED          0x00000A0300000000ull
#define TDX_INVALID_PAMT                      0xC0000A1000000000ull
#define TDX_PAMT_OUTSIDE_CMRS                 0xC0000A1100000000ull
#define TDX_PAMT_OVERLAP                      0xC0000A1200000000ull
#define TDX_INVALID_RESERVED_IN_TDMR          0xC0000A2000000000ull
#define TDX_NON_ORDERED_RESERVED_IN_TDMR      0xC0000A2100000000ull
#define TDX_CMR_LIST_INVALID                  0xC0000A2200000000ull
#define TDX_METADATA_FIELD_ID_INCORRECT       0xC0000C0000000000ull
#define TDX_METADATA_FIELD_NOT_READABLE       0xC0000C0200000000ull
#define TDX_METADATA_LIST_OVERFLOW            0xC0000C0400000000ull
#define TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT 0x00000C0B00000000ull
#define TDX_METADATA_FIELD_SKIP               0x00000C0C00000000ull

/*
 * Linux's software-defined statuses, class 0xFF, "never used by the TDX
 * module" (§1.4): what a SEAMCALL wrapper reports for VMfailInvalid, #GP, #UD.
 */
#define TDX_SW_ERROR               0x8000FF0000000000ull
#define TDX_SEAMCALL_VMFAILINVALID 0x8000FF00FFFF0000ull
#define TDX_SEAMCALL_GP            (TDX_SW_ERROR | 13)
#define TDX_SEAMCALL_UD            (TDX_SW_ERROR | 6)

/*
 * Emulator-only status, class 0xFE (used neither by the module nor by Linux):
 * strict mode's TDH.SYS.KEY.CONFIG verdict when some LP did not execute
 * WBINVD after TDH.SYS.CONFIG.  Real hardware would not notice and would
 * corrupt silently (§9 "Cache flush first"); low 32 bits = the first LP
 * that missed it.  See docs/emulator.md.
 */
#define TDX_EMU_WBINVD_MISSING     0xC000FE0100000000ull

/* Operand ids for the low bits of a status (§2.2). */
#define TDX_OPERAND_ID_RAX      0u
#define TDX_OPERAND_ID_RCX      1u
#define TDX_OPERAND_ID_RDX      2u
#define TDX_OPERAND_ID_RBX      3u
#define TDX_OPERAND_ID_R8       8u
#define TDX_OPERAND_ID_R9       9u
#define TDX_OPERAND_ID_R10      10u
#define TDX_OPERAND_ID_TDMR_INFO_PA 0x60u
#define TDX_OPERAND_ID_SYS      0xB8u
#define TDX_OPERAND_ID_TDMR     0xB9u
#define TDX_OPERAND_ID_KOT      0xBAu
#define TDX_OPERAND_ID_KET      0xBBu
#define TDX_OPERAND_ID_WBCACHE  0xBCu

/* api_error_with_operand_id / api_error_with_multiple_info (§2.1). */
static inline uint64_t tdx_status_with_operand(uint64_t status, uint32_t id)
{
	return status + id;
}

static inline uint64_t tdx_status_with_info(uint64_t status, uint8_t i0,
					    uint8_t i1, uint8_t i2, uint8_t i3)
{
	return status + i0 + ((uint64_t)i1 << 8) + ((uint64_t)i2 << 16) +
	       ((uint64_t)i3 << 24);
}

static inline int tdx_status_is_error(uint64_t status)
{
	return (status & TDX_STATUS_ERROR) != 0;
}

/* The status with its low 32 detail bits cleared, as Linux compares it. */
static inline uint64_t tdx_status_code(uint64_t status)
{
	return status & TDX_SEAMCALL_STATUS_MASK;
}

/* Page-size levels used in PAMT status details (§6.2 b.7). */
#define TDX_PT_4KB 0u
#define TDX_PT_2MB 1u
#define TDX_PT_1GB 2u

/*
 * The name of a TDX-module completion status, with operand/detail bits
 * masked ("TDX_NON_ORDERED_TDMR"); Linux's software codes keep their exact
 * values.  Unknown codes give "TDX_UNKNOWN_STATUS".  Never NULL.
 */
const char *tdx_status_name(uint64_t status);

/*
 * The value of a status name: a tdx_status_name() name or a P-SEAMLDR one
 * ("EBADHASH").  Returns 1 and sets *status if known, else 0.
 */
int tdx_status_from_name(const char *name, uint64_t *status);

/* The name of a P-SEAMLDR status ("EBADHASH"); "SEAMLDR_UNKNOWN_STATUS" if unknown. */
const char *seamldr_status_name(uint64_t status);

/* ------------------------------------------- P-SEAMLDR statuses (§11.2) */

#define SEAMLDR_SUCCESS      0x0000000000000000ull
#define SEAMLDR_EBADPARAM    0x8000000000000000ull
#define SEAMLDR_EBADCALL     0x8000000000000003ull
#define SEAMLDR_EBADHANDOFF  0x8000000000000004ull
#define SEAMLDR_ECLEANUPREQ  0x8000000000000005ull
#define SEAMLDR_EUNSUPPORTED 0x8000000000000006ull
#define SEAMLDR_ENOMEM       0x8000000000010002ull
#define SEAMLDR_EUNSPECERR   0x8000000000010003ull
#define SEAMLDR_EUNSUPCPU    0x8000000000010004ull
#define SEAMLDR_EBADSIG      0x8000000000020000ull
#define SEAMLDR_EBADHASH     0x8000000000020001ull
#define SEAMLDR_EINTERRUPT   0x8000000000030000ull
#define SEAMLDR_ENOENTROPY   0x8000000000030001ull

/* -------------------------------------------------------- limits (§6-§8) */

#define TDX_MAX_TDMRS              64u  /* SYS.CONFIG RDX upper bound */
#define TDX_MAX_RESERVED_AREAS     16u  /* slots the module copies (§6.1) */
#define TDX_MAX_CMRS               32u  /* CMR_INFO / NUM_CMRS (§8.3) */
#define TDX_MAX_PKGS               8u   /* LP.INIT package id bound (§4) */
#define TDX_MAX_HKIDS              2048u
#define TDX_PAMT_ENTRY_SIZE        16u
#define TDX_MAX_PA_BITS            52u  /* module MAX_PA (§4 notes) */
#define TDX_TDMR_INFO_ALIGN        512u
#define TDX_TDMR_INFO_ARRAY_ALIGN  512u
#define TDX_TDMR_4K_PAMT_INIT_COUNT 1024u /* 4K entries per TDMR.INIT (§5) */
#define TDX_CONFIG_R8_DPAMT        (1ull << 16) /* newer modules (§4, §7) */
#define TDX_FEATURES0_DPAMT        (1ull << 36) /* §7 */
#define TDX_FEATURES0_NO_RBP_MOD   (1ull << 18) /* §1.2 */

/* ------------------------------------------------ TDMR_INFO (§6.1) */

struct tdmr_reserved_area {
	uint64_t offset; /* from tdmr_base, 4K aligned */
	uint64_t size;   /* 4K multiple; 0 = NULL entry */
};

struct tdmr_info {
	uint64_t tdmr_base;
	uint64_t tdmr_size;
	uint64_t pamt_1g_base;
	uint64_t pamt_1g_size;
	uint64_t pamt_2m_base;
	uint64_t pamt_2m_size;
	uint64_t pamt_4k_base;
	uint64_t pamt_4k_size;
	struct tdmr_reserved_area reserved[TDX_MAX_RESERVED_AREAS];
};

_Static_assert(sizeof(struct tdmr_reserved_area) == 16, "reserved area");
_Static_assert(offsetof(struct tdmr_info, pamt_1g_base) == 0x10, "tdmr_info");
_Static_assert(offsetof(struct tdmr_info, pamt_2m_base) == 0x20, "tdmr_info");
_Static_assert(offsetof(struct tdmr_info, pamt_4k_base) == 0x30, "tdmr_info");
_Static_assert(offsetof(struct tdmr_info, pamt_4k_size) == 0x38, "tdmr_info");
_Static_assert(offsetof(struct tdmr_info, reserved) == 0x40, "tdmr_info");
/* The module copies exactly 320 bytes of each entry (§6.1). */
_Static_assert(sizeof(struct tdmr_info) == 320, "tdmr_info");

/* ------------------------------------------------ PAMT entry (§7) */

/* pamt_entry_t: 16-bit lock, 8-bit page type, 40-bit owner PA>>12, BEPOCH. */
struct pamt_entry {
	uint64_t lock_type_owner; /* 15:0 lock, 23:16 page type, 63:24 owner */
	uint64_t bepoch;
};
_Static_assert(sizeof(struct pamt_entry) == TDX_PAMT_ENTRY_SIZE, "pamt entry");

#define PAMT_PT_NDA   0u
#define PAMT_PT_RSVD  1u
#define PAMT_PT_REG   3u
#define PAMT_TYPE_SHIFT 16

/* ------------------------------------------------ TDH.SYS.INFO (§8.3) */

struct tdx_cpuid_config {
	uint32_t leaf;
	uint32_t sub_leaf;
	uint32_t eax, ebx, ecx, edx;
};
_Static_assert(sizeof(struct tdx_cpuid_config) == 24, "cpuid_config");

#define TDSYSINFO_STRUCT_SIZE  1024u
#define TDSYSINFO_MAX_CPUID_CONFIGS 37u /* (1024 - 132) / 24 */

struct tdsysinfo_struct {
	uint32_t attributes;
	uint32_t vendor_id;
	uint32_t build_date;
	uint16_t build_num;
	uint16_t minor_version;
	uint16_t major_version;
	uint8_t sys_rd;
	uint8_t reserved0[13];
	uint16_t max_tdmrs;
	uint16_t max_reserved_per_tdmr;
	uint16_t pamt_entry_size;
	uint8_t reserved1[10];
	uint16_t tdcs_base_size;
	uint8_t reserved2[2];
	uint16_t tdvps_base_size;
	uint8_t tdvps_xfam_dependent_size;
	uint8_t reserved3[9];
	uint64_t attributes_fixed0;
	uint64_t attributes_fixed1;
	uint64_t xfam_fixed0;
	uint64_t xfam_fixed1;
	uint8_t reserved4[32];
	uint32_t num_cpuid_config;
	struct tdx_cpuid_config cpuid_configs[TDSYSINFO_MAX_CPUID_CONFIGS];
	uint8_t reserved5[4];
} __attribute__((packed));

_Static_assert(sizeof(struct tdsysinfo_struct) == TDSYSINFO_STRUCT_SIZE, "tdsysinfo");
_Static_assert(offsetof(struct tdsysinfo_struct, sys_rd) == 18, "tdsysinfo");
_Static_assert(offsetof(struct tdsysinfo_struct, max_tdmrs) == 32, "tdsysinfo");
_Static_assert(offsetof(struct tdsysinfo_struct, pamt_entry_size) == 36, "tdsysinfo");
_Static_assert(offsetof(struct tdsysinfo_struct, tdcs_base_size) == 48, "tdsysinfo");
_Static_assert(offsetof(struct tdsysinfo_struct, tdvps_base_size) == 52, "tdsysinfo");
_Static_assert(offsetof(struct tdsysinfo_struct, attributes_fixed0) == 64, "tdsysinfo");
_Static_assert(offsetof(struct tdsysinfo_struct, num_cpuid_config) == 128, "tdsysinfo");
_Static_assert(offsetof(struct tdsysinfo_struct, cpuid_configs) == 132, "tdsysinfo");

struct tdx_cmr_info {
	uint64_t base;
	uint64_t size;
};
_Static_assert(sizeof(struct tdx_cmr_info) == 16, "cmr_info");
#define TDX_CMR_INFO_ARRAY_ALIGN 512u
#define TDSYSINFO_ALIGN 1024u

/* ------------------------------------------------ metadata ids (§8) */

/* md_field_id_t bit fields (§8.1). */
#define MD_FIELD_CODE_MASK        0x0000000000FFFFFFull
#define MD_FIELD_RSVD0_MASK       0x00000000FF000000ull
#define MD_FIELD_ELEM_SIZE_SHIFT  32
#define MD_FIELD_ELEM_SIZE_MASK   (3ull << 32)
#define MD_FIELD_LAST_ELEM_MASK   (0xFull << 34)
#define MD_FIELD_LAST_FIELD_MASK  (0x1FFull << 38)
#define MD_FIELD_RSVD1_MASK       (7ull << 47)
#define MD_FIELD_INC_SIZE         (1ull << 50)
#define MD_FIELD_WRITE_MASK_VALID (1ull << 51)
#define MD_FIELD_CONTEXT_MASK     (7ull << 52)
#define MD_FIELD_RSVD2_MASK       (1ull << 55)
#define MD_FIELD_CLASS_SHIFT      56
#define MD_FIELD_CLASS_MASK       (0x3Full << 56)
#define MD_FIELD_RSVD3_MASK       (1ull << 62)
#define MD_FIELD_NON_ARCH         (1ull << 63)
#define MD_FIELD_ID_NULL          0xFFFFFFFFFFFFFFFFull

#define MD_ELEM_SIZE_8   0u
#define MD_ELEM_SIZE_16  1u
#define MD_ELEM_SIZE_32  2u
#define MD_ELEM_SIZE_64  3u

/* Global field ids (§8.2).  Array fields: add the element index. */
#define MD_SYS_NUM_PKGS              0x0000000200000000ull
#define MD_SYS_PKG_FMS               0x0000000200000001ull
#define MD_SYS_VENDOR_ID             0x0800000200000000ull
#define MD_SYS_BUILD_DATE            0x8800000200000001ull
#define MD_SYS_BUILD_NUM             0x8800000100000002ull
#define MD_SYS_MINOR_VERSION         0x0800000100000003ull
#define MD_SYS_MAJOR_VERSION         0x0800000100000004ull
#define MD_SYS_UPDATE_VERSION        0x0800000100000005ull
#define MD_SYS_INTERNAL_VERSION      0x0800000100000006ull
#define MD_SYS_MODULE_HV             0x8900000100000000ull
#define MD_SYS_MIN_UPDATE_HV         0x8900000100000001ull
#define MD_SYS_NO_DOWNGRADE          0x8900000000000002ull
#define MD_SYS_NUM_HANDOFF_PAGES     0x8900000100000003ull
#define MD_SYS_SYS_ATTRIBUTES        0x0A00000200000000ull
#define MD_SYS_NUM_TDX_FEATURES      0x0A00000000000001ull
#define MD_SYS_TDX_FEATURES0         0x0A00000300000008ull
#define MD_SYS_NUM_CMRS              0x9000000100000000ull
#define MD_SYS_CMR_BASE              0x9000000300000080ull
#define MD_SYS_CMR_SIZE              0x9000000300000100ull
#define MD_SYS_MAX_TDMRS             0x9100000100000008ull
#define MD_SYS_MAX_RESERVED_PER_TDMR 0x9100000100000009ull
#define MD_SYS_PAMT_4K_ENTRY_SIZE    0x9100000100000010ull
#define MD_SYS_PAMT_2M_ENTRY_SIZE    0x9100000100000011ull
#define MD_SYS_PAMT_1G_ENTRY_SIZE    0x9100000100000012ull
#define MD_SYS_PAMT_PAGE_BITMAP_ENTRY_BITS 0x9100000100000013ull
#define MD_SYS_TDR_BASE_SIZE         0x9800000100000000ull
#define MD_SYS_TDCS_BASE_SIZE        0x9800000100000100ull
#define MD_SYS_TDVPS_BASE_SIZE       0x9800000100000200ull
#define MD_SYS_ATTRIBUTES_FIXED0     0x1900000300000000ull
#define MD_SYS_ATTRIBUTES_FIXED1     0x1900000300000001ull
#define MD_SYS_XFAM_FIXED0           0x1900000300000002ull
#define MD_SYS_XFAM_FIXED1           0x1900000300000003ull
#define MD_SYS_NUM_CPUID_CONFIG      0x9900000100000004ull
#define MD_SYS_MAX_VCPUS_PER_TD      0x9900000100000008ull
#define MD_SYS_CPUID_CONFIG_LEAVES   0x9900000300000400ull
#define MD_SYS_CPUID_CONFIG_VALUES   0x9900000300000500ull

/* ------------------------------------------------ P-SEAMLDR (§11) */

#define SEAMLDR_MAX_MODULE_PAGES 496u
#define SEAMLDR_SCENARIO_LOAD    0u
#define SEAMLDR_SCENARIO_UPDATE  1u

struct seamldr_params {
	uint32_t version;
	uint32_t scenario;
	uint64_t sigstruct_pa;
	uint8_t reserved[104];
	uint64_t num_module_pages;
	uint64_t mod_pages_pa_list[SEAMLDR_MAX_MODULE_PAGES];
};
_Static_assert(offsetof(struct seamldr_params, sigstruct_pa) == 8, "params");
_Static_assert(offsetof(struct seamldr_params, num_module_pages) == 120, "params");
_Static_assert(offsetof(struct seamldr_params, mod_pages_pa_list) == 128, "params");
_Static_assert(sizeof(struct seamldr_params) == 4096, "params");

/* SEAMEXTEND register image inside SEAMLDR_INFO (§11.4). */
struct seamextend {
	uint64_t valid;
	uint8_t tee_tcb_svn[16];
	uint8_t mrseam[48];
	uint8_t mrsigner[48];
	uint64_t attributes;
	uint8_t seam_ready;
	uint8_t system_under_debug;
	uint8_t p_seamldr_ready;
	uint8_t reserved[5];
};
_Static_assert(sizeof(struct seamextend) == 136, "seamextend");

struct seamldr_info {
	uint32_t version;
	uint32_t attributes;
	uint32_t vendor_id;
	uint32_t build_date;
	uint16_t build_num;
	uint16_t minor_version;
	uint16_t major_version;
	uint16_t reserved0; /* Linux: update_version (§15.2) */
	uint32_t acm_x2apic;
	uint32_t num_remaining_updates;
	struct seamextend seamextend;
	uint64_t features0;
	uint8_t reserved1[80];
};
_Static_assert(offsetof(struct seamldr_info, acm_x2apic) == 24, "seamldr_info");
_Static_assert(offsetof(struct seamldr_info, num_remaining_updates) == 28, "seamldr_info");
_Static_assert(offsetof(struct seamldr_info, seamextend) == 32, "seamldr_info");
_Static_assert(offsetof(struct seamldr_info, seamextend.mrseam) == 56, "seamldr_info");
_Static_assert(offsetof(struct seamldr_info, seamextend.seam_ready) == 160, "seamldr_info");
_Static_assert(offsetof(struct seamldr_info, features0) == 168, "seamldr_info");
_Static_assert(sizeof(struct seamldr_info) == 256, "seamldr_info");

/* SEAM_SIGSTRUCT, 2048 bytes (§11.6). */
#define SEAM_SIGSTRUCT_HEADER_TYPE    6u
#define SEAM_SIGSTRUCT_HEADER_LENGTH  0xE1u
#define SEAM_SIGSTRUCT_HEADER_VERSION 0x00010000u
#define SEAM_SIGSTRUCT_VENDOR         0x8086u
#define SEAM_SIGSTRUCT_SIZE_DW        0x200u
#define SEAM_SIGSTRUCT_KEY_SIZE_DW    0x60u
#define SEAM_SIGSTRUCT_EXPONENT       0x10001u
#define SEAM_SIGSTRUCT_MODULE_DEBUG   (1u << 31)
#define SEAM_SIGSTRUCT_MAX_CPUID      255u

struct seam_sigstruct {
	uint32_t header_type;
	uint32_t header_length;
	uint32_t header_version;
	uint32_t module_type;
	uint32_t module_vendor;
	uint32_t date;
	uint32_t size;
	uint32_t key_size;
	uint32_t modulus_size;
	uint32_t exponent_size;
	uint8_t reserved0[88];
	uint8_t modulus[384];
	uint32_t exponent;
	uint8_t signature[384];
	uint8_t seamhash[48];
	uint16_t seamsvn;
	uint64_t attributes;
	uint32_t rip_offset;
	uint8_t num_stack_pages;
	uint8_t num_tls_pages;
	uint16_t num_keyhole_pages;
	uint16_t num_global_data_pages;
	uint16_t max_tdmrs;
	uint16_t max_rsvd_per_tdmr;
	uint16_t pamt_entry_size_4k;
	uint16_t pamt_entry_size_2m;
	uint16_t pamt_entry_size_1g;
	uint8_t reserved1[6];
	uint16_t module_hv;
	uint16_t min_update_hv;
	uint8_t no_downgrade;
	uint8_t reserved2;
	uint16_t num_handoff_pages;
	uint32_t gdt_idt_offset;
	uint32_t fault_wrapper_offset;
	uint8_t reserved3[24];
	uint32_t cpuid_table_size;
	uint32_t cpuid_table[SEAM_SIGSTRUCT_MAX_CPUID];
} __attribute__((packed));

_Static_assert(offsetof(struct seam_sigstruct, reserved0) == 0x28, "sigstruct");
_Static_assert(offsetof(struct seam_sigstruct, modulus) == 0x80, "sigstruct");
_Static_assert(offsetof(struct seam_sigstruct, exponent) == 0x200, "sigstruct");
_Static_assert(offsetof(struct seam_sigstruct, signature) == 0x204, "sigstruct");
_Static_assert(offsetof(struct seam_sigstruct, seamhash) == 0x384, "sigstruct");
_Static_assert(offsetof(struct seam_sigstruct, seamsvn) == 0x3B4, "sigstruct");
_Static_assert(offsetof(struct seam_sigstruct, attributes) == 0x3B6, "sigstruct");
_Static_assert(offsetof(struct seam_sigstruct, rip_offset) == 0x3BE, "sigstruct");
_Static_assert(offsetof(struct seam_sigstruct, num_stack_pages) == 0x3C2, "sigstruct");
_Static_assert(offsetof(struct seam_sigstruct, max_tdmrs) == 0x3C8, "sigstruct");
_Static_assert(offsetof(struct seam_sigstruct, pamt_entry_size_1g) == 0x3D0, "sigstruct");
_Static_assert(offsetof(struct seam_sigstruct, module_hv) == 0x3D8, "sigstruct");
_Static_assert(offsetof(struct seam_sigstruct, num_handoff_pages) == 0x3DE, "sigstruct");
_Static_assert(offsetof(struct seam_sigstruct, gdt_idt_offset) == 0x3E0, "sigstruct");
_Static_assert(offsetof(struct seam_sigstruct, reserved3) == 0x3E8, "sigstruct");
_Static_assert(offsetof(struct seam_sigstruct, cpuid_table_size) == 0x400, "sigstruct");
_Static_assert(offsetof(struct seam_sigstruct, cpuid_table) == 0x404, "sigstruct");
_Static_assert(sizeof(struct seam_sigstruct) == 2048, "sigstruct");

/* ------------------------------------------------ TDX-BLOB files (§11.7) */

#define TDX_BLOB_SIGNATURE       "TDX-BLOB"
#define TDX_BLOB_V1              0x0100u
#define TDX_BLOB_V2              0x0200u
#define TDX_BLOB_V1_MODULE_OFFSET 0x2000u /* 4K header + 4K sigstruct area */

struct tdx_blob_v1_header {
	uint16_t version;
	uint16_t checksum;
	uint32_t offset_of_module;
	char signature[8];
	uint32_t length;
	uint32_t reserved0;
	uint64_t reserved1[509];
};
_Static_assert(offsetof(struct tdx_blob_v1_header, signature) == 8, "blob v1");
_Static_assert(offsetof(struct tdx_blob_v1_header, length) == 16, "blob v1");
_Static_assert(offsetof(struct tdx_blob_v1_header, reserved1) == 24, "blob v1");
_Static_assert(sizeof(struct tdx_blob_v1_header) == 4096, "blob v1");

struct tdx_blob_v2_header {
	uint16_t version;
	uint16_t checksum;
	char signature[8];
	uint32_t sigstruct_nr_pages;
	uint32_t module_nr_pages;
	uint8_t reserved[4076];
} __attribute__((packed));
_Static_assert(offsetof(struct tdx_blob_v2_header, signature) == 4, "blob v2");
_Static_assert(offsetof(struct tdx_blob_v2_header, sigstruct_nr_pages) == 12, "blob v2");
_Static_assert(offsetof(struct tdx_blob_v2_header, reserved) == 20, "blob v2");
_Static_assert(sizeof(struct tdx_blob_v2_header) == 4096, "blob v2");

/* ------------------------------------------------ MSRs the init path reads */

#define MSR_IA32_MTRRCAP              0xFEu
#define MSR_IA32_MKTME_KEYID_PARTITIONING 0x87u
#define MSR_IA32_WBINVDP              0x98u
#define MSR_IA32_WBNOINVDP            0x99u
#define MSR_IA32_MISC_PACKAGE_CTLS    0xBCu
#define MSR_IA32_XAPIC_DISABLE_STATUS 0xBDu
#define MSR_IA32_SMRR_PHYSBASE        0x1F2u
#define MSR_IA32_SMRR_PHYSMASK        0x1F3u
#define MSR_IA32_SMRR2_PHYSBASE       0x1F6u /* module smrrs.h SMRR2_BASE_MSR_ADDR */
#define MSR_IA32_SMRR2_PHYSMASK       0x1F7u
#define MSR_IA32_SEAMRR_PHYS_BASE     0x1400u
#define MSR_IA32_SEAMRR_PHYS_MASK     0x1401u
#define MSR_IA32_VMX_BASIC            0x480u
#define MSR_IA32_TME_CAPABILITY       0x981u
#define MSR_IA32_TME_ACTIVATE         0x982u

#endif
