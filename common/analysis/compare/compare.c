/*
 * compare.c - `bulkxfer compare` (see compare.h).  A group is the same experiment on each machine
 * when series, method, halves, size, chunk, pipe size, ring slots and polling all match; its runs
 * are compared as the report compares methods: the Hodges-Lehmann ratio new / old with its exact
 * rank interval (verdict.c), and a verdict only where the interval clears the 2% noise band.
 */
#include "analysis/compare/compare.h"
#include "analysis/judge/study.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis/compare/compare_html.h"
#include "analysis/compare/compare_json.h"
#include "analysis/judge/groups.h"
#include "analysis/judge/stats.h"
#include "analysis/judge/verdict.h"
#include "analysis/words/sentences.h"
#include "base/io_util.h"
#include "base/output_file.h"
#include "base/plots.h"
#include "base/units.h"
#include "record/results.h"

/* One input: its runs and their groups. */
struct input {
	char path[PATH_MAX];	/* the CSV read */
	struct run_record *records;
	size_t n, cap;
	struct group *groups;
	size_t ng;
	size_t *start, *members;	/* each group's records (groups_index) */
};

/* The three things compared for each group; for each, which way is better. */
enum compared_measure { COMPARED_GIB, COMPARED_SENDER_CPU, COMPARED_RECEIVER_CPU, NMETRICS };
_Static_assert(NMETRICS == COMPARE_NMETRICS, "compare.html draws every measure compared");
static const struct {
	const char *name, *title;
	int higher_is_better;
} metrics[NMETRICS] = {
	{ "gib_per_s", "GiB/s", 1 },
	{ "sender_cpu_s", "sender CPU s", 0 },
	{ "receiver_cpu_s", "receiver CPU s", 0 },
};

static double metric_of(const struct run_record *r, enum compared_measure m)
{
	switch (m) {
	case COMPARED_GIB: return r->gib_per_s;
	case COMPARED_SENDER_CPU: return r->producer_fig.user_s + r->producer_fig.sys_s;
	default: return r->consumer_fig.user_s + r->consumer_fig.sys_s;
	}
}

static int same_experiment(const struct group *a, const struct group *b)
{
	return strcmp(a->series, b->series) == 0 && strcmp(a->method, b->method) == 0 &&
	       strcmp(a->producer, b->producer) == 0 && strcmp(a->consumer, b->consumer) == 0 &&
	       a->bytes == b->bytes && a->chunk == b->chunk && a->pipe_size == b->pipe_size &&
	       a->slots == b->slots && a->spin_us == b->spin_us;
}

/* The values of metric m over every run of in that belongs to g, in run order, into v (which
 * holds room for the largest group: see compare_two); returns how many. */
static size_t samples(const struct input *in, const struct group *g, enum compared_measure m, double *v)
{
	size_t k = 0, gi = (size_t)(g - in->groups);
	for (size_t i = in->start[gi]; i < in->start[gi + 1]; i++)
		v[k++] = metric_of(&in->records[in->members[i]], m);
	return k;
}

/* The number of runs of in's largest group. */
static size_t largest_group(const struct input *in)
{
	size_t most = 0;
	for (size_t i = 0; i < in->ng; i++)
		if (in->start[i + 1] - in->start[i] > most)
			most = in->start[i + 1] - in->start[i];
	return most;
}

/* The group of in that is the same experiment as g, or NULL. */
static const struct group *match(const struct input *in, const struct group *g)
{
	for (size_t i = 0; i < in->ng; i++)
		if (same_experiment(&in->groups[i], g))
			return &in->groups[i];
	return NULL;
}

static int load(const char *arg, struct input *in, struct bx_error *err)
{
	struct stat st;
	memset(in, 0, sizeof(*in));
	if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode))
		snprintf(in->path, sizeof(in->path), "%s/runs.csv", arg);
	else
		snprintf(in->path, sizeof(in->path), "%s", arg);
	int rc = results_read_csv(in->path, &in->records, &in->n, &in->cap, err);
	if (rc)
		return rc;
	if (in->n == 0)
		return bx_fail(err, BX_EXIT_USAGE, "compare: '%s' holds no runs", in->path);
	if (groups_build(in->records, in->n, &in->groups, &in->ng) < 0 ||
	    groups_index(in->records, in->n, in->groups, in->ng, &in->start, &in->members) < 0)
		return bx_fail(err, BX_EXIT_FAILURE, "compare: out of memory");
	return 0;
}

