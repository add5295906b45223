/*
 * test_stats.c - summary statistics against hand-computed values.
 */
#include <math.h>

#include "stats.h"
#include "test_support.h"

#define EPS 1e-3

static void test_odd_count(void)
{
	const double v[] = { 3, 1, 2 };
	struct stats_summary s;
	CU_ASSERT_EQUAL(stats_summarize(v, 3, &s), 0);
	CU_ASSERT_EQUAL(s.n, 3);
	CU_ASSERT_DOUBLE_EQUAL(s.median, 2, EPS);
	CU_ASSERT_DOUBLE_EQUAL(s.mean, 2, EPS);
	CU_ASSERT_DOUBLE_EQUAL(s.stddev, 1, EPS);
	CU_ASSERT_DOUBLE_EQUAL(s.min, 1, EPS);
	CU_ASSERT_DOUBLE_EQUAL(s.max, 3, EPS);
	/* t(0.975, 2) = 4.303; half width 4.303 * 1 / sqrt(3) = 2.4843 */
	CU_ASSERT_DOUBLE_EQUAL(s.ci95_low, 2 - 2.4843, EPS);
	CU_ASSERT_DOUBLE_EQUAL(s.ci95_high, 2 + 2.4843, EPS);
	CU_ASSERT_DOUBLE_EQUAL(v[0], 3, 0);	/* input not reordered */
}

static void test_even_count(void)
{
	const double v[] = { 4, 1, 3, 2 };
	struct stats_summary s;
	CU_ASSERT_EQUAL(stats_summarize(v, 4, &s), 0);
	CU_ASSERT_DOUBLE_EQUAL(s.median, 2.5, EPS);
	CU_ASSERT_DOUBLE_EQUAL(s.mean, 2.5, EPS);
	CU_ASSERT_DOUBLE_EQUAL(s.stddev, 1.29099, EPS);	/* sqrt(5/3) */
	/* t(0.975, 3) = 3.182; half width 3.182 * 1.29099 / 2 = 2.05397 */
	CU_ASSERT_DOUBLE_EQUAL(s.ci95_high - s.mean, 2.05397, EPS);
}

static void test_one_sample(void)
{
	const double v[] = { 5.5 };
	struct stats_summary s;
	CU_ASSERT_EQUAL(stats_summarize(v, 1, &s), 0);
	CU_ASSERT_DOUBLE_EQUAL(s.median, 5.5, EPS);
	CU_ASSERT_DOUBLE_EQUAL(s.stddev, 0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(s.ci95_low, 5.5, EPS);
	CU_ASSERT_DOUBLE_EQUAL(s.ci95_high, 5.5, EPS);
}

static void test_identical_samples(void)
{
	const double v[] = { 2, 2, 2, 2, 2 };
	struct stats_summary s;
	CU_ASSERT_EQUAL(stats_summarize(v, 5, &s), 0);
	CU_ASSERT_DOUBLE_EQUAL(s.stddev, 0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(s.ci95_low, 2, EPS);
	CU_ASSERT_DOUBLE_EQUAL(s.ci95_high, 2, EPS);
	CU_ASSERT_FALSE(stats_is_noisy(&s));
}

static void test_empty_and_noisy(void)
{
	struct stats_summary s = { 0 };
	CU_ASSERT_NOT_EQUAL(stats_summarize(NULL, 0, &s), 0);
	const double calm[] = { 1.0, 1.4 }, noisy[] = { 1.0, 1.6 };
	stats_summarize(calm, 2, &s);
	CU_ASSERT_FALSE(stats_is_noisy(&s));
	stats_summarize(noisy, 2, &s);
	CU_ASSERT_TRUE(stats_is_noisy(&s));
}

static void test_t_table(void)
{
	CU_ASSERT_DOUBLE_EQUAL(stats_t95(1), 12.706, EPS);
	CU_ASSERT_DOUBLE_EQUAL(stats_t95(4), 2.776, EPS);
	CU_ASSERT_DOUBLE_EQUAL(stats_t95(30), 2.042, EPS);
	CU_ASSERT_DOUBLE_EQUAL(stats_t95(35), 2.042, EPS);	/* wide side between entries */
	CU_ASSERT_DOUBLE_EQUAL(stats_t95(100), 2.000, EPS);
	CU_ASSERT_DOUBLE_EQUAL(stats_t95(1000), 1.980, EPS);
	CU_ASSERT_TRUE(isnan(stats_t95(0)));
}

int register_stats_suite(void)
{
	static const struct test_case cases[] = {
		{ "odd_count", test_odd_count },
		{ "even_count", test_even_count },
		{ "one_sample", test_one_sample },
		{ "identical_samples", test_identical_samples },
		{ "empty_and_noisy", test_empty_and_noisy },
		{ "t_table", test_t_table },
	};
	return TS_ADD_SUITE("stats", cases);
}
