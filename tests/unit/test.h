/* SPDX-License-Identifier: MIT */
/*
 * tdxboot's host unit-test framework.
 *
 *   TEST(fmt_hex_padding) {
 *           CHECK_STR_EQ(buf, "0x00ff");
 *           CHECK_U64_EQ(pamt_size(...), 0x4000);
 *   }
 *
 * Tests register themselves at load time; tests/unit/runner.c runs them all
 * (or those whose name contains argv[1]) and ends with the line
 * "N passed, N failed".  A CHECK failure marks the test failed and goes on;
 * REQUIRE stops the test.  Every test file is linked into one binary,
 * build/host/unit-tests, together with core/, emu/ and lib/, built with
 * AddressSanitizer and UndefinedBehaviorSanitizer.
 */
#ifndef TDXBOOT_TESTS_UNIT_TEST_H
#define TDXBOOT_TESTS_UNIT_TEST_H

#include <setjmp.h>
#include <stdint.h>
#include <string.h>

typedef void (*test_fn)(void);

void test_register(const char *name, test_fn fn, const char *file);
void test_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
extern jmp_buf test_abort_jmp;

#define TEST(name)                                                        \
	static void test_##name(void);                                    \
	__attribute__((constructor)) static void test_reg_##name(void)    \
	{                                                                 \
		test_register(#name, test_##name, __FILE__);              \
	}                                                                 \
	static void test_##name(void)

#define CHECK(cond)                                                       \
	do {                                                              \
		if (!(cond))                                              \
			test_fail(__FILE__, __LINE__, "CHECK(%s)", #cond); \
	} while (0)

#define REQUIRE(cond)                                                     \
	do {                                                              \
		if (!(cond)) {                                            \
			test_fail(__FILE__, __LINE__, "REQUIRE(%s)", #cond); \
			longjmp(test_abort_jmp, 1);                       \
		}                                                         \
	} while (0)

#define CHECK_U64_EQ(a, b)                                                \
	do {                                                              \
		uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b);          \
		if (a_ != b_)                                             \
			test_fail(__FILE__, __LINE__,                     \
				  "%s == %s: 0x%llx != 0x%llx", #a, #b,   \
				  (unsigned long long)a_,                 \
				  (unsigned long long)b_);                \
	} while (0)

#define CHECK_INT_EQ(a, b)                                                \
	do {                                                              \
		long long a_ = (long long)(a), b_ = (long long)(b);       \
		if (a_ != b_)                                             \
			test_fail(__FILE__, __LINE__, "%s == %s: %lld != %lld", \
				  #a, #b, a_, b_);                        \
	} while (0)

#define CHECK_STR_EQ(a, b)                                                \
	do {                                                              \
		const char *a_ = (a), *b_ = (b);                          \
		if (!a_ || !b_ || strcmp(a_, b_) != 0)                    \
			test_fail(__FILE__, __LINE__,                     \
				  "%s == %s: \"%s\" != \"%s\"", #a, #b,   \
				  a_ ? a_ : "(null)", b_ ? b_ : "(null)"); \
	} while (0)

/* The haystack contains the needle: for operator messages. */
#define CHECK_STR_CONTAINS(hay, needle)                                   \
	do {                                                              \
		const char *h_ = (hay), *n_ = (needle);                   \
		if (!h_ || !n_ || !strstr(h_, n_))                        \
			test_fail(__FILE__, __LINE__,                     \
				  "\"%s\" does not contain \"%s\"",       \
				  h_ ? h_ : "(null)", n_ ? n_ : "(null)"); \
	} while (0)

#endif
