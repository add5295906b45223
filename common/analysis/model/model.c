/*
 * model.c - fitting the cost model (see model.h): least squares weighted by 1 / the measured CPU
 * seconds (so the fit minimises relative errors, the check's measure, and a 1.4 GiB run does not
 * drown a 128 MiB one) on columns scaled to unit size (the counts span 1 to 1e9), with the usual
 * t-based 95% interval of each coefficient from the weighted residual variance and (X'WX)^-1.  A term no run varies, one that moves exactly with
 * another, or one the fit would make negative (no cost is below zero: it was only absorbing
 * another term's share) is left out of the fit and reported as not identified.
 */
#include "analysis/model/model.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/judge/stats.h"
#include "base/output_file.h"
#include "catalog/methods.h"

#define GIB 1073741824.0
#define PAGE 4096.0

/* A side's weight is 1 / its CPU seconds, but never above 1 / MIN_WEIGHT_CPU_S: below about 10 ms
 * getrusage's tick-based accounting makes the measured time uncertain by its whole size. */
#define MIN_WEIGHT_CPU_S 0.01

static const struct {
	const char *name, *csv_unit, *readable_unit;
	double readable_scale;
} terms[MODEL_NTERMS] = {
	{ "call", "s/call", "us per call", 1e6 },
	{ "copy", "s/GiB", "s per GiB copied", 1 },
	{ "page_ref", "s/page", "us per page reference", 1e6 },
	{ "fault", "s/fault", "us per fault", 1e6 },
	{ "wakeup", "s/wakeup", "us per wake-up", 1e6 },
	{ "fixed", "s/transfer", "ms per transfer", 1e3 },
};

const char *model_term_name(enum model_term t)
{
	return terms[t].name;
}

double model_readable(enum model_term t, double seconds_per_unit)
{
	return seconds_per_unit * terms[t].readable_scale;
}

const char *model_readable_unit(enum model_term t)
{
	return terms[t].readable_unit;
}

int model_counts_of(const struct run_record *r, enum model_side side, struct model_counts *out)
{
	struct method scratch;
	char name[METHOD_NAME_MAX];
	const struct method *m = methods_resolve(r->method, &scratch, name);
	/* The counts are the method's own halves' on a file: a memory source reads none, and a
	 * read or splice sink is another receiving half than the method's. */
	if (!m || strncmp(r->source, "memory", 6) == 0 || strcmp(r->sink_by, "read") == 0 ||
	    strcmp(r->sink_by, "splice") == 0)
		return -1;
	const struct half_ops *h = side == SIDE_SENDER ? m->producer : m->consumer;
	const struct half_figures *f = side == SIDE_SENDER ? &r->producer_fig : &r->consumer_fig;
	double bytes = (double)r->bytes;
	out->x[TERM_CALL] = (double)f->syscalls;
	out->x[TERM_COPY] = bytes * h->cpu_copies / GIB;
	out->x[TERM_PAGE_REF] = h->page_refs ? ceil(bytes / PAGE) : 0;
	out->x[TERM_FAULT] = (double)(f->minflt + f->majflt);
	out->x[TERM_WAKEUP] = (double)f->vcsw;
	out->x[TERM_FIXED] = 1;
	out->cpu_s = f->user_s + f->sys_s;
	return 0;
}

/* Invert the k x k matrix a (row-major) in place by Gauss-Jordan with partial pivoting.
 * Returns the index of the first column found dependent on the others, or -1 when invertible. */
static int invert(double *a, int k)
{
	double *inv = calloc((size_t)(k * k), sizeof(double));
	if (!inv)
		return 0;
	for (int i = 0; i < k; i++)
		inv[i * k + i] = 1;
	int bad = -1;
	for (int c = 0; c < k && bad < 0; c++) {
		int p = c;
		for (int r = c + 1; r < k; r++)
			if (fabs(a[r * k + c]) > fabs(a[p * k + c]))
				p = r;
		if (fabs(a[p * k + c]) < 1e-10) {	/* scaled columns: this is dependence */
			bad = c;
			break;
		}
		for (int j = 0; j < k; j++) {
			double t = a[c * k + j];
			a[c * k + j] = a[p * k + j];
			a[p * k + j] = t;
			t = inv[c * k + j];
			inv[c * k + j] = inv[p * k + j];
			inv[p * k + j] = t;
		}
		double d = a[c * k + c];
		for (int j = 0; j < k; j++) {
			a[c * k + j] /= d;
			inv[c * k + j] /= d;
		}
		for (int r = 0; r < k; r++) {
			if (r == c)
				continue;
			double f = a[r * k + c];
			for (int j = 0; j < k; j++) {
				a[r * k + j] -= f * a[c * k + j];
				inv[r * k + j] -= f * inv[c * k + j];
			}
		}
	}
	if (bad < 0)
		memcpy(a, inv, (size_t)(k * k) * sizeof(double));
	free(inv);
	return bad;
}

