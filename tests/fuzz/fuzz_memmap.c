/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the EFI memory map from GetMemoryMap() to a plan, the
 * way boot/ takes it: memmap_parse -> memmap_summarize -> memmap_to_plan ->
 * plan_build.  Firmware hands over arbitrary descriptors (overlapping,
 * unsorted, zero-size, huge, unknown types and attributes); none may crash
 * tdxboot, and any plan made from them must satisfy both judges: the
 * planner's contract (tests/plan/judge.c) and the emulated module's
 * TDH.SYS.CONFIG (tests/plan/emu_judge.c).
 *
 * Input: byte 0 picks the descriptor size (40, 48, 56 or 64 bytes) and
 * byte 1 the CMRs and module limits (see fuzz_input_shape); the rest is
 * the raw map.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/memmap.h"
#include "core/plan.h"
#include "tests/plan/emu_judge.h"
#include "tests/plan/judge.h"

#define FUZZ_DESC_CAP 256
#define FUZZ_CMR_CAP  32
#define FUZZ_PA_LIMIT (1ull << 52)

struct fuzz_memmap {
	struct memmap_desc desc[FUZZ_DESC_CAP];
	struct plan_mem mem[FUZZ_DESC_CAP];
	struct plan_range cmrs[FUZZ_CMR_CAP];
	struct memmap_summary sum;
	struct plan_output out;
};

/* The summary adds up to the descriptors it was given. */
static void check_summary(const struct memmap_desc *d, size_t n, const struct memmap_summary *s)
{
	uint32_t count = 0;

	for (size_t i = 0; i <= MEMMAP_TYPE_COUNT; i++)
		count += s->count[i];
	if (count != n || s->n_desc != n)
		abort();
	for (size_t i = 0; i < n; i++)
		if (memmap_is_os_ram(d[i].type, d[i].attr) &&
		    d[i].base + d[i].pages * MEMMAP_PAGE_SIZE > s->top_of_ram)
			abort();
}

static uint64_t fuzz_min(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/*
 * CMRs as a BIOS might report them: bits 0-1 of the shape byte pick the OS
 * RAM descriptors themselves, every descriptor whatever its type (so RAM
 * may fall outside or the CMRs cover MMIO), or one CMR over 1 MiB..4 PiB.
 * CMRs are physical memory: never above MAXPHYADDR (52 bits), whatever the
 * firmware's map claims (RAM up there is the planner's to refuse or drop).
 */
static size_t fuzz_cmrs(const struct fuzz_memmap *f, size_t n, uint8_t shape,
			struct plan_range *cmrs)
{
	size_t k = 0;

	if ((shape & 3) == 2) {
		cmrs[0] = (struct plan_range){ 1ull << 20, FUZZ_PA_LIMIT - (1ull << 20) };
		return 1;
	}
	for (size_t i = 0; i < n && k < FUZZ_CMR_CAP; i++) {
		if ((shape & 3) == 0 && !memmap_is_os_ram(f->desc[i].type, f->desc[i].attr))
			continue;
		if (f->desc[i].pages && f->desc[i].base < FUZZ_PA_LIMIT)
			cmrs[k++] = (struct plan_range){ f->desc[i].base,
							 fuzz_min(f->desc[i].pages * MEMMAP_PAGE_SIZE,
								  FUZZ_PA_LIMIT - f->desc[i].base) };
	}
	return k;
}

/* Shape bits 2-7 and byte 0 bit 2: the module's limits, the operator's policies. */
static void fuzz_input_shape(struct plan_input *in, uint8_t shape, uint8_t b0)
{
	static const uint32_t tdmrs[] = { 64, 1, 4, 16 };
	static const uint32_t rsvd[] = { 16, 1, 2, 4 };

	in->limits.max_tdmrs = tdmrs[(shape >> 2) & 3];
	in->limits.max_rsvd_per_tdmr = rsvd[(shape >> 4) & 3];
	in->limits.pamt_entry_size[0] = 16;
	in->limits.pamt_entry_size[1] = 16;
	in->limits.pamt_entry_size[2] = 16;
	in->limits.dpamt = shape & 0x40;
	in->limits.dpamt_bits_per_4k = 1;
	in->policy.noncmr = shape & 0x80 ? PLAN_NONCMR_EXCLUDE : PLAN_NONCMR_FAIL;
	in->policy.coalesce = b0 & 4;
}

static void judge_both(const struct plan_input *in, const struct plan_output *out)
{
	char why[512];

	if (!judge_plan_totals(in, out, why, sizeof(why))) {
		fprintf(stderr, "judge: %s\n", why);
		abort();
	}
	if (emu_judge_plan(in, out, why, sizeof(why)) == EMU_JUDGE_REJECT) {
		fprintf(stderr, "emulated TDH.SYS.CONFIG: %s\n", why);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fuzz_memmap f;
	struct plan_input in = { 0 };
	size_t n = 0, n_mem = 0;
	struct tb_err err;

	if (size < 2)
		return 0;
	tb_err_clear(&err);
	if (memmap_parse(data + 2, size - 2, 40 + 8 * (data[0] & 3), f.desc, FUZZ_DESC_CAP, &n,
			 &err) != TB_OK) {
		if (!err.msg[0] || n)
			abort();
		return 0;
	}
	memmap_summarize(f.desc, n, &f.sum);
	check_summary(f.desc, n, &f.sum);
	if (memmap_to_plan(f.desc, n, f.mem, FUZZ_DESC_CAP, &n_mem, &err) != TB_OK || n_mem != n)
		abort();
	in.mem = f.mem;
	in.n_mem = n_mem;
	in.cmrs = f.cmrs;
	in.n_cmrs = fuzz_cmrs(&f, n, data[1], f.cmrs);
	fuzz_input_shape(&in, data[1], data[0]);
	tb_err_clear(&err);
	if (plan_build(&in, &f.out, &err) != TB_OK) {
		if (!err.msg[0])
			abort(); /* a refusal must say why */
		return 0;
	}
	judge_both(&in, &f.out);
	return 0;
}
