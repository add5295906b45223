/*
 * report_model.c - the cost model's section of report.md and of `explain --csv` (see
 * report_model.h).  Every number comes from the fit or from a direct measurement; the breakdown is
 * the fitted coefficients times each method's median counts.
 */
#include "report_model.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "groups.h"
#include "methods.h"
#include "primitives.h"
#include "stats.h"
#include "units.h"

#define MAX_ROWS 64
#define MAX_RUNS 4096

/* One method and side: the runs of its first group outside the sweeps. */
struct side_row {
	char method[32], series[32];
	uint64_t bytes, chunk;
	enum model_side side;
};

static int same_group(const struct run_record *r, const struct side_row *row)
{
	return strcmp(r->method, row->method) == 0 && strcmp(r->series, row->series) == 0 &&
	       r->bytes == row->bytes && r->chunk == row->chunk;
}

/* The first group of each method that is no sweep (restricted to series when non-NULL), both
 * sides; returns how many rows. */
static size_t pick_rows(const struct run_record *r, size_t n, const char *series,
			struct side_row *rows, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k + 2 <= max; i++) {
		if (groups_is_sweep(r[i].series) || (series && strcmp(r[i].series, series) != 0))
			continue;
		int seen = 0;
		for (size_t j = 0; j < k; j++)
			seen |= strcmp(rows[j].method, r[i].method) == 0;
		struct model_counts c;
		if (seen || model_counts_of(&r[i], SIDE_SENDER, &c) < 0)
			continue;
		for (int s = 0; s < 2; s++) {
			snprintf(rows[k].method, sizeof(rows[k].method), "%s", r[i].method);
			snprintf(rows[k].series, sizeof(rows[k].series), "%s", r[i].series);
			rows[k].bytes = r[i].bytes;
			rows[k].chunk = r[i].chunk;
			rows[k++].side = (enum model_side)s;
		}
	}
	return k;
}

/* Median counts of a row's runs, and the median measured and predicted CPU seconds. */
static size_t row_medians(const struct run_record *r, size_t n, const struct side_row *row,
			  const struct cost_model *m, struct model_counts *med, double *predicted)
{
	static double v[MODEL_NTERMS + 2][MAX_RUNS];
	size_t k = 0;
	for (size_t i = 0; i < n && k < MAX_RUNS; i++) {
		struct model_counts c;
		if (!same_group(&r[i], row) || model_counts_of(&r[i], row->side, &c) < 0)
			continue;
		for (int t = 0; t < MODEL_NTERMS; t++)
			v[t][k] = c.x[t];
		v[MODEL_NTERMS][k] = c.cpu_s;
		v[MODEL_NTERMS + 1][k] = model_predict(m, &c, NULL);
		k++;
	}
	for (int t = 0; t < MODEL_NTERMS; t++)
		med->x[t] = stats_median_inplace(v[t], k);
	med->cpu_s = stats_median_inplace(v[MODEL_NTERMS], k);
	*predicted = stats_median_inplace(v[MODEL_NTERMS + 1], k);
	return k;
}

static const char *side_name(enum model_side s)
{
	return s == SIDE_SENDER ? "sender" : "receiver";
}

static void print_coefficients(FILE *f, const struct cost_model *m,
			       const struct model_checks *checks)
{
	double direct[MODEL_NTERMS] = { 0 };
	const char *how[MODEL_NTERMS] = { "null system call (getppid)", "one core's memcpy",
					  "-", "first touch of a fresh 4 KiB page",
					  "half a pipe round trip", "-" };
	if (checks && checks->primitives) {
		direct[TERM_CALL] = checks->primitives->syscall_s;
		direct[TERM_FAULT] = checks->primitives->fault_s;
		direct[TERM_WAKEUP] = checks->primitives->wakeup_s;
	}
	if (checks && checks->memcpy_gib_s > 0)
		direct[TERM_COPY] = 1 / checks->memcpy_gib_s;
	fprintf(f, "Fitted by least squares over both sides of %zu runs (%zu observations); R^2 = "
		"%.3f.\n\n| term | fitted [95%% interval] | unit | measured directly | fitted / "
		"direct |\n|---|---:|---|---:|---:|\n", m->n / 2, m->n, m->r2);
	for (int t = 0; t < MODEL_NTERMS; t++) {
		enum model_term term = (enum model_term)t;
		char fit[96] = "not identified (no run varied it apart from the others)";
		if (m->zeroed[t])
			snprintf(fit, sizeof(fit), "0 (the fit made it negative: it only absorbed "
				 "another term's share)");
		if (m->identified[t])
			snprintf(fit, sizeof(fit), "%.3g [%.3g, %.3g]", model_readable(term, m->coef[t]),
				 model_readable(term, m->low[t]), model_readable(term, m->high[t]));
		char d[64] = "-", ratio[32] = "-";
		if (direct[t] > 0) {
			snprintf(d, sizeof(d), "%.3g (%s)", model_readable(term, direct[t]), how[t]);
			if (m->identified[t])
				snprintf(ratio, sizeof(ratio), "%.2f", m->coef[t] / direct[t]);
		}
		fprintf(f, "| %s | %s | %s | %s | %s |\n", model_term_name(term), fit,
			model_readable_unit(term), d, ratio);
	}
}

