/*
 * test_verdict.c - the comparison statistics on data with known answers: the Mann-Whitney k
 * against published critical values, an exact ratio, the words each interval allows, and the
 * coverage of the interval over many simulated experiments with a known true ratio (a fixed
 * seed: the same numbers every run), and a side of thousands judged on runs from all of it.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>

#include "analysis/judge/verdict.h"
#include "test_support.h"

static void test_mann_whitney_k(void)
{
	/* Two-sided 5% critical values of U (tables, e.g. Siegel & Castellan): k = U_crit + 1. */
	CU_ASSERT_EQUAL(verdict_mann_whitney_k(5, 5), 3);
	CU_ASSERT_EQUAL(verdict_mann_whitney_k(10, 10), 24);
	CU_ASSERT_EQUAL(verdict_mann_whitney_k(20, 20), 128);
	CU_ASSERT_EQUAL(verdict_mann_whitney_k(5, 8), 7);
	CU_ASSERT_EQUAL(verdict_mann_whitney_k(3, 3), 0);	/* too few for any 95% interval */
	CU_ASSERT_EQUAL(verdict_mann_whitney_k(4, 4), 1);
	/* Past the exact range the normal approximation goes on smoothly. */
	size_t k60 = verdict_mann_whitney_k(60, 60), k61 = verdict_mann_whitney_k(61, 61);
	CU_ASSERT_TRUE(k61 > k60 && k61 < k60 + 70);
	/* Other levels (compare --fail-on judges several together): two-sided 1% critical values
	 * of U, k = U_crit + 1; 5 a side cannot reach 1 - 0.05 / 9 (P(U = 0) = 1/252 = 0.00397),
	 * 6 can (2/924 for U <= 1); the default tail is the 95% one; past the exact range a narrower tail
	 * gives a smaller k. */
	CU_ASSERT_EQUAL(verdict_mann_whitney_k_at(10, 10, 0.005), 17);
	CU_ASSERT_EQUAL(verdict_mann_whitney_k_at(5, 5, 0.025), verdict_mann_whitney_k(5, 5));
	CU_ASSERT_EQUAL(verdict_mann_whitney_k_at(5, 5, 0.025 / 9), 0);
	CU_ASSERT_EQUAL(verdict_mann_whitney_k_at(6, 6, 0.025 / 9), 2);	/* P(U <= 1) = 2/924 */
	CU_ASSERT_TRUE(verdict_mann_whitney_k_at(60, 60, 0.025 / 9) < k60);
	CU_ASSERT_TRUE(verdict_mann_whitney_k_at(60, 60, 0.025 / 9) > 0);
}

