/*
 * report.c - the reproduction report and its graphs (see report.h).
 *
 * report.md is written from one table of sections, in order: each has an id, the title the
 * README and the man page list it by, its writer and the graphs that draw its numbers.  The
 * claims (the study beside this machine, the ratios, the ordering, the targets) are written by
 * report_study.c, judged by study.c; the short tables by report_tables.c.
 */
#include "analysis/report/report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/judge/groups.h"
#include "analysis/judge/study.h"
#include "analysis/model/model.h"
#include "analysis/report/answer.h"
#include "analysis/report/answer_units.h"
#include "analysis/report/explain.h"
#include "analysis/report/html.h"
#include "analysis/report/plot_data.h"
#include "analysis/report/report_copies.h"
#include "analysis/report/report_ipc.h"
#include "analysis/report/report_model.h"
#include "analysis/report/report_placement.h"
#include "analysis/report/report_profile.h"
#include "analysis/report/report_study.h"
#include "analysis/report/report_tables.h"
#include "analysis/report/report_uring.h"
#include "base/io_util.h"
#include "base/output_file.h"
#include "base/plots.h"
#include "host/floor.h"
#include "record/names.h"

#define PATH_LEN PLOT_PATH_LEN

void report_print_comparison(FILE *out, const struct run_record *records, size_t n)
{
	struct group *g;
	size_t ng;
	if (groups_build(records, n, &g, &ng) < 0)
		return;
	static struct claim_set claims;
	study_judge(records, n, &claims);
	report_study_print(out, records, n, g, ng, &claims, NULL);
	free(g);
}

/* ---- the graphs ---------------------------------------------------------------------- */

enum report_graph_id {
	GRAPH_CPU, GRAPH_THROUGHPUT, GRAPH_CHUNK, GRAPH_SIZE, GRAPH_CPU_PER_GIB, GRAPH_COPIES,
	GRAPH_BREAKDOWN, GRAPH_CALLS, NGRAPHS
};

struct graph {
	const char *script;	/* plots/<script>.gp */
	const char *title;
	const char *reading;	/* how to read it: what a mark is, which way is better */
	int available;		/* 1 when its data was written */
	char data[PATH_LEN];
};

/* Everything a section writer reads, and what the model section leaves for the later ones. */
struct report_input {
	const struct run_record *records;
	size_t n;
	const struct group *g;
	size_t ng;
	const struct claim_set *claims;
	const struct report_context *ctx;	/* may be NULL */
	const char *runs_csv, *out_dir;
	struct graph graphs[NGRAPHS];
	struct findings findings;		/* what the job found (answer.h) */
	struct side_models model;		/* the cost model section's fit */
	int fitted;				/* 1 when the model could be fitted */
	int gnuplot;				/* plots_available(), asked once a report */
	struct bx_error *err;
};

/* Render graph id into md; returns 0, or BX_EXIT_FAILURE (the first failure into in->err). */
static int render_graph(FILE *md, struct report_input *in, enum report_graph_id id, int *failed)
{
	const struct graph *gr = &in->graphs[id];
	if (!gr->available) {
		fprintf(md, "- %s: not drawn, the runs do not vary along its axis (or name "
			"no known method)\n", gr->title);
		return 0;
	}
	if (!in->gnuplot) {	/* recommended, not required: the numbers are in the CSVs */
		fprintf(md, "- %s: not drawn: %s\n", gr->title, PLOTS_MISSING);
		return 0;
	}
	char out[PATH_LEN], log_path[PATH_LEN];
	snprintf(out, sizeof(out), "%s/%s", in->out_dir, gr->script);
	snprintf(log_path, sizeof(log_path), "%s/gnuplot.log", in->out_dir);
	struct bx_error one;
	if (plots_render(gr->script, gr->data, out, log_path, &one) != 0) {
		fprintf(md, "- %s: not drawn: %s\n", gr->title, one.msg);
		if (!*failed)
			*in->err = one;
		*failed = 1;
		return BX_EXIT_FAILURE;
	}
	fprintf(md, "### %s\n\n![%s](%s.png)\n\n%s", gr->title, gr->title, gr->script,
		gr->reading);
	if (id == GRAPH_CPU || id == GRAPH_THROUGHPUT || id == GRAPH_CPU_PER_GIB) {
		size_t of = 0, drawn = plot_data_bars_drawn(in->g, in->ng, &of);
		if (drawn < of)
			fprintf(md, " It draws the %zu groups with the most runs of the %zu "
				"(summary.csv has them all).", drawn, of);
	}
	if (id == GRAPH_CALLS && report_model_calls_stride(in->n) > 1)
		fprintf(md, " It draws one run in %zu of the file's %zu.",
			report_model_calls_stride(in->n), in->n);
	fprintf(md, "\n\n");
	return 0;
}

