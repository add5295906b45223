/*
 * report_model.c - the cost model's section of report.md and of `explain --csv` (see
 * report_model.h).  Every number comes from the fit or from a direct measurement; the breakdown is
 * the fitted coefficients times each method's median counts.
 */
#include "analysis/markdown/report_model.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/judge/groups.h"
#include "analysis/judge/stats.h"
#include "analysis/markdown/report_model_prose.h"
#include "analysis/model/model_runs.h"
#include "analysis/plots/plot_data.h"
#include "base/output_file.h"
#include "base/units.h"
#include "catalog/methods.h"
#include "host/primitives.h"
#include "record/names.h"

#define MAX_ROWS 64

/* One method and side: the runs of its first group outside the sweeps. */
struct side_row {
	char method[32], series[32];
	uint64_t bytes, chunk, pipe_size;
	enum model_side side;
};

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
			rows[k].pipe_size = r[i].pipe_size;
			rows[k++].side = (enum model_side)s;
		}
	}
	return k;
}

/* Median counts of a row's runs, and the median measured and predicted CPU seconds. */
static size_t row_medians(const struct run_record *r, size_t n, const struct side_row *row,
			  const struct side_models *ms, struct model_counts *med, double *predicted)
{
	struct model_selection sel = { row->method, row->series, row->bytes, row->chunk, 0 };
	return model_runs_medians(r, n, &sel, row->side, &ms->of[row->side], med, predicted);
}

int report_model_shares(const struct run_record *r, size_t n, const struct side_models *m,
			const char *series, const char *method, uint64_t chunk,
			enum model_side side, double shares[MODEL_NTERMS + 1])
{
	struct side_row row;
	memset(&row, 0, sizeof(row));
	for (size_t i = 0; i < n; i++)
		if (strcmp(r[i].series, series) == 0 && strcmp(r[i].method, method) == 0 &&
		    r[i].chunk == chunk) {
			row.bytes = r[i].bytes;
			row.pipe_size = r[i].pipe_size;
			break;
		}
	snprintf(row.method, sizeof(row.method), "%s", method);
	snprintf(row.series, sizeof(row.series), "%s", series);
	row.chunk = chunk;
	row.side = side;
	struct model_counts med;
	double predicted, parts[MODEL_NTERMS], sum = 0;
	if (row.bytes == 0 || row_medians(r, n, &row, m, &med, &predicted) == 0 || med.cpu_s <= 0)
		return 0;
	model_predict(&m->of[side], &med, parts);
	for (int t = 0; t < MODEL_NTERMS; t++) {
		shares[t] = parts[t] / med.cpu_s;
		sum += parts[t];
	}
	shares[MODEL_NTERMS] = (med.cpu_s - sum) / med.cpu_s;
	return 1;
}

static void print_coefficients(FILE *f, const struct side_models *ms,
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
	fprintf(f, "Fitted for each side by least squares weighted by 1 / its CPU seconds (relative "
		"errors count alike for long and short runs): sender over %zu runs, R^2 = %.3f; "
		"receiver over %zu runs, R^2 = %.3f.\n\n| term | sender: fitted [95%% interval] | "
		"receiver: fitted [95%% interval] | unit | measured directly | fitted / direct "
		"(sender, receiver) |\n|---|---:|---:|---|---:|---:|\n",
		ms->of[SIDE_SENDER].n, ms->of[SIDE_SENDER].r2, ms->of[SIDE_RECEIVER].n,
		ms->of[SIDE_RECEIVER].r2);
	for (int t = 0; t < MODEL_NTERMS; t++) {
		enum model_term term = (enum model_term)t;
		char fit[MODEL_NSIDES][96], d[64] = "-", ratio[48] = "-";
		for (int s = 0; s < MODEL_NSIDES; s++) {
			const struct cost_model *m = &ms->of[s];
			snprintf(fit[s], sizeof(fit[s]), "not identified (no run varied it apart "
				 "from the others)");
			if (m->zeroed[t])
				snprintf(fit[s], sizeof(fit[s]), "0 (the fit made it negative: it only "
					 "absorbed another term's share)");
			if (m->identified[t])
				snprintf(fit[s], sizeof(fit[s]), "%.3g [%.3g, %.3g]",
					 model_readable(term, m->coef[t]),
					 model_readable(term, m->low[t]), model_readable(term, m->high[t]));
		}
		if (direct[t] > 0) {
			snprintf(d, sizeof(d), "%.3g (%s)", model_readable(term, direct[t]), how[t]);
			const struct cost_model *s = &ms->of[SIDE_SENDER], *r = &ms->of[SIDE_RECEIVER];
			char a[16] = "-", b[16] = "-";
			if (s->identified[t])
				snprintf(a, sizeof(a), "%.2f", s->coef[t] / direct[t]);
			if (r->identified[t])
				snprintf(b, sizeof(b), "%.2f", r->coef[t] / direct[t]);
			snprintf(ratio, sizeof(ratio), "%s, %s", a, b);
		}
		fprintf(f, "| %s | %s | %s | %s | %s | %s |\n", model_term_name(term), fit[SIDE_SENDER],
			fit[SIDE_RECEIVER], model_readable_unit(term), d, ratio);
	}
}

