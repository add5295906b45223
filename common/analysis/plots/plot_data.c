/*
 * plot_data.c - the plot-*.csv files the gnuplot scripts draw (see plot_data.h): every number in
 * them comes from the groups' statistics (groups.c), none is computed by gnuplot.
 */
#include "analysis/plots/plot_data.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/judge/study.h"
#include "analysis/words/sentences.h"
#include "base/output_file.h"
#include "base/units.h"
#include "catalog/methods.h"
#include "record/names.h"

#define MAX_VALUES 256	/* distinct chunks or sizes on one line graph */
#define MAX_SERIES_COUNTED 1024
#define MAX_LINES 64	/* methods on one line graph */

static int by_count_descending(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? 1 : x > y ? -1 : 0;
}

/* 1 when some group is a measured one outside the sweeps and the profiled runs: then only
 * those are the bar graphs' (else, with only sweeps, every group is). */
static int any_plain_group(const struct group *g, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (!groups_is_sweep(g[k].series) && !groups_is_profile(g[k].series))
			return 1;
	return 0;
}

/* A group the bar graphs draw (any_plain: any_plain_group's answer): the measured groups
 * outside the sweeps (every group when there are only sweeps), never a profiled run's, whose
 * sampled runs have no interval to stand beside the medians of many. */
static int is_headline(const struct group *g, int any_plain)
{
	if (groups_is_profile(g->series))
		return 0;
	return any_plain ? !groups_is_sweep(g->series) : 1;
}

/* 1 when the headline groups come from more than one series (their labels then name it). */
static int headline_series_differ(const struct group *g, size_t n, int any_plain)
{
	const char *first = NULL;
	for (size_t k = 0; k < n; k++) {
		if (!is_headline(&g[k], any_plain))
			continue;
		if (!first)
			first = g[k].series;
		else if (strcmp(first, g[k].series) != 0)
			return 1;
	}
	return 0;
}

/* "pipe 4 KiB" (+ " study" when the headline groups come from several series). */
static const char *group_label(const struct group *g, int several, char *buf, size_t len)
{
	char chunk[32];
	snprintf(buf, len, "%s %s%s%s", study_display_name(g->method),
		 units_format_chunk(g->chunk, chunk, sizeof(chunk)), several ? " " : "",
		 several ? g->series : "");
	return buf;
}

/* The fewest runs a group needs to be one of the bars: 0 while the headline groups fit in
 * PLOT_MAX_BARS, else the count that keeps the best-measured ones (a bar graph of a pooled
 * file's thousands of groups is unreadable and took gnuplot most of a report's time).  Among
 * groups with as many runs as the last one kept, the file's first are drawn. */
static size_t bars_min_runs(const struct group *g, size_t n, int any_plain)
{
	size_t headline = 0;
	for (size_t i = 0; i < n; i++)
		headline += is_headline(&g[i], any_plain);
	if (headline <= PLOT_MAX_BARS)
		return 0;
	size_t *runs = malloc(headline * sizeof(*runs)), k = 0;
	if (!runs)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (is_headline(&g[i], any_plain))
			runs[k++] = g[i].n;
	qsort(runs, k, sizeof(*runs), by_count_descending);
	size_t min = runs[PLOT_MAX_BARS - 1];
	free(runs);
	return min;
}

/* The groups the bar graphs draw, as indices into g in file order: every headline group while
 * they fit in PLOT_MAX_BARS, else those with the most runs (bars_min_runs).  Returns how many;
 * *headline (when not NULL) gets how many headline groups there are. */
static size_t bar_groups(const struct group *g, size_t n, int any_plain,
			 size_t idx[PLOT_MAX_BARS], size_t *headline)
{
	size_t min_runs = bars_min_runs(g, n, any_plain), k = 0, all = 0;
	for (size_t i = 0; i < n; i++) {
		if (!is_headline(&g[i], any_plain))
			continue;
		all++;
		if (g[i].n >= min_runs && k < PLOT_MAX_BARS)
			idx[k++] = i;
	}
	if (headline)
		*headline = all;
	return k;
}

size_t plot_data_bars_drawn(const struct group *g, size_t n, size_t *of)
{
	size_t idx[PLOT_MAX_BARS];
	return bar_groups(g, n, any_plain_group(g, n), idx, of);
}

static FILE *open_data(struct output_file *out, const char *dir, const char *name, char *path,
		       size_t len)
{
	snprintf(path, len, "%s/plot-%s.csv", dir, name);
	return output_file_open(out, path);
}