static void print_breakdown(FILE *f, const struct run_record *r, size_t n,
			    const struct cost_model *m)
{
	struct side_row rows[MAX_ROWS];
	size_t k = pick_rows(r, n, NULL, rows, MAX_ROWS);
	fprintf(f, "\n#### Where each side's CPU time goes (share of its median CPU seconds)\n\n"
		"| method | series | chunk | side | CPU s | calls | copies | page refs | faults | "
		"wake-ups | fixed | residual |\n|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
	for (size_t i = 0; i < k; i++) {
		struct model_counts med;
		double predicted, parts[MODEL_NTERMS];
		if (row_medians(r, n, &rows[i], m, &med, &predicted) == 0)
			continue;
		model_predict(m, &med, parts);
		double cpu = med.cpu_s > 0 ? med.cpu_s : 1e-12, sum = 0;
		char chunk[32];
		fprintf(f, "| %s | %s | %s | %s | %.3f |", rows[i].method, rows[i].series,
			units_format_chunk(rows[i].chunk, chunk, sizeof(chunk)), side_name(rows[i].side),
			med.cpu_s);
		for (int t = 0; t < MODEL_NTERMS; t++) {
			sum += parts[t];
			fprintf(f, " %.0f%% |", 100 * parts[t] / cpu);
		}
		fprintf(f, " %.0f%% |\n", 100 * (med.cpu_s - sum) / cpu);
	}
}

/* Fit without the study phase, predict it: the model's check on runs it never saw. */
static void print_prediction(FILE *f, const struct run_record *r, size_t n)
{
	int has_study = 0, has_other = 0;
	for (size_t i = 0; i < n; i++) {
		int study = strcmp(r[i].series, "study") == 0;
		has_study |= study;
		has_other |= !study;
	}
	if (!has_study || !has_other)
		return;
	struct cost_model without;
	if (model_fit(r, n, "study", &without) < 0)
		return;
	struct side_row rows[MAX_ROWS];
	size_t k = pick_rows(r, n, "study", rows, MAX_ROWS);
	fprintf(f, "\n#### Check by prediction: fitted without the study phase (%zu observations, "
		"R^2 %.3f), predicting it\n\n| method | side | measured CPU s (median) | predicted | "
		"error |\n|---|---|---:|---:|---:|\n", without.n, without.r2);
	for (size_t i = 0; i < k; i++) {
		struct model_counts med;
		double predicted;
		if (row_medians(r, n, &rows[i], &without, &med, &predicted) == 0 || med.cpu_s <= 0)
			continue;
		fprintf(f, "| %s | %s | %.3f | %.3f | %+.0f%% |\n", rows[i].method,
			side_name(rows[i].side), med.cpu_s, predicted,
			100 * (predicted / med.cpu_s - 1));
	}
}

int report_model_print(FILE *f, const struct run_record *r, size_t n,
		       const struct model_checks *checks, struct cost_model *out)
{
	struct cost_model m;
	fprintf(f, "\n## Where the CPU time goes: a cost model\n\nEach side's CPU seconds = system "
		"calls x a cost per call + GiB it copies (bytes x its theoretical copies) x a cost per "
		"GiB + page references it hands over (splice, vmsplice, sendfile) x a cost per page + "
		"page faults x a cost per fault + sleeps (voluntary context switches) x a cost per "
		"wake-up + a fixed cost per transfer; what is left is the residual. One set of costs "
		"serves both sides.\n\n");
	if (model_fit(r, n, NULL, &m) < 0) {
		fprintf(f, "Not fitted: fewer runs than the model has terms.\n");
		return -1;
	}
	print_coefficients(f, &m, checks);
	print_breakdown(f, r, n, &m);
	print_prediction(f, r, n);
	if (out)
		*out = m;
	return 0;
}

int report_model_write(const char *dir, const struct run_record *r, size_t n,
		       const struct cost_model *m)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/model.csv", dir);
	int rc = model_write_csv(path, m);
	if (rc < 0)
		return rc;
	/* The stacked bars: each term's seconds per method and side, and the positive residual. */
	snprintf(path, sizeof(path), "%s/plot-breakdown.csv", dir);
	FILE *f = fopen(path, "w");
	if (!f)
		return -errno;
	fprintf(f, "label,calls,copies,page_refs,faults,wakeups,fixed,residual\n");
	struct side_row rows[MAX_ROWS];
	size_t k = pick_rows(r, n, NULL, rows, MAX_ROWS);
	int bars = 0;
	for (size_t i = 0; i < k; i++) {
		struct model_counts med;
		double predicted, parts[MODEL_NTERMS], sum = 0;
		if (row_medians(r, n, &rows[i], m, &med, &predicted) == 0)
			continue;
		model_predict(m, &med, parts);
		fprintf(f, "%s %s", rows[i].method, side_name(rows[i].side));
		for (int t = 0; t < MODEL_NTERMS; t++) {
			sum += parts[t];
			fprintf(f, ",%.6g", fmax(0, parts[t]));
		}
		fprintf(f, ",%.6g\n", fmax(0, med.cpu_s - sum));
		bars++;
	}
	if (fclose(f) != 0)
		return -errno;
	/* CPU s/GiB against calls/GiB: a point per run (both sides), and the model's line per
	 * method over its runs' range of calls, every other term as in its first run, per GiB. */
	snprintf(path, sizeof(path), "%s/plot-calls.csv", dir);
	f = fopen(path, "w");
	if (!f)
		return -errno;
	fprintf(f, "method,calls_per_gib,cpu_s_per_gib,kind\n");
	int points = 0, lines = 0;
	for (size_t i = 0; i < n; i++) {
		struct model_counts s, c;
		if (r[i].bytes == 0 || model_counts_of(&r[i], SIDE_SENDER, &s) < 0 ||
		    model_counts_of(&r[i], SIDE_RECEIVER, &c) < 0 ||
		    s.x[TERM_CALL] + c.x[TERM_CALL] <= 0)
			continue;	/* no calls: nowhere on a log axis */
		double gib = (double)r[i].bytes / GIB_BYTES;
		fprintf(f, "%s,%.6g,%.6g,run\n", r[i].method,
			(s.x[TERM_CALL] + c.x[TERM_CALL]) / gib, (s.cpu_s + c.cpu_s) / gib);
		points++;
	}
	for (size_t i = 0; i < k; i += 2) {	/* rows come as sender, receiver of one method */
		double lo = 0, hi = 0, other = 0;
		int any = 0;
		for (size_t j = 0; j < n; j++) {
			struct model_counts s, c;
			if (strcmp(r[j].method, rows[i].method) != 0 || r[j].bytes == 0 ||
			    model_counts_of(&r[j], SIDE_SENDER, &s) < 0 ||
			    model_counts_of(&r[j], SIDE_RECEIVER, &c) < 0)
				continue;
			double gib = (double)r[j].bytes / GIB_BYTES;
			double calls = (s.x[TERM_CALL] + c.x[TERM_CALL]) / gib;
			lo = any ? fmin(lo, calls) : calls;
			hi = any ? fmax(hi, calls) : calls;
			if (!any) {	/* the method's first run sets the line's other terms */
				double ps[MODEL_NTERMS], pc[MODEL_NTERMS];
				other = (model_predict(m, &s, ps) - ps[TERM_CALL] +
					 model_predict(m, &c, pc) - pc[TERM_CALL]) / gib;
			}
			any = 1;
		}
		if (!any || lo <= 0)
			continue;
		double c = m->identified[TERM_CALL] ? m->coef[TERM_CALL] : 0;
		/* A blank line ends the method's segment, so gnuplot never joins two methods. */
		fprintf(f, "%s,%.6g,%.6g,model\n%s,%.6g,%.6g,model\n\n", rows[i].method, lo,
			other + c * lo, rows[i].method, hi, other + c * hi);
		lines++;
	}
	if (fclose(f) != 0)
		return -errno;
	/* gnuplot refuses a plot element with no point, so say which graphs have something */
	return (bars > 0 ? REPORT_MODEL_BARS : 0) | (points > 0 && lines > 0 ? REPORT_MODEL_CALLS : 0);
}

