/* SPDX-License-Identifier: MIT */
/*
 * A simulated machine for host tests of the init sequence: the emulated
 * TDX module over a sparse simulated physical memory, one thread per LP as
 * the executor, and firmware-like memory services that refuse to reserve
 * anything but free RAM and remember every reservation.
 */
#ifndef TDXBOOT_TESTS_UNIT_INIT_HARNESS_H
#define TDXBOOT_TESTS_UNIT_INIT_HARNESS_H

#include "core/init.h"
#include "emu/backend.h"
#include "emu/emu.h"

#define HARNESS_MEM_MAX   8
#define HARNESS_RES_MAX   512
#define HARNESS_LOG_SIZE  (64 * 1024)

struct harness_reservation {
	uint64_t base, size;
	int live;
};

enum harness_loop { HARNESS_LOOP_MWAIT = 0, HARNESS_LOOP_HLT };

struct harness {
	struct emu_platform plat;
	struct emu emu;
	struct emu_memmap memmap;
	struct seam_backend be;
	struct executor ex;
	struct init_platform_ops ops;
	struct init_input in;
	struct init_ctx *ctx;

	/* The machine's memory map and NUMA affinity. */
	struct plan_mem mem[HARNESS_MEM_MAX];
	size_t n_mem;
	struct plan_numa numa[HARNESS_MEM_MAX];
	size_t n_numa;
	void *backing[HARNESS_MEM_MAX];
	uint64_t backing_size[HARNESS_MEM_MAX];

	/* Scratch allocator: a bump region inside firmware-owned RAM. */
	uint64_t scratch_base, scratch_size, scratch_used;

	struct harness_reservation res[HARNESS_RES_MAX];
	uint32_t n_res;
	uint32_t fail_reserve_at;   /* 1-based reserve call to fail, 0 = never */
	uint32_t reserve_calls;

	/*
	 * How MP Services parks the APs (EDK2 PcdCpuApLoopMode): HLT wakes
	 * them with INIT-SIPI-SIPI, which a CPU in VMX root operation ignores
	 * (SDM Vol. 3C 24.8), so a dispatch to such an AP times out; MWAIT
	 * wakes them with a store to the monitored line.
	 */
	enum harness_loop loop;
	/* Firmware misbehaviour (tests/unit/test_init_firmware.c). */
	uint32_t fail_exec_at;      /* 1-based executor call that times out, 0 = never */
	uint32_t stuck_lp;          /* the LP that does not finish it */
	bool one_off_fired;         /* it was an AP's, so it did time out */
	/* Persistent hang: from this executor call on (1-based, 0 = never),
	 * hang_lp never finishes a procedure again; it hangs inside a
	 * SEAMCALL, in VMX operation, where INIT cannot reach it. */
	uint32_t hang_from;
	uint32_t hang_lp;
	bool hung;
	uint32_t exec_calls;
	/* Invariant breaches the harness saw as they happened. */
	uint32_t vmx_at_dispatch;   /* a dispatch reached an AP in VMX operation */
	uint32_t dirty_release;     /* PAMT given back while an LP had dirty private lines */
	const struct exec_ops *threads_ops;
	bool refresh_map;           /* offer the memory_map op the sequence re-reads */
	/* Firmware allocations since h->mem was read: before the sequence
	 * re-reads the map (the fresh map shows them), and after. */
	struct plan_range taken_before_plan;
	struct plan_range taken_after_plan;
	struct plan_mem fresh[HARNESS_MEM_MAX + 1];

	char log[HARNESS_LOG_SIZE];
	size_t log_len;
	uint8_t *blob;
	uint64_t blob_size;
};

/*
 * A 2-node machine: node 0 RAM [1 MiB, 3 GiB) with 64 MiB of firmware
 * memory at its top, node 1 RAM [4 GiB, 8 GiB); CMRs derived from it;
 * pkgs x lps_per_pkg LPs; the default 1.5 module preloaded unless
 * preload is false.
 */
struct harness *harness_new(uint32_t pkgs, uint32_t lps_per_pkg, bool preload);
void harness_free(struct harness *h);

/* Attaches a TDX-BLOB built by the emulator's blob builder. */
void harness_add_blob(struct harness *h, bool bad_checksum, bool bad_hash);
/* The same with the module of an emulator profile (NULL: the default). */
void harness_add_blob_profile(struct harness *h, const struct emu_profile *prof,
			      bool bad_checksum, bool bad_hash);
/* As if the BIOS had loaded a module of that profile (harness_new(.., false)). */
void harness_preload_profile(struct harness *h, const struct emu_profile *prof);
/* A machine with a module of that profile: installed from its TDX-BLOB,
 * or preloaded for 1.0, which P-SEAMLDR does not load. */
struct harness *harness_new_profile(uint32_t pkgs, uint32_t lps_per_pkg,
				    const struct emu_profile *prof);
/* Whether a clean run on that profile ended as it must: SYS_READY with
 * PAMTs, or for 1.0 the refusal before CONFIG (docs/initializer.md);
 * describes the difference in why. */
bool harness_profile_outcome_ok(struct harness *h, const struct emu_profile *prof,
				tb_status st, char *why, size_t n);

tb_status harness_run(struct harness *h);

/* Executor calls (run_all and run_on) made so far. */
uint32_t harness_exec_calls(const struct harness *h);

/* Bytes still reserved; bytes of PAMT memory still holding module data. */
uint64_t harness_reserved_bytes(const struct harness *h);
uint64_t harness_private_pamt_lines(struct harness *h);
/* Any LP still in VMX operation according to the emulator (a hung LP,
 * which no dispatch can reach, excepted). */
bool harness_vmx_left_on(const struct harness *h);

/*
 * The invariants of any run, whatever failed (issue 12): no dispatch
 * reached an AP in VMX operation, no LP but a hung one is left in VMX, no
 * PAMT byte went back while an LP could hold dirty private lines, and the
 * record matches the outcome: success with every PAMT reserved; rolled
 * back with nothing reserved and no module data left in PAMT; quarantined
 * with every PAMT still reserved, the plan published, a reason, and the
 * unconfirmed LPs flagged (the hung one among them).  NULL when all hold.
 */
const char *harness_invariant_problem(struct harness *h, char *buf, size_t n);

/*
 * What a failed run must leave behind: outcome rolled back, no plan
 * published, no byte still reserved, no PAMT line holding module data.
 * NULL when all hold, else the first that does not, in buf.
 */
const char *harness_rollback_problem(struct harness *h, char *buf, size_t n);

#endif