int plot_data_bars(const char *dir, const struct group *g, size_t n, char paths[3][PLOT_PATH_LEN])
{
	struct output_file outs[3];
	outs[1].f = outs[2].f = NULL;	/* not opened when an earlier one failed */
	FILE *cpu = open_data(&outs[0], dir, "cpu", paths[0], PLOT_PATH_LEN);
	FILE *tp = cpu ? open_data(&outs[1], dir, "throughput", paths[1], PLOT_PATH_LEN) : NULL;
	FILE *pg = tp ? open_data(&outs[2], dir, "cpu_per_gib", paths[2], PLOT_PATH_LEN) : NULL;
	int rc = cpu && tp && pg ? 0 : -errno;
	if (rc == 0) {
		fprintf(cpu, "label,sender_cpu_s_per_gib,sender_ci_low,sender_ci_high,"
			"receiver_cpu_s_per_gib,receiver_ci_low,receiver_ci_high,sender_2014,"
			"receiver_2014\n");
		fprintf(tp, "label,gib_per_s_median,gib_per_s_ci_low,gib_per_s_ci_high\n");
		fprintf(pg, "label,user_s_per_gib,sys_s_per_gib\n");
		/* once for all the groups: asked per group, these made the graphs' data cubic in
		 * the groups (10 000 rows took minutes) */
		int any_plain = any_plain_group(g, n);
		int several = headline_series_differ(g, n, any_plain);
		size_t idx[PLOT_MAX_BARS], nbars = bar_groups(g, n, any_plain, idx, NULL);
		for (size_t b = 0; b < nbars; b++) {
			size_t i = idx[b];
			char label[96];
			group_label(&g[i], several, label, sizeof(label));
			const struct stats_summary *s = &g[i].sender_cpu, *r = &g[i].receiver_cpu;
			/* every run of a group moved the same bytes: its seconds over them are exact */
			double gib = g[i].bytes ? (double)g[i].bytes / GIB_BYTES : 1;
			char then[64] = "NaN,NaN";
			const struct study_row *row = study_row_of(g[i].method);
			if (row && strcmp(g[i].series, PHASE_STUDY) == 0)
				snprintf(then, sizeof(then), "%.6g,%.6g",
					 row->sender_cpu_s / (STUDY_FILE_BYTES / GIB_BYTES),
					 row->receiver_cpu_s / (STUDY_FILE_BYTES / GIB_BYTES));
			fprintf(cpu, "%s,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%s\n", label, s->median / gib,
				s->median_ci_low / gib, s->median_ci_high / gib, r->median / gib,
				r->median_ci_low / gib, r->median_ci_high / gib, then);
			fprintf(tp, "%s,%.6g,%.6g,%.6g\n", label, g[i].gib.median,
				g[i].gib.median_ci_low, g[i].gib.median_ci_high);
			double su, ss, ru, rs;	/* each bar as tall as the first graph's */
			groups_side_cpu_split(&g[i], 1, &su, &ss);
			groups_side_cpu_split(&g[i], 0, &ru, &rs);
			fprintf(pg, "%s sender,%.6g,%.6g\n%s receiver,%.6g,%.6g\n", label, su, ss,
				label, ru, rs);
		}
	}
	for (int i = 0; i < 3; i++) {
		int c = output_file_close(&outs[i], rc == 0);
		if (rc == 0)
			rc = c;
	}
	return rc;
}

static uint64_t axis_value(const struct group *g, enum sweep_axis axis)
{
	return axis == AXIS_CHUNK ? g->chunk : g->bytes;
}

/* 1 when group g belongs to series on a line graph: the size sweep's line ends at the full
 * file, which reproduce measures once, in the tuned phase, at the same chunks. */
static int on_line(const struct group *g, const char *series)
{
	return strcmp(g->series, series) == 0 ||
	       (strcmp(series, PHASE_SIZE_SWEEP) == 0 && strcmp(g->series, PHASE_TUNED) == 0);
}

/* Count the distinct axis values among the groups of series.  A --chunk rest group has no
 * chunk size to stand at (every byte left per call): it is no point on the chunk axis, where
 * its stand-in value would put it at 16 EiB and squeeze every real chunk into the left edge. */
