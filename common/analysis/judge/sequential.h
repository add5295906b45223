/*
 * sequential.h - how the report's claims are judged when rounds are added until they decide:
 * pairs by round, a few planned looks, and the 5% error spent across them.
 *
 * The design, and why:
 * - Pairs.  Each round runs every method once (in a new random order), so a claim a / b has one
 *   pair per round that ran both: d = log(a) - log(b).  When a's and b's noise are independent
 *   and each is symmetric on the log scale (lognormal, whatever the two spreads), d is symmetric
 *   about the true log ratio, and the Wilcoxon signed-rank interval for its centre (the Walsh
 *   averages between the k-th smallest and largest) has exact coverage: no equal-spread
 *   assumption, which the two-sample rank interval needs and the deciding pair here breaks
 *   (pipe noisy, shm-whole steady).  A host that slows a whole round scales both sides of a
 *   pair and cancels in d: the pairing is the design's variance reduction.
 * - Looks.  A claim is looked at only when its pairs reach a planned look (seq_looks), and its
 *   verdict is the first look's whose interval clears the noise band; later looks never undo it.
 * - Spending.  Look i may err with probability alpha_i (its interval's exact two-sided level),
 *   and the alpha_i add up to at most SEQ_ALPHA: by the union bound, however the rounds are
 *   stopped, a claim with no true difference ends decided at most 5% of the time, and the
 *   intervals of all looks hold together with at least 95% (repeated confidence intervals,
 *   Jennison and Turnbull).  tests/test_sequential.c checks both on simulated data.
 * Reads samples; never runs a transfer.
 */
#ifndef BX_SEQUENTIAL_H
#define BX_SEQUENTIAL_H

#include <stddef.h>

#include "analysis/judge/verdict.h"

#define SEQ_ALPHA 0.05
#define SEQ_NLOOKS 3

/* The planned looks, in pairs (rounds): the first is the fewest pairs whose interval can decide
 * at all (5 pairs cannot: 2/32 > 5%), the last is the most rounds a claim is judged on. */
extern const size_t seq_looks[SEQ_NLOOKS];

/* Look i's exact two-sided level (what it spends) and its k: the interval is the k-th smallest
 * to the k-th largest Walsh average of seq_looks[i] pairs. */
double seq_look_alpha(size_t i);
size_t seq_look_k(size_t i);

/* The index of the last look that n pairs reach, or -1 when n < seq_looks[0]. */
int seq_last_look_reached(size_t n);

/* The pairs the next look needs (a look after n pairs), or 0 when n has passed the last one. */
size_t seq_next_look(size_t n);

/* The exact lower tail of the signed-rank statistic T+ of n pairs: P(T+ <= t).  For the tests. */
double seq_signed_rank_cdf(size_t n, size_t t);

/* The most pairs seq_walsh_interval takes: its Walsh averages number n(n+1)/2. */
#define SEQ_MAX_PAIRS 1000

/* The interval of d[0..n) (log ratios) at k: exp of the median Walsh average as the estimate,
 * exp of the k-th smallest and largest as the bounds, into *out (na = nb = n, median_ratio the
 * exp of d's median).  Returns 0, or -EINVAL (n is 0 or past SEQ_MAX_PAIRS) / -ENOMEM
 * (out->valid 0). */
int seq_walsh_interval(const double *d, size_t n, size_t k, struct ratio_ci *out);

/* The k of a single signed-rank interval of n pairs at two-sided level 1 - alpha (the largest k
 * whose exact level is at least that; 0 when n is too small), its exact level into *level. */
size_t seq_k_for_level(size_t n, double alpha, double *level);

/* What a judgement decides: a ratio (clears the noise band, either side) or a target
 * (low >= target: met; high < target: missed). */
enum seq_kind { SEQ_RATIO, SEQ_TARGET };

struct seq_verdict {
	struct ratio_ci r;	/* the interval of the deciding look, else of the last look reached;
				 * r.valid 0 before the first look */
	int direction;		/* SEQ_RATIO: -1, 0, +1 (verdict_direction); SEQ_TARGET: 1 met, -1
				 * missed, 0 undecided */
	size_t look_pairs;	/* the pairs of that look (0: none reached) */
	double level;		/* that look's confidence level, 1 - its alpha */
	size_t pairs;		/* pairs available */
	int can_continue;	/* undecided and a later look remains */
};

/* Judge d[0..n) (in round order) by the design: each look reached in turn, the first that
 * decides ends it.  param is the noise band (SEQ_RATIO) or the target (SEQ_TARGET). */
void seq_judge(const double *d, size_t n, enum seq_kind kind, double param,
	       struct seq_verdict *out);

#endif