/* ---- the sections --------------------------------------------------------------------- */

static int write_machine(FILE *md, struct report_input *in)
{
	report_machine_print(md, in->records, in->n, in->runs_csv, in->ctx);
	return 0;
}

static int write_study(FILE *md, struct report_input *in)
{
	fprintf(md, "\n## Against the 2014 study\n\n");
	report_study_print(md, in->records, in->n, in->g, in->ng, in->claims, in->ctx);
	return 0;
}

static int write_tuned(FILE *md, struct report_input *in)
{
	report_tuned_print(md, in->g, in->ng);
	return 0;
}

static int write_targets(FILE *md, struct report_input *in)
{
	report_targets_print(md, in->g, in->ng, in->claims, in->ctx);
	return 0;
}

static int write_uring(FILE *md, struct report_input *in)
{
	report_uring_print(md, in->records, in->n, in->g, in->ng);
	return 0;
}

static int write_ipc(FILE *md, struct report_input *in)
{
	const struct report_context *ctx = in->ctx;
	report_ipc_print(md, in->records, in->n, in->g, in->ng,
			 ctx && ctx->limits ? ctx->limits->memcpy_gib_s : 0, ctx ? ctx->ipc_why : NULL);
	report_placement_print(md, in->records, in->n, ctx ? ctx->copy_placement : NULL);
	return 0;
}

static int write_copies(FILE *md, struct report_input *in)
{
	const struct report_context *ctx = in->ctx;
	report_copies_print(md, in->g, in->ng, ctx ? ctx->profiles : NULL, ctx ? ctx->units : NULL);
	return 0;
}

/* The appendix: the cost model, a fit (report_write fitted it before the sections, for the
 * profile section), judged there against the direct measurements and the profile. */
static int write_model(FILE *md, struct report_input *in)
{
	const struct report_context *ctx = in->ctx;
	struct model_checks checks = { ctx ? ctx->primitives : NULL,
				       ctx && ctx->limits ? ctx->limits->memcpy_gib_s : 0, in->claims,
				       ctx ? ctx->profiles : NULL };
	if (report_model_print(md, "Appendix: a cost model fitted to the runs", in->records, in->n,
			       &checks, &in->model) != 0)
		return 0;
	/* the fit judged against what was measured: here, not in the main text */
	report_profile_model_beside(md, in->records, in->n, ctx ? ctx->profiles : NULL, &in->model);
	int calls = report_model_write(in->out_dir, in->records, in->n, &in->model);
	snprintf(in->graphs[GRAPH_BREAKDOWN].data, PATH_LEN, "%s/plot-breakdown.csv", in->out_dir);
	snprintf(in->graphs[GRAPH_CALLS].data, PATH_LEN, "%s/plot-calls.csv", in->out_dir);
	in->graphs[GRAPH_BREAKDOWN].available = calls >= 0 && (calls & REPORT_MODEL_BARS);
	in->graphs[GRAPH_CALLS].available = calls >= 0 && (calls & REPORT_MODEL_CALLS);
	if (calls < 0)
		return bx_fail(in->err, BX_EXIT_FAILURE, "cannot write the model into '%s'",
			       in->out_dir);
	return 0;
}

static int write_findings(FILE *md, struct report_input *in)
{
	answer_write_findings(md, &in->findings);
	answer_units_write(md, &in->findings);
	return 0;
}

static int write_profile(FILE *md, struct report_input *in)
{
	const struct report_context *ctx = in->ctx;
	if (ctx && (ctx->profiles || ctx->profile_why[0]))
		report_profile_print(md, in->records, in->n, ctx->profiles, in->claims,
				     ctx->profile_why);
	return 0;
}

