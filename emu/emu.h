/* SPDX-License-Identifier: MIT */
/*
 * The emulated TDX module and P-SEAMLDR: a software model of the host-init
 * SEAMCALL ABI of docs/reference/tdx-abi.md, used for dry runs on
 * machines without TDX (inside the EFI app) and as the test oracle of the
 * initializer in core/.  docs/emulator.md describes the model and every place
 * where it is simpler than the real module.
 *
 * Usage:
 *
 *   static struct emu_platform plat;      // caller storage, large
 *   static struct emu e;
 *   emu_platform_default(&plat, 2, 4);    // 2 packages x 4 LPs, then adjust
 *   emu_init(&e, &plat, mem_ops);         // memory accessor, see below
 *   emu_module_preload(&e, &desc);        // or load through SEAMLDR.INSTALL
 *   struct seam_regs r = { .rax = TDH_SYS_INIT };
 *   enum emu_outcome o = emu_seamcall(&e, lp, &r);
 *
 * Freestanding: no heap, no global mutable state, locks are __atomic
 * try-locks like the module's.  emu_seamcall() may be called concurrently
 * from several threads, one thread per LP index.
 */
#ifndef TDXBOOT_EMU_EMU_H
#define TDXBOOT_EMU_EMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/tdx_abi.h"

#define EMU_MAX_LPS     2048u /* an 8-socket Granite Rapids, as EXEC_MAX_LPS */
#define EMU_MAX_FAULTS  16u
#define EMU_MAX_MEMWINS 32u
#define EMU_DIAG_LEN    256u

/* ------------------------------------------------------- the instruction */

/* struct seam_regs, the register file, is in lib/tdx_abi.h. */

/*
 * How the instruction completed (§1.3).  VMSUCCEED: CF=ZF=0, RAX = status.
 * VMFAILINVALID: CF=1, RAX unchanged.  UD/GP: the instruction faulted, no
 * register changed.  BADMEM is not an instruction outcome: the emulator was
 * asked to touch a physical address its memory accessor does not back, or
 * to run on an LP it does not have (a harness error, see emu_diag());
 * output registers may then be partly written.
 */
enum emu_outcome {
	EMU_VMSUCCEED = 0,
	EMU_VMFAILINVALID,
	EMU_UD,
	EMU_GP,
	EMU_BADMEM,
};

const char *emu_outcome_name(enum emu_outcome o);

/* ------------------------------------------------------ physical memory */

/*
 * Every physical address the module or P-SEAMLDR dereferences goes through
 * this accessor: identity inside EFI, a simulated memory on the host.
 * read/write return 0 on success, non-zero if [pa, pa+n) is not backed.
 */
struct emu_mem_ops {
	int (*read)(void *ctx, uint64_t pa, void *dst, size_t n);
	int (*write)(void *ctx, uint64_t pa, const void *src, size_t n);
	void *ctx;
};

/* PA == VA: for the EFI app, where firmware identity-maps memory. */
struct emu_mem_ops emu_mem_identity(void);

/*
 * A sparse simulated physical memory: a few caller-provided buffers placed at
 * (possibly high) physical addresses.  Accesses outside them fail.
 */
struct emu_memwin {
	uint64_t base;
	uint64_t size;
	uint8_t *buf;
};

struct emu_memmap {
	struct emu_memwin win[EMU_MAX_MEMWINS];
	uint32_t count;
};

void emu_memmap_init(struct emu_memmap *m);
/* 0, or -1 if full or overlapping an existing window. */
int emu_memmap_add(struct emu_memmap *m, uint64_t base, uint64_t size, void *buf);
struct emu_mem_ops emu_memmap_ops(struct emu_memmap *m);
/* Host pointer for [pa, pa+n) if one window backs it entirely, else NULL. */
void *emu_memmap_ptr(struct emu_memmap *m, uint64_t pa, uint64_t n);

/* ------------------------------------------------------------- platform */

/*
 * The per-LP MSRs the model samples at TDH.SYS.INIT and compares at
 * TDH.SYS.LP.INIT (§4 "LP.INIT ... INCONSISTENT_MSR|msr").  Index into
 * emu_lp_cfg.msr[]; emu_lp_msr_index() gives the architectural number.
 */
