/* SPDX-License-Identifier: MIT */
/*
 * tdxboot's entry point.  The order here is the order of the boot:
 *
 *   console -> config -> memory map -> ACPI -> CPUs -> (TDX) -> hand off
 *
 * Each step reports what it found.  A step that fails says why and the
 * boot goes on with what is known: tdxboot never leaves a machine
 * unbootable.
 */
#include <efi.h>

#include "boot/acpi.h"
#include "boot/bls.h"
#include "boot/bootentry.h"
#include "boot/chainload.h"
#include "boot/config_load.h"
#include "boot/console.h"
#include "boot/efi_util.h"
#include "boot/efivars.h"
#include "boot/file.h"
#include "boot/memmap.h"
#include "boot/mp.h"
#include "boot/seam_selftest.h"
#include "boot/tdx.h"
#include "boot/timer.h"
#include "lib/fmt.h"
#include "lib/mem.h"
#include "lib/version.h"

/* Everything the boot knows, in one place (pool memory: it is large). */
struct tdxboot {
	EFI_HANDLE image;
	EFI_SYSTEM_TABLE *st;
	struct timer_ctx timer;
	struct file_ctx files;
	struct tb_config cfg;
	struct boot_memmap memmap;
	struct boot_acpi acpi;
	struct mp_ctx mp;
	struct tdx_outcome tdx;
	bool next_ok;            /* no line choosing the next image was rejected */
};

static void report_banner(EFI_SYSTEM_TABLE *st)
{
	char vendor[64];

	con_printf("tdxboot %s (%s)\n", tdxboot_version, tdxboot_gitrev);
	con_printf("firmware: %s rev 0x%x, UEFI %u.%u\n",
		   st->FirmwareVendor ? file_path_ascii(st->FirmwareVendor, vendor, sizeof(vendor))
				      : "(unknown)",
		   st->FirmwareRevision, st->Hdr.Revision >> 16,
		   (st->Hdr.Revision & 0xffff) / 10);
}

static void step_memmap(struct tdxboot *tb)
{
	struct tb_err err;

	tb_err_clear(&err);
	if (boot_memmap_read(tb->st, &tb->memmap, &err) != TB_OK) {
		con_log(CON_ERROR, "%s\n", err.msg);
		return;
	}
	boot_memmap_report(&tb->memmap);
}

static void step_acpi(struct tdxboot *tb)
{
	struct tb_err err;

	tb_err_clear(&err);
	if (boot_acpi_read(tb->st, &tb->acpi, &err) != TB_OK)
		con_log(CON_WARN, "%s\n", err.msg);
	boot_acpi_report(&tb->acpi);
}

static void step_cpus(struct tdxboot *tb)
{
	struct tb_err err;

	tb_err_clear(&err);
	if (mp_init(tb->st, &tb->mp, &err) != TB_OK)
		con_log(CON_WARN, "%s\n", err.msg);
	tb_err_clear(&err);
	if (mp_probe(&tb->mp, tb->cfg.ap_timeout_ms, &err) != TB_OK)
		con_log(CON_ERROR, "%s\n", err.msg);
	mp_report(&tb->mp);
	if (tb->acpi.have_madt && tb->acpi.madt.n_enabled != tb->mp.n_cpus)
		con_log(CON_WARN, "MADT lists %u enabled CPUs but MP Services reports %llu\n",
			tb->acpi.madt.n_enabled, (unsigned long long)tb->mp.n_cpus);
}

/*
 * TDX: load, configure and initialize the module on every CPU, or say why
 * not.  Whatever happens, the boot goes on, unless the operator chose
 * on_error=halt.
 */
static void step_tdx(struct tdxboot *tb)
{
	struct tdx_env env = { tb->st, &tb->cfg, &tb->files, &tb->memmap, &tb->acpi,
			       &tb->mp, &tb->timer };

	if (tb->cfg.seamcall_selftest == CONFIG_YES)
		seam_selftest_run(tb->st, &tb->mp, tb->cfg.ap_timeout_ms);
	tdx_step(&env, &tb->tdx);
	if (tb->tdx.attempted && !tb->tdx.success && tb->cfg.on_error == CONFIG_ON_ERROR_HALT) {
		con_log(CON_ERROR, "TDX initialization failed and on_error=halt: stopping here (everything was rolled back; power-cycle to boot)\n");
		for (;;)
			tb->st->BootServices->Stall(1000000);
	}
}

static void power_off(EFI_SYSTEM_TABLE *st)
{
	st->RuntimeServices->ResetSystem(EfiResetShutdown, EFI_SUCCESS, 0, NULL);
}

