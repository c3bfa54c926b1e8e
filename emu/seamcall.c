/* SPDX-License-Identifier: MIT */
/*
 * The SEAMCALL boundary: instruction-level outcomes (#UD, #GP,
 * VMfailInvalid), RAX decoding, the module dispatcher's state gate, fault
 * injection and the hand-off to the leaf handlers.
 * docs/reference/tdx-abi.md §1.2, §1.3, §3; module src/vmm_dispatcher/tdx_vmm_dispatcher.c.
 */
#include <stdarg.h>

#include "emu/internal.h"

#include "lib/fmt.h"

struct leaf_entry {
	uint32_t number;
	enum emu_leaf leaf;
	uint64_t (*handler)(struct emu_call *c);
	bool before_ready; /* dispatched while state != SYS_READY (§3 gate 2) */
};

static const struct leaf_entry leaf_table[] = {
	{ TDH_SYS_INIT, EMU_LEAF_SYS_INIT, emu_sys_init, true },
	{ TDH_SYS_LP_INIT, EMU_LEAF_LP_INIT, emu_lp_init, true },
	{ TDH_SYS_RD, EMU_LEAF_SYS_RD, emu_sys_rd, true },
	{ TDH_SYS_RDALL, EMU_LEAF_SYS_RDALL, emu_sys_rdall, true },
	{ TDH_SYS_INFO, EMU_LEAF_SYS_INFO, emu_sys_info, true },
	{ TDH_SYS_CONFIG, EMU_LEAF_SYS_CONFIG, emu_sys_config, true },
	{ TDH_SYS_KEY_CONFIG, EMU_LEAF_KEY_CONFIG, emu_key_config, true },
	{ TDH_SYS_LP_SHUTDOWN, EMU_LEAF_LP_SHUTDOWN, emu_lp_shutdown, true },
	{ TDH_SYS_TDMR_INIT, EMU_LEAF_TDMR_INIT, emu_tdmr_init, false },
	{ TDH_SYS_SHUTDOWN, EMU_LEAF_SYS_SHUTDOWN, emu_sys_shutdown, false },
	/* Newer modules; the gate does not apply (it is the way out, §12). */
	{ TDH_SYS_DISABLE, EMU_LEAF_SYS_DISABLE, emu_sys_disable, true },
};

static const char *const leaf_names[EMU_LEAF_COUNT] = {
	[EMU_LEAF_SYS_INIT] = "sys_init",
	[EMU_LEAF_LP_INIT] = "lp_init",
	[EMU_LEAF_SYS_RD] = "sys_rd",
	[EMU_LEAF_SYS_RDALL] = "sys_rdall",
	[EMU_LEAF_SYS_INFO] = "sys_info",
	[EMU_LEAF_SYS_CONFIG] = "sys_config",
	[EMU_LEAF_KEY_CONFIG] = "key_config",
	[EMU_LEAF_TDMR_INIT] = "tdmr_init",
	[EMU_LEAF_LP_SHUTDOWN] = "lp_shutdown",
	[EMU_LEAF_SYS_SHUTDOWN] = "sys_shutdown",
	[EMU_LEAF_SYS_DISABLE] = "sys_disable",
	[EMU_LEAF_SEAMLDR_INFO] = "seamldr_info",
	[EMU_LEAF_SEAMLDR_INSTALL] = "seamldr_install",
};

const char *emu_leaf_name(enum emu_leaf l)
{
	return l < EMU_LEAF_COUNT ? leaf_names[l] : "none";
}

const char *emu_outcome_name(enum emu_outcome o)
{
	switch (o) {
	case EMU_VMSUCCEED: return "VMsucceed";
	case EMU_VMFAILINVALID: return "VMfailInvalid";
	case EMU_UD: return "#UD";
	case EMU_GP: return "#GP";
	case EMU_BADMEM: return "emulator memory fault";
	}
	return "?";
}

