/* SPDX-License-Identifier: MIT */
/* The executor of core/exec.h on the host: one thread per simulated LP. */
#ifndef TDXBOOT_TESTS_SUPPORT_EXEC_THREADS_H
#define TDXBOOT_TESTS_SUPPORT_EXEC_THREADS_H

#include "core/exec.h"

/* Fills ex->ops and ex->ctx; the caller sets n_lps, bsp, packages. */
void exec_threads_init(struct executor *ex);

#endif