enum emu_lp_msr {
	EMU_MSR_MTRRCAP,
	EMU_MSR_MKTME_KEYID_PARTITIONING,
	EMU_MSR_WBINVDP,
	EMU_MSR_WBNOINVDP,
	EMU_MSR_MISC_PACKAGE_CTLS,
	EMU_MSR_XAPIC_DISABLE_STATUS,
	EMU_MSR_SMRR_PHYSBASE,
	EMU_MSR_SMRR_PHYSMASK,
	EMU_MSR_VMX_BASIC,
	EMU_MSR_TME_CAPABILITY,
	EMU_MSR_TME_ACTIVATE,
	EMU_MSR_MISC_ENABLE,
	/* Sampled at SYS.INIT, compared at LP.INIT after CPUID (module 1.5
	 * tdh_sys_init.c check_msrs "Sample IA32_TSC_ADJUST"; tdh_sys_lp_init.c
	 * after the CPUID comparison); also by TDH.MNG.INIT, TDH.VP.INIT and
	 * TDH.VP.ENTER, which the emulator does not model. */
	EMU_MSR_TSC_ADJUST,
	/* Per LP, read by the initializer for the handoff; not compared by
	 * the module (it saves and restores it per TD). */
	EMU_MSR_TSX_CTRL,
	/* SMRR2, used when MTRRCAP bit 13 says it exists and MCHECK did not
	 * mark it unsupported (1.5.01 tdh_sys_init.c:196-201). */
	EMU_MSR_SMRR2_PHYSBASE,
	EMU_MSR_SMRR2_PHYSMASK,
	EMU_MSR_COUNT
};

uint32_t emu_lp_msr_index(enum emu_lp_msr m);

/*
 * CPUID as the LPs report it.  An LP runs one of a few CPU models (LPs of
 * different steppings run different models); a model lists (leaf, subleaf,
 * EAX..EDX), with subleaf EMU_CPUID_ANY for leaves without subleaves, and
 * reads 0 for anything it does not list.  The topology is not stored: the
 * x2APIC-id leaves (1.EBX[31:24], 0xB, 0x1F) and the L3 sharing of leaf
 * 4 subleaf 3 follow x2apic_id, pkg_shift and l3_per_package.
 */
#define EMU_CPUID_ANY         0xFFFFFFFFu
#define EMU_CPU_MAX_LEAVES    80u
#define EMU_MAX_CPU_MODELS    8u

enum emu_cpuid_reg { EMU_EAX, EMU_EBX, EMU_ECX, EMU_EDX };

struct emu_cpuid_entry {
	uint32_t leaf, subleaf;
	uint32_t reg[4];
};

struct emu_cpu_model {
	uint32_t count;
	struct emu_cpuid_entry entry[EMU_CPU_MAX_LEAVES];
};

#define MSR_IA32_MISC_ENABLE         0x1A0u
#define MISC_ENABLE_LIMIT_CPUID_MAXVAL (1ull << 22)

struct emu_lp_cfg {
	uint32_t x2apic_id;
	uint64_t msr[EMU_MSR_COUNT];
	uint8_t cpu; /* index into emu_platform.cpu[] */
};

/* A memory-map range as firmware reports it, for emu_platform_derive_cmrs. */
struct emu_mem_range {
	uint64_t base;
	uint64_t size;
	bool dram; /* system RAM of any firmware type (not MMIO/hole) */
};

