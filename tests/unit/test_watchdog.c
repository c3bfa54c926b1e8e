/* SPDX-License-Identifier: MIT */
#include "core/watchdog.h"
#include "tests/unit/test.h"

TEST(watchdog_budget_small_machine)
{
	/* 4 CPUs, 2 GB, 5 s AP timeout: 512 calls; 60 + 0.4 + 80 + 0.512 s. */
	struct watchdog_work w = { 4, 2ull << 30, 5000 };
	struct watchdog_budget b;

	watchdog_budget_compute(&w, &b);
	CHECK_U64_EQ(b.tdmr_init_calls, 512);
	CHECK_U64_EQ(b.seconds, 141);
}

TEST(watchdog_budget_grows_with_the_work)
{
	/* 2048 CPUs, 4 TB (1M calls), 5 s: 60 + 204.8 + 80 + 1048.576 s. */
	struct watchdog_work w = { 2048, 4ull << 40, 5000 };
	struct watchdog_budget b;

	watchdog_budget_compute(&w, &b);
	CHECK_U64_EQ(b.tdmr_init_calls, 1048576);
	CHECK_U64_EQ(b.seconds, 1394);
	/* Memory that is not a whole GB is covered by a whole-GB TDMR. */
	w = (struct watchdog_work){ 1, (1ull << 30) + 4096, 10 };
	watchdog_budget_compute(&w, &b);
	CHECK_U64_EQ(b.tdmr_init_calls, 512);
	CHECK_U64_EQ(b.seconds, 61);
}

TEST(watchdog_budget_capped)
{
	struct watchdog_work w = { 2048, 1ull << 52, 600000 };
	struct watchdog_budget b;

	watchdog_budget_compute(&w, &b);
	CHECK_U64_EQ(b.seconds, 86400);
}
