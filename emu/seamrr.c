/* SPDX-License-Identifier: MIT */
#include "emu/seamrr.h"

#include "lib/mem.h"

/* Both structures 64-byte aligned inside the image, as the module's data. */
#define SEAMRR_ALIGN 64u

static uint64_t seamrr_align(uint64_t v)
{
	return (v + SEAMRR_ALIGN - 1) & ~(uint64_t)(SEAMRR_ALIGN - 1);
}

static uint64_t seamrr_plat_off(void)
{
	return seamrr_align(sizeof(struct emu_seamrr_hdr));
}

static uint64_t seamrr_emu_off(void)
{
	return seamrr_align(seamrr_plat_off() + sizeof(struct emu_platform));
}

uint64_t emu_seamrr_size(void)
{
	return seamrr_emu_off() + sizeof(struct emu);
}

void emu_seamrr_save(void *buf, const struct emu *e)
{
	struct emu_seamrr_hdr h = {
		.magic = EMU_SEAMRR_MAGIC,
		.version = EMU_SEAMRR_VERSION,
		.hdr_size = sizeof(h),
		.total_size = emu_seamrr_size(),
		.plat_off = seamrr_plat_off(),
		.plat_size = sizeof(struct emu_platform),
		.emu_off = seamrr_emu_off(),
		.emu_size = sizeof(struct emu),
	};
	uint8_t *b = buf;
	struct emu *copy = (struct emu *)(b + h.emu_off);

	memset(b, 0, h.total_size);
	memcpy(b, &h, sizeof(h));
	memcpy(b + h.plat_off, e->plat, sizeof(struct emu_platform));
	memcpy(copy, e, sizeof(*e));
	/* No address of this program survives into the image. */
	copy->plat = NULL;
	memset(&copy->mem, 0, sizeof(copy->mem));
}

struct emu_platform *emu_seamrr_platform(void *buf)
{
	return (struct emu_platform *)((uint8_t *)buf + seamrr_plat_off());
}

struct emu *emu_seamrr_attach(void *buf, uint64_t avail, struct emu_mem_ops mem,
			      const char **why)
{
	struct emu_seamrr_hdr h;
	struct emu *e;

	if (avail < sizeof(h)) {
		*why = "shorter than its header";
		return NULL;
	}
	memcpy(&h, buf, sizeof(h));
	if (h.magic != EMU_SEAMRR_MAGIC || h.version != EMU_SEAMRR_VERSION ||
	    h.hdr_size != sizeof(h)) {
		*why = "not an emulated-SEAMRR image of this version";
		return NULL;
	}
	if (h.plat_off != seamrr_plat_off() || h.plat_size != sizeof(struct emu_platform) ||
	    h.emu_off != seamrr_emu_off() || h.emu_size != sizeof(struct emu) ||
	    h.total_size != emu_seamrr_size()) {
		*why = "written by a build with another layout of the emulator's state";
		return NULL;
	}
	if (avail < h.total_size) {
		*why = "larger than the memory it was found in";
		return NULL;
	}
	e = (struct emu *)((uint8_t *)buf + h.emu_off);
	e->plat = emu_seamrr_platform(buf);
	e->mem = mem;
	return e;
}