static size_t distinct_values(const struct group *g, size_t n, const char *series,
			      enum sweep_axis axis, uint64_t *values, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (!on_line(&g[i], series))
			continue;
		uint64_t v = axis_value(&g[i], axis);
		if (axis == AXIS_CHUNK && v == CHUNK_REST)
			continue;
		size_t j = 0;
		while (j < k && values[j] != v)
			j++;
		if (j == k && k < max)
			values[k++] = v;
	}
	/* ascending, for the line graph */
	for (size_t a = 0; a < k; a++)
		for (size_t b = a + 1; b < k; b++)
			if (values[b] < values[a]) {
				uint64_t t = values[a];
				values[a] = values[b];
				values[b] = t;
			}
	return k;
}

/* The series with the most distinct values on axis (at least two), or NULL.  Each series is
 * counted once (its first group), not once per group: a pooled file has thousands of groups
 * and counting is a pass over all of them. */
static const char *widest_series(const struct group *g, size_t n, enum sweep_axis axis)
{
	uint64_t values[MAX_VALUES];
	const char *best_series = NULL, *counted[MAX_SERIES_COUNTED];
	size_t best = 1, ncounted = 0;
	for (size_t i = 0; i < n; i++) {
		size_t c = 0;
		while (c < ncounted && strcmp(counted[c], g[i].series) != 0)
			c++;
		if (c < ncounted)
			continue;
		if (ncounted < MAX_SERIES_COUNTED)	/* past it a series may be counted again */
			counted[ncounted++] = g[i].series;
		size_t k = distinct_values(g, n, g[i].series, axis, values, MAX_VALUES);
		if (k > best) {
			best = k;
			best_series = g[i].series;
		}
	}
	return best_series;
}

/* Where method stands in the method table (unknown names after every known one). */
static size_t table_rank(const char *method)
{
	for (size_t i = 0; i < methods_count(); i++)
		if (strcmp(methods_at(i)->name, method) == 0)
			return i;
	return methods_count();
}

/* The methods with a group on series' line, in the method table's order (so a method keeps its
 * place, and with it its colour, from one line graph to the next); returns how many. */
static size_t line_methods(const struct group *g, size_t n, const char *series,
			   const char *methods[MAX_LINES])
{
	size_t nm = 0;
	for (size_t i = 0; i < n && nm < MAX_LINES; i++) {
		if (!on_line(&g[i], series))
			continue;
		size_t j = 0;
		while (j < nm && strcmp(methods[j], g[i].method) != 0)
			j++;
		if (j == nm)
			methods[nm++] = g[i].method;
	}
	for (size_t a = 1; a < nm; a++)	/* insertion sort: stable for unknown names */
		for (size_t b = a; b > 0 && table_rank(methods[b]) < table_rank(methods[b - 1]); b--) {
			const char *t = methods[b];
			methods[b] = methods[b - 1];
			methods[b - 1] = t;
		}
	return nm;
}

/* The group of method at axis value v on series' line with the best median GiB/s, or NULL. */
static const struct group *point_of(const struct group *g, size_t n, const char *series,
				    const char *method, enum sweep_axis axis, uint64_t v)
{
	const struct group *best = NULL;
	for (size_t i = 0; i < n; i++)
		if (on_line(&g[i], series) && strcmp(g[i].method, method) == 0 &&
		    axis_value(&g[i], axis) == v && (!best || g[i].gib.median > best->gib.median))
			best = &g[i];
	return best;
}

/* What a line graph along an axis draws: the series, its axis values ascending, its methods. */
struct line_graph {
	const char *series;
	uint64_t values[MAX_VALUES];
	size_t k;
	const char *methods[MAX_LINES];
	size_t nm;
};

/* Fill *lg for axis; 0 when no series varies along it (nothing to draw), else 1. */
static int line_graph_of(const struct group *g, size_t n, enum sweep_axis axis,
			 struct line_graph *lg)
{
	lg->series = widest_series(g, n, axis);
	if (!lg->series)
		return 0;
	lg->k = distinct_values(g, n, lg->series, axis, lg->values, MAX_VALUES);
	lg->nm = line_methods(g, n, lg->series, lg->methods);
	return 1;
}

/* Beside a line graph's data (x.csv), x.lt: gnuplot's `method_lt`, each method's line type in
 * the order of its lines.  A method's line type is its place in the method table (mod the 8
 * colours common.gp sets), so it has the same colour in every graph whichever others are
 * drawn beside it.  Returns 0 or -errno. */