static void print_breakdown(FILE *f, const struct run_record *r, size_t n,
			    const struct side_models *m)
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
		model_predict(&m->of[rows[i].side], &med, parts);
		double cpu = med.cpu_s > 0 ? med.cpu_s : 1e-12, sum = 0;
		char chunk[32];
		fprintf(f, "| %s | %s | %s | %s | %.3f |", rows[i].method, rows[i].series,
			units_format_chunk(rows[i].chunk, chunk, sizeof(chunk)), model_side_name(rows[i].side),
			med.cpu_s);
		for (int t = 0; t < MODEL_NTERMS; t++) {
			sum += parts[t];
			fprintf(f, " %.0f%% |", 100 * parts[t] / cpu);
		}
		fprintf(f, " %.0f%% |\n", 100 * (med.cpu_s - sum) / cpu);
	}
}

/* 1 when a and b are within MODEL_PREDICTION_TARGET of each other, or less than slack apart
 * (calls per GiB: fewer than one call per MiB apart weighs nothing at any cost per call). */
static int within_target(double a, double b, double slack)
{
	if (fabs(a - b) < slack)
		return 1;
	if (a <= 0 || b <= 0)
		return 0;
	return a / b <= 1 + MODEL_PREDICTION_TARGET && b / a <= 1 + MODEL_PREDICTION_TARGET;
}

/* The median CPU seconds and system calls per GiB of side over the runs of method outside
 * series that move bytes_per_call bytes per call; returns how many runs. */
static size_t same_setting_elsewhere(const struct run_record *r, size_t n, const char *method,
				     const char *series, uint64_t per_call, enum model_side side,
				     double *cpu_per_gib, double *calls_per_gib)
{
	struct stats_values cpu = { 0 }, calls = { 0 };
	int failed = 0;
	for (size_t i = 0; i < n && !failed; i++) {
		struct model_counts c;
		if (strcmp(r[i].method, method) != 0 || strcmp(r[i].series, series) == 0 ||
		    groups_bytes_per_call(r[i].chunk, r[i].pipe_size) != per_call || r[i].bytes == 0 ||
		    model_counts_of(&r[i], side, &c) < 0)
			continue;
		double gib = (double)r[i].bytes / GIB_BYTES;
		failed |= stats_values_push(&cpu, c.cpu_s / gib) < 0;
		failed |= stats_values_push(&calls, c.x[TERM_CALL] / gib) < 0;
	}
	size_t k = failed ? 0 : calls.n;	/* out of memory: no medians, not partial ones */
	*cpu_per_gib = stats_median_inplace(cpu.v, k);
	*calls_per_gib = stats_median_inplace(calls.v, k);
	stats_values_free(&cpu);
	stats_values_free(&calls);
	return k;
}

/* Fit without the study phase, predict it: the model's check on runs it never saw.  Beside each
 * prediction, the same method at the same bytes per call in the runs the fit saw: where the
 * calls per GiB agree and the CPU per GiB does not, no count of the model can close the gap. */
