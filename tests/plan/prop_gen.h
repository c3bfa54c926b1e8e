/* SPDX-License-Identifier: MIT */
/*
 * prop_gen: random but plausible machines for the planner's property tests
 * and benchmark: memory maps of mixed kinds (sometimes unaligned, unsorted
 * or overlapping), CMRs derived from the RAM (sometimes missing some),
 * NUMA ranges, module limits and policies.  Deterministic per seed.
 */
#ifndef TDXBOOT_TESTS_PLAN_PROP_GEN_H
#define TDXBOOT_TESTS_PLAN_PROP_GEN_H

#include <stdint.h>
#include <stdio.h>

#include "core/plan.h"

#define PROP_MEM_CAP  110000  /* the benchmark's 100 000-entry map */
#define PROP_CMR_CAP  64
#define PROP_NUMA_CAP 64

struct prop_machine {
	struct plan_mem mem[PROP_MEM_CAP];
	struct plan_range cmrs[PROP_CMR_CAP];
	struct plan_numa numa[PROP_NUMA_CAP];
	struct plan_input in;
};

struct prop_rng {
	uint64_t s;
};

uint64_t prop_rng_next(struct prop_rng *r);
/* Uniform in [0, n). */
uint64_t prop_rng_below(struct prop_rng *r, uint64_t n);

void prop_gen_machine(struct prop_machine *m, uint64_t seed);

/*
 * The machine made plain, as firmware maps usually are: entries sorted by
 * address without overlaps, RAM that is not wholly inside one CMR made
 * reserved, SRAT ranges sorted, disjoint, on 1 GiB boundaries and covering
 * all memory.  Most plain machines are planned by tests/plan/direct.c too.
 */
void prop_gen_plain(struct prop_machine *m);

/*
 * A large machine for the benchmark: sockets of DRAM up to total bytes,
 * fragmented into about n_entries map entries (firmware-busy pieces).
 */
void prop_gen_large(struct prop_machine *m, uint64_t seed, unsigned sockets,
		    uint64_t total, unsigned n_entries);

/* The machine as a platform log (efi=debug lines), to replay a failure
 * with tdxboot-plan; limits and policy as comments. */
void prop_gen_print(FILE *f, const struct prop_machine *m);

#endif
