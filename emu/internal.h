/* SPDX-License-Identifier: MIT */
/*
 * Declarations shared by the emulator's files; not part of its API.
 * One struct emu_call describes the SEAMCALL being executed.
 */
#ifndef TDXBOOT_EMU_INTERNAL_H
#define TDXBOOT_EMU_INTERNAL_H

#include "emu/emu.h"

struct emu_call {
	struct emu *e;
	uint32_t lp;
	struct seam_regs *r;
	bool badmem; /* an access missed the memory accessor: outcome BADMEM */
};

#define EMU_1G (1ull << 30)
#define EMU_2M (1ull << 21)
#define EMU_4K (1ull << 12)

/* memory.c: accesses through the accessor; 0 or -1 (and c->badmem, diag). */
int emu_call_read(struct emu_call *c, uint64_t pa, void *dst, size_t n);
int emu_call_write(struct emu_call *c, uint64_t pa, const void *src, size_t n);

/* lock.c: try-locks as the module's (§4: no spinning, contention is an error). */
bool emu_lock_try_excl(int32_t *l);
bool emu_lock_try_shared(int32_t *l);
void emu_lock_release_excl(int32_t *l);
void emu_lock_release_shared(int32_t *l);
bool emu_mutex_try(uint8_t *m);
void emu_mutex_release(uint8_t *m);

/* seamcall.c */
void emu_diag_set(struct emu *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
uint32_t emu_state_load(const struct emu *e);
void emu_state_store(struct emu *e, uint32_t s);

/* pa.c: physical-address rules of the module (§6.2 step 4, §8.3). */
uint32_t emu_pa_keyid_bits(const struct emu *e);
uint32_t emu_pa_first_private_hkid(const struct emu *e);
uint64_t emu_pa_hkid(const struct emu *e, uint64_t pa);
bool emu_pa_below_max(uint64_t pa);
/* shared_hpa_check: aligned, < 2^52, outside SEAMRR, HKID < first private. */
bool emu_pa_shared_ok(const struct emu *e, uint64_t pa, uint64_t align,
		      uint64_t len);

/* Module leaf handlers: return the completion status. */
uint64_t emu_sys_init(struct emu_call *c);
uint64_t emu_lp_init(struct emu_call *c);
uint64_t emu_sys_rd(struct emu_call *c);
uint64_t emu_sys_rdall(struct emu_call *c);
uint64_t emu_sys_info(struct emu_call *c);
uint64_t emu_sys_config(struct emu_call *c);
uint64_t emu_key_config(struct emu_call *c);
uint64_t emu_tdmr_init(struct emu_call *c);
uint64_t emu_lp_shutdown(struct emu_call *c);
uint64_t emu_sys_shutdown(struct emu_call *c);
uint64_t emu_sys_disable(struct emu_call *c);

/* P-SEAMLDR leaf handlers (seamldr.c); may return EMU_VMFAILINVALID. */
enum emu_outcome emu_seamldr_call(struct emu_call *c);

/* cpuid_config.c: the TD-configurable CPUID list of §8.2/§8.3. */
uint32_t emu_cpuid_config_count(const struct emu *e);
void emu_cpuid_config_get(uint32_t i, uint64_t *leaf_subleaf, uint64_t *low,
			  uint64_t *high);

/*
 * cpuid_rules.c: the module's CPUID lookup table by profile, in index
 * order (the order SYS.INIT and LP.INIT walk it).  Registers EAX..EDX.
 */
#define EMU_CPUID_NO_SUBLEAF 0xFFFFFFFFu
struct emu_cpuid_rule {
	uint32_t leaf, subleaf;
	uint32_t verify_mask[4], verify_value[4], verify_same[4];
};
uint32_t emu_cpuid_rule_count(const struct emu *e);
const struct emu_cpuid_rule *emu_cpuid_rule(const struct emu *e, uint32_t i);

/* platform_cpuid.c: the default CPU model (model 0, every LP). */
void emu_platform_cpu_default(struct emu_platform *p);

/* sys_init_cpuid.c: SYS.INIT's CPUID checks; samples into mod.cpuid_sample. */
uint64_t emu_sys_init_check_cpuid(struct emu_call *c);

/* profile.c: the loaded module's version is at least major.minor.update. */
bool emu_module_at_least(const struct emu *e, uint16_t major, uint16_t minor,
			 uint16_t update);
/* sys_init.c: SMRR2 is in use on this LP's platform. */
bool emu_smrr2_used(const struct emu *e, const struct emu_lp_cfg *lp);

/* profile.c: a TDX 1.0 module (docs/reference/tdx-abi.md §16). */
bool emu_module_is_v10(const struct emu *e);

/* fault.c: a matching injected fault for this call, or NULL. */
const struct emu_fault *emu_fault_match(struct emu *e, enum emu_leaf leaf,
					uint32_t lp, uint32_t nth);


/* private.c: a new key behind the global private KeyID (KEY.CONFIG). */
void emu_private_new_key(struct emu *e, uint16_t hkid);

/* sigstruct.c: §11.6 field checks; 0 or SEAMLDR_EBADSIG. */
uint64_t emu_sigstruct_check(const struct emu *e, const struct seam_sigstruct *s);

#endif