static void print_prediction(FILE *f, const struct run_record *r, size_t n)
{
	int has_study = 0, has_other = 0;
	for (size_t i = 0; i < n; i++) {
		int study = strcmp(r[i].series, PHASE_STUDY) == 0;
		has_study |= study;
		has_other |= !study;
	}
	if (!has_study || !has_other)
		return;
	struct side_models without;
	if (model_fit_sides(r, n, PHASE_STUDY, &without) < 0)
		return;
	struct side_row rows[MAX_ROWS];
	size_t k = pick_rows(r, n, PHASE_STUDY, rows, MAX_ROWS), judged = 0, within = 0, unlike = 0;
	fprintf(f, "\n#### Check by prediction: fitted without the study phase (%zu runs; sender "
		"R^2 %.3f), predicting it\n\nThe last two columns put the study's CPU and calls per "
		"GiB beside the same method at the same bytes per call in the runs the fit saw (other "
		"sizes and phases).\n\n| method | side | measured CPU s (median) | predicted | error | "
		"CPU s/GiB: study / fit's runs | calls/GiB: study / fit's runs |\n"
		"|---|---|---:|---:|---:|---:|---:|\n", without.of[SIDE_SENDER].n,
		without.of[SIDE_SENDER].r2);
	for (size_t i = 0; i < k; i++) {
		struct model_counts med;
		double predicted;
		if (row_medians(r, n, &rows[i], &without, &med, &predicted) == 0 || med.cpu_s <= 0)
			continue;
		double err = predicted / med.cpu_s - 1, gib = (double)rows[i].bytes / GIB_BYTES;
		judged++;
		within += fabs(err) <= MODEL_PREDICTION_TARGET;
		char cpu[64] = "- (not run)", calls[64] = "-";
		double cpu_gib, calls_gib;
		if (same_setting_elsewhere(r, n, rows[i].method, PHASE_STUDY,
					   groups_bytes_per_call(rows[i].chunk, rows[i].pipe_size),
					   rows[i].side, &cpu_gib, &calls_gib) > 0) {
			snprintf(cpu, sizeof(cpu), "%.2f / %.2f", med.cpu_s / gib, cpu_gib);
			snprintf(calls, sizeof(calls), "%.0f / %.0f", med.x[TERM_CALL] / gib, calls_gib);
			unlike += fabs(err) > MODEL_PREDICTION_TARGET &&
				  within_target(med.x[TERM_CALL] / gib, calls_gib, 1024) &&
				  !within_target(med.cpu_s / gib, cpu_gib, 0);
		}
		fprintf(f, "| %s | %s | %.3f | %.3f | %+.0f%% | %s | %s |\n", rows[i].method,
			model_side_name(rows[i].side), med.cpu_s, predicted, 100 * err, cpu, calls);
	}
	fprintf(f, "\n%zu of %zu sides predicted within %.0f%%.", within, judged,
		100 * MODEL_PREDICTION_TARGET);
	if (unlike)
		fprintf(f, " In %zu of the %zu missed, the same method at the same bytes per call made "
			"the same calls per GiB (within %.0f%%) outside the study but took more than "
			"%.0f%% more or less CPU per GiB: the same work, priced differently by the "
			"machine from one phase to the next, which no count of the model can see (on "
			"a VM, mostly whether the memory a side touches first had been handed back to "
			"the host: `host took` in the groups table).", unlike, judged - within,
			100 * MODEL_PREDICTION_TARGET, 100 * MODEL_PREDICTION_TARGET);
	fprintf(f, "\n");
}

int report_model_print(FILE *f, const char *heading, const struct run_record *r, size_t n,
		       const struct model_checks *checks, const struct side_models *fit)
{
	fprintf(f, "\n## %s\n\nEach side's CPU seconds = system "
		"calls x a cost per call + GiB it copies (bytes x its theoretical copies) x a cost per "
		"GiB + page references it hands over (splice, vmsplice, sendfile) x a cost per page + "
		"page faults x a cost per fault + sleeps (voluntary context switches) x a cost per "
		"wake-up + a fixed cost per transfer; what is left is the residual. Each side has its "
		"own costs: a receiver's copy lands in a destination whose page cache must be "
		"allocated, a sender's reads cached pages.\n\n",
		heading ? heading : "Where the CPU time goes: a cost model");
	if (!fit) {
		fprintf(f, "Not fitted: fewer runs than the model has terms.\n");
		return -1;
	}
	print_coefficients(f, fit, checks);
	print_breakdown(f, r, n, fit);
	report_model_prose(f, r, n, fit, checks ? checks->claims : NULL,
			   checks ? checks->differences : NULL);
	print_prediction(f, r, n);
	return 0;
}