/* "pipe, study, 1.4 GiB, 4 KiB" for a row. */
static void group_label(const struct group *g, char *buf, size_t len)
{
	char size[32], chunk[32];
	snprintf(buf, len, "%s %s %s %s", study_display_name(g->method), g->series,
		 units_format_size(g->bytes, size, sizeof(size)),
		 units_format_chunk(g->chunk, chunk, sizeof(chunk)));
}

/* The verdict on new / old for metric m: improved, regressed or no clear difference. */
static const char *verdict_of(const struct ratio_ci *r, enum compared_measure m)
{
	if (!r->valid)
		return "no clear difference (too few runs)";
	int d = verdict_direction(r, VERDICT_NOISE);
	if (d == 0)
		return "no clear difference";
	return (d > 0) == metrics[m].higher_is_better ? "improved" : "regressed";
}

static void print_inputs(FILE *f, const struct input *in, size_t n)
{
	fprintf(f, "| | results | runs | kernel | CPU |\n|---|---|---:|---|---|\n");
	for (size_t i = 0; i < n; i++)
		fprintf(f, "| %zu | `%s` | %zu | %s | %s |\n", i + 1, in[i].path, in[i].n,
			in[i].records[0].kernel, in[i].records[0].cpu_model);
}

/* The pairwise comparison: markdown into md (and stdout), compare.csv and the plot data; each
 * row also into (*out)[0..returned), grown with realloc (compare.html's).  Returns the rows, or
 * -ENOMEM with *out NULL. */
/* One measure of one group compared: the medians, the ratio new / old and its interval, the
 * word.  a and b hold room for the group's runs on each side. */
static void compare_measure(const struct input *old, const struct group *go,
			    const struct input *new, const struct group *gn, enum compared_measure m,
			    double *a, double *b, struct compare_row *row)
{
	size_t na = samples(new, gn, m, a);
	size_t nb = samples(old, go, m, b);
	struct ratio_ci r;
	memset(&r, 0, sizeof(r));
	/* before the medians, which sort: verdict_ratio thins in run order */
	if (verdict_ratio(a, na, b, nb, &r) < 0)
		r.valid = 0;
	double med_new = stats_median_inplace(a, na), med_old = stats_median_inplace(b, nb);
	if (!r.valid)
		r.estimate = med_old > 0 ? med_new / med_old : 0;
	row->m[m].old_median = med_old;
	row->m[m].new_median = med_new;
	row->m[m].ratio = r.estimate;
	row->m[m].low = r.valid ? r.low : r.estimate;
	row->m[m].high = r.valid ? r.high : r.estimate;
	row->m[m].valid = r.valid;
	row->m[m].verdict = verdict_of(&r, m);
	row->m[m].regressed = strcmp(row->m[m].verdict, "regressed") == 0;
}

/* Every group of old that new has too, compared measure by measure, into a new *out (the
 * comparison worked out once; compare.md, compare.csv, its plot data and compare.html are
 * views of it).  Returns the rows, or -ENOMEM. */
static long compare_rows(const struct input *old, const struct input *new,
			 struct compare_row **out)
{
	size_t rows = 0, cap = 0;
	*out = NULL;
	/* The medians and the verdict are over every run of a group (verdict_ratio thins a large
	 * one evenly), so the buffers hold the largest group of each side. */
	size_t room_a = largest_group(new), room_b = largest_group(old);
	double *a = malloc((room_a ? room_a : 1) * sizeof(*a));
	double *b = malloc((room_b ? room_b : 1) * sizeof(*b));
	long rc = a && b ? 0 : -ENOMEM;
	for (size_t i = 0; rc == 0 && i < old->ng; i++) {
		const struct group *go = &old->groups[i], *gn = match(new, go);
		if (!gn)
			continue;
		if (rows == cap) {
			cap = cap ? 2 * cap : 16;
			struct compare_row *grown = realloc(*out, cap * sizeof(**out));
			if (!grown) {
				rc = -ENOMEM;
				break;
			}
			*out = grown;
		}
		struct compare_row *row = &(*out)[rows++];
		memset(row, 0, sizeof(*row));
		group_label(go, row->label, sizeof(row->label));
		row->old_group = go;
		row->new_group = gn;
		row->old_runs = go->n;
		row->new_runs = gn->n;
		for (int m = 0; m < NMETRICS; m++)
			compare_measure(old, go, new, gn, (enum compared_measure)m, a, b, row);
	}
	free(a);
	free(b);
	if (rc < 0) {
		free(*out);
		*out = NULL;
		return rc;
	}
	return (long)rows;
}

