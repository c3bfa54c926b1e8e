/* SPDX-License-Identifier: MIT */
/*
 * The executor: runs a function on every logical processor, or on one.
 * In the EFI application it is MP Services (boot/exec_mp.c); on the host it
 * is one thread per simulated LP (tests).
 *
 * A function run through the executor receives its LP index (0..n_lps-1, in
 * the firmware's processor numbering) and must touch only that LP's slot of
 * whatever array it is given: APs cannot take locks the BSP holds, print,
 * or call boot services.
 */
#ifndef TDXBOOT_CORE_EXEC_H
#define TDXBOOT_CORE_EXEC_H

#include <stdint.h>

#include "core/status.h"

/* An 8-socket Granite Rapids: 8 x 128 cores x 2 threads (issue 12 §7). */
#define EXEC_MAX_LPS 2048

typedef void (*exec_fn)(void *arg, uint32_t lp);

struct exec_ops {
	/* fn on every LP concurrently (the BSP included); returns when all
	 * finished, or TB_ETIMEOUT naming the LPs that did not. */
	tb_status (*run_all)(void *ctx, exec_fn fn, void *arg, struct tb_err *err);
	/* fn on one LP; returns when it finished. */
	tb_status (*run_on)(void *ctx, uint32_t lp, exec_fn fn, void *arg,
			    struct tb_err *err);
};

struct executor {
	const struct exec_ops *ops;
	void *ctx;
	uint32_t n_lps;
	uint32_t bsp;                      /* the LP the sequence runs on */
	uint32_t n_pkgs;
	uint32_t pkg_of[EXEC_MAX_LPS];     /* package index (0..n_pkgs-1) per LP */
	uint32_t apic_id[EXEC_MAX_LPS];    /* for messages */
};

#endif