void emu_diag_set(struct emu *e, const char *fmt, ...)
{
	int32_t expected = 0;
	va_list ap;

	/* First diagnostic wins, as tb_err: it names the root cause. */
	if (!__atomic_compare_exchange_n(&e->diag_set, &expected, 1, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
		return;
	va_start(ap, fmt);
	fmt_vsnprintf(e->diag, sizeof(e->diag), fmt, ap);
	va_end(ap);
	__atomic_store_n(&e->diag_set, 2, __ATOMIC_RELEASE);
}

const char *emu_diag(const struct emu *e)
{
	return __atomic_load_n(&e->diag_set, __ATOMIC_ACQUIRE) == 2 ? e->diag : "";
}

void emu_diag_clear(struct emu *e)
{
	e->diag[0] = 0;
	__atomic_store_n(&e->diag_set, 0, __ATOMIC_RELEASE);
}

uint32_t emu_state_load(const struct emu *e)
{
	return __atomic_load_n(&e->mod.state, __ATOMIC_ACQUIRE);
}

void emu_state_store(struct emu *e, uint32_t s)
{
	__atomic_store_n(&e->mod.state, s, __ATOMIC_RELEASE);
}

enum emu_sys_state emu_state(const struct emu *e)
{
	return (enum emu_sys_state)emu_state_load(e);
}

uint32_t emu_leaf_calls(const struct emu *e, enum emu_leaf l)
{
	return l < EMU_LEAF_COUNT ? __atomic_load_n(&e->calls[l], __ATOMIC_RELAXED) : 0;
}

/* An injected hang (emu_fault_add "hang"): this LP never returns again. */
static void emu_hang_here(struct emu *e, uint32_t lp)
{
	__atomic_store_n(&e->lp[lp].hung, 1, __ATOMIC_RELEASE);
	for (;;)
		__builtin_ia32_pause();
}

static void emu_hang_if_hung(struct emu *e, uint32_t lp)
{
	if (__atomic_load_n(&e->lp[lp].hung, __ATOMIC_ACQUIRE))
		emu_hang_here(e, lp);
}

/* An LP index the emulator has state for. */
static bool emu_lp_valid(const struct emu *e, uint32_t lp)
{
	return lp < e->plat->num_lps && lp < EMU_MAX_LPS;
}

void emu_wbinvd(struct emu *e, uint32_t lp)
{
	if (!emu_lp_valid(e, lp))
		return;
	emu_hang_if_hung(e, lp);
	__atomic_store_n(&e->lp[lp].wbinvd_done, 1, __ATOMIC_RELEASE);
	__atomic_store_n(&e->lp[lp].private_dirty, 0, __ATOMIC_RELEASE);
}

void emu_vmxon(struct emu *e, uint32_t lp, bool on)
{
	if (!emu_lp_valid(e, lp))
		return;
	emu_hang_if_hung(e, lp);
	e->lp[lp].vmx_on = on;
}

void emu_set_strict_wbinvd(struct emu *e, bool on)
{
	e->strict_wbinvd = on;
}

static const struct leaf_entry *leaf_find(uint64_t number)
{
	for (size_t i = 0; i < sizeof(leaf_table) / sizeof(leaf_table[0]); i++)
		if (leaf_table[i].number == number)
			return &leaf_table[i];
	return NULL;
}

/* Applies an injected fault; true if it replaced the call. */
static bool seamcall_inject(struct emu_call *c, enum emu_leaf leaf,
			    enum emu_outcome *out)
{
	uint32_t nth = __atomic_add_fetch(&c->e->calls[leaf], 1, __ATOMIC_RELAXED);
	const struct emu_fault *f = emu_fault_match(c->e, leaf, c->lp, nth);

	if (!f)
		return false;
	if (f->hang)
		emu_hang_here(c->e, c->lp);
	*out = f->outcome;
	if (f->outcome == EMU_VMSUCCEED)
		c->r->rax = f->status;
	return true;
}

/* TDX 1.0 has none of these leaves: 1.0.3 tdx_api_defs.h lines 29-72 and
 * its dispatcher's switch (docs/reference/tdx-abi.md §16.1). */
static bool leaf_after_v10(uint32_t number)
{
	return number == TDH_SYS_RD || number == TDH_SYS_RDALL ||
	       number == TDH_SYS_SHUTDOWN || number == TDH_SYS_DISABLE;
}

/* A leaf this module has: TDH.SYS.DISABLE only where the profile says so. */
static const struct leaf_entry *leaf_offered(const struct emu *e, uint64_t number)
{
	const struct leaf_entry *ent = leaf_find(number);

	if (ent && ent->number == TDH_SYS_DISABLE &&
	    !(e->mod.desc.flags & EMU_MODFLAG_SYS_DISABLE))
		return NULL;
	if (ent && emu_module_is_v10(e) && leaf_after_v10(ent->number))
		return NULL;
	return ent;
}

/*
 * The 1.0 dispatcher (1.0.3 tdx_vmm_dispatcher.c lines 87-141, 425-429)
 * compares the whole RAX with the leaf numbers: no reserved-bit or version
 * check, so RAX with any bit above the leaf is an unknown leaf, which meets
 * the not-ready gate (SYS_NOT_READY) before SYS_READY and the switch's
 * default (OPERAND_INVALID|RAX) after.  The gate's list has no SYS.RD,
 * SYS.RDALL or SYS.UPDATE (lines 122-128).  §16.1.
 */
static uint64_t seamcall_module_v10(struct emu_call *c, enum emu_outcome *out)
{
	uint64_t rax = c->r->rax;
	const struct leaf_entry *ent = rax <= TDX_LEAF_MASK ? leaf_offered(c->e, rax) : NULL;
	uint32_t state = emu_state_load(c->e);

	if (ent && seamcall_inject(c, ent->leaf, out))
		return c->r->rax;
	if (state != EMU_SYS_READY && (!ent || !ent->before_ready))
		return TDX_SYS_NOT_READY;
	if (!ent)
		return tdx_status_with_operand(TDX_OPERAND_INVALID, TDX_OPERAND_ID_RAX);
	return ent->handler(c);
}

/*
 * The module dispatcher, in module 1.5.01 tdx_vmm_dispatcher.c's order:
 * reserved RAX bits (139-145), version > 0 (148-163: no host-init leaf has
 * versions), SYS_SHUTDOWN (166-175), the not-ready gate (179-196), then the
 * leaf switch whose default is OPERAND_INVALID|RAX (701-705).  A leaf the
 * module lacks (TDH.SYS.DISABLE on 1.5) is not in the gate's list, so it
 * gets SYS_NOT_READY before SYS_READY and OPERAND_INVALID|RAX after.
 */
static uint64_t seamcall_module(struct emu_call *c, enum emu_outcome *out)
{
	uint64_t rax = c->r->rax;
	const struct leaf_entry *ent = leaf_offered(c->e, rax & TDX_LEAF_MASK);
	uint32_t state = emu_state_load(c->e);
	uint64_t bad_rax = tdx_status_with_operand(TDX_OPERAND_INVALID, TDX_OPERAND_ID_RAX);

	if (emu_module_is_v10(c->e))
		return seamcall_module_v10(c, out);
	if (rax & TDX_LEAF_RSVD_MASK)
		return bad_rax;
	if (ent && seamcall_inject(c, ent->leaf, out))
		return c->r->rax;
	if ((rax >> TDX_VERSION_SHIFT) & TDX_VERSION_MASK)
		return bad_rax;
	if (state == EMU_SYS_SHUTDOWN && (!ent || ent->number != TDH_SYS_LP_SHUTDOWN))
		return TDX_SYS_SHUTDOWN;
	if (state != EMU_SYS_READY && (!ent || !ent->before_ready))
		return TDX_SYS_NOT_READY;
	if (!ent) {
		if (!leaf_find(rax & TDX_LEAF_MASK))
			emu_diag_set(c->e, "emulator: TDX module leaf %llu is not modelled",
				     (unsigned long long)(rax & TDX_LEAF_MASK));
		return bad_rax;
	}
	return ent->handler(c);
}

enum emu_outcome emu_seamcall(struct emu *e, uint32_t lp, struct seam_regs *regs)
{
	struct emu_call c = { e, lp, regs, false };
	enum emu_outcome out = EMU_VMSUCCEED;
	uint64_t status;

	if (e->plat->num_lps > EMU_MAX_LPS) {
		emu_diag_set(e, "emulator: the platform has %u LPs, at most %u are supported",
			     e->plat->num_lps, EMU_MAX_LPS);
		return EMU_BADMEM;
	}
	if (!emu_lp_valid(e, lp)) {
		emu_diag_set(e, "emulator: SEAMCALL on LP %u, the platform has %u",
			     lp, e->plat->num_lps);
		return EMU_BADMEM;
	}
	emu_hang_if_hung(e, lp);
	/* §1.3: #UD outside VMX operation, #GP when the BIOS left SEAMRR off. */
	if (e->plat->check_vmx && !e->lp[lp].vmx_on)
		return EMU_UD;
	if (!e->plat->seam_enabled)
		return EMU_GP;
	if (regs->rax & SEAMLDR_LEAF_BIT)
		return emu_seamldr_call(&c);
	/* No module, or an install session cleared SEAM_READY (§11.5). */
	if (!__atomic_load_n(&e->ldr.module_loaded, __ATOMIC_ACQUIRE))
		return EMU_VMFAILINVALID;
	status = seamcall_module(&c, &out);
	if (out != EMU_VMSUCCEED)
		return out;
	if (c.badmem)
		return EMU_BADMEM;
	regs->rax = status;
	return EMU_VMSUCCEED;
}