/* The observations: side of every run not in exclude whose method resolves. */
static size_t collect(const struct run_record *r, size_t n, const char *exclude,
		      enum model_side side, struct model_counts **out)
{
	*out = malloc(n * sizeof(**out) + 1);
	size_t k = 0;
	for (size_t i = 0; *out && i < n; i++) {
		if (exclude && strcmp(r[i].series, exclude) == 0)
			continue;
		if (model_counts_of(&r[i], side, &(*out)[k]) == 0)
			k++;
	}
	return k;
}

static double weight(const struct model_counts *o)
{
	return 1 / fmax(o->cpu_s, MIN_WEIGHT_CPU_S);
}

/* The fit's coefficients (scaled) into beta and each one's 95% half-width into half, from the
 * inverted X'X of the active columns. */
static void solve(const struct model_counts *obs, size_t k, const int *active, int na,
		  const double *scale, const double *inv, const double *xty, double *beta,
		  double *half, double *rss_out)
{
	for (int a = 0; a < na; a++) {
		beta[a] = 0;
		for (int b = 0; b < na; b++)
			beta[a] += inv[a * na + b] * xty[b];
	}
	double rss = 0;
	for (size_t i = 0; i < k; i++) {
		double fit = 0;
		for (int a = 0; a < na; a++)
			fit += beta[a] * obs[i].x[active[a]] / scale[active[a]];
		double w = weight(&obs[i]);
		rss += w * w * (obs[i].cpu_s - fit) * (obs[i].cpu_s - fit);
	}
	size_t df = k - (size_t)na;
	double sigma2 = rss / (double)df, t95 = stats_t95(df);
	for (int a = 0; a < na; a++)
		half[a] = t95 * sqrt(fmax(0, sigma2 * inv[a * na + a]));
	if (rss_out)
		*rss_out = rss;
}

/* The active column whose whole interval is below zero by the most, or -1. */
static int worst_negative(const struct model_counts *obs, size_t k, const int *active, int na,
			  const double *scale, const double *inv, const double *xty)
{
	double beta[MODEL_NTERMS], half[MODEL_NTERMS];
	solve(obs, k, active, na, scale, inv, xty, beta, half, NULL);
	int worst = -1;
	for (int a = 0; a < na; a++)
		if (beta[a] + half[a] < 0 && (worst < 0 || beta[a] + half[a] < beta[worst] + half[worst]))
			worst = a;
	return worst;
}

int model_fit(const struct run_record *records, size_t n, const char *exclude,
	      enum model_side side, struct cost_model *m)
{
	memset(m, 0, sizeof(*m));
	m->side = side;
	struct model_counts *obs;
	size_t k = collect(records, n, exclude, side, &obs);
	m->n = k;
	if (!obs)
		return -1;
	/* Columns in the fit: those some observation varies, scaled by their largest value. */
	int active[MODEL_NTERMS], na;
	double scale[MODEL_NTERMS];
	for (int t = 0; t < MODEL_NTERMS; t++) {
		scale[t] = 0;
		for (size_t i = 0; i < k; i++)
			scale[t] = fmax(scale[t], fabs(obs[i].x[t]));
	}
	int dropped[MODEL_NTERMS] = { 0 };
	double xtx[MODEL_NTERMS * MODEL_NTERMS], xty[MODEL_NTERMS];
	for (;;) {
		na = 0;
		for (int t = 0; t < MODEL_NTERMS; t++)
			if (scale[t] > 0 && !dropped[t])
				active[na++] = t;
		if ((size_t)na >= k || na == 0) {
			free(obs);
			return -1;
		}
		memset(xtx, 0, sizeof(xtx));
		memset(xty, 0, sizeof(xty));
		for (size_t i = 0; i < k; i++) {
			double w2 = weight(&obs[i]) * weight(&obs[i]);
			for (int a = 0; a < na; a++) {
				double xa = obs[i].x[active[a]] / scale[active[a]];
				xty[a] += w2 * xa * obs[i].cpu_s;
				for (int b = 0; b < na; b++)
					xtx[a * na + b] += w2 * xa * obs[i].x[active[b]] / scale[active[b]];
			}
		}
		int bad = invert(xtx, na);
		if (bad >= 0) {
			dropped[active[bad]] = 1;	/* dependent on the others: not identified */
			continue;
		}
		/* A cost cannot be below zero: a term whose whole interval is negative is only
		 * absorbing what another term moves with; leave the most negative one out and fit
		 * again (Lawson-Hanson's non-negative least squares, one term at a time).  A term
		 * whose interval reaches zero keeps its estimate: the runs cannot tell. */
		int worst = worst_negative(obs, k, active, na, scale, xtx, xty);
		if (worst < 0)
			break;
		dropped[active[worst]] = 1;
		m->zeroed[active[worst]] = 1;
	}
	double beta[MODEL_NTERMS], half[MODEL_NTERMS], mean = 0, tss = 0, rss = 0;
	solve(obs, k, active, na, scale, xtx, xty, beta, half, NULL);
	for (int a = 0; a < na; a++) {
		int t = active[a];
		m->identified[t] = 1;
		m->coef[t] = beta[a] / scale[t];
		m->low[t] = (beta[a] - half[a]) / scale[t];
		m->high[t] = (beta[a] + half[a]) / scale[t];
	}
	/* R^2 in plain CPU seconds, the unit a reader sees in the tables. */
	for (size_t i = 0; i < k; i++)
		mean += obs[i].cpu_s / (double)k;
	for (size_t i = 0; i < k; i++) {
		double e = obs[i].cpu_s - model_predict(m, &obs[i], NULL);
		rss += e * e;
		tss += (obs[i].cpu_s - mean) * (obs[i].cpu_s - mean);
	}
	m->r2 = tss > 0 ? 1 - rss / tss : 0;
	free(obs);
	return 0;
}