/* plot-breakdown.csv, the stacked bars: each term's seconds per method and side (rows[0..k)),
 * and the positive residual.  Returns the bars written, or -errno. */
static int write_breakdown(const char *dir, const struct run_record *r, size_t n,
			   const struct side_models *m, const struct side_row *rows, size_t k)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/plot-breakdown.csv", dir);
	struct output_file out;
	FILE *f = output_file_open(&out, path);
	if (!f)
		return -errno;
	fprintf(f, "label,calls,copies,page_refs,faults,wakeups,fixed,residual\n");
	int bars = 0;
	for (size_t i = 0; i < k; i++) {
		struct model_counts med;
		double predicted, parts[MODEL_NTERMS], sum = 0;
		if (row_medians(r, n, &rows[i], m, &med, &predicted) == 0)
			continue;
		model_predict(&m->of[rows[i].side], &med, parts);
		fprintf(f, "%s %s", rows[i].method, model_side_name(rows[i].side));
		for (int t = 0; t < MODEL_NTERMS; t++) {
			sum += parts[t];
			fprintf(f, ",%.6g", fmax(0, parts[t]));
		}
		fprintf(f, ",%.6g\n", fmax(0, med.cpu_s - sum));
		bars++;
	}
	int rc = output_file_close(&out, 1);
	return rc < 0 ? rc : bars;
}

/* The model's line of one method on the calls graph: from its runs' fewest to most calls per
 * GiB, every other term as in its first run, per GiB.  Returns 0 when it has no run with calls. */
struct model_segment {
	const char *method;
	double lo, ylo, hi, yhi;
};

static int method_segment(const struct run_record *r, size_t n, const struct side_models *m,
			  const char *method, struct model_segment *seg)
{
	double lo = 0, hi = 0, other = 0, slope = 0;
	int any = 0;
	for (size_t j = 0; j < n; j++) {
		struct model_counts s, c;
		if (strcmp(r[j].method, method) != 0 || r[j].bytes == 0 ||
		    model_counts_of(&r[j], SIDE_SENDER, &s) < 0 ||
		    model_counts_of(&r[j], SIDE_RECEIVER, &c) < 0)
			continue;
		double gib = (double)r[j].bytes / GIB_BYTES;
		double calls = (s.x[TERM_CALL] + c.x[TERM_CALL]) / gib;
		lo = any ? fmin(lo, calls) : calls;
		hi = any ? fmax(hi, calls) : calls;
		if (!any) {	/* the method's first run sets the line's other terms, and the
				 * sides' shares of its calls the slope */
			double ps[MODEL_NTERMS], pc[MODEL_NTERMS];
			other = (model_predict(&m->of[SIDE_SENDER], &s, ps) - ps[TERM_CALL] +
				 model_predict(&m->of[SIDE_RECEIVER], &c, pc) - pc[TERM_CALL]) / gib;
			if (calls > 0)
				slope = (ps[TERM_CALL] + pc[TERM_CALL]) / gib / calls;
		}
		any = 1;
	}
	if (!any || lo <= 0)
		return 0;
	*seg = (struct model_segment){ method, lo, other + slope * lo, hi, other + slope * hi };
	return 1;
}

/* A point per run (both sides; one run in stride of a pooled file's) into f; returns how many,
 * and the highest into *ymax. */
static int write_call_points(FILE *f, const struct run_record *r, size_t n, double *ymax)
{
	int points = 0;
	size_t stride = report_model_calls_stride(n);
	for (size_t i = 0; i < n; i += stride) {
		struct model_counts s, c;
		if (r[i].bytes == 0 || model_counts_of(&r[i], SIDE_SENDER, &s) < 0 ||
		    model_counts_of(&r[i], SIDE_RECEIVER, &c) < 0 ||
		    s.x[TERM_CALL] + c.x[TERM_CALL] <= 0)
			continue;	/* no calls: nowhere on a log axis */
		double gib = (double)r[i].bytes / GIB_BYTES;
		fprintf(f, "%s,%.6g,%.6g,run,NaN\n", r[i].method,
			(s.x[TERM_CALL] + c.x[TERM_CALL]) / gib, (s.cpu_s + c.cpu_s) / gib);
		*ymax = fmax(*ymax, (s.cpu_s + c.cpu_s) / gib);
		points++;
	}
	return points;
}