/* compare.md's table of two inputs. */
static void write_two_md(FILE *md, const struct input *old, const struct input *new,
			 const struct compare_row *rows, size_t n)
{
	fprintf(md, "## %s against %s\n\nRatio = new / old: the Hodges-Lehmann estimate and its 95%% "
		"interval over the runs of each side; a verdict only where the interval clears "
		"1 by more than %.0f%% (GiB/s: higher is better; CPU seconds: lower is better).\n\n"
		"| group | GiB/s old -> new | ratio [95%%] | | sender CPU s old -> new | ratio | | "
		"receiver CPU s old -> new | ratio | |\n|---|---:|---:|---|---:|---:|---|---:|---:|---|\n",
		new->path, old->path, 100 * VERDICT_NOISE);
	for (size_t i = 0; i < n; i++) {
		fprintf(md, "| %s |", rows[i].label);
		for (int m = 0; m < NMETRICS; m++) {
			char ci[64] = "";
			if (rows[i].m[m].valid)
				snprintf(ci, sizeof(ci), " [%.2f, %.2f]", rows[i].m[m].low,
					 rows[i].m[m].high);
			fprintf(md, " %.4g -> %.4g | %.2f%s | %s |", rows[i].m[m].old_median,
				rows[i].m[m].new_median, rows[i].m[m].ratio, ci, rows[i].m[m].verdict);
		}
		fprintf(md, "\n");
	}
}

/* compare.csv of two inputs: a row per group, each measure's medians, ratio and word. */
static void write_two_csv(FILE *csv, const struct compare_row *rows, size_t n)
{
	fprintf(csv, "series,method,producer,consumer,bytes,chunk,pipe_size,slots,spin_us,old_runs,"
		"new_runs");
	for (int m = 0; m < NMETRICS; m++)
		fprintf(csv, ",old_%s,new_%s,%s_ratio,%s_ci_low,%s_ci_high,%s_verdict", metrics[m].name,
			metrics[m].name, metrics[m].name, metrics[m].name, metrics[m].name,
			metrics[m].name);
	fprintf(csv, "\n");
	for (size_t i = 0; i < n; i++) {
		const struct group *go = rows[i].old_group;
		fprintf(csv, "%s,%s,%s,%s,%llu,%llu,%llu,%llu,%llu,%zu,%zu", go->series, go->method,
			go->producer, go->consumer, (unsigned long long)go->bytes,
			(unsigned long long)(go->chunk == CHUNK_REST ? 0 : go->chunk),
			(unsigned long long)go->pipe_size, (unsigned long long)go->slots,
			(unsigned long long)go->spin_us, rows[i].old_runs, rows[i].new_runs);
		for (int m = 0; m < NMETRICS; m++)
			fprintf(csv, ",%.6g,%.6g,%.6g,%.6g,%.6g,%s", rows[i].m[m].old_median,
				rows[i].m[m].new_median, rows[i].m[m].ratio, rows[i].m[m].low,
				rows[i].m[m].high, rows[i].m[m].verdict);
		fprintf(csv, "\n");
	}
}

/* The plot data of two inputs: each group's ratios and intervals. */
static void write_two_plot(FILE *plot, const struct compare_row *rows, size_t n)
{
	fprintf(plot, "label,gib_ratio,gib_low,gib_high,sender_ratio,sender_low,sender_high,"
		"receiver_ratio,receiver_low,receiver_high\n");
	for (size_t i = 0; i < n; i++) {
		fprintf(plot, "%s", rows[i].label);
		for (int m = 0; m < NMETRICS; m++)
			fprintf(plot, ",%.6g,%.6g,%.6g", rows[i].m[m].ratio, rows[i].m[m].low,
				rows[i].m[m].high);
		fprintf(plot, "\n");
	}
}

/* Two inputs: the rows worked out once, then written as compare.md's table, compare.csv and
 * the plot data.  Returns the rows, or -ENOMEM. */
static long compare_two(const struct input *old, const struct input *new, FILE *md, FILE *csv,
			FILE *plot, struct compare_row **out)
{
	long rows = compare_rows(old, new, out);
	if (rows < 0)
		return rows;
	write_two_md(md, old, new, *out, (size_t)rows);
	write_two_csv(csv, *out, (size_t)rows);
	write_two_plot(plot, *out, (size_t)rows);
	return rows;
}