static int write_line_types(const char *csv_path, const char *const *methods, size_t nm)
{
	char path[PLOT_PATH_LEN];
	size_t len = strlen(csv_path);
	if (len < 4 || len + 1 > sizeof(path))
		return -ENAMETOOLONG;
	snprintf(path, sizeof(path), "%.*s.lt", (int)(len - 4), csv_path);
	struct output_file out;
	FILE *f = output_file_open(&out, path);
	if (!f)
		return -errno;
	fprintf(f, "method_lt = \"");
	for (size_t m = 0; m < nm; m++)
		fprintf(f, "%s%zu", m ? " " : "", plot_data_line_type(methods[m]));
	fprintf(f, "\"\n");
	return output_file_close(&out, 1);
}

void plot_labels_apart(const double *x, double *y, size_t n, double gap, double x_factor)
{
	/* From the lowest up (their order kept), each label at least gap above every label
	 * already placed whose x is close to its own. */
	size_t *order = malloc(n * sizeof(*order));
	if (!order)
		return;
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	for (size_t a = 1; a < n; a++)	/* insertion sort by y: stable, and n is a few */
		for (size_t b = a; b > 0 && y[order[b]] < y[order[b - 1]]; b--) {
			size_t t = order[b];
			order[b] = order[b - 1];
			order[b - 1] = t;
		}
	for (size_t a = 1; a < n; a++) {
		size_t i = order[a];
		for (size_t b = 0; b < a; b++) {
			size_t j = order[b];
			int close = x[i] > 0 && x[j] > 0 && x[i] / x[j] <= x_factor &&
				    x[j] / x[i] <= x_factor;
			if (close && y[i] < y[j] + gap)
				y[i] = y[j] + gap;
		}
	}
	free(order);
}

size_t plot_data_line_type(const char *method)
{
	return table_rank(method) % PLOT_LINE_TYPES + 1;
}

int plot_data_line(const char *path, const struct group *g, size_t n, enum sweep_axis axis)
{
	struct line_graph lg;
	if (!line_graph_of(g, n, axis, &lg))
		return 0;
	struct output_file out;
	FILE *f = output_file_open(&out, path);
	if (!f)
		return -errno;
	fprintf(f, "%s", axis == AXIS_CHUNK ? "chunk_bytes" : "file_bytes");
	for (size_t m = 0; m < lg.nm; m++)
		fprintf(f, ",%s", study_display_name(lg.methods[m]));
	fputc('\n', f);
	for (size_t v = 0; v < lg.k; v++) {
		fprintf(f, "%llu", (unsigned long long)lg.values[v]);
		for (size_t m = 0; m < lg.nm; m++) {
			const struct group *p = point_of(g, n, lg.series, lg.methods[m], axis,
							 lg.values[v]);
			if (!p)
				fprintf(f, ",NaN");
			else
				fprintf(f, ",%.6g", p->gib.median);
		}
		fputc('\n', f);
	}
	int rc = output_file_close(&out, 1);
	if (rc == 0)
		rc = write_line_types(path, lg.methods, lg.nm);
	return rc < 0 ? rc : 1;
}

int plot_data_chunk(const char *path, const struct group *g, size_t n)
{
	struct line_graph lg;
	if (!line_graph_of(g, n, AXIS_CHUNK, &lg))
		return 0;
	struct output_file out;
	FILE *f = output_file_open(&out, path);
	if (!f)
		return -errno;
	for (size_t m = 0; m < lg.nm; m++) {
		/* a block per method, two blank lines apart: gnuplot's `index` picks one */
		fprintf(f, "%schunk_bytes,%s,gib_per_s_min,gib_per_s_max,cpu_s_per_gib_median,"
			"cpu_s_per_gib_min,cpu_s_per_gib_max\n", m ? "\n\n" : "",
			study_display_name(lg.methods[m]));
		for (size_t v = 0; v < lg.k; v++) {
			const struct group *p = point_of(g, n, lg.series, lg.methods[m], AXIS_CHUNK,
							 lg.values[v]);
			if (p)
				fprintf(f, "%llu,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g\n",
					(unsigned long long)lg.values[v], p->gib.median, p->gib.min,
					p->gib.max, p->cpu_per_gib.median, p->cpu_per_gib.min,
					p->cpu_per_gib.max);
		}
	}
	int rc = output_file_close(&out, 1);
	if (rc == 0)
		rc = write_line_types(path, lg.methods, lg.nm);
	return rc < 0 ? rc : 1;
}
