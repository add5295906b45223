/*
 * verdict.c - ratio estimates, their confidence intervals and the words they allow (see
 * verdict.h for the method and why).
 */
#include "analysis/judge/verdict.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/judge/stats.h"

#define EXACT_MAX 60	/* exact Mann-Whitney distribution up to this many samples per side */

/* The median of v[0..n) without reordering v. */
static double median_of(const double *v, size_t n)
{
	double *c = malloc(n * sizeof(*c));
	if (!c)
		return 0;
	memcpy(c, v, n * sizeof(*c));
	double m = stats_median_inplace(c, n);
	free(c);
	return m;
}

size_t verdict_spread_index(size_t i, size_t m, size_t n)
{
	return (size_t)((unsigned __int128)i * n / m);
}

/* P(U = u) for u = 0..na*nb, by the recurrence on which sample holds the largest value:
 * f(i, j, u) = i/(i+j) f(i-1, j, u-j) + j/(i+j) f(i, j-1, u).  Probabilities, not counts, so
 * nothing overflows.  Returns a malloc'ed array or NULL. */
static double *mann_whitney_pmf(size_t na, size_t nb)
{
	size_t umax = na * nb;
	double *prev = calloc((nb + 1) * (umax + 1), sizeof(double));
	double *cur = calloc((nb + 1) * (umax + 1), sizeof(double));
	if (!prev || !cur) {
		free(prev);
		free(cur);
		return NULL;
	}
#define AT(t, j, u) (t)[(j) * (umax + 1) + (u)]
	for (size_t j = 0; j <= nb; j++)
		AT(prev, j, 0) = 1;	/* i = 0: U = 0 whatever j */
	for (size_t i = 1; i <= na; i++) {
		memset(cur, 0, (nb + 1) * (umax + 1) * sizeof(double));
		AT(cur, 0, 0) = 1;
		for (size_t j = 1; j <= nb; j++) {
			double pa = (double)i / (double)(i + j), pb = 1 - pa;
			for (size_t u = 0; u <= i * j; u++) {
				double v = pb * AT(cur, j - 1, u);
				if (u >= j)
					v += pa * AT(prev, j, u - j);
				AT(cur, j, u) = v;
			}
		}
		double *t = prev;
		prev = cur;
		cur = t;
	}
	double *pmf = malloc((umax + 1) * sizeof(double));
	if (pmf)
		memcpy(pmf, &AT(prev, nb, 0), (umax + 1) * sizeof(double));
#undef AT
	free(prev);
	free(cur);
	return pmf;
}

/* z with P(Z > z) = tail for a standard normal Z (0 < tail < 0.5), by bisection on erfc. */
static double normal_upper_quantile(double tail)
{
	double lo = 0, hi = 40;
	for (int i = 0; i < 200; i++) {
		double mid = (lo + hi) / 2;
		if (0.5 * erfc(mid / M_SQRT2) > tail)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2;
}

size_t verdict_mann_whitney_k(size_t na, size_t nb)
{
	return verdict_mann_whitney_k_at(na, nb, 0.025);
}

size_t verdict_mann_whitney_k_at(size_t na, size_t nb, double tail)
{
	if (na == 0 || nb == 0 || tail <= 0)
		return 0;
	if (na > EXACT_MAX || nb > EXACT_MAX) {
		double mu = (double)na * (double)nb / 2;
		double sigma = sqrt((double)na * (double)nb * (double)(na + nb + 1) / 12);
		/* P(U <= k - 1) ~ tail (1.959964 for the usual 0.025) */
		double z = tail == 0.025 ? 1.959964 : normal_upper_quantile(tail);
		double k = floor(mu - z * sigma);
		return k < 1 ? 0 : (size_t)k;
	}
	double *pmf = mann_whitney_pmf(na, nb);
	if (!pmf)
		return 0;
	size_t k = 0;
	double cdf = 0;
	for (size_t u = 0; u <= na * nb; u++) {
		cdf += pmf[u];
		if (cdf > tail + 1e-12)
			break;
		k = u + 1;	/* P(U <= u) <= tail, so k = u + 1 qualifies */
	}
	free(pmf);
	return k;
}

int verdict_ratio(const double *a, size_t na, const double *b, size_t nb, struct ratio_ci *out)
{
	return verdict_ratio_at(a, na, b, nb, 0.025, out);
}

int verdict_ratio_at(const double *a, size_t na, const double *b, size_t nb, double tail,
		     struct ratio_ci *out)
{
	memset(out, 0, sizeof(*out));
	out->na = na;
	out->nb = nb;
	if (na == 0 || nb == 0)
		return -EINVAL;
	for (size_t i = 0; i < na; i++)
		if (!(a[i] > 0))
			return -EINVAL;
	for (size_t j = 0; j < nb; j++)
		if (!(b[j] > 0))
			return -EINVAL;
	out->median_ratio = median_of(a, na) / median_of(b, nb);
	/* A side of more than VERDICT_MAX_SAMPLES values is thinned to that many, spread evenly
	 * over it in the order given (run order): the interval then speaks for the late runs as
	 * much as the early ones (the first ones alone, the earliest of a pooled file, would not);
	 * it is wider than all the values would give, never narrower. */
	size_t ma = na > VERDICT_MAX_SAMPLES ? VERDICT_MAX_SAMPLES : na;
	size_t mb = nb > VERDICT_MAX_SAMPLES ? VERDICT_MAX_SAMPLES : nb;
	size_t n = ma * mb;
	double *d = malloc(n * sizeof(*d));
	double *lb = malloc(mb * sizeof(*lb));
	if (!d || !lb) {
		free(d);
		free(lb);
		return -ENOMEM;
	}
	for (size_t j = 0; j < mb; j++)
		lb[j] = log(b[verdict_spread_index(j, mb, nb)]);
	for (size_t i = 0; i < ma; i++) {
		double la = log(a[verdict_spread_index(i, ma, na)]);
		for (size_t j = 0; j < mb; j++)
			d[i * mb + j] = la - lb[j];
	}
	free(lb);
	stats_sort(d, n);
	out->estimate = exp(n % 2 ? d[n / 2] : (d[n / 2 - 1] + d[n / 2]) / 2);
	na = ma;
	nb = mb;
	size_t k = verdict_mann_whitney_k_at(na, nb, tail);
	if (k >= 1 && k <= n / 2) {
		out->low = exp(d[k - 1]);
		out->high = exp(d[n - k]);
		out->valid = 1;
	}
	free(d);
	return 0;
}

int verdict_direction(const struct ratio_ci *r, double noise)
{
	if (!r->valid)
		return 0;
	/* One band on the log scale, [1 / (1 + noise), 1 + noise]: a / b and b / a get mirrored
	 * words (1 - noise would call 0.9802 no difference and 1 / 0.9802 = 1.0202 costlier). */
	if (r->high < 1 / (1 + noise))
		return -1;
	if (r->low > 1 + noise)
		return 1;
	return 0;
}

const char *verdict_word(int direction, int is_wall)
{
	if (direction < 0)
		return is_wall ? "faster" : "cheaper";
	if (direction > 0)
		return is_wall ? "slower" : "costlier";
	return "no clear difference";
}

int verdict_target(const struct ratio_ci *r, double target)
{
	if (!r->valid)
		return 0;
	if (r->low >= target)
		return 1;
	if (r->high < target)
		return -1;
	return 0;
}

const char *verdict_target_word(int v)
{
	return v > 0 ? "met" : v < 0 ? "missed" : "undecided";
}