/* Several machines side by side: the groups present in every input. */
static size_t compare_many(const struct input *in, size_t n, FILE *md, FILE *csv)
{
	size_t rows = 0;
	fprintf(md, "## Medians side by side\n\nEach cell: median GiB/s, and the median CPU seconds "
		"of sender + receiver, of that input's runs of the group (inputs numbered as above)."
		"\n\n| group |");
	for (size_t k = 0; k < n; k++)
		fprintf(md, " %zu: GiB/s | %zu: CPU s |", k + 1, k + 1);
	fprintf(md, "\n|---|");
	for (size_t k = 0; k < n; k++)
		fprintf(md, "---:|---:|");
	fprintf(md, "\n");
	fprintf(csv, "series,method,producer,consumer,bytes,chunk,pipe_size,slots,spin_us,input,"
		"kernel,cpu_model,runs,gib_per_s_median,sender_cpu_s_median,receiver_cpu_s_median\n");
	for (size_t i = 0; i < in[0].ng; i++) {
		const struct group *g0 = &in[0].groups[i];
		int everywhere = 1;
		for (size_t k = 1; k < n; k++)
			everywhere &= match(&in[k], g0) != NULL;
		if (!everywhere)
			continue;
		char label[160];
		group_label(g0, label, sizeof(label));
		fprintf(md, "| %s |", label);
		for (size_t k = 0; k < n; k++) {
			const struct group *g = match(&in[k], g0);
			fprintf(md, " %.3f | %.3f |", g->gib.median,
				g->sender_cpu.median + g->receiver_cpu.median);
			fprintf(csv, "%s,%s,%s,%s,%llu,%llu,%llu,%llu,%llu,%s,%s,\"%s\",%zu,%.6g,%.6g,%.6g\n",
				g->series, g->method, g->producer, g->consumer,
				(unsigned long long)g->bytes,
				(unsigned long long)(g->chunk == CHUNK_REST ? 0 : g->chunk),
				(unsigned long long)g->pipe_size, (unsigned long long)g->slots,
				(unsigned long long)g->spin_us, in[k].path, in[k].records[0].kernel,
				in[k].records[0].cpu_model, g->n, g->gib.median, g->sender_cpu.median,
				g->receiver_cpu.median);
		}
		fprintf(md, "\n");
		rows++;
	}
	return rows;
}

/* Write the comparison into md_path, csv_path and (two inputs) plot_path; returns the number of
 * groups compared, or -errno. */
static long write_outputs(const struct input *in, size_t n, const char *md_path,
			  const char *csv_path, const char *plot_path, struct compare_row **rows_out)
{
	struct output_file outs[3];
	outs[0].f = outs[1].f = outs[2].f = NULL;	/* not opened when an earlier one failed */
	FILE *md = output_file_open(&outs[0], md_path);
	FILE *csv = md ? output_file_open(&outs[1], csv_path) : NULL;
	FILE *plot = csv && n == 2 ? output_file_open(&outs[2], plot_path) : NULL;
	long rows = -errno;
	if (md && csv && (n != 2 || plot)) {
		fprintf(md, "# bulkxfer: results compared\n\n");
		print_inputs(md, in, n);
		fprintf(md, "\n");
		rows = n == 2 ? compare_two(&in[0], &in[1], md, csv, plot, rows_out)
			      : (long)compare_many(in, n, md, csv);
		if (n == 2)
			fprintf(md, "\n![the ratios new / old with their 95%% intervals](compare.png)\n");
	}
	for (int i = 0; i < 3; i++) {
		int c = output_file_close(&outs[i], rows >= 0);
		if (rows >= 0 && c < 0)
			rows = c;
	}
	return rows;
}

int compare_fail_mask(const char *text, unsigned *mask)
{
	*mask = 0;
	if (strcmp(text, "regressed") == 0) {
		*mask = COMPARE_FAIL_ANY;
		return 0;
	}
	char copy[128];
	snprintf(copy, sizeof(copy), "%s", text);
	for (char *p = copy, *word; (word = strsep(&p, ","));) {
		int found = 0;
		for (int m = 0; m < NMETRICS; m++)
			if (strcmp(word, metrics[m].name) == 0) {
				*mask |= 1u << m;
				found = 1;
			}
		if (!found)
			return -1;
	}
	return *mask ? 0 : -1;
}

/* The gate: every comparison --fail-on names (rows x measures of mask) judged together, each
 * interval at 1 - 0.05 / their number so that all of them hold at 95% together (Bonferroni):
 * with nine comparisons at 95% each, the same binary measured twice would fail a third of its
 * runs by chance.  Fills each row's gate_*; returns how many comparisons, the tail each used
 * into *tail, and how many had runs yet no interval at that level into *undecided. */
