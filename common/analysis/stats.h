/*
 * stats.h - summary statistics of a group of runs: median, mean, sample standard deviation,
 * min, max and the 95% confidence interval of the mean (Student's t).
 */
#ifndef BX_STATS_H
#define BX_STATS_H

#include <stddef.h>

#define STATS_NOISY_RATIO 1.5	/* a group whose max/min exceeds this is flagged as noisy */

struct stats_summary {
	size_t n;
	double median, mean, stddev, min, max;
	double ci95_low, ci95_high;	/* equal to the mean when n == 1: one sample has no spread */
};

/* Summarise values[0..n).  Returns 0, or -EINVAL when n == 0 (out untouched).  values is not
 * reordered. */
int stats_summarize(const double *values, size_t n, struct stats_summary *out);

/* Two-sided 95% Student t quantile for df degrees of freedom (df >= 1); for df between the
 * tabulated values it returns the next smaller df's quantile, which errs on the wide side. */
double stats_t95(size_t df);

/* The median of v[0..n), sorting v in place; 0 when n == 0. */
double stats_median_inplace(double *v, size_t n);

/* qsort comparison of two doubles, ascending. */
int stats_compare_doubles(const void *a, const void *b);

/* 1 when the group's max/min exceeds STATS_NOISY_RATIO (or min <= 0 < max), else 0. */
int stats_is_noisy(const struct stats_summary *s);

#endif
