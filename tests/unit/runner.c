/* SPDX-License-Identifier: MIT */
/*
 * Runs every registered TEST, or those whose name contains argv[1] and, when
 * argv[2] is given, not argv[2].
 * Prints one "ok"/"FAIL" line a test and closes with "N passed, N failed",
 * the line CI reads.  Exit status 0 only when nothing failed and at least
 * one test ran.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tests/unit/test.h"

struct test_entry {
	const char *name;
	test_fn fn;
	const char *file;
};

static struct test_entry *tests;
static size_t n_tests, cap_tests;
static int current_failed;
jmp_buf test_abort_jmp;

void test_register(const char *name, test_fn fn, const char *file)
{
	if (n_tests == cap_tests) {
		cap_tests = cap_tests ? cap_tests * 2 : 256;
		tests = realloc(tests, cap_tests * sizeof(*tests));
		if (!tests) {
			perror("test_register");
			exit(2);
		}
	}
	tests[n_tests++] = (struct test_entry){ name, fn, file };
}

void test_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	current_failed = 1;
	fprintf(stdout, "    %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
}

static int by_file_then_name(const void *a, const void *b)
{
	const struct test_entry *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	return c ? c : strcmp(x->name, y->name);
}

int main(int argc, char **argv)
{
	const char *filter = argc > 1 ? argv[1] : NULL;
	const char *skip = argc > 2 ? argv[2] : NULL;   /* names containing it are left out */
	unsigned passed = 0, failed = 0;

	qsort(tests, n_tests, sizeof(*tests), by_file_then_name);
	for (size_t i = 0; i < n_tests; i++) {
		struct timespec t0, t1;

		if ((filter && !strstr(tests[i].name, filter)) ||
		    (skip && strstr(tests[i].name, skip)))
			continue;
		current_failed = 0;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (!setjmp(test_abort_jmp))
			tests[i].fn();
		clock_gettime(CLOCK_MONOTONIC, &t1);
		double ms = (t1.tv_sec - t0.tv_sec) * 1e3 +
			    (t1.tv_nsec - t0.tv_nsec) / 1e6;
		printf("%s - %s (%.1f ms)\n", current_failed ? "FAIL" : "ok",
		       tests[i].name, ms);
		fflush(stdout);
		if (current_failed)
			failed++;
		else
			passed++;
	}
	printf("%u passed, %u failed\n", passed, failed);
	return (failed || passed == 0) ? 1 : 0;
}