static int write_system(FILE *md, struct report_input *in)
{
	if (in->ctx && in->ctx->system)
		report_system_print(md, in->ctx->system);
	return 0;
}

static int write_glossary(FILE *md, struct report_input *in)
{
	report_glossary_print(md, in->g, in->ng);
	return 0;
}

static int write_groups(FILE *md, struct report_input *in)
{
	report_groups_print(md, in->g, in->ng);
	return 0;
}

#define NO_GRAPH NGRAPHS
#define MAX_SECTION_GRAPHS 3

struct report_section {
	const char *id;		/* a short name, for tests and for linking */
	const char *title;	/* what the README and the man page call it, and how its heading
				 * in report.md begins (tests hold the three together) */
	int (*write)(FILE *md, struct report_input *in);
	enum report_graph_id graphs[MAX_SECTION_GRAPHS];	/* its graphs; NO_GRAPH ends them */
};

/* report.md, in order; each section's graphs are drawn right after it. */
static const struct report_section sections[] = {
	{ "machine", "the machine and the runs", write_machine, { NO_GRAPH } },
	{ "findings", "what this job found", write_findings, { NO_GRAPH } },
	{ "against-study", "against the 2014 study", write_study,
	  { GRAPH_CPU, GRAPH_THROUGHPUT, NO_GRAPH } },
	{ "best-chunk", "each method at its best chunk size", write_tuned,
	  { GRAPH_CHUNK, GRAPH_SIZE, GRAPH_CPU_PER_GIB } },
	{ "targets", "the floor and the targets", write_targets, { NO_GRAPH } },
	{ "uring", "io_uring beside the classic calls", write_uring, { NO_GRAPH } },
	{ "ipc", "the IPC alone", write_ipc, { NO_GRAPH } },
	{ "copies", "where the copies go", write_copies, { GRAPH_COPIES, NO_GRAPH } },
	{ "profile", "where the CPU time goes, measured", write_profile, { NO_GRAPH } },
	{ "system", "what on this machine moves the numbers", write_system, { NO_GRAPH } },
	{ "groups", "every group of runs", write_groups, { NO_GRAPH } },
	{ "glossary", "what the words mean", write_glossary, { NO_GRAPH } },
	{ "model", "appendix: a cost model fitted to the runs", write_model,
	  { GRAPH_BREAKDOWN, GRAPH_CALLS, NO_GRAPH } },
};
#define NSECTIONS (sizeof(sections) / sizeof(sections[0]))

size_t report_sections_count(void)
{
	return NSECTIONS;
}

const char *report_section_title(size_t i)
{
	return i < NSECTIONS ? sections[i].title : NULL;
}

/* ---- putting it together ------------------------------------------------------------- */

/* The data of the graphs that need no model: the bars, the chunk and size curves, the copies.
 * Returns 0 or BX_EXIT_FAILURE with in->err filled. */
