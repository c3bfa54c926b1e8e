/* SPDX-License-Identifier: MIT */
/*
 * The initializer against every module profile the emulator models
 * (docs/emulator.md "Platform"): 1.5.01 (the default), 1.5.05 (1.5.05
 * CPUID table, MISC_ENABLE perfmon/BTS check, MAX_VCPUS_PER_TD) and a newer
 * module with Dynamic PAMT and TDH.SYS.DISABLE.  The happy path must end
 * in SYS_READY on each.
 */
#include <stdio.h>

#include "tests/unit/init_harness.h"
#include "tests/unit/test.h"

struct init_profile {
	const char *name;
	uint16_t major, minor, update;
	uint32_t flags;
};

static const struct init_profile init_profiles[] = {
	{ "1.5.01", 1, 5, 1, 0 },
	{ "1.5.05", 1, 5, 5, EMU_MODFLAG_MAX_VCPUS },
	{ "newer (DPAMT, SYS.DISABLE)", 1, 5, 16,
	  EMU_MODFLAG_MAX_VCPUS | EMU_MODFLAG_DPAMT | EMU_MODFLAG_SYS_DISABLE },
};

TEST(init_happy_path_every_profile)
{
	for (size_t i = 0; i < sizeof(init_profiles) / sizeof(init_profiles[0]); i++) {
		const struct init_profile *p = &init_profiles[i];
		struct harness *h = harness_new(2, 2, true);
		struct emu_module_desc d;
		tb_status st;

		emu_module_desc_default(&d);
		d.major = p->major;
		d.minor = p->minor;
		d.update = p->update;
		d.flags = p->flags;
		d.dpamt_bits_per_entry = (p->flags & EMU_MODFLAG_DPAMT) ? 2 : 0;
		emu_module_preload(&h->emu, &d);
		st = harness_run(h);
		if (st != TB_OK || emu_state(&h->emu) != EMU_SYS_READY)
			fprintf(stderr, "    profile %s: %s\n", p->name, h->log);
		CHECK_INT_EQ(st, TB_OK);
		CHECK_INT_EQ(h->ctx->rec.outcome, TDXBOOT_OUTCOME_SUCCESS);
		CHECK_INT_EQ(emu_state(&h->emu), EMU_SYS_READY);
		CHECK(harness_private_pamt_lines(h) > 0);
		harness_free(h);
	}
}