struct emu_platform {
	uint32_t num_lps;   /* MCHECK tot_num_lps */
	uint32_t num_pkgs;  /* MCHECK tot_num_sockets */
	uint32_t pkg_shift; /* package id = x2APIC id >> pkg_shift */
	struct emu_lp_cfg lp[EMU_MAX_LPS];
	struct emu_cpu_model cpu[EMU_MAX_CPU_MODELS];
	uint32_t num_cpu_models;
	struct tdx_cmr_info cmr[TDX_MAX_CMRS]; /* unused entries size 0 */
	uint64_t seamrr_base, seamrr_size;
	bool seam_enabled;  /* BIOS enabled SEAMRR; else SEAMCALL #GP (§1.3) */
	bool check_vmx;     /* SEAMCALL #UD unless emu_vmxon() (§1.3) */
	bool l3_per_package; /* CPUID.4: L3 shared by the package; else INVALID_WBINVD_SCOPE */
	bool smrr2_not_supported; /* MCHECK's sysinfo flag: SMRR2 ignored even if MTRRCAP has it */
	/* P-SEAMLDR */
	uint16_t seamldr_major, seamldr_minor;
	uint32_t seamldr_num_remaining_updates;
	bool debug_platform; /* IA32_SGX_DEBUG_MODE unlocked: debug modules OK */
	bool seamldr_accept_any_key; /* skip the signing-key check (see sigstruct.c) */
};

/*
 * A consistent default: num_pkgs x lps_per_pkg LPs, KeyID partitioning
 * 31 MKTME + 32 TDX KeyIDs (6 KeyID bits), SMRR locked at 0x7F000000 (8 MB),
 * SEAMRR 32 MB at 0x7C000000 ... see docs/emulator.md.  No CMRs.
 */
void emu_platform_default(struct emu_platform *p, uint32_t num_pkgs,
			  uint32_t lps_per_pkg);

/* Sets one MSR on every LP (e.g. to make the platform inconsistent, set one LP after). */
void emu_platform_set_msr(struct emu_platform *p, enum emu_lp_msr m, uint64_t v);

/*
 * CPUID(leaf, subleaf) on LP lp, into out[EAX..EDX], as the CPU returns it
 * (topology included).  subleaf is ignored for leaves listed with EMU_CPUID_ANY.
 */
void emu_platform_cpuid(const struct emu_platform *p, uint32_t lp, uint32_t leaf,
			uint32_t subleaf, uint32_t out[4]);

/*
 * Sets one CPUID register: on every LP (lp == EMU_ALL_LPS, in every model)
 * or on one LP, which then gets a model of its own (a copy of its old one).
 * Adds the leaf if the model lacks it.  0, or -1 if the models or a
 * model's leaves are exhausted.
 */
#define EMU_ALL_LPS 0xFFFFFFFFu
int emu_platform_set_cpuid(struct emu_platform *p, uint32_t lp, uint32_t leaf,
			   uint32_t subleaf, enum emu_cpuid_reg reg, uint32_t value);

/* Adds a CMR; -1 if the table is full. */
int emu_platform_add_cmr(struct emu_platform *p, uint64_t base, uint64_t size);

/*
 * Derives CMRs from a memory map the way a TDX BIOS reports them: DRAM
 * ranges, the first 1 MB excluded, rounded inward to 4 KB, adjacent ranges
 * merged, ascending.  Returns the number of CMRs, or -1 if more than 32.
 */
int emu_platform_derive_cmrs(struct emu_platform *p,
			     const struct emu_mem_range *map, size_t n);

/* ---------------------------------------------------- the module image */

/*
 * The emulated module's identity and limits.  On real hardware these come
 * from the module binary; here a loaded image carries this descriptor in its
 * first page (tools/tdxboot-mkblob writes it), or a test preloads one.
 */
#define EMU_MODULE_DESC_MAGIC 0x444D554D58445445ull /* "ETDXMUMD" */

#define EMU_MODFLAG_DPAMT         (1u << 0) /* Dynamic PAMT (§7) */
#define EMU_MODFLAG_SYS_DISABLE   (1u << 1) /* TDH.SYS.DISABLE exists (§4) */
#define EMU_MODFLAG_MAX_VCPUS     (1u << 2) /* MAX_VCPUS_PER_TD field (1.5.05) */
#define EMU_MODFLAG_DEBUG         (1u << 3) /* debug module (attributes bit 31) */

struct emu_module_desc {
	uint64_t magic;
	uint16_t major, minor, update, internal;
	uint32_t build_date;
	uint16_t build_num;
	uint16_t max_tdmrs;
	uint16_t max_reserved_per_tdmr;
	uint16_t pamt_entry_size[3]; /* 4K, 2M, 1G */
	uint16_t num_cpuid_config;
	uint16_t dpamt_bits_per_entry;
	uint32_t flags;
	uint16_t module_hv, min_update_hv;
	uint64_t features0;
};

