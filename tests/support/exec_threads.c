/* SPDX-License-Identifier: MIT */
#include "tests/support/exec_threads.h"

#include <pthread.h>
#include <stdlib.h>

struct thread_job {
	exec_fn fn;
	void *arg;
	uint32_t lp;
};

static void *thread_main(void *p)
{
	struct thread_job *j = p;

	j->fn(j->arg, j->lp);
	return NULL;
}

static tb_status threads_run_all(void *ctx, exec_fn fn, void *arg, struct tb_err *err)
{
	struct executor *ex = ctx;
	pthread_t *t = calloc(ex->n_lps, sizeof(*t));
	struct thread_job *jobs = calloc(ex->n_lps, sizeof(*jobs));
	uint32_t started = 0;

	for (; t && jobs && started < ex->n_lps; started++) {
		jobs[started] = (struct thread_job){ fn, arg, started };
		if (pthread_create(&t[started], NULL, thread_main, &jobs[started]) != 0)
			break;
	}
	for (uint32_t i = 0; i < started; i++)
		pthread_join(t[i], NULL);
	free(t);
	free(jobs);
	if (started != ex->n_lps) {
		tb_err_set(err, "could not start a thread for every LP (%u of %u)", started, ex->n_lps);
		return TB_EIO;
	}
	return TB_OK;
}

static tb_status threads_run_on(void *ctx, uint32_t lp, exec_fn fn, void *arg,
				struct tb_err *err)
{
	struct thread_job j = { fn, arg, lp };
	pthread_t t;

	if (pthread_create(&t, NULL, thread_main, &j) != 0) {
		tb_err_set(err, "pthread_create failed");
		return TB_EIO;
	}
	pthread_join(t, NULL);
	return TB_OK;
}

static const struct exec_ops exec_threads_ops = { threads_run_all, threads_run_on };

void exec_threads_init(struct executor *ex)
{
	ex->ops = &exec_threads_ops;
	ex->ctx = ex;
}
