/* SPDX-License-Identifier: MIT */
#include "boot/seam_selftest.h"

#include "arch/x86/seam_insn.h"
#include "boot/console.h"
#include "boot/efi_util.h"
#include "boot/exec_mp.h"
#include "boot/seam_trap.h"
#include "core/seam_name.h"

struct selftest_slot {
	uint64_t status;
	uint32_t outcome;
	uint32_t ran;
	uint8_t pad[48];
};

/* Runs on each CPU: one SEAMCALL, no VMXON before it. */
static void selftest_on_lp(void *arg, uint32_t lp)
{
	struct selftest_slot *s = &((struct selftest_slot *)arg)[lp];
	struct seam_regs r = { .rax = TDH_SYS_RD, .rdx = MD_SYS_MAJOR_VERSION };

	s->outcome = (uint32_t)seam_insn_seamcall(&r);
	s->status = r.rax;
	s->ran = 1;
}

static tb_status selftest_report(const struct mp_ctx *mp, const struct selftest_slot *slot)
{
	tb_status st = TB_OK;

	for (UINTN i = 0; i < mp->n_cpus; i++) {
		const struct selftest_slot *s = &slot[i];

		if (!s->ran) {
			con_log(CON_ERROR, "seamcall selftest: CPU %llu did not run\n", (unsigned long long)i);
			st = TB_ETIMEOUT;
		} else if (s->outcome == SEAM_INSN_VMSUCCEED && s->status == TDX_SEAMCALL_UD) {
			con_printf("seamcall selftest: CPU %llu (APIC 0x%llx): #UD, not in VMX operation: handled\n",
				   (unsigned long long)i, (unsigned long long)mp->cpus[i].apic_id);
		} else {
			con_log(CON_ERROR, "seamcall selftest: CPU %llu: expected #UD, got outcome %u status 0x%llx (%s)\n",
				(unsigned long long)i, s->outcome, (unsigned long long)s->status,
				seam_status_name(TDH_SYS_RD, s->status));
			st = TB_EIO;
		}
	}
	return st;
}

tb_status seam_selftest_run(EFI_SYSTEM_TABLE *st, struct mp_ctx *mp, uint32_t timeout_ms)
{
	struct selftest_slot *slot = efi_alloc_zero(st, mp->n_cpus * sizeof(*slot));
	struct exec_mp_ctx ctx;
	struct executor ex;
	struct tb_err err;
	tb_status ts;

	tb_err_clear(&err);
	if (!slot || exec_mp_init(&ex, &ctx, mp, timeout_ms, &err) != TB_OK ||
	    seam_trap_install(st, &err) != TB_OK) {
		con_log(CON_ERROR, "seamcall selftest not run: %s\n", err.msg[0] ? err.msg : "out of memory");
		efi_free(st, slot);
		return TB_EIO;
	}
	ts = ex.ops->run_all(ex.ctx, selftest_on_lp, slot, &err);
	seam_trap_remove();
	if (ts != TB_OK)
		con_log(CON_ERROR, "seamcall selftest: %s\n", err.msg);
	else
		ts = selftest_report(mp, slot);
	con_printf("seamcall selftest: %s (%llu faults caught)\n", ts == TB_OK ? "passed" : "FAILED",
		   (unsigned long long)seam_trap_count(6));
	efi_free(st, slot);
	return ts;
}