/* plot-calls.csv: CPU s/GiB against calls/GiB, a point per run and the model's line per
 * method (rows[0..k) in sender, receiver pairs), its label at its right end.  Returns
 * REPORT_MODEL_CALLS when there is something to draw, 0 when not, or -errno. */
static int write_calls(const char *dir, const struct run_record *r, size_t n,
		       const struct side_models *m, const struct side_row *rows, size_t k)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/plot-calls.csv", dir);
	struct output_file out;
	FILE *f = output_file_open(&out, path);
	if (!f)
		return -errno;
	fprintf(f, "method,calls_per_gib,cpu_s_per_gib,kind,label_y\n");
	double ymax = 0;	/* the graph's height, for the labels' spacing */
	int points = write_call_points(f, r, n, &ymax);
	/* the ends first, so labels that would print over each other are moved apart before any
	 * is written */
	size_t nseg = 0;
	struct model_segment *seg = calloc(k / 2 + 1, sizeof(*seg));
	double *lx = calloc(k / 2 + 1, sizeof(double)), *ly = calloc(k / 2 + 1, sizeof(double));
	if (!seg || !lx || !ly) {
		free(seg), free(lx), free(ly);
		output_file_close(&out, 0);
		return -ENOMEM;
	}
	for (size_t i = 0; i < k; i += 2)	/* rows come as sender, receiver of one method */
		if (method_segment(r, n, m, rows[i].method, &seg[nseg])) {
			ymax = fmax(ymax, fmax(seg[nseg].ylo, seg[nseg].yhi));
			lx[nseg] = seg[nseg].hi;
			ly[nseg] = seg[nseg].yhi;
			nseg++;
		}
	/* a label is about 4% of the graph high; a factor 4 in calls is close */
	plot_labels_apart(lx, ly, nseg, 0.045 * ymax, 4.0);
	for (size_t i = 0; i < nseg; i++)	/* a blank line ends a method's segment, so
						 * gnuplot never joins two methods */
		fprintf(f, "%s,%.6g,%.6g,model,NaN\n%s,%.6g,%.6g,model,%.6g\n\n", seg[i].method,
			seg[i].lo, seg[i].ylo, seg[i].method, seg[i].hi, seg[i].yhi, ly[i]);
	free(lx), free(ly), free(seg);
	int rc = output_file_close(&out, 1);
	if (rc < 0)
		return rc;
	return points > 0 && nseg > 0 ? REPORT_MODEL_CALLS : 0;
}

int report_model_write(const char *dir, const struct run_record *r, size_t n,
		       const struct side_models *m)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/model.csv", dir);
	int rc = model_write_csv(path, m);
	if (rc < 0)
		return rc;
	struct side_row rows[MAX_ROWS];
	size_t k = pick_rows(r, n, NULL, rows, MAX_ROWS);
	int bars = write_breakdown(dir, r, n, m, rows, k);
	if (bars < 0)
		return bars;
	int calls = write_calls(dir, r, n, m, rows, k);
	if (calls < 0)
		return calls;
	/* gnuplot refuses a plot element with no point, so say which graphs have something */
	return (bars > 0 ? REPORT_MODEL_BARS : 0) | calls;
}

void report_model_predict(FILE *f, const struct side_models *m, const struct method *method,
			  uint64_t size, uint64_t chunk)
{
	double per_call = (double)groups_bytes_per_call(chunk, 0);	/* rest: the default pipe's worth */
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
		double parts[MODEL_NTERMS], total = model_predict(&m->of[s], &c, parts);
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

size_t report_model_calls_stride(size_t n)
{
	return n > REPORT_CALLS_MAX_POINTS ? (n + REPORT_CALLS_MAX_POINTS - 1) / REPORT_CALLS_MAX_POINTS
					   : 1;
}