void report_model_predict(FILE *f, const struct cost_model *m, const struct method *method,
			  uint64_t size, uint64_t chunk)
{
	/* --chunk rest moves a pipe's worth per call: the kernel's default 64 KiB. */
	double per_call = chunk == CHUNK_REST ? 65536.0 : (double)chunk;
	double chunks = ceil((double)size / per_call);
	char sz[32], ch[32];
	fprintf(f, "%s, %s file, %s per call (predicted from the model):\n", method->name,
		units_format_size(size, sz, sizeof(sz)), units_format_chunk(chunk, ch, sizeof(ch)));
	for (int s = 0; s < 2; s++) {
		const struct half_ops *h = s == 0 ? method->producer : method->consumer;
		struct model_counts c = { { 0 }, 0 };
		c.x[TERM_CALL] = chunks * h->syscalls_per_chunk;
		c.x[TERM_COPY] = (double)size * h->cpu_copies / GIB_BYTES;
		c.x[TERM_PAGE_REF] = h->page_refs ? ceil((double)size / 4096) : 0;
		c.x[TERM_FIXED] = 1;
		double parts[MODEL_NTERMS], total = model_predict(m, &c, parts);
		int top = 0;
		for (int t = 1; t < MODEL_NTERMS; t++)
			if (parts[t] > parts[top])
				top = t;
		fprintf(f, "  %-8s %8.3f s CPU:", s == 0 ? "sender" : "receiver", total);
		for (int t = 0; t < MODEL_NTERMS; t++)
			if (t != TERM_FAULT && t != TERM_WAKEUP)
				fprintf(f, " %s %.3f s,", model_term_name((enum model_term)t), parts[t]);
		fprintf(f, " most: %s\n", model_term_name((enum model_term)top));
	}
	fprintf(f, "  (page faults and wake-ups depend on the machine and the moment, not on the method's "
		"theory: not predicted)\n");
}
