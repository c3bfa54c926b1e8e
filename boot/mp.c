/* SPDX-License-Identifier: MIT */
#include "boot/mp.h"

#include "arch/x86/cpu.h"
#include "boot/console.h"
#include "boot/efi_util.h"
#include "boot/exec_mp.h"

static EFI_GUID mp_guid = TB_EFI_MP_SERVICES_PROTOCOL_GUID;

/*
 * Runs on each CPU through the executor: no boot services, no printing
 * (not MP-safe, PI 1.7 vol. 2 §13.4); it touches only its own slot.
 */
static void mp_probe_lp(void *arg, uint32_t lp)
{
	struct mp_slot *slot = &((struct mp_slot *)arg)[lp];

	slot->cpuid_apic = cpu_apic_id();
	__atomic_store_n(&slot->ran, 1, __ATOMIC_RELEASE);
}

static uint32_t mp_count_packages(const struct mp_ctx *mp)
{
	uint32_t n = 0;

	for (UINTN i = 0; i < mp->n_cpus; i++) {
		bool seen = false;

		for (UINTN j = 0; j < i && !seen; j++)
			seen = mp->cpus[j].package == mp->cpus[i].package;
		n += !seen;
	}
	return n;
}

static tb_status mp_alloc(EFI_SYSTEM_TABLE *st, struct mp_ctx *mp,
			  struct tb_err *err)
{
	mp->cpus = efi_alloc_zero(st, mp->n_cpus * sizeof(*mp->cpus));
	/* One extra line so the slots can be cache-line aligned. */
	mp->slots_raw = efi_alloc_zero(st, (mp->n_cpus + 1) * sizeof(struct mp_slot));
	if (!mp->cpus || !mp->slots_raw) {
		tb_err_set(err, "cannot allocate the CPU table for %llu CPUs",
			   (unsigned long long)mp->n_cpus);
		mp_release(mp);
		return TB_ENOMEM;
	}
	mp->slots = (struct mp_slot *)(((uintptr_t)mp->slots_raw + 63) & ~(uintptr_t)63);
	return TB_OK;
}

void mp_release(struct mp_ctx *mp)
{
	if (!mp->bs)
		return;
	alloc_pool_free(mp->bs, mp->cpus);
	alloc_pool_free(mp->bs, mp->slots_raw);
	mp->cpus = NULL;
	mp->slots = NULL;
	mp->slots_raw = NULL;
}

tb_status mp_init(EFI_SYSTEM_TABLE *st, struct mp_ctx *mp, struct tb_err *err)
{
	EFI_STATUS s;
	tb_status ts;

	mp->bs = st->BootServices;
	s = st->BootServices->LocateProtocol(&mp_guid, NULL, (VOID **)&mp->mp);
	if (s != EFI_SUCCESS) {
		mp->mp = NULL;
		mp->n_cpus = mp->n_enabled = 1;
		mp->bsp = 0;
		ts = mp_alloc(st, mp, err);
		if (ts != TB_OK)
			return ts;
		mp->cpus[0] = (struct mp_cpu){ cpu_apic_id(), 0, 0, 0, true, true, true };
		mp->n_packages = 1;
		tb_err_set(err, "EFI MP Services not found (%s): only the boot CPU is visible",
			   efi_status_name(s));
		return TB_ENOTFOUND;
	}
	s = mp->mp->GetNumberOfProcessors(mp->mp, &mp->n_cpus, &mp->n_enabled);
	if (s != EFI_SUCCESS || mp->n_cpus == 0) {
		tb_err_set(err, "MP Services GetNumberOfProcessors failed: %s",
			   efi_status_name(s));
		return TB_EIO;
	}
	ts = mp_alloc(st, mp, err);
	if (ts != TB_OK)
		return ts;
	for (UINTN i = 0; i < mp->n_cpus; i++) {
		TB_EFI_PROCESSOR_INFORMATION info = { 0 };
		struct mp_cpu *c = &mp->cpus[i];

		s = mp->mp->GetProcessorInfo(mp->mp, i | TB_CPU_V2_EXTENDED_TOPOLOGY, &info);
		if (s != EFI_SUCCESS)  /* pre-PI-1.7 firmware: the basic form */
			s = mp->mp->GetProcessorInfo(mp->mp, i, &info);
		if (s != EFI_SUCCESS) {
			tb_err_set(err, "MP Services GetProcessorInfo(%llu) failed: %s",
				   (unsigned long long)i, efi_status_name(s));
			return TB_EIO;
		}
		c->apic_id = info.ProcessorId;
		c->package = info.Location.Package;
		c->core = info.Location.Core;
		c->thread = info.Location.Thread;
		c->bsp = info.StatusFlag & TB_PROCESSOR_AS_BSP_BIT;
		c->enabled = info.StatusFlag & TB_PROCESSOR_ENABLED_BIT;
		c->healthy = info.StatusFlag & TB_PROCESSOR_HEALTH_STATUS_BIT;
		if (c->bsp)
			mp->bsp = i;
	}
	mp->n_packages = mp_count_packages(mp);
	return TB_OK;
}

static tb_status mp_check_slots(const struct mp_ctx *mp, struct tb_err *err)
{
	tb_status ts = TB_OK;

	for (UINTN i = 0; i < mp->n_cpus; i++) {
		const struct mp_cpu *c = &mp->cpus[i];
		const struct mp_slot *s = &mp->slots[i];

		if (!c->enabled)
			continue;
		if (!s->ran) {
			tb_err_set(err, "CPU %llu (APIC 0x%llx) did not run the probe",
				   (unsigned long long)i, (unsigned long long)c->apic_id);
			ts = TB_ETIMEOUT;
		} else if (s->cpuid_apic != c->apic_id) {
			tb_err_set(err, "CPU %llu: firmware says APIC 0x%llx, CPUID on it says 0x%x",
				   (unsigned long long)i, (unsigned long long)c->apic_id,
				   s->cpuid_apic);
			ts = TB_EIO;
		}
	}
	return ts;
}

tb_status mp_probe(struct mp_ctx *mp, uint32_t timeout_ms, struct tb_err *err)
{
	struct exec_mp_ctx ctx;
	struct executor ex;
	tb_status st = exec_mp_init(&ex, &ctx, mp, timeout_ms, err);

	if (st == TB_OK)
		st = ex.ops->run_all(ex.ctx, mp_probe_lp, mp->slots, err);
	if (st != TB_OK)
		con_log(CON_WARN, "%s\n", err->msg);
	tb_err_clear(err);
	return mp_check_slots(mp, err);
}

void mp_report(const struct mp_ctx *mp)
{
	con_printf("cpus: %llu logical processors (%llu enabled) in %u packages\n",
		   (unsigned long long)mp->n_cpus, (unsigned long long)mp->n_enabled,
		   mp->n_packages);
	for (UINTN i = 0; i < mp->n_cpus; i++) {
		const struct mp_cpu *c = &mp->cpus[i];
		const struct mp_slot *s = &mp->slots[i];

		con_printf("  cpu %llu: APIC 0x%llx package %u core %u thread %u%s%s%s",
			   (unsigned long long)i, (unsigned long long)c->apic_id,
			   c->package, c->core, c->thread, c->bsp ? " BSP" : "",
			   c->enabled ? "" : " disabled", c->healthy ? "" : " UNHEALTHY");
		if (s->ran)
			con_printf(" cpuid-apic 0x%x%s\n", s->cpuid_apic,
				   s->cpuid_apic == c->apic_id ? " ok" : " MISMATCH");
		else
			con_printf(" not probed\n");
	}
}