static size_t gate_rows(const struct input *old, const struct input *new, struct compare_row *rows,
			size_t n, unsigned mask, double *tail, size_t *undecided)
{
	size_t per_row = 0, judged = 0;
	for (int m = 0; m < NMETRICS; m++)
		per_row += (mask >> m) & 1u;
	size_t comparisons = n * per_row;
	*tail = 0.025 / (double)(comparisons > 0 ? comparisons : 1);
	*undecided = 0;
	size_t room_a = largest_group(new), room_b = largest_group(old);
	double *a = malloc((room_a ? room_a : 1) * sizeof(*a));
	double *b = malloc((room_b ? room_b : 1) * sizeof(*b));
	for (size_t i = 0; a && b && i < n; i++)
		for (int m = 0; m < NMETRICS; m++) {
			if (!(mask & (1u << m)))
				continue;
			size_t na = samples(new, rows[i].new_group, (enum compared_measure)m, a);
			size_t nb = samples(old, rows[i].old_group, (enum compared_measure)m, b);
			struct ratio_ci r;
			memset(&r, 0, sizeof(r));
			if (verdict_ratio_at(a, na, b, nb, *tail, &r) < 0)
				r.valid = 0;
			rows[i].m[m].gate_valid = r.valid;
			rows[i].m[m].gate_low = r.low;
			rows[i].m[m].gate_high = r.high;
			rows[i].m[m].gate_regressed =
				strcmp(verdict_of(&r, (enum compared_measure)m), "regressed") == 0;
			*undecided += !r.valid && na >= 2 && nb >= 2;
			judged++;
		}
	free(a);
	free(b);
	return judged;
}

/* The fewest runs a side for an interval at tail (equal sides). */
static size_t runs_for(double tail)
{
	size_t r = 2;
	while (r < VERDICT_MAX_SAMPLES && verdict_mann_whitney_k_at(r, r, tail) < 1)
		r++;
	return r;
}

/* The rows that regressed at the gate, first on stdout, one line each, then what the gate
 * judged; returns how many regressed. */
static size_t print_regressed(const struct compare_row *rows, size_t n, unsigned mask,
			      size_t judged, double tail, size_t undecided)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		for (int m = 0; m < NMETRICS; m++) {
			if (!(mask & (1u << m)) || !rows[i].m[m].gate_regressed)
				continue;
			printf("regressed: %s: %s %.2f [%.2f, %.2f] (new / old; %s)\n", rows[i].label,
			       metrics[m].name, rows[i].m[m].ratio, rows[i].m[m].gate_low,
			       rows[i].m[m].gate_high,
			       metrics[m].higher_is_better ? "higher is better" : "lower is better");
			count++;
		}
	printf("gate: %zu comparison%s judged together, each interval at %.2f%% so that all hold at "
	       "95%%: %zu regressed\n", judged, judged == 1 ? "" : "s", 100 * (1 - 2 * tail), count);
	if (undecided)
		printf("gate: %zu of them have too few runs for an interval at that level; give each "
		       "side at least %zu runs\n", undecided, runs_for(tail));
	return count;
}

int compare_run(const char *const *inputs, size_t n, const char *out_dir, struct bx_error *err)
{
	return compare_run_gated(inputs, n, out_dir, 0, NULL, NULL, err);
}

/* compare.json of two inputs, after the gate (when asked for): into json_path, else beside
 * compare.md. */
static int write_json(const struct input *in, const char *out_dir, const char *json_path,
		      const struct compare_row *rows, size_t n, const struct compare_gate *gate,
		      struct bx_error *err)
{
	char path[PATH_MAX + 32];
	snprintf(path, sizeof(path), "%s/compare.json", out_dir);
	const char *names[COMPARE_NMETRICS];
	int better[COMPARE_NMETRICS];
	for (int m = 0; m < COMPARE_NMETRICS; m++) {
		names[m] = metrics[m].name;
		better[m] = metrics[m].higher_is_better;
	}
	struct compare_source src[2];
	for (size_t i = 0; i < 2; i++)
		src[i] = (struct compare_source){ in[i].path, in[i].records[0].kernel,
						  in[i].records[0].cpu_model, in[i].n };
	return compare_json_write(json_path ? json_path : path, src, rows, n, names, better, gate,
				  err);
}

