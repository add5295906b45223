/*
 * report.c - the report directory (see report.h): the job's facts written as report.md,
 * report.html, verdicts.csv, summary.csv, unit-costs.csv and the plot data, and the graphs
 * gnuplot draws from it.  Both pages follow the one table of sections (report_sections.c); each
 * file is written whole or not at all, and the outcome says which were.
 */
#include "analysis/report/report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>

#include "analysis/markdown/report_model.h"
#include "analysis/markdown/report_study.h"
#include "analysis/plots/copies_data.h"
#include "analysis/plots/plot_data.h"
#include "analysis/report/html.h"
#include "analysis/report/report_sections.h"
#include "analysis/report/results_json.h"
#include "base/io_util.h"
#include "base/output_file.h"
#include "base/plots.h"

#define PATH_LEN PLOT_PATH_LEN

void report_print_comparison(FILE *out, const struct job_facts *facts)
{
	report_study_print(out, facts);
}

/* ---- the graphs ---------------------------------------------------------------------- */

/* The graphs of one report: which have data, where it is, and which gnuplot drew. */
struct report_graphs {
	int available[NGRAPHS];	/* 1 when its data was written */
	char data[NGRAPHS][PATH_LEN];
	int drawn[NGRAPHS];	/* 1 when its PNG and SVG were rendered */
	int gnuplot;		/* plots_available(), asked once a report */
	int rc[NGRAPHS];	/* draw_graphs's outcome for each graph it drew, */
	struct bx_error why[NGRAPHS];	/* and why when it failed */
};

/* Draw every graph a section shows that has data, as many gnuplots at once as this process has
 * CPUs (each is one core's work, and the report waits for them all; one at a time when there
 * is no memory for a job each), each one's outcome into graphs->rc and ->why for
 * render_graph.  They are waited for in the order they started: the next starts when the
 * oldest ends.  Nothing is drawn without gnuplot. */
static void draw_graphs(const char *out_dir, struct report_graphs *graphs)
{
	enum report_graph_id todo[NGRAPHS];
	int listed[NGRAPHS] = { 0 };	/* a graph two sections show is drawn once */
	size_t n = 0;
	for (size_t i = 0; graphs->gnuplot && i < report_sections_count(); i++) {
		const struct report_section *sec = report_section_at(i);
		for (size_t g = 0; g < REPORT_SECTION_GRAPHS && sec->graphs[g] != NO_GRAPH; g++) {
			enum report_graph_id id = sec->graphs[g];
			if (graphs->available[id] && !listed[id]) {
				listed[id] = 1;
				todo[n++] = id;
			}
		}
	}
	char log_path[PATH_LEN], out[NGRAPHS][PATH_LEN];
	snprintf(log_path, sizeof(log_path), "%s/gnuplot.log", out_dir);
	for (size_t k = 0; k < n; k++)
		snprintf(out[k], PATH_LEN, "%s/%s", out_dir, report_graph_kind(todo[k])->script);
	struct plot_job *jobs = n ? calloc(n, sizeof(*jobs)) : NULL;
	if (!jobs) {	/* no memory for a job each: one at a time (plots_render's own job) */
		for (size_t k = 0; k < n; k++)
			graphs->rc[todo[k]] = plots_render(report_graph_kind(todo[k])->script,
							   graphs->data[todo[k]], out[k], log_path,
							   &graphs->why[todo[k]]);
		return;
	}
	cpu_set_t mine;	/* the CPUs this process may run on, not all the machine's */
	int cpus = sched_getaffinity(0, sizeof(mine), &mine) == 0 ? CPU_COUNT(&mine) : 1;
	size_t at_once = cpus > 1 ? (size_t)cpus : 1, started = 0, finished = 0;
	while (finished < n) {
		while (started < n && started - finished < at_once) {
			plots_start(&jobs[started], report_graph_kind(todo[started])->script,
				    graphs->data[todo[started]], out[started], log_path);
			started++;
		}
		enum report_graph_id id = todo[finished];
		graphs->rc[id] = plots_finish(&jobs[finished], &graphs->why[id]);
		finished++;
	}
	free(jobs);
}

/* Say in md how graph id came out of draw_graphs; returns 0, or BX_EXIT_FAILURE (the first
 * failure into *err). */
