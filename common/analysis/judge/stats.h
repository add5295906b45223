/*
 * stats.h - summary statistics of a group of runs: median, mean, sample standard deviation,
 * min, max and the median's distribution-free confidence interval (order statistics: never
 * below the smallest value, so never a negative time or throughput; a t interval of the mean
 * on 3-6 skewed values went below zero and covered 67-77% with host-hit runs).
 */
#ifndef BX_STATS_H
#define BX_STATS_H

#include <stddef.h>

#define STATS_NOISY_RATIO 1.5	/* a group whose max/min exceeds this is flagged as noisy */

struct stats_summary {
	size_t n;
	double median, mean, stddev, min, max;
	double median_ci_low, median_ci_high;	/* at least 95% from 6 values; [min, max] below */
	double median_ci_level;		/* its exact coverage, 1 - 2 P(B <= j - 1); 0 when n < 2 */
};

/* Summarise values[0..n).  Returns 0, or -EINVAL when n == 0 (out untouched).  values is not
 * reordered. */
int stats_summarize(const double *values, size_t n, struct stats_summary *out);

/* The median's interval as "[low, high]", with its level appended when below 95%
 * ("[low, high] 94%"), or "-" for fewer than 2 values; returns buf. */
const char *stats_format_median_ci(const struct stats_summary *s, char *buf, size_t len);

/* Two-sided 95% Student t quantile for df degrees of freedom (df >= 1); for df between the
 * tabulated values it returns the next smaller df's quantile, which errs on the wide side. */
double stats_t95(size_t df);

/* Sort v[0..n) ascending in place (introsort: never quadratic, whatever the values). */
void stats_sort(double *v, size_t n);

/* The median of v[0..n), sorting v in place; 0 when n == 0. */
double stats_median_inplace(double *v, size_t n);

/* A list of values that grows as runs are found: a quantity over all of a selection's runs,
 * however many (a fixed array would keep only the first ones, the earliest of a pooled file). */
struct stats_values {
	double *v;
	size_t n, cap;
};

/* Append x.  Returns 0, or -ENOMEM (the list as it was). */
int stats_values_push(struct stats_values *s, double x);

/* Free the list's memory and empty it. */
void stats_values_free(struct stats_values *s);

/* qsort comparison of two doubles, ascending. */
int stats_compare_doubles(const void *a, const void *b);

/* 1 when the group's max/min exceeds STATS_NOISY_RATIO (or min <= 0 < max), else 0. */
int stats_is_noisy(const struct stats_summary *s);

#endif