int compare_run_gated(const char *const *inputs, size_t n, const char *out_dir,
		      unsigned fail_mask, size_t *regressed, const char *json_path,
		      struct bx_error *err)
{
	if (regressed)
		*regressed = 0;
	struct input *in = calloc(n, sizeof(*in));
	if (!in)
		return bx_fail(err, BX_EXIT_FAILURE, "compare: out of memory");
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = load(inputs[i], &in[i], err);
	char md[PATH_MAX + 32], csv[PATH_MAX + 32], plot[PATH_MAX + 32], png[PATH_MAX + 32],
	     log[PATH_MAX + 32];
	snprintf(md, sizeof(md), "%s/compare.md", out_dir);
	snprintf(csv, sizeof(csv), "%s/compare.csv", out_dir);
	snprintf(plot, sizeof(plot), "%s/plot-compare.csv", out_dir);
	snprintf(png, sizeof(png), "%s/compare", out_dir);
	snprintf(log, sizeof(log), "%s/gnuplot.log", out_dir);
	if (rc == 0 && mkdir(out_dir, 0755) < 0 && errno != EEXIST)
		rc = bx_fail(err, BX_EXIT_USAGE, "compare: cannot create '%s': %s", out_dir,
			     strerror(errno));
	long rows = 0;
	struct compare_row *table = NULL;
	if (rc == 0) {
		rows = write_outputs(in, n, md, csv, plot, &table);
		if (rows < 0)
			rc = bx_fail(err, BX_EXIT_FAILURE, "compare: cannot write into '%s': %s", out_dir,
				     io_open_error((int)-rows));
	}
	if (rc == 0 && rows == 0) {
		/* nothing to compare: what was written says nothing, so it goes */
		unlink(md);
		unlink(csv);
		unlink(plot);
		rmdir(out_dir);
		rc = bx_fail(err, BX_EXIT_USAGE, "compare: '%s' and '%s'%s have no group of runs in "
			     "common (the same series, method, size, chunk, pipe size, slots and "
			     "polling)", in[0].path, in[1].path, n > 2 ? " and the rest" : "");
	}
	if (rc == 0 && n == 2 && !plots_available())
		bx_print_error("graph skipped: %s; compare.md and compare.csv are written",
			       PLOTS_MISSING);
	else if (rc == 0 && n == 2)
		rc = plots_render("compare", plot, png, log, err);
	if (rc == 0) {
		char html[PATH_MAX + 32];
		snprintf(html, sizeof(html), "%s/compare.html", out_dir);
		struct compare_source *src = calloc(n, sizeof(*src));
		const char *titles[COMPARE_NMETRICS];
		for (int m = 0; m < COMPARE_NMETRICS; m++)
			titles[m] = metrics[m].title;
		for (size_t i = 0; src && i < n; i++)
			src[i] = (struct compare_source){ in[i].path, in[i].records[0].kernel,
							  in[i].records[0].cpu_model, in[i].n };
		rc = src ? compare_html_write(html, src, n, n == 2 ? table : NULL, (size_t)rows,
					      titles, md, err)
			 : bx_fail(err, BX_EXIT_FAILURE, "compare: out of memory");
		free(src);
	}
	struct compare_gate gate = { 0, 0, 0, 0, 0 };
	if (rc == 0 && fail_mask && n == 2) {	/* a CI's answer before the tables */
		double tail;
		size_t undecided;
		size_t judged = gate_rows(&in[0], &in[1], table, (size_t)rows, fail_mask, &tail,
					 &undecided);
		size_t count = print_regressed(table, (size_t)rows, fail_mask, judged, tail, undecided);
		if (regressed)
			*regressed = count;
		if (count)
			printf("\n");
		gate = (struct compare_gate){ fail_mask, 1 - 2 * tail, judged, count, undecided };
	}
	if (rc == 0 && n == 2)
		rc = write_json(in, out_dir, json_path, table, (size_t)rows, &gate, err);
	if (rc == 0) {
		FILE *f = fopen(md, "r");
		char buf[4096];
		size_t k;
		while (f && (k = fread(buf, 1, sizeof(buf), f)) > 0)
			fwrite(buf, 1, k, stdout);
		if (f)
			fclose(f);
		printf("\ncompare: %s (compare.html, compare.csv%s beside it)\n", md,
		       n == 2 ? ", compare.png, compare.json" : "");
		if (n == 2 && json_path)
			printf("compare: %s (the comparison as JSON)\n", json_path);
	}
	for (size_t i = 0; i < n; i++) {
		free(in[i].records);
		free(in[i].groups);
		free(in[i].start);
		free(in[i].members);
	}
	free(in);
	free(table);
	return rc;
}