static int render_graph(FILE *md, const struct job_facts *facts, struct report_graphs *graphs,
			enum report_graph_id id, struct bx_error *err, int *failed)
{
	const struct report_graph_kind *gr = report_graph_kind(id);
	if (!graphs->available[id]) {
		fprintf(md, "- %s: not drawn, the runs do not vary along its axis (or name "
			"no known method)\n", gr->title);
		return 0;
	}
	if (!graphs->gnuplot) {	/* recommended, not required: the numbers are in the CSVs */
		fprintf(md, "- %s: not drawn: %s\n", gr->title, PLOTS_MISSING);
		return 0;
	}
	if (graphs->rc[id] != 0) {	/* draw_graphs drew it before the sections */
		fprintf(md, "- %s: not drawn: %s\n", gr->title, graphs->why[id].msg);
		if (!*failed)
			*err = graphs->why[id];
		*failed = 1;
		return BX_EXIT_FAILURE;
	}
	graphs->drawn[id] = 1;
	fprintf(md, "### %s\n\n![%s](%s.png)\n\n%s", gr->title, gr->title, gr->script,
		gr->reading);
	if (id == GRAPH_CPU || id == GRAPH_THROUGHPUT || id == GRAPH_CPU_PER_GIB) {
		size_t of = 0, drawn = plot_data_bars_drawn(facts->groups, facts->ngroups, &of);
		if (drawn < of)
			fprintf(md, " It draws the %zu groups with the most runs of the %zu "
				"(summary.csv has them all).", drawn, of);
	}
	if (id == GRAPH_CALLS && report_model_calls_stride(facts->n) > 1)
		fprintf(md, " It draws one run in %zu of the file's %zu.",
			report_model_calls_stride(facts->n), facts->n);
	fprintf(md, "\n\n");
	return 0;
}

/* The data of every graph: the bars, the chunk and size curves, the copies, and the model's
 * (model.csv with them).  Returns 0 or BX_EXIT_FAILURE with *err filled. */
static int write_graph_data(const struct job_facts *facts, const char *out_dir,
			    struct report_graphs *graphs, struct bx_error *err)
{
	const struct group *g = facts->groups;
	size_t ng = facts->ngroups;
	char bars[3][PATH_LEN];
	if (plot_data_bars(out_dir, g, ng, bars) < 0)
		return bx_fail(err, BX_EXIT_FAILURE, "cannot write into '%s': %s", out_dir,
			       strerror(errno));
	const enum report_graph_id bar_graphs[3] = { GRAPH_CPU, GRAPH_THROUGHPUT, GRAPH_CPU_PER_GIB };
	for (int i = 0; i < 3; i++) {
		snprintf(graphs->data[bar_graphs[i]], PATH_LEN, "%s", bars[i]);
		graphs->available[bar_graphs[i]] = 1;
	}
	snprintf(graphs->data[GRAPH_CHUNK], PATH_LEN, "%s/plot-chunk.csv", out_dir);
	snprintf(graphs->data[GRAPH_SIZE], PATH_LEN, "%s/plot-size.csv", out_dir);
	snprintf(graphs->data[GRAPH_COPIES], PATH_LEN, "%s/plot-copies.csv", out_dir);
	int c = plot_data_chunk(graphs->data[GRAPH_CHUNK], g, ng);
	int s = plot_data_line(graphs->data[GRAPH_SIZE], g, ng, AXIS_SIZE);
	int k = explain_write_copies_data(graphs->data[GRAPH_COPIES], g, ng);
	graphs->available[GRAPH_CHUNK] = c == 1;
	graphs->available[GRAPH_SIZE] = s == 1;
	graphs->available[GRAPH_COPIES] = k > 0;
	if (c < 0 || s < 0 || k < 0)
		return bx_fail(err, BX_EXIT_FAILURE, "cannot write plot data into '%s'", out_dir);
	if (!facts->fitted)
		return 0;
	int calls = report_model_write(out_dir, facts->records, facts->n, &facts->model);
	if (calls < 0)
		return bx_fail(err, BX_EXIT_FAILURE, "cannot write the model into '%s'", out_dir);
	snprintf(graphs->data[GRAPH_BREAKDOWN], PATH_LEN, "%s/plot-breakdown.csv", out_dir);
	snprintf(graphs->data[GRAPH_CALLS], PATH_LEN, "%s/plot-calls.csv", out_dir);
	graphs->available[GRAPH_BREAKDOWN] = (calls & REPORT_MODEL_BARS) != 0;
	graphs->available[GRAPH_CALLS] = (calls & REPORT_MODEL_CALLS) != 0;
	return 0;
}

/* ---- report.md ------------------------------------------------------------------------ */

/* Every section in order, each followed by its graphs (rendered by gnuplot from the plot-*.csv
 * files beside the report, an SVG beside each PNG).  Returns the first failure (the report is
 * still written to the end). */