/* The 1.5.01 values of §8.2 (1.5.01 binary features 0xF0FBF). */
void emu_module_desc_default(struct emu_module_desc *d);

/*
 * The module versions the emulator runs (emu/profile.c, docs/emulator.md
 * "Profiles"): 1.0, 1.5.01, 1.5.05 and 1.5.16 (Dynamic PAMT, TDH.SYS.DISABLE).
 * A loaded image of any other version is refused by the emulated P-SEAMLDR.
 */
struct emu_profile {
	const char *name;
	uint16_t major, minor, update;
	uint32_t flags;   /* EMU_MODFLAG_* the version has */
	uint16_t seamsvn; /* the sigstruct's: byte 1 major SVN (0 = TDX 1.0) */
};

uint32_t emu_profile_count(void);
const struct emu_profile *emu_profile_at(uint32_t i);
/* The profile of exactly this version, or NULL. */
const struct emu_profile *emu_profile_find(uint16_t major, uint16_t minor, uint16_t update);
/* Version and flags of the profile into a descriptor (DEBUG kept). */
void emu_profile_apply(const struct emu_profile *p, struct emu_module_desc *d);
/* "1.0, 1.5.01, ..." for messages. */
void emu_profile_list(char *buf, size_t n);

/* --------------------------------------------------------------- state */

enum emu_sys_state {
	EMU_SYSINIT_PENDING = 0,
	EMU_SYSINIT_DONE = 1,
	EMU_SYSCONFIG_DONE = 2,
	EMU_SYS_READY = 3,
	EMU_SYS_SHUTDOWN = 4,
};

struct emu_lp_state {
	uint8_t lp_is_init;   /* LP.INIT done */
	uint8_t wbinvd_done;  /* WBINVD since the last successful CONFIG */
	uint8_t vmx_on;       /* only used with platform.check_vmx */
	uint8_t ldr_called;   /* SEAMLDR.INSTALL called in this session */
	uint8_t private_dirty; /* private-KeyID stores since its last WBINVD */
	uint8_t hung;         /* an injected hang: this LP never returns again */
	uint8_t pad[2];
	uint32_t pkg_id;      /* derived at LP.INIT */
};

struct emu_tdmr {
	struct tdmr_info info;
	uint64_t last_initialized;
	uint8_t lock;
};

/* Every leaf the fault injector and the call counters know. */
enum emu_leaf {
	EMU_LEAF_SYS_INIT,
	EMU_LEAF_LP_INIT,
	EMU_LEAF_SYS_RD,
	EMU_LEAF_SYS_RDALL,
	EMU_LEAF_SYS_INFO,
	EMU_LEAF_SYS_CONFIG,
	EMU_LEAF_KEY_CONFIG,
	EMU_LEAF_TDMR_INIT,
	EMU_LEAF_LP_SHUTDOWN,
	EMU_LEAF_SYS_SHUTDOWN,
	EMU_LEAF_SYS_DISABLE,
	EMU_LEAF_SEAMLDR_INFO,
	EMU_LEAF_SEAMLDR_INSTALL,
	EMU_LEAF_COUNT,
	EMU_LEAF_NONE = EMU_LEAF_COUNT,
};

const char *emu_leaf_name(enum emu_leaf l);

enum emu_fault_kind {
	EMU_FAULT_NTH, /* the Nth call of the leaf (1-based, all LPs) */
	EMU_FAULT_LP,  /* every call of the leaf on one LP */
};

struct emu_fault {
	enum emu_leaf leaf;
	enum emu_fault_kind kind;
	uint32_t arg;             /* N or LP index */
	enum emu_outcome outcome; /* VMSUCCEED with status, or VMFAIL/UD/GP */
	uint64_t status;
	bool hang;                /* the call never returns, see emu_fault_add */
};

/* Rows of the largest profile's CPUID lookup table (cpuid_rules.c). */
#define EMU_CPUID_SAMPLES 68u