int model_fit_sides(const struct run_record *records, size_t n, const char *exclude,
		    struct side_models *ms)
{
	int rc = 0;
	for (int s = 0; s < MODEL_NSIDES; s++)
		rc |= model_fit(records, n, exclude, (enum model_side)s, &ms->of[s]);
	return rc < 0 ? -1 : 0;
}

const char *model_side_name(enum model_side side)
{
	return side == SIDE_SENDER ? "sender" : "receiver";
}

double model_predict(const struct cost_model *m, const struct model_counts *c,
		     double term_s[MODEL_NTERMS])
{
	double sum = 0;
	for (int t = 0; t < MODEL_NTERMS; t++) {
		double v = m->identified[t] ? m->coef[t] * c->x[t] : 0;
		if (term_s)
			term_s[t] = v;
		sum += v;
	}
	return sum;
}

int model_write_csv(const char *path, const struct side_models *ms)
{
	struct output_file out;
	FILE *f = output_file_open(&out, path);
	if (!f)
		return -errno;
	fprintf(f, "side,term,coefficient,ci_low,ci_high,unit\n");
	for (int s = 0; s < MODEL_NSIDES; s++) {
		const struct cost_model *m = &ms->of[s];
		const char *side = model_side_name((enum model_side)s);
		for (int t = 0; t < MODEL_NTERMS; t++) {
			if (m->identified[t])
				fprintf(f, "%s,%s,%.6g,%.6g,%.6g,%s\n", side, terms[t].name, m->coef[t],
					m->low[t], m->high[t], terms[t].csv_unit);
			else if (m->zeroed[t])	/* the report's "0 (the fit made it negative ...)" */
				fprintf(f, "%s,%s,0,,,%s\n", side, terms[t].name, terms[t].csv_unit);
			else
				fprintf(f, "%s,%s,,,,%s\n", side, terms[t].name, terms[t].csv_unit);
		}
	}
	return output_file_close(&out, 1);
}

int model_read_csv(const char *path, struct side_models *ms)
{
	memset(ms, 0, sizeof(*ms));
	for (int s = 0; s < MODEL_NSIDES; s++)
		ms->of[s].side = (enum model_side)s;
	FILE *f = fopen(path, "r");
	if (!f)
		return -errno;
	char line[256];
	int rows[MODEL_NSIDES] = { 0 };
	if (!fgets(line, sizeof(line), f) || strncmp(line, "side,term,coefficient", 21) != 0) {
		fclose(f);
		return -EINVAL;
	}
	while (fgets(line, sizeof(line), f)) {
		char side[16], term[16];
		double c, lo, hi;
		int got = sscanf(line, "%15[^,],%15[^,],%lf,%lf,%lf", side, term, &c, &lo, &hi);
		for (int s = 0; s < MODEL_NSIDES; s++) {
			/* "both": one coefficient for the two sides (an older model.csv) */
			if (got < 2 || (strcmp(side, "both") != 0 &&
					strcmp(side, model_side_name((enum model_side)s)) != 0))
				continue;
			struct cost_model *m = &ms->of[s];
			for (int t = 0; t < MODEL_NTERMS; t++)
				if (strcmp(term, terms[t].name) == 0) {
					rows[s]++;
					if (got == 5) {
						m->coef[t] = c;
						m->low[t] = lo;
						m->high[t] = hi;
						m->identified[t] = 1;
					} else if (got == 3) {
						m->zeroed[t] = 1;	/* 0, no interval */
					}
				}
		}
	}
	fclose(f);
	return rows[SIDE_SENDER] == MODEL_NTERMS && rows[SIDE_RECEIVER] == MODEL_NTERMS ? 0 : -EINVAL;
}
