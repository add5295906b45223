/*
 * test_stats.c - summary statistics against hand-computed values.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/judge/stats.h"
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
	/* Three values: the median's interval is [min, max] at 1 - 2/8 = 75%. */
	CU_ASSERT_DOUBLE_EQUAL(s.median_ci_low, 1, EPS);
	CU_ASSERT_DOUBLE_EQUAL(s.median_ci_high, 3, EPS);
	CU_ASSERT_DOUBLE_EQUAL(s.median_ci_level, 0.75, 1e-12);
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
	CU_ASSERT_DOUBLE_EQUAL(s.median_ci_level, 1 - 2.0 / 16, 1e-12);
}

static void test_median_interval(void)
{
	/* 10 values: P(B <= 1) = 11/1024 <= 2.5% < P(B <= 2) = 56/1024, so the 2nd smallest and
	 * the 2nd largest, at 1 - 22/1024.  Skewed, host-hit values never take it below zero. */
	const double v[] = { 0.1, 0.2, 0.3, 0.3, 0.4, 0.4, 0.5, 0.6, 3.0, 9.0 };
	struct stats_summary s;
	stats_summarize(v, 10, &s);
	CU_ASSERT_DOUBLE_EQUAL(s.median_ci_low, 0.2, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(s.median_ci_high, 3.0, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(s.median_ci_level, 1 - 22.0 / 1024, 1e-12);
	CU_ASSERT_TRUE(s.mean - 2.26 * s.stddev / sqrt(10) < 0);	/* where the t interval went */
	char buf[64];
	CU_ASSERT_STRING_EQUAL(stats_format_median_ci(&s, buf, sizeof(buf)), "[0.200, 3.000]");
	const double five[] = { 1, 2, 3, 4, 5 };
	stats_summarize(five, 5, &s);	/* no 95% interval from 5: [min, max] at 93.75% */
	CU_ASSERT_STRING_EQUAL(stats_format_median_ci(&s, buf, sizeof(buf)), "[1.000, 5.000] 94%");
	stats_summarize(five, 1, &s);
	CU_ASSERT_STRING_EQUAL(stats_format_median_ci(&s, buf, sizeof(buf)), "-");
}

static void test_one_sample(void)
{
	const double v[] = { 5.5 };
	struct stats_summary s;
	CU_ASSERT_EQUAL(stats_summarize(v, 1, &s), 0);
	CU_ASSERT_DOUBLE_EQUAL(s.median, 5.5, EPS);
	CU_ASSERT_DOUBLE_EQUAL(s.stddev, 0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(s.median_ci_low, 5.5, EPS);
	CU_ASSERT_DOUBLE_EQUAL(s.median_ci_level, 0, 0);	/* one value: no interval */
}

static void test_identical_samples(void)
{
	const double v[] = { 2, 2, 2, 2, 2 };
	struct stats_summary s;
	CU_ASSERT_EQUAL(stats_summarize(v, 5, &s), 0);
	CU_ASSERT_DOUBLE_EQUAL(s.stddev, 0, EPS);
	CU_ASSERT_DOUBLE_EQUAL(s.median_ci_low, 2, EPS);
	CU_ASSERT_DOUBLE_EQUAL(s.median_ci_high, 2, EPS);
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

/* A group of thousands of runs (a pooled file) gets the median's interval of its size, not
 * every run's range: for 1..5000 the ranks n/2 -+ 1.96 sqrt(n)/2 are 2431 and 2570, and the
 * level stays at 95% on both sides of the 1024-run switch to logarithms. */
static void test_median_interval_of_thousands(void)
{
	static double v[5000];
	for (int i = 0; i < 5000; i++)
		v[i] = 5000 - i;	/* any order */
	struct stats_summary s;
	CU_ASSERT_EQUAL_FATAL(stats_summarize(v, 5000, &s), 0);
	CU_ASSERT_DOUBLE_EQUAL(s.median_ci_low, 2431, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(s.median_ci_high, 2570, 1e-9);
	CU_ASSERT(s.median_ci_level >= 0.95 && s.median_ci_level < 0.952);
	for (size_t n = 1020; n <= 1030; n++) {
		for (size_t i = 0; i < n; i++)
			v[i] = (double)i;
		CU_ASSERT_EQUAL_FATAL(stats_summarize(v, n, &s), 0);
		CU_ASSERT(s.median_ci_level >= 0.95 && s.median_ci_level < 0.96);
		CU_ASSERT(s.median_ci_low > (double)n / 2 - 40 && s.median_ci_high < (double)n / 2 + 40);
	}
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* stats_sort orders as qsort does, on the inputs that break naive quicksorts: sorted,
 * reversed, all equal, few values, organ pipe, and a pseudo-random mix. */
static void test_sort_matches_qsort(void)
{
	enum { N = 3001 };
	static double a[N], b[N];
	uint64_t x = 88172645463325252ull;
	for (int kind = 0; kind < 6; kind++)
		for (size_t n = 0; n <= N; n += n < 40 ? 1 : 997) {
			for (size_t i = 0; i < n; i++) {
				x ^= x << 13, x ^= x >> 7, x ^= x << 17;
				a[i] = kind == 0 ? (double)i : kind == 1 ? (double)(n - i) : kind == 2 ? 7 :
				       kind == 3 ? (double)(x % 3) : kind == 4 ? (double)(i < n / 2 ? i : n - i) :
				       (double)(x % 100000) / 7;
			}
			memcpy(b, a, n * sizeof(*a));
			stats_sort(a, n);
			qsort(b, n, sizeof(*b), by_value);
			CU_ASSERT(memcmp(a, b, n * sizeof(*a)) == 0);
		}
}

int register_stats_suite(void)
{
	static const struct test_case cases[] = {
		{ "median_interval", test_median_interval },
		{ "odd_count", test_odd_count },
		{ "even_count", test_even_count },
		{ "one_sample", test_one_sample },
		{ "identical_samples", test_identical_samples },
		{ "empty_and_noisy", test_empty_and_noisy },
		{ "t_table", test_t_table },
		{ "median_interval_of_thousands", test_median_interval_of_thousands },
		{ "sort_matches_qsort", test_sort_matches_qsort },
	};
	return TS_ADD_SUITE("stats", cases);
}
