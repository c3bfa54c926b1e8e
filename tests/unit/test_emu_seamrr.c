/* SPDX-License-Identifier: MIT */
/*
 * The emulated SEAMRR (emu/seamrr.h): a module saved into an image keeps
 * running from the image after the original is gone, with the same state
 * machine, per-LP LP.INIT state and limits; an image of another layout is
 * refused.
 */
#include <stdlib.h>

#include "emu/seamrr.h"
#include "tests/unit/emu_fixture.h"

static uint64_t sr_call(struct emu *e, uint32_t lp, uint64_t leaf, uint64_t rdx,
			uint64_t *r8)
{
	struct seam_regs r = { .rax = leaf, .rdx = rdx };

	REQUIRE(emu_seamcall(e, lp, &r) == EMU_VMSUCCEED);
	if (r8)
		*r8 = r.r8;
	return r.rax;
}

TEST(emu_seamrr_module_runs_from_the_image)
{
	struct fx *f = fx_new();
	uint64_t size = emu_seamrr_size(), v = 0;
	uint8_t *img = malloc(size);
	const char *why = NULL;
	struct emu *e;

	REQUIRE(img);
	fx_to_ready(f, 1);
	emu_seamrr_save(img, &f->e);
	/* The original is gone: only the image holds the module now. */
	memset(&f->e, 0xA5, sizeof(f->e));
	memset(&f->plat, 0xA5, sizeof(f->plat));
	e = emu_seamrr_attach(img, size, emu_memmap_ops(&f->map), &why);
	REQUIRE(e);
	CHECK_INT_EQ(emu_state(e), EMU_SYS_READY);
	CHECK(e->plat == emu_seamrr_platform(img));
	CHECK_INT_EQ(e->plat->num_lps, 4);
	CHECK_U64_EQ(sr_call(e, 3, TDH_SYS_RD, MD_SYS_MAJOR_VERSION, &v), TDX_SUCCESS);
	CHECK_U64_EQ(v, 1);
	/* A ready module refuses LP.INIT on every LP (tdh_sys_lp_init.c). */
	CHECK_U64_EQ(sr_call(e, 2, TDH_SYS_LP_INIT, 0, NULL) & TDX_SEAMCALL_STATUS_MASK,
		     TDX_SYS_LP_INIT_NOT_PENDING);
	/* The per-LP state is the image's: an LP without LP.INIT is told so. */
	e->lp[1].lp_is_init = 0;
	CHECK_U64_EQ(sr_call(e, 1, TDH_SYS_RD, MD_SYS_MAJOR_VERSION, NULL) &
		     TDX_SEAMCALL_STATUS_MASK, TDX_SYS_LP_INIT_NOT_DONE);
	free(img);
	fx_free(f);
}

TEST(emu_seamrr_refuses_other_layouts)
{
	struct fx *f = fx_new();
	uint64_t size = emu_seamrr_size();
	uint8_t *img = malloc(size);
	struct emu_seamrr_hdr h;
	const char *why = NULL;

	REQUIRE(img);
	emu_seamrr_save(img, &f->e);
	CHECK(!emu_seamrr_attach(img, size - 1, emu_memmap_ops(&f->map), &why));
	CHECK_STR_CONTAINS(why, "larger than the memory");
	memcpy(&h, img, sizeof(h));
	h.emu_size += 8;
	memcpy(img, &h, sizeof(h));
	CHECK(!emu_seamrr_attach(img, size, emu_memmap_ops(&f->map), &why));
	CHECK_STR_CONTAINS(why, "another layout");
	h.magic = 0;
	memcpy(img, &h, sizeof(h));
	CHECK(!emu_seamrr_attach(img, size, emu_memmap_ops(&f->map), &why));
	CHECK_STR_CONTAINS(why, "not an emulated-SEAMRR image");
	free(img);
	fx_free(f);
}