static int write_sections(FILE *md, const struct job_facts *facts, const char *out_dir,
			  struct report_graphs *graphs, struct bx_error *err)
{
	int rc = 0, failed = 0, skipped = 0;
	graphs->gnuplot = plots_available();
	draw_graphs(out_dir, graphs);
	for (size_t i = 0; i < report_sections_count(); i++) {
		const struct report_section *sec = report_section_at(i);
		if (sec->markdown(md, facts) < 0 && rc == 0)
			rc = bx_fail(err, BX_EXIT_FAILURE, "out of memory writing the section '%s'",
				     sec->id);
		int drew = 0;
		for (size_t k = 0; k < REPORT_SECTION_GRAPHS && sec->graphs[k] != NO_GRAPH; k++) {
			if (!drew++)
				fputc('\n', md);
			skipped += !graphs->gnuplot && graphs->available[sec->graphs[k]];
			struct bx_error one = { 0, "" };
			render_graph(md, facts, graphs, sec->graphs[k], &one, &failed);
			if (one.msg[0] && rc == 0) {
				*err = one;
				rc = BX_EXIT_FAILURE;
			}
		}
	}
	if (skipped)	/* once for the report, not per graph */
		bx_print_error("graphs skipped: %s; the report and its plot-*.csv data are written",
			       PLOTS_MISSING);
	return rc;
}

/* report.md whole or not at all; *whole says which.  Returns 0 or BX_EXIT_FAILURE (a graph
 * that failed leaves a whole report saying so: report.md is kept then, and only a failed
 * write discards it). */
static int write_markdown(const struct job_facts *facts, const char *out_dir,
			  struct report_graphs *graphs, int *whole, struct bx_error *err)
{
	char path[PATH_LEN];
	snprintf(path, sizeof(path), "%s/report.md", out_dir);
	struct output_file out;
	FILE *md = output_file_open(&out, path);
	if (!md)
		return bx_fail(err, BX_EXIT_FAILURE, "cannot write '%s': %s", path,
			       io_open_error(errno));
	int rc = write_sections(md, facts, out_dir, graphs, err);
	int c = output_file_close(&out, 1);
	if (c < 0)
		return bx_fail(err, BX_EXIT_FAILURE, "cannot write '%s': %s", path, strerror(-c));
	*whole = 1;
	return rc;
}

/* ---- putting it together ------------------------------------------------------------- */

/* The data beside the report: unit-costs.csv (when the job measured them), verdicts.csv,
 * summary.csv and results.json.  Returns 0 or BX_EXIT_FAILURE with *err filled. */
static int write_csvs(const struct job_facts *facts, const char *out_dir, struct bx_error *err)
{
	char path[PATH_LEN];
	const struct unit_costs *units = job_facts_units(facts);
	if (units && unit_costs_known(units)) {
		snprintf(path, sizeof(path), "%s/" UNIT_COSTS_FILE, out_dir);
		int urc = unit_costs_write(path, units);
		if (urc < 0)
			return bx_fail(err, BX_EXIT_FAILURE, "cannot write '%s': %s", path,
				       strerror(-urc));
	}
	snprintf(path, sizeof(path), "%s/verdicts.csv", out_dir);
	if (study_write_verdicts(path, &facts->claims) < 0)
		return bx_fail(err, BX_EXIT_FAILURE, "cannot write '%s': %s", path,
			       io_open_error(errno));
	snprintf(path, sizeof(path), "%s/summary.csv", out_dir);
	if (groups_write_csv(path, facts->groups, facts->ngroups) < 0)
		return bx_fail(err, BX_EXIT_FAILURE, "cannot write into '%s': %s", out_dir,
			       strerror(errno));
	snprintf(path, sizeof(path), "%s/results.json", out_dir);
	int jrc = results_json_write(path, facts);
	if (jrc < 0)
		return bx_fail(err, BX_EXIT_FAILURE, "cannot write '%s': %s", path, strerror(-jrc));
	return 0;
}

int report_write(const struct job_facts *facts, const char *out_dir, struct report_outcome *done,
		 struct bx_error *err)
{
	struct report_outcome none;
	done = done ? done : &none;
	memset(done, 0, sizeof(*done));
	struct report_graphs *graphs = calloc(1, sizeof(*graphs));
	if (!graphs)
		return bx_fail(err, BX_EXIT_FAILURE, "out of memory writing the report");
	int rc = write_csvs(facts, out_dir, err);
	if (rc == 0)
		rc = write_graph_data(facts, out_dir, graphs, err);
	if (rc == 0)
		rc = write_markdown(facts, out_dir, graphs, &done->markdown, err);
	if (done->markdown) {	/* report.html beside a whole report.md, from the same facts */
		struct bx_error herr = { 0, "" };
		if (html_write(facts, out_dir, graphs->drawn, &herr) == 0)
			done->html = 1;
		else if (rc == 0) {
			*err = herr;
			rc = BX_EXIT_FAILURE;
		}
	}
	free(graphs);
	return rc;
}
