/*
 * stats.c - summary statistics (see stats.h).
 */
#include "analysis/judge/stats.h"

#include <errno.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Two-sided 95% quantiles of Student's t for df = 1..30, then a few larger df. */
static const double t95_small[] = {
	12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
	2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
	2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
};
static const struct {
	size_t df;
	double t;
} t95_large[] = { { 40, 2.021 }, { 60, 2.000 }, { 120, 1.980 } };

double stats_t95(size_t df)
{
	size_t nsmall = sizeof(t95_small) / sizeof(t95_small[0]);
	if (df == 0)
		return NAN;
	if (df <= nsmall)
		return t95_small[df - 1];
	double t = t95_small[nsmall - 1];
	for (size_t i = 0; i < sizeof(t95_large) / sizeof(t95_large[0]); i++)
		if (df >= t95_large[i].df)
			t = t95_large[i].t;
	return t;
}

int stats_compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* ---- sorting doubles ------------------------------------------------------------------- */

/* Introsort: quicksort (median of three, insertion sort for short runs) that turns to heapsort
 * past 2 log2(n) levels, so no input, however crafted, makes it quadratic.  A third of qsort's
 * time on a pooled file's groups, qsort calling its comparison through a pointer.  NaN compares
 * false with everything and ends up somewhere, as with qsort. */
static void sift_down(double *v, size_t root, size_t n)
{
	for (size_t child; (child = 2 * root + 1) < n; root = child) {
		if (child + 1 < n && v[child] < v[child + 1])
			child++;
		if (!(v[root] < v[child]))
			return;
		double t = v[root];
		v[root] = v[child];
		v[child] = t;
	}
}

static void heap_sort(double *v, size_t n)
{
	for (size_t i = n / 2; i-- > 0;)
		sift_down(v, i, n);
	for (size_t end = n; end-- > 1;) {
		double t = v[0];
		v[0] = v[end];
		v[end] = t;
		sift_down(v, 0, end);
	}
}

static void intro_sort(double *v, size_t n, int depth)
{
	while (n > 16) {
		if (depth-- == 0) {
			heap_sort(v, n);
			return;
		}
		double a = v[0], b = v[n / 2], c = v[n - 1];
		double pivot = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
		size_t i = 0, j = n - 1;
		for (;;) {	/* Hoare: v[0..i) <= pivot <= v(j..n) when they meet */
			while (v[i] < pivot)
				i++;
			while (pivot < v[j])
				j--;
			if (i >= j)
				break;
			double t = v[i];
			v[i++] = v[j];
			v[j--] = t;
		}
		/* recurse into the smaller side, loop on the larger: the stack stays log n deep */
		size_t left = j + 1;
		if (left < n - left) {
			intro_sort(v, left, depth);
			v += left;
			n -= left;
		} else {
			intro_sort(v + left, n - left, depth);
			n = left;
		}
	}
	for (size_t i = 1; i < n; i++) {
		double x = v[i];
		size_t k = i;
		for (; k > 0 && x < v[k - 1]; k--)
			v[k] = v[k - 1];
		v[k] = x;
	}
}

void stats_sort(double *v, size_t n)
{
	int depth = 0;
	for (size_t m = n; m > 1; m >>= 1)
		depth += 2;
	intro_sort(v, n, depth);
}

double stats_median_inplace(double *v, size_t n)
{
	if (n == 0)
		return 0;
	stats_sort(v, n);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int stats_summarize(const double *values, size_t n, struct stats_summary *out)
{
	if (n == 0)
		return -EINVAL;
	double *sorted = malloc(n * sizeof(*sorted));
	if (!sorted)
		return -ENOMEM;
	memcpy(sorted, values, n * sizeof(*sorted));
	stats_sort(sorted, n);

	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += sorted[i];
	double mean = sum / (double)n;
	double squares = 0;
	for (size_t i = 0; i < n; i++)
		squares += (sorted[i] - mean) * (sorted[i] - mean);

	out->n = n;
	out->min = sorted[0];
	out->max = sorted[n - 1];
	out->median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	out->mean = mean;
	out->stddev = n > 1 ? sqrt(squares / (double)(n - 1)) : 0;
	/* The median's distribution-free interval: the j-th smallest and largest, j the largest
	 * with P(Binomial(n, 1/2) <= j - 1) <= 2.5%; below 6 runs none reaches 95% and it is
	 * [min, max] at its own level (93.8% for 5). */
	size_t j = 1;
	double tail = ldexp(1, -(int)(n < 1024 ? n : 1024)), cdf = tail, level = 1 - 2 * tail;
	if (n < 1024) {
		for (size_t i = 1; 2 * i < n; i++) {
			tail *= (double)(n - i + 1) / (double)i;	/* C(n, i) / 2^n */
			if (cdf + tail > 0.025)
				break;
			cdf += tail;
			j = i + 1;
			level = 1 - 2 * cdf;
		}
	} else {
		/* 2^-n underflows: the same sum with each term's logarithm (a group of a pooled
		 * file has thousands of runs; starting from 2^-1024 instead made the first term
		 * overflow and the interval every run's range) */
		double log_tail = -(double)n * M_LN2;
		cdf = exp(log_tail);
		level = 1 - 2 * cdf;
		for (size_t i = 1; 2 * i < n; i++) {
			log_tail += log((double)(n - i + 1) / (double)i);
			double t = exp(log_tail);
			if (cdf + t > 0.025)
				break;
			cdf += t;
			j = i + 1;
			level = 1 - 2 * cdf;
		}
	}
	out->median_ci_low = sorted[j - 1];
	out->median_ci_high = sorted[n - j];
	out->median_ci_level = n > 1 ? level : 0;
	free(sorted);
	return 0;
}

const char *stats_format_median_ci(const struct stats_summary *s, char *buf, size_t len)
{
	if (s->n < 2)
		snprintf(buf, len, "-");
	else if (s->median_ci_level >= 0.95)
		snprintf(buf, len, "[%.3f, %.3f]", s->median_ci_low, s->median_ci_high);
	else
		snprintf(buf, len, "[%.3f, %.3f] %.0f%%", s->median_ci_low, s->median_ci_high,
			 100 * s->median_ci_level);
	return buf;
}

int stats_is_noisy(const struct stats_summary *s)
{
	if (s->min <= 0)
		return s->max > 0;
	return s->max / s->min > STATS_NOISY_RATIO;
}

int stats_values_push(struct stats_values *s, double x)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 64;
		double *grown = realloc(s->v, cap * sizeof(*grown));
		if (!grown)
			return -ENOMEM;
		s->v = grown;
		s->cap = cap;
	}
	s->v[s->n++] = x;
	return 0;
}

void stats_values_free(struct stats_values *s)
{
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}
