/*
 * verdict.h - is one method cheaper, faster, or not clearly different?  Every comparison the
 * report states goes through here: an estimate of the ratio a/b, its 95% confidence interval,
 * and a word that claims only what the interval allows.
 *
 * The method, and why: on these VMs a group is 5-15 runs, and a single run can be 2-6x off when
 * the host takes memory back or steals CPU.  So the estimate is the Hodges-Lehmann ratio (the
 * median of all na x nb ratios a_i / b_j, robust to a third of the runs being hit), and the
 * interval is the distribution-free one that goes with it: the k-th smallest and largest of those
 * ratios, k taken from the exact Mann-Whitney distribution (Bauer 1972).  Its coverage is exact
 * for any noise distribution when noise scales a method's figure (a shift in log space), which
 * is what a slow host does; a percentile bootstrap of two medians of 5 runs, the other choice,
 * can take only a handful of values and covers less than it says.
 */
#ifndef BX_VERDICT_H
#define BX_VERDICT_H

#include <stddef.h>

#define VERDICT_NOISE 0.02	/* an interval reaching within 2% of 1 decides nothing (criterion.rs) */
/* Values per side the interval is computed from (a million ratios); a side of more is thinned
 * to this many spread evenly over its runs.  k past the exact table is the normal one. */
#define VERDICT_MAX_SAMPLES 1000

struct ratio_ci {
	size_t na, nb;
	double estimate;	/* Hodges-Lehmann estimate of a / b */
	double low, high;	/* 95% confidence interval; both 0 when too few samples */
	double median_ratio;	/* median(a) / median(b), for the reader */
	int valid;		/* 1 when the interval exists (enough samples, all positive) */
};

/* The i-th of m indices spread evenly over 0..n-1 (m <= n): i * n / m, the first 0 and the
 * last within n / m of the end.  How a sample too large to judge whole is thinned, in run
 * order, so the late runs speak as much as the early ones. */
size_t verdict_spread_index(size_t i, size_t m, size_t n);

/* Compare samples a[0..na) and b[0..nb) (each > 0), in run order: a side longer than
 * VERDICT_MAX_SAMPLES gives the estimate and interval every (n / VERDICT_MAX_SAMPLES)-th value
 * of it, from first to last; median_ratio and na, nb are over all.  Fills *out and returns 0,
 * or -EINVAL when a value is not positive or a side is empty (out->valid 0), -ENOMEM; with too
 * few samples for a 95% interval (fewer than 4 per side when equal) out->valid is 0 and 0 is
 * returned. */
int verdict_ratio(const double *a, size_t na, const double *b, size_t nb, struct ratio_ci *out);

/* verdict_ratio with an interval of level 1 - 2 x tail (tail 0.025: 95%): for judging several
 * comparisons together (compare --fail-on gives each tail 0.025 / their number, so all hold at
 * 95% together: Bonferroni).  A level too high for the samples leaves out->valid 0. */
int verdict_ratio_at(const double *a, size_t na, const double *b, size_t nb, double tail,
		     struct ratio_ci *out);

/* -1 when the whole interval is below 1 / (1 + noise) (a is less), +1 when above 1 + noise (a
 * is more), 0 otherwise (no clear difference, or no interval): one band on the log scale, so
 * a / b and b / a always get mirrored words. */
int verdict_direction(const struct ratio_ci *r, double noise);

/* The word for a direction: for CPU time "cheaper" / "costlier", for wall time "faster" /
 * "slower", and "no clear difference" for 0. */
const char *verdict_word(int direction, int is_wall);

/* A target "a / b at least target": 1 met (low >= target), -1 missed (high < target), 0
 * undecided (or no interval). */
int verdict_target(const struct ratio_ci *r, double target);

/* "met", "missed" or "undecided". */
const char *verdict_target_word(int v);

/* The k of the interval: the largest k with P(U <= k - 1) <= 0.025 for the Mann-Whitney U of
 * na and nb samples; 0 when no such k exists (too few samples).  Exposed for the tests. */
size_t verdict_mann_whitney_k(size_t na, size_t nb);

/* The same k for a tail other than 0.025 (the interval of level 1 - 2 x tail); 0 when no such
 * interval exists with these samples. */
size_t verdict_mann_whitney_k_at(size_t na, size_t nb, double tail);

#endif