static int prepare_graphs(struct report_input *in)
{
	static const struct { const char *script, *title, *reading; } names[NGRAPHS] = {
		[GRAPH_CPU] = { "cpu", "CPU seconds per GiB of sender and receiver, beside the 2014 "
				"code's", "Each bar is one side's median over its group's runs, its "
				"error bar the median's interval (95%, or the next level its runs "
				"allow: \"Every group of runs\" gives each); a diamond is what the 2014 "
				"code measured on its own machine, per GiB of its file. Lower is "
				"cheaper." },
		[GRAPH_THROUGHPUT] = { "throughput", "End-to-end throughput", "Each bar is a group's "
				       "median GiB/s, from the start barrier to the receiver's last "
				       "byte, its error bar the median's interval (95%, or the next level "
				       "its runs allow). Higher is faster." },
		[GRAPH_CHUNK] = { "chunk", "Throughput and CPU per GiB against chunk size", "The "
				  "chunk sweep: each point the median of its three runs, the bars "
				  "their smallest and largest; the tuned phase runs each method at "
				  "its fastest chunk here." },
		[GRAPH_SIZE] = { "size", "Throughput against file size", "One run a point below the "
				 "full file, whose point is the tuned phase's median: small files "
				 "pay the fixed cost of a transfer." },
		[GRAPH_CPU_PER_GIB] = { "cpu_per_gib", "User vs system CPU seconds per GiB", "Each "
					"side's median split into user and system time: the copies "
					"inside the kernel count as system time." },
		[GRAPH_COPIES] = { "copies", "Measured CPU cost against theoretical CPU copies", "A "
				   "point per method: if copies were the cost, the points would "
				   "climb with the copies." },
		[GRAPH_BREAKDOWN] = { "breakdown", "Where each side's CPU time goes (cost model)", "A "
				      "fit, not a measurement: \"The fitted model beside the "
				      "profile\" says where it is wrong." },
		[GRAPH_CALLS] = { "calls", "CPU seconds per GiB against system calls per GiB (cost "
				  "model)", "Each run a point, the fit's line beside them: a fit, not "
				  "a measurement." },
	};
	struct graph *gr = in->graphs;
	for (size_t i = 0; i < NGRAPHS; i++) {
		gr[i].script = names[i].script;
		gr[i].title = names[i].title;
		gr[i].reading = names[i].reading;
	}
	char bars[3][PATH_LEN];
	if (plot_data_bars(in->out_dir, in->g, in->ng, bars) < 0)
		return bx_fail(in->err, BX_EXIT_FAILURE, "cannot write into '%s': %s", in->out_dir,
			       strerror(errno));
	snprintf(gr[GRAPH_CPU].data, PATH_LEN, "%s", bars[0]);
	snprintf(gr[GRAPH_THROUGHPUT].data, PATH_LEN, "%s", bars[1]);
	snprintf(gr[GRAPH_CPU_PER_GIB].data, PATH_LEN, "%s", bars[2]);
	gr[GRAPH_CPU].available = gr[GRAPH_THROUGHPUT].available = gr[GRAPH_CPU_PER_GIB].available = 1;
	snprintf(gr[GRAPH_CHUNK].data, PATH_LEN, "%s/plot-chunk.csv", in->out_dir);
	snprintf(gr[GRAPH_SIZE].data, PATH_LEN, "%s/plot-size.csv", in->out_dir);
	snprintf(gr[GRAPH_COPIES].data, PATH_LEN, "%s/plot-copies.csv", in->out_dir);
	int c = plot_data_chunk(gr[GRAPH_CHUNK].data, in->g, in->ng);
	int s = plot_data_line(gr[GRAPH_SIZE].data, in->g, in->ng, AXIS_SIZE);
	int k = explain_write_copies_data(gr[GRAPH_COPIES].data, in->g, in->ng);
	gr[GRAPH_CHUNK].available = c == 1;
	gr[GRAPH_SIZE].available = s == 1;
	gr[GRAPH_COPIES].available = k > 0;
	if (c < 0 || s < 0 || k < 0)
		return bx_fail(in->err, BX_EXIT_FAILURE, "cannot write plot data into '%s'",
			       in->out_dir);
	return 0;
}

/* Every section in order, each followed by its graphs (rendered by gnuplot from the plot-*.csv
 * files beside the report, an SVG beside each PNG).  Returns the first failure (the report is
 * still written to the end). */
static int write_sections(FILE *md, struct report_input *in)
{
	int rc = 0, failed = 0, skipped = 0;
	struct bx_error first = { 0, "" };
	in->gnuplot = plots_available();
	for (size_t i = 0; i < NSECTIONS; i++) {
		int one = sections[i].write(md, in);
		rc = rc ? rc : one;
		struct bx_error *keep = in->err;
		in->err = &first;
		int drew = 0;
		for (size_t k = 0; k < MAX_SECTION_GRAPHS && sections[i].graphs[k] != NO_GRAPH; k++) {
			if (!drew++)
				fputc('\n', md);
			skipped += !in->gnuplot && in->graphs[sections[i].graphs[k]].available;
			render_graph(md, in, sections[i].graphs[k], &failed);
		}
		in->err = keep;
	}
	if (skipped)	/* once for the report, not per graph */
		bx_print_error("graphs skipped: %s; the report and its plot-*.csv data are written",
			       PLOTS_MISSING);
	if (failed && rc == 0) {
		*in->err = first;
		rc = BX_EXIT_FAILURE;
	}
	return rc;
}