/* The module's global data (§3): zeroed by a P-SEAMLDR load. */
struct emu_module {
	struct emu_module_desc desc;
	uint32_t state;               /* enum emu_sys_state, atomic */
	int32_t global_lock;          /* 0 free, -1 exclusive, >0 shared */
	uint32_t num_init_lps;        /* atomic */
	uint32_t num_init_pkgs;
	uint32_t pkg_config_bitmap;
	uint32_t num_lps, num_pkgs;   /* copied at SYS.INIT */
	uint16_t hkid_min, hkid_max;  /* private KeyID range */
	uint16_t hkid;                /* global private KeyID (CONFIG R8) */
	uint32_t hkid_start_bit;      /* 52 - MK_TME_KEYID_BITS */
	uint64_t sys_attributes;
	bool dpamt_enabled;
	uint64_t msr_sample[EMU_MSR_COUNT];
	uint32_t cpuid_sample[EMU_CPUID_SAMPLES][4]; /* by lookup-table index */
	uint32_t x2apic_pkg_shift;    /* from CPUID 0x1F at SYS.INIT */
	bool la57;                    /* CPUID(7,0).ECX[16] at SYS.INIT */
	uint32_t num_tdmrs;
	struct emu_tdmr tdmr[TDX_MAX_TDMRS];
	struct tdmr_info tdmr_copy[TDX_MAX_TDMRS]; /* CONFIG's working copy */
};

/*
 * The MKTME key table as far as the model needs it: the keys PCONFIG put
 * behind global private KeyIDs, newest last.  Platform state: a module
 * load does not erase it, so PAMT written under an old key stays
 * recognisable (emu_line_is_private).
 */
#define EMU_MAX_PKEYS 8u
struct emu_pkeys {
	uint64_t key[EMU_MAX_PKEYS];
	uint32_t count;    /* keys ever programmed; key[(count-1) % 8] is current */
};

/* The P-SEAMLDR's state (§11). */
struct emu_seamldr {
	uint8_t busy;                 /* try-lock: concurrent call -> VMfailInvalid */
	bool module_loaded;           /* SEAMEXTEND.seam_ready */
	bool installing;              /* flow INSTALL (a session is open) */
	bool was_loaded;              /* SEAM_READY snapshot at session start */
	bool ever_loaded;
	uint32_t num_called;          /* LPs that called INSTALL in this session */
	uint32_t num_remaining_updates;
	struct seamextend seamextend;
	uint64_t module_pages_pa;     /* where the last load copied the image */
};

struct emu {
	const struct emu_platform *plat;
	struct emu_mem_ops mem;
	struct emu_module mod;
	struct emu_seamldr ldr;
	struct emu_pkeys pkeys;
	struct emu_lp_state lp[EMU_MAX_LPS];
	struct emu_fault fault[EMU_MAX_FAULTS];
	uint32_t num_faults;
	uint32_t calls[EMU_LEAF_COUNT]; /* atomic per-leaf call counters */
	bool strict_wbinvd;
	int32_t diag_set;
	char diag[EMU_DIAG_LEN];
};

/* Zeroes *e and attaches the platform and the accessor; no module loaded. */
void emu_init(struct emu *e, const struct emu_platform *plat,
	      struct emu_mem_ops mem);

/* As if the BIOS had loaded a module: state SYSINIT_PENDING. */
void emu_module_preload(struct emu *e, const struct emu_module_desc *desc);

/* The loaded module's profile name ("1.5.01"), "none" without a module
 * or with a preloaded version the emulator has no profile for. */
const char *emu_profile_name(const struct emu *e);

/* ----------------------------------------------------------- the calls */

/* Executes SEAMCALL on logical processor lp (index into platform.lp). */
enum emu_outcome emu_seamcall(struct emu *e, uint32_t lp, struct seam_regs *regs);

/*
 * Hooks for instructions the caller executes outside SEAM: "LP n executed
 * WBINVD" (for strict mode) and VMXON/VMXOFF (for platform.check_vmx).
 */
void emu_wbinvd(struct emu *e, uint32_t lp);
void emu_vmxon(struct emu *e, uint32_t lp, bool on);

