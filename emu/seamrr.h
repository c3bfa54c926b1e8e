/* SPDX-License-Identifier: MIT */
/*
 * The emulated SEAMRR: the emulated module's whole state (struct emu) and
 * the platform it runs on (struct emu_platform) as one position-independent
 * image, so that a later program -- the test kernel of docs/kernel.md --
 * can keep running the same module after tdxboot has exited.  On hardware
 * the module's state lives in SEAMRR, a range the OS cannot touch and that
 * survives into the OS; with the emulated backend tdxboot copies this image
 * into EfiReservedMemoryType pages (boot/emu_seamrr.c), which survive
 * ExitBootServices and which the kernel keeps out of RAM (e820 reserved).
 *
 * Position-independent: the header locates the two structures by offset,
 * and the only pointers inside them (emu.plat, emu.mem) are rebound by
 * emu_seamrr_attach() in the address space of whoever maps the image.
 */
#ifndef TDXBOOT_EMU_SEAMRR_H
#define TDXBOOT_EMU_SEAMRR_H

#include "emu/emu.h"

/* EFI configuration table GUID: 5a1f7c3e-8d0b-4e2a-9f61-3b7c2d94e8a5. */
#define EMU_SEAMRR_GUID_STR "5a1f7c3e-8d0b-4e2a-9f61-3b7c2d94e8a5"
#define EMU_SEAMRR_GUID_INIT                                             \
	{ 0x5a1f7c3e, 0x8d0b, 0x4e2a,                                    \
	  { 0x9f, 0x61, 0x3b, 0x7c, 0x2d, 0x94, 0xe8, 0xa5 } }

#define EMU_SEAMRR_MAGIC   0x5252414D45535445ull /* "ETSEAMRR" */
#define EMU_SEAMRR_VERSION 1u

/*
 * The image's header, at offset 0.  The structure sizes are the producer's
 * sizeof(): a reader built from other sources (or by another compiler with
 * another layout) refuses the image instead of misreading it.
 */
struct emu_seamrr_hdr {
	uint64_t magic;
	uint32_t version;
	uint32_t hdr_size;
	uint64_t total_size;
	uint64_t plat_off, plat_size;
	uint64_t emu_off, emu_size;
};
_Static_assert(sizeof(struct emu_seamrr_hdr) == 56, "emu_seamrr_hdr layout");

/* Bytes an image of the current build takes. */
uint64_t emu_seamrr_size(void);

/*
 * Writes the image of e (and its platform) into buf, which holds
 * emu_seamrr_size() bytes.  The copy in buf is a snapshot: e goes on as
 * before.
 */
void emu_seamrr_save(void *buf, const struct emu *e);

/*
 * Attaches to an image of avail bytes in place: checks the header against
 * this build's layout and rebinds the module to the image's platform and
 * to mem.  The module then runs over the image.  NULL with a reason in
 * *why if the image is not one this build wrote.
 */
struct emu *emu_seamrr_attach(void *buf, uint64_t avail, struct emu_mem_ops mem,
			      const char **why);

/* The platform inside an attached image. */
struct emu_platform *emu_seamrr_platform(void *buf);

#endif