static void test_known_ratio(void)
{
	const double b[] = { 1.0, 1.3, 0.9, 1.1, 1.2 };
	const double a[] = { 2.4, 2.0, 2.6, 1.8, 2.2 };	/* b x 2, shuffled */
	struct ratio_ci r;
	CU_ASSERT_EQUAL(verdict_ratio(a, 5, b, 5, &r), 0);
	CU_ASSERT_TRUE(r.valid);
	CU_ASSERT_DOUBLE_EQUAL(r.median_ratio, 2.0, 1e-12);
	CU_ASSERT_TRUE(r.low <= 2.0 && r.high >= 2.0 && r.low < r.high);
	CU_ASSERT_EQUAL(verdict_direction(&r, VERDICT_NOISE), 1);
	CU_ASSERT_STRING_EQUAL(verdict_word(1, 0), "costlier");
	CU_ASSERT_STRING_EQUAL(verdict_word(-1, 1), "faster");
	/* The other way round is the reciprocal. */
	struct ratio_ci inv;
	verdict_ratio(b, 5, a, 5, &inv);
	CU_ASSERT_DOUBLE_EQUAL(inv.estimate * r.estimate, 1, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(inv.low * r.high, 1, 1e-12);
	CU_ASSERT_EQUAL(verdict_direction(&inv, VERDICT_NOISE), -1);
	/* Targets: a/b is about 2, so "at least 1.5" is met and "at least 3" missed. */
	CU_ASSERT_EQUAL(verdict_target(&r, 1.5), 1);
	CU_ASSERT_EQUAL(verdict_target(&r, 3.0), -1);
	CU_ASSERT_STRING_EQUAL(verdict_target_word(0), "undecided");
}

static void test_no_clear_difference(void)
{
	const double a[] = { 1.00, 1.10, 0.95, 1.20, 1.05 };
	const double b[] = { 1.02, 1.15, 0.97, 1.08, 1.01 };
	struct ratio_ci r;
	verdict_ratio(a, 5, b, 5, &r);
	CU_ASSERT_TRUE(r.valid && r.low < 1 && r.high > 1);
	CU_ASSERT_EQUAL(verdict_direction(&r, VERDICT_NOISE), 0);
	CU_ASSERT_STRING_EQUAL(verdict_word(0, 0), "no clear difference");
	CU_ASSERT_EQUAL(verdict_target(&r, 1.0), 0);	/* straddles it: undecided */
	/* One host-hit run, 5x slow, moves neither the estimate nor the word. */
	const double hit[] = { 1.00, 1.10, 0.95, 1.20, 5.25 };
	struct ratio_ci h;
	verdict_ratio(hit, 5, b, 5, &h);
	CU_ASSERT_EQUAL(verdict_direction(&h, VERDICT_NOISE), 0);
	CU_ASSERT_TRUE(h.estimate < 1.1);
	/* Too few runs: no interval, so nothing is decided. */
	struct ratio_ci few;
	CU_ASSERT_EQUAL(verdict_ratio(a, 3, b, 3, &few), 0);
	CU_ASSERT_FALSE(few.valid);
	CU_ASSERT_EQUAL(verdict_direction(&few, VERDICT_NOISE), 0);
	const double bad[] = { 1.0, 0.0 };
	CU_ASSERT_EQUAL(verdict_ratio(bad, 2, b, 5, &few), -EINVAL);
}

/* A tiny deterministic generator: the same simulated experiments on every run. */
static double uniform(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return ((double)(*s >> 11) + 0.5) / 9007199254740992.0;
}

static double lognormal_noise(uint64_t *s)
{
	double u1 = uniform(s), u2 = uniform(s);
	return exp(0.4 * sqrt(-2 * log(u1)) * cos(2 * M_PI * u2));	/* sigma 0.4: +-50% */
}

static void test_coverage(void)
{
	/* 2000 experiments of 5 runs against 5, true ratio 1.5: the interval must hold 1.5 about
	 * 96.8% of the time (the exact level for k = 3 of 25).  The seed fixes the answer. */
	uint64_t s = 0x2014c0ffeeULL;
	int covered = 0, decided_wrong = 0, trials = 2000;
	for (int t = 0; t < trials; t++) {
		double a[5], b[5];
		for (int i = 0; i < 5; i++) {
			a[i] = 1.5 * lognormal_noise(&s);
			b[i] = lognormal_noise(&s);
		}
		struct ratio_ci r;
		verdict_ratio(a, 5, b, 5, &r);
		covered += r.low <= 1.5 && 1.5 <= r.high;
		decided_wrong += verdict_direction(&r, VERDICT_NOISE) < 0;
	}
	double coverage = (double)covered / trials;
	CU_ASSERT_TRUE(coverage > 0.95 && coverage < 0.985);
	CU_ASSERT_TRUE(decided_wrong <= trials / 100);	/* "cheaper" when it is 1.5x costlier */
	if (!(coverage > 0.95 && coverage < 0.985))
		fprintf(stderr, "\n  coverage %.3f\n", coverage);
}

static void test_band_is_symmetric(void)
{
	/* One band on the log scale: an interval and its reciprocal get mirrored words, and an
	 * interval just outside the band on either side decides while one touching it does not. */
	const double lows[] = { 1.007, 1.019, 1.0201, 1.0202, 0.95, 0.9802, 0.9804 };
	for (size_t i = 0; i < sizeof(lows) / sizeof(lows[0]); i++) {
		struct ratio_ci r = { .valid = 1, .low = lows[i], .high = lows[i] + 0.006 };
		struct ratio_ci inv = { .valid = 1, .low = 1 / r.high, .high = 1 / r.low };
		CU_ASSERT_EQUAL(verdict_direction(&r, VERDICT_NOISE),
				-verdict_direction(&inv, VERDICT_NOISE));
	}
	struct ratio_ci in = { .valid = 1, .low = 1.007, .high = 1.013 };	/* inside the band */
	CU_ASSERT_EQUAL(verdict_direction(&in, VERDICT_NOISE), 0);
	struct ratio_ci above = { .valid = 1, .low = 1.0202, .high = 1.03 };
	CU_ASSERT_EQUAL(verdict_direction(&above, VERDICT_NOISE), 1);
	struct ratio_ci at = { .valid = 1, .low = 1.02, .high = 1.03 };	/* exactly at it */
	CU_ASSERT_EQUAL(verdict_direction(&at, VERDICT_NOISE), 0);
	struct ratio_ci below = { .valid = 1, .low = 0.97, .high = 0.9802 };	/* < 1/1.02 */
	CU_ASSERT_EQUAL(verdict_direction(&below, VERDICT_NOISE), -1);
	struct ratio_ci near = { .valid = 1, .low = 0.97, .high = 0.9805 };	/* > 1/1.02 */
	CU_ASSERT_EQUAL(verdict_direction(&near, VERDICT_NOISE), 0);
}

/* A side of more than VERDICT_MAX_SAMPLES runs is judged on runs from all of it: 4000 runs
 * whose first 1000 are as fast as b and whose last 3000 are twice as fast give a ratio of 2
 * (the first 1000 alone would give 1); the counts and median_ratio are over every run. */
static void test_large_side_spread(void)
{
	enum { N = 4000 };
	static double a[N], b[N];
	for (size_t i = 0; i < N; i++) {
		double jitter = 1 + 0.001 * (double)(i % 7);
		a[i] = (i < 1000 ? 1.0 : 2.0) * jitter;
		b[i] = jitter;
	}
	struct ratio_ci r;
	CU_ASSERT_EQUAL_FATAL(verdict_ratio(a, N, b, N, &r), 0);
	CU_ASSERT_EQUAL(r.na, N);
	CU_ASSERT_EQUAL(r.nb, N);
	CU_ASSERT_TRUE(r.valid);
	CU_ASSERT_DOUBLE_EQUAL(r.estimate, 2.0, 0.02);
	CU_ASSERT_DOUBLE_EQUAL(r.median_ratio, 2.0, 0.02);
	CU_ASSERT_TRUE(r.low > 1.9 && r.high < 2.1);
	CU_ASSERT_EQUAL(verdict_direction(&r, VERDICT_NOISE), 1);
	/* and a side of exactly the cap is every value: the same answer as before thinning */
	struct ratio_ci c;
	CU_ASSERT_EQUAL_FATAL(verdict_ratio(a, VERDICT_MAX_SAMPLES, b, VERDICT_MAX_SAMPLES, &c), 0);
	CU_ASSERT_DOUBLE_EQUAL(c.estimate, 1.0, 0.01);
}

int register_verdict_suite(void)
{
	static const struct test_case cases[] = {
		{ "mann_whitney_k", test_mann_whitney_k },
		{ "known_ratio", test_known_ratio },
		{ "no_clear_difference", test_no_clear_difference },
		{ "coverage", test_coverage },
		{ "band_is_symmetric", test_band_is_symmetric },
		{ "large_side_spread", test_large_side_spread },
	};
	return TS_ADD_SUITE("verdict", cases);
}