int report_write(const struct run_record *records, size_t n, const char *runs_csv,
		 const char *out_dir, const struct report_context *ctx, struct bx_error *err)
{
	if (n == 0)
		return bx_fail(err, BX_EXIT_USAGE, "no runs to report on");
	struct group *g;
	size_t ng;
	if (groups_build(records, n, &g, &ng) < 0)
		return bx_fail(err, BX_EXIT_FAILURE, "out of memory grouping runs");
	static struct claim_set claims_storage;
	static struct report_input in;
	memset(&in, 0, sizeof(in));
	in.records = records;
	in.n = n;
	in.g = g;
	in.ng = ng;
	in.claims = &claims_storage;
	in.ctx = ctx;
	in.runs_csv = runs_csv;
	in.out_dir = out_dir;
	in.err = err;
	study_judge(records, n, &claims_storage);
	/* The model is fitted first: the profile section puts its shares beside the measured ones,
	 * and the appendix prints it. */
	in.fitted = model_fit_sides(records, n, NULL, &in.model) == 0;
	answer_gather(records, n, g, ng, &claims_storage, ctx ? ctx->profiles : NULL,
		      ctx ? ctx->units : NULL, &in.findings);

	char path[PATH_LEN];
	int rc = 0;
	if (ctx && ctx->units && unit_costs_known(ctx->units)) {
		snprintf(path, sizeof(path), "%s/" UNIT_COSTS_FILE, out_dir);
		int urc = unit_costs_write(path, ctx->units);
		if (urc < 0)
			rc = bx_fail(err, BX_EXIT_FAILURE, "cannot write '%s': %s", path,
				     strerror(-urc));
	}
	snprintf(path, sizeof(path), "%s/verdicts.csv", out_dir);
	if (rc == 0 && study_write_verdicts(path, &claims_storage) < 0)
		rc = bx_fail(err, BX_EXIT_FAILURE, "cannot write '%s': %s", path, io_open_error(errno));
	snprintf(path, sizeof(path), "%s/summary.csv", out_dir);
	if (rc == 0 && groups_write_csv(path, g, ng) < 0)
		rc = bx_fail(err, BX_EXIT_FAILURE, "cannot write into '%s': %s", out_dir, strerror(errno));
	if (rc == 0)
		rc = prepare_graphs(&in);
	struct output_file md_out;
	FILE *md = NULL;
	if (rc == 0) {
		snprintf(path, sizeof(path), "%s/report.md", out_dir);
		md = output_file_open(&md_out, path);
		if (!md)
			rc = bx_fail(err, BX_EXIT_FAILURE, "cannot write '%s': %s", path, io_open_error(errno));
	}
	if (md) {
		/* A graph that failed leaves a whole report saying so: report.md is kept then, and
		 * only a failed write discards it. */
		rc = write_sections(md, &in);
		int c = output_file_close(&md_out, 1);
		if (c < 0 && rc == 0)
			rc = bx_fail(err, BX_EXIT_FAILURE, "cannot write '%s': %s", path, strerror(-c));
	}
	if (md) {	/* report.html beside it, from the same judgement */
		const char *names[NGRAPHS], *titles[NGRAPHS], *readings[NGRAPHS];
		size_t k = 0;
		for (size_t i = 0; i < NSECTIONS; i++)
			for (size_t j = 0; j < MAX_SECTION_GRAPHS && sections[i].graphs[j] != NO_GRAPH;
			     j++) {
				const struct graph *gr = &in.graphs[sections[i].graphs[j]];
				if (gr->available) {
					names[k] = gr->script;
					readings[k] = gr->reading;
					titles[k++] = gr->title;
				}
			}
		struct html_input h = { records, n, &claims_storage, &in.findings,
					ctx ? ctx->profiles : NULL, ctx ? ctx->profile_why : NULL,
					out_dir, names, titles, readings, k,
					ctx ? ctx->copy_placement : NULL, g, ng,
					ctx ? ctx->units : NULL };
		struct bx_error herr = { 0, "" };
		if (html_write(&h, &herr) != 0 && rc == 0) {
			*err = herr;
			rc = BX_EXIT_FAILURE;
		}
	}
	free(g);
	return rc;
}
