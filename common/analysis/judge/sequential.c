/*
 * sequential.c - paired rounds, planned looks and the error spent across them (see
 * sequential.h for the design and why).
 */
#include "analysis/judge/sequential.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/judge/stats.h"

/* Why these: a look costs a share of the 5%, so few looks buy more power per round; 12 rounds
 * at most is what the job's 5 minutes hold for the study's deciding pair (6 mandatory rounds of
 * four methods, then up to 6 of the methods still undecided). */
const size_t seq_looks[SEQ_NLOOKS] = { 6, 9, 12 };

/* What each look may spend, before rounding down to a level the discrete statistic can have
 * (what a look leaves unspent goes to the next; the last takes all that is left).  The first
 * look gets what its 6 pairs can use at all (all six on one side: 2/64); the second the level
 * at which one small reversal among 9 pairs still decides (T+ <= 1: 2 x 2/512); the last the
 * rest (T+ <= 7 of 12). */
static const double look_share[SEQ_NLOOKS] = { 0.032, 0.008, 0 };

/* counts[t] = how many of the 2^n sign patterns give T+ = t, scaled by 2^-n (probabilities,
 * so nothing overflows).  Returns a malloc'ed array of n(n+1)/2 + 1 values, or NULL. */
static double *signed_rank_pmf(size_t n)
{
	size_t tmax = n * (n + 1) / 2;
	double *p = calloc(tmax + 1, sizeof(*p));
	if (!p)
		return NULL;
	p[0] = 1;
	for (size_t i = 1; i <= n; i++) {
		for (size_t t = tmax; t >= i; t--)
			p[t] = (p[t] + p[t - i]) / 2;
		for (size_t t = i; t-- > 0;)
			p[t] /= 2;
	}
	return p;
}

double seq_signed_rank_cdf(size_t n, size_t t)
{
	double *p = signed_rank_pmf(n);
	if (!p)
		return NAN;
	size_t tmax = n * (n + 1) / 2;
	double cdf = 0;
	for (size_t u = 0; u <= t && u <= tmax; u++)
		cdf += p[u];
	free(p);
	return cdf;
}

/* The largest k with 2 P(T+ <= k - 1) <= budget for n pairs (0: none), and that level. */
static size_t k_within(size_t n, double budget, double *level)
{
	double *p = signed_rank_pmf(n);
	*level = 0;
	if (!p)
		return 0;
	size_t k = 0;
	double cdf = 0;
	for (size_t t = 0; t <= n * (n + 1) / 2; t++) {
		cdf += p[t];
		if (2 * cdf > budget + 1e-12)
			break;
		k = t + 1;
		*level = 2 * cdf;
	}
	free(p);
	return k;
}

/* The looks' k and levels, computed once from the shares. */
static struct {
	int done;
	size_t k[SEQ_NLOOKS];
	double alpha[SEQ_NLOOKS];
} design;

static void plan(void)
{
	if (design.done)
		return;
	double left = SEQ_ALPHA, carry = 0;
	for (size_t i = 0; i < SEQ_NLOOKS; i++) {
		double budget = i + 1 == SEQ_NLOOKS ? left : look_share[i] + carry;
		design.k[i] = k_within(seq_looks[i], budget, &design.alpha[i]);
		carry = budget - design.alpha[i];
		left -= design.alpha[i];
	}
	design.done = 1;
}

double seq_look_alpha(size_t i)
{
	plan();
	return i < SEQ_NLOOKS ? design.alpha[i] : 0;
}

size_t seq_look_k(size_t i)
{
	plan();
	return i < SEQ_NLOOKS ? design.k[i] : 0;
}

int seq_last_look_reached(size_t n)
{
	int last = -1;
	for (size_t i = 0; i < SEQ_NLOOKS; i++)
		if (n >= seq_looks[i])
			last = (int)i;
	return last;
}

size_t seq_next_look(size_t n)
{
	for (size_t i = 0; i < SEQ_NLOOKS; i++)
		if (seq_looks[i] > n)
			return seq_looks[i];
	return 0;
}

int seq_walsh_interval(const double *d, size_t n, size_t k, struct ratio_ci *out)
{
	memset(out, 0, sizeof(*out));
	out->na = out->nb = n;
	if (n == 0 || n > SEQ_MAX_PAIRS)
		return -EINVAL;
	size_t m = n * (n + 1) / 2;
	double *w = malloc(m * sizeof(*w));
	double *sorted = malloc(n * sizeof(*sorted));
	if (!w || !sorted) {
		free(w);
		free(sorted);
		return -ENOMEM;
	}
	size_t j = 0;
	for (size_t a = 0; a < n; a++)
		for (size_t b = a; b < n; b++)
			w[j++] = (d[a] + d[b]) / 2;
	stats_sort(w, m);
	memcpy(sorted, d, n * sizeof(*d));
	out->median_ratio = exp(stats_median_inplace(sorted, n));
	out->estimate = exp(m % 2 ? w[m / 2] : (w[m / 2 - 1] + w[m / 2]) / 2);
	if (k >= 1 && k <= (m + 1) / 2) {
		out->low = exp(w[k - 1]);
		out->high = exp(w[m - k]);
		out->valid = 1;
	}
	free(w);
	free(sorted);
	return 0;
}

static int decides(const struct ratio_ci *r, enum seq_kind kind, double param)
{
	return kind == SEQ_RATIO ? verdict_direction(r, param) : verdict_target(r, param);
}

void seq_judge(const double *d, size_t n, enum seq_kind kind, double param,
	       struct seq_verdict *out)
{
	memset(out, 0, sizeof(*out));
	out->pairs = n;
	int last = seq_last_look_reached(n);
	for (int i = 0; i <= last; i++) {
		struct ratio_ci r;
		if (seq_walsh_interval(d, seq_looks[i], seq_look_k((size_t)i), &r) < 0)
			break;
		out->r = r;
		out->look_pairs = seq_looks[i];
		out->level = 1 - seq_look_alpha((size_t)i);
		out->direction = decides(&r, kind, param);
		if (out->direction != 0)
			return;
	}
	out->can_continue = seq_next_look(n) != 0;
	if (last < 0 && n > 0) {
		/* Before the first look: the estimate alone, no interval. */
		seq_walsh_interval(d, n, 0, &out->r);
	}
}

size_t seq_k_for_level(size_t n, double alpha, double *level)
{
	double spent = 0;
	size_t k = k_within(n, alpha, &spent);
	*level = 1 - spent;
	return k;
}