/*
 * Strict mode: TDH.SYS.KEY.CONFIG returns TDX_EMU_WBINVD_MISSING|lp when some
 * LP did not report WBINVD after the successful TDH.SYS.CONFIG.  Real
 * hardware would continue and corrupt PAMT silently (§9).
 */
void emu_set_strict_wbinvd(struct emu *e, bool on);

/*
 * Fault injection.  spec is a comma-separated list of
 *     LEAF:STATUS[:N]      the Nth call of LEAF (default 1)
 *     LEAF:STATUS:lpK      every call of LEAF on LP K
 * LEAF is sys_init, lp_init, sys_rd, sys_rdall, sys_info, sys_config (or
 * config), key_config, tdmr_init, lp_shutdown, sys_shutdown, sys_disable,
 * seamldr_info, seamldr_install.  STATUS is a number (0x...), a status name
 * (TDX_KEY_GENERATION_FAILED, EBADHASH) or vmfailinvalid, gp, ud, or hang:
 * the SEAMCALL never returns, and the LP stays hung -- every later
 * SEAMCALL, VMXON/VMXOFF or WBINVD hook on it spins too, as a CPU hung in
 * SEAM mode ignores INIT (SDM Vol. 3C 24.8) however often the firmware
 * resets it.  Only for the EFI app, where a hung AP is what MP Services'
 * timeout exists for; host tests model hangs in their executor.
 * Example: "key_config:0x8000080000000000:2".  Returns 0, or -1 with a
 * sentence in err naming the bad part.
 */
int emu_fault_add(struct emu *e, const char *spec, char *err, size_t err_len);
void emu_fault_clear(struct emu *e);

/* The first emulator diagnostic since emu_init/emu_diag_clear, or "". */
const char *emu_diag(const struct emu *e);
void emu_diag_clear(struct emu *e);

/* State inspection for tests and reports. */
enum emu_sys_state emu_state(const struct emu *e);
uint32_t emu_leaf_calls(const struct emu *e, enum emu_leaf l);

/*
 * PAMT memory as the module leaves it: TDMR.INIT writes entries through the
 * global private KeyID, which reads back as ciphertext with KeyID 0.  The
 * emulator encodes every line it writes so that this can be recognised:
 * returns true if the 64-byte line at pa still holds module-private PAMT
 * data (i.e. was neither reset with MOVDIR64B nor overwritten).
 */
bool emu_line_is_private(struct emu *e, uint64_t pa);
/*
 * The encoding itself under the current key (XOR with a PA- and
 * key-derived stream, so encoding twice decodes): for tests that inspect
 * PAMT entries.
 */
void emu_private_encode(const struct emu *e, uint64_t pa, const uint8_t plain[64],
			uint8_t out[64]);
/* First private line in [base, base+size), or false if none. */
bool emu_find_private_line(struct emu *e, uint64_t base, uint64_t size,
			   uint64_t *pa);

/* ------------------------------------------------- TDX-BLOB construction */

/* The RSA modulus the emulated P-SEAMLDR accepts (docs/emulator.md). */
void emu_seamldr_test_modulus(uint8_t out[384]);

struct emu_blob_opts {
	uint16_t version;        /* TDX_BLOB_V1 or TDX_BLOB_V2 */
	uint32_t module_pages;   /* payload pages, 1..496 */
	uint16_t seamsvn;        /* byte1 major, byte0 minor */
	uint32_t date;
	bool debug_signed;       /* sigstruct module_type bit 31 */
	bool bad_hash;           /* seamhash deliberately wrong */
	bool bad_checksum;       /* file checksum deliberately wrong */
	struct emu_module_desc desc; /* written at the start of the module */
};

void emu_blob_opts_default(struct emu_blob_opts *o);
/* Bytes the blob needs. */
uint64_t emu_blob_size(const struct emu_blob_opts *o);
/* Writes the blob into buf (cap bytes); returns its size or 0 if cap too small. */
uint64_t emu_blob_build(const struct emu_blob_opts *o, void *buf, uint64_t cap);
/* 16-bit little-endian word sum of a whole blob (§11.7): 0 when valid. */
uint16_t emu_blob_checksum(const void *buf, uint64_t len);

#endif