/* tdxboot's outcome for the OS, as EFI variables (docs/chainload.md). */
static void step_publish(struct tdxboot *tb)
{
	struct tb_err err;

	tb_err_clear(&err);
	if (efivars_publish(tb->st, tb->tdx.status[0] ? tb->tdx.status : "skipped",
			    tb->tdx.module_version[0] ? tb->tdx.module_version : NULL,
			    tb->tdx.pamt_kb, tb->tdx.init_time_us, &err) != TB_OK)
		con_log(CON_WARN, "%s\n", err.msg);
}

/*
 * The last step: start the next image, which is `kernel` when set and
 * otherwise the next boot entry (boot/bootentry.h); power off only when
 * `next = poweroff` says so.  When nothing can be started, or the line
 * choosing it was rejected, say why and return an error: the firmware's
 * boot manager then tries the next boot option (UEFI 2.10 §3.1.1).  A
 * machine that was meant to boot is never powered off.
 */
static EFI_STATUS step_hand_off(struct tdxboot *tb)
{
	unsigned long long ms = timer_us_since_start(&tb->timer) / 1000;
	struct tb_err err;
	tb_status ts;

	if (tb->next_ok && !tb->cfg.kernel[0] && tb->cfg.next == CONFIG_NEXT_POWEROFF) {
		con_printf("tdxboot: report complete in %llu ms; next = poweroff, powering off\n",
			   ms);
		power_off(tb->st);
		return EFI_SUCCESS;
	}
	step_publish(tb);
	mp_release(&tb->mp);   /* no CPU work after this point */
	tb_err_clear(&err);
	if (!tb->next_ok) {
		con_printf("tdxboot: report complete in %llu ms; the configuration's choice of the "
			   "next image was rejected\n", ms);
		tb_err_set(&err, "not guessing another image");
		ts = TB_EINVAL;
	} else if (memcmp(tb->cfg.kernel, CONFIG_KERNEL_BLS, sizeof(CONFIG_KERNEL_BLS)) == 0) {
		con_printf("tdxboot: report complete in %llu ms; starting a Boot Loader "
			   "Specification entry\n", ms);
		ts = bls_start(tb->st, tb->image, &tb->files, &tb->cfg, &err);
	} else if (tb->cfg.kernel[0]) {
		con_printf("tdxboot: report complete in %llu ms; starting %s\n", ms, tb->cfg.kernel);
		ts = chainload_start(tb->st, tb->image, &tb->files, &tb->cfg, &err);
	} else {
		con_printf("tdxboot: report complete in %llu ms; starting the next boot entry\n", ms);
		ts = bootentry_start(tb->st, tb->image, &tb->files, &tb->cfg, &err);
	}
	if (ts == TB_OK)
		return EFI_SUCCESS;
	con_log(CON_ERROR, "%s\n", err.msg);
	con_log(CON_ERROR, "cannot start the next image; returning to the firmware's boot manager\n");
	return EFI_LOAD_ERROR;
}

/* Called by GNU-EFI's crt0 with the SysV ABI (docs/reference/toolchain.md §1): no EFIAPI. */
EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *st);

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *st)
{
	struct tdxboot *tb;
	struct tb_err err;
	EFI_STATUS status;

	con_init(st);
	/* The firmware's 5-minute watchdog would reset a slow (TCG) boot. */
	st->BootServices->SetWatchdogTimer(0, 0, 0, NULL);
	tb = efi_alloc_zero(st, sizeof(*tb));
	if (!tb) {
		con_log(CON_ERROR, "cannot allocate tdxboot's state; returning to the firmware\n");
		return EFI_OUT_OF_RESOURCES;
	}
	tb->image = image;
	tb->st = st;
	timer_init(st, &tb->timer);
	report_banner(st);

	tb_err_clear(&err);
	if (file_init(st, image, &tb->files, &err) != TB_OK)
		con_log(CON_WARN, "%s\n", err.msg);
	tb->next_ok = config_load(&tb->files, &tb->cfg);

	step_memmap(tb);
	step_acpi(tb);
	step_cpus(tb);

	step_tdx(tb);

	status = step_hand_off(tb);
	/* Back from the next image, or it never started: the firmware's boot
	 * manager goes on to its next option (UEFI 2.10 §3.1.1) and nothing of
	 * tdxboot's own state may stay allocated; what does stay is what any
	 * OS needs (docs/chainload.md §10, "at exit"). */
	efi_free(st, tb);
	alloc_report("exit");
	return status;
}
