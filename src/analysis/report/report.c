/*
 * report.c - the reproduction report and its graphs (see report.h).
 *
 * The claims (the study beside this machine, the ratios, the ordering, the targets) are in
 * report_study.c, judged by study.c; this file writes the rest and puts the report together.
 */
#include "analysis/report/report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/report/explain.h"
#include "host/floor.h"
#include "analysis/judge/groups.h"
#include "analysis/report/plot_data.h"
#include "base/plots.h"
#include "analysis/report/report_ipc.h"
#include "analysis/report/report_model.h"
#include "analysis/report/report_uring.h"
#include "analysis/report/report_profile.h"
#include "analysis/report/report_study.h"
#include "analysis/judge/study.h"
#include "host/system_check.h"
#include "base/units.h"

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

/* ---- the rest of report.md ----------------------------------------------------------- */

static void print_tuned(FILE *f, const struct group *g, size_t n)
{
	int any = 0;
	for (size_t i = 0; i < n; i++)
		any |= strcmp(g[i].series, "tuned") == 0;
	if (!any)
		return;
	fprintf(f, "\n## Each method at its best chunk size (series \"tuned\")\n\n");
	size_t sweep_runs = 0;
	uint64_t sweep_bytes = 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(g[i].series, "chunk-sweep") == 0) {
			sweep_runs = g[i].n > sweep_runs ? g[i].n : sweep_runs;
			sweep_bytes = g[i].bytes > sweep_bytes ? g[i].bytes : sweep_bytes;
		}
	char swept[32];
	fprintf(f, "The best chunk is the fastest median of the chunk sweep (%zu run%s per method and "
		"chunk, on %s).", sweep_runs, sweep_runs == 1 ? "" : "s",
		units_format_size(sweep_bytes, swept, sizeof(swept)));
	uint64_t spin = 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(g[i].series, "tuned") == 0 && g[i].spin_us > spin)
			spin = g[i].spin_us;
	if (spin)	/* the study's rings sleep at once: say why these may be faster */
		fprintf(f, " A wait on a shared-memory ring here polls up to %llu us before it sleeps "
			"(`spin_us`), so the other side rarely has to wake it through the kernel.",
			(unsigned long long)spin);
	fprintf(f, "\n\n");
	fprintf(f, "| method | chunk | runs | GiB/s median | median's 95%% CI | sender CPU s | "
		"receiver CPU s | vs the study's 4 KiB setting | |\n"
		"|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
	for (size_t i = 0; i < n; i++) {
		if (strcmp(g[i].series, "tuned") != 0)
			continue;
		const struct group *old = groups_find(g, n, "study", g[i].method);
		char chunk[32], speedup[48] = "n/a";
		if (old && old->gib.median > 0)
			snprintf(speedup, sizeof(speedup), "%.2fx", g[i].gib.median / old->gib.median);
		char ci[48];
		fprintf(f, "| %s | %s | %zu | %.3f | %s | %.3f | %.3f | %s | %s |\n",
			g[i].method, units_format_chunk(g[i].chunk, chunk, sizeof(chunk)), g[i].n,
			g[i].gib.median, stats_format_median_ci(&g[i].gib, ci, sizeof(ci)),
			g[i].sender_cpu.median,
			g[i].receiver_cpu.median, speedup, g[i].noisy ? "noisy" : "");
	}
}

/* Theory beside measurement for the first plain group of every method. */
static void print_copies(FILE *f, const struct group *g, size_t n)
{
	fprintf(f, "\n## Where the copies go: theory beside measurement\n\n"
		"Theory per chunk on a warm page cache (`bulkxfer explain` shows each path); measured "
		"medians per GiB moved, from the first group of each method.\n\n");
	fprintf(f, "| method | CPU copies (theory) | switches/chunk (theory) | CPU s/GiB sender | "
		"CPU s/GiB receiver | syscalls/GiB sender (theory) | syscalls/GiB receiver (theory) |\n"
		"|---|---:|---:|---:|---:|---:|---:|\n");
	for (size_t i = 0; i < n; i++) {
		struct method scratch;
		char name[METHOD_NAME_MAX];
		const struct method *m = explain_group_method(g, n, i, &scratch, name);
		if (!m)
			continue;
		double per_chunk = g[i].chunk ? GIB_BYTES / (double)g[i].chunk : 0;
		fprintf(f, "| %s | %u | %u | %.3f | %.3f | %.0f (%.0f) | %.0f (%.0f) |\n", g[i].method,
			methods_cpu_copies(m), methods_switches(m),
			g[i].sender_user_per_gib.median + g[i].sender_sys_per_gib.median,
			g[i].receiver_user_per_gib.median + g[i].receiver_sys_per_gib.median,
			g[i].sender_syscalls_per_gib.median, m->producer->syscalls_per_chunk * per_chunk,
			g[i].receiver_syscalls_per_gib.median, m->consumer->syscalls_per_chunk * per_chunk);
	}
}

/* The host's share in a group: runs it took memory back during, runs it stole CPU during ("-"
 * where the CSV does not know), and the spread of the runs it left alone. */
static void host_cells(const struct group *g, char *took, char *stole, char *alone, size_t len)
{
	snprintf(took, len, "-");
	snprintf(stole, len, "-");
	if (g->reported_mib.min >= 0)
		snprintf(took, len, "%zu", g->host_took);
	if (g->steal.min >= 0)
		snprintf(stole, len, "%zu", g->host_stole);
	if (g->left_alone >= 2)
		snprintf(alone, len, "%zu: %.2f", g->left_alone, g->left_alone_ratio);
	else
		snprintf(alone, len, "%zu", g->left_alone);
}

static void print_all_groups(FILE *f, const struct group *g, size_t n)
{
	fprintf(f, "\n## Every group of runs\n\nGiB/s = 2^30 bytes per second, end to end. A group "
		"whose max/min exceeds %.1f is flagged noisy. *Host took* counts the runs during which "
		"the guest handed at least %.0f MiB of free memory back to the hypervisor (free page "
		"reporting, `reported_mib`): those runs paid to fault it back in. *Host stole* counts "
		"the runs during which the hypervisor kept at least %.1f CPU from the guest on average "
		"(`steal_s` / `wall_s`). *Left alone* gives how many runs had neither and, for two or "
		"more, their max/min: the group's spread without the host's part.\n\n",
		STATS_NOISY_RATIO, GROUPS_HOST_TOOK_MIB, GROUPS_HOST_STOLE_CPU);
	fprintf(f, "| series | method | size | chunk | runs | median | mean | stddev | min | max | "
		"median's 95%% CI | %% of floor | host took | host stole | left alone | |\n"
		"|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
	for (size_t i = 0; i < n; i++) {
		char size[32], chunk[32], took[32], stole[32], alone[32], ci[48];
		int unsteady = report_group_unsteady(&g[i]);
		host_cells(&g[i], took, stole, alone, sizeof(took));
		fprintf(f, "| %s | %s | %s | %s | %zu | %.3f | %.3f | %.3f | %.3f | %.3f | %s | "
			"%.0f%% | %s | %s | %s | %s |\n", g[i].series, g[i].method,
			units_format_size(g[i].bytes, size, sizeof(size)),
			units_format_chunk(g[i].chunk, chunk, sizeof(chunk)), g[i].n, g[i].gib.median,
			g[i].gib.mean, g[i].gib.stddev, g[i].gib.min, g[i].gib.max,
			stats_format_median_ci(&g[i].gib, ci, sizeof(ci)), g[i].pct_of_floor.median, took, stole, alone,
			g[i].noisy ? "noisy" : unsteady ? "*unsteady*" : "");
	}
}

static void print_machine(FILE *f, const struct run_record *r, size_t n, const char *runs_csv)
{
	fprintf(f, "# bulkxfer: the 2014 pipe / mmap / splice comparison, re-run\n\n");
	fprintf(f, "- CPU: %s\n- kernel: %s\n- filesystems: source on %s, destination on %s\n",
		r[0].cpu_model, r[0].kernel, r[0].src_fs, r[0].dst_fs);
	fprintf(f, "- runs: %zu, from %s to %s (UTC), every one listed in `%s`\n", n, r[0].timestamp,
		r[n - 1].timestamp, runs_csv);
	int verified = 1;
	for (size_t i = 0; i < n; i++)
		verified &= r[i].verified == 1;
	fprintf(f, "- verification: %s\n\n", verified ? "every run's destination matched its source "
		"(XXH3-64)" : "some runs were NOT verified (--no-verify)");
	fprintf(f, "The study timed each side with clock(), i.e. CPU time; bulkxfer records that "
		"(getrusage user + system of each process around its own loop) and the wall time "
		"from the start barrier to the receiver's last byte.\n\n");
}

/* ---- putting it together ------------------------------------------------------------- */

struct graph {
	const char *script;	/* plots/<script>.gp */
	const char *title;
	int available;		/* 1 when its data was written */
	char data[PATH_LEN];
};

static int render_graphs(FILE *md, const char *out_dir, struct graph *graphs, size_t ng,
			 struct bx_error *err)
{
	char log_path[PATH_LEN];
	snprintf(log_path, sizeof(log_path), "%s/gnuplot.log", out_dir);
	int failed = 0;
	fprintf(md, "\n## Graphs\n\nRendered by gnuplot from the plot-*.csv files beside this "
		"report (numbers computed once, by bulkxfer, from the runs CSV); SVG versions "
		"beside each PNG.\n\n");
	for (size_t i = 0; i < ng; i++) {
		if (!graphs[i].available) {
			fprintf(md, "- %s: not drawn, the runs do not vary along its axis (or name "
				"no known method)\n", graphs[i].title);
			continue;
		}
		char out[PATH_LEN];
		snprintf(out, sizeof(out), "%s/%s", out_dir, graphs[i].script);
		struct bx_error one;
		if (plots_render(graphs[i].script, graphs[i].data, out, log_path, &one) != 0) {
			fprintf(md, "- %s: not drawn: %s\n", graphs[i].title, one.msg);
			if (!failed)
				*err = one;
			failed = 1;
			continue;
		}
		fprintf(md, "### %s\n\n![%s](%s.png)\n\n", graphs[i].title, graphs[i].title,
			graphs[i].script);
	}
	return failed ? BX_EXIT_FAILURE : 0;
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

	char path[PATH_LEN], bars[3][PATH_LEN];
	struct graph graphs[] = {
		{ "cpu", "CPU seconds of sender and receiver", 0, "" },
		{ "throughput", "End-to-end throughput", 0, "" },
		{ "chunk", "Throughput and CPU per GiB against chunk size", 0, "" },
		{ "size", "Throughput against file size", 0, "" },
		{ "cpu_per_gib", "User vs system CPU seconds per GiB", 0, "" },
		{ "copies", "Measured CPU cost against theoretical CPU copies", 0, "" },
		{ "breakdown", "Where each side's CPU time goes (cost model)", 0, "" },
		{ "calls", "CPU seconds per GiB against system calls per GiB (cost model)", 0, "" },
	};
	int rc = 0;
	static struct claim_set claims_storage;
	struct claim_set *claims = &claims_storage;
	study_judge(records, n, claims);
	snprintf(path, sizeof(path), "%s/verdicts.csv", out_dir);
	if (study_write_verdicts(path, claims) < 0)
		rc = bx_fail(err, BX_EXIT_FAILURE, "cannot write '%s': %s", path, strerror(errno));
	snprintf(path, sizeof(path), "%s/summary.csv", out_dir);
	if (rc == 0 && (groups_write_csv(path, g, ng) < 0 || plot_data_bars(out_dir, g, ng, bars) < 0))
		rc = bx_fail(err, BX_EXIT_FAILURE, "cannot write into '%s': %s", out_dir, strerror(errno));
	if (rc == 0) {
		snprintf(graphs[0].data, PATH_LEN, "%s", bars[0]);
		snprintf(graphs[1].data, PATH_LEN, "%s", bars[1]);
		snprintf(graphs[4].data, PATH_LEN, "%s", bars[2]);
		graphs[0].available = graphs[1].available = graphs[4].available = 1;
		snprintf(graphs[2].data, PATH_LEN, "%s/plot-chunk.csv", out_dir);
		snprintf(graphs[3].data, PATH_LEN, "%s/plot-size.csv", out_dir);
		snprintf(graphs[5].data, PATH_LEN, "%s/plot-copies.csv", out_dir);
		int c = plot_data_chunk(graphs[2].data, g, ng);
		int s = plot_data_line(graphs[3].data, g, ng, AXIS_SIZE);
		int k = explain_write_copies_data(graphs[5].data, g, ng);
		if (c < 0 || s < 0 || k < 0)
			rc = bx_fail(err, BX_EXIT_FAILURE, "cannot write plot data into '%s'", out_dir);
		graphs[2].available = c == 1;
		graphs[3].available = s == 1;
		graphs[5].available = k > 0;
	}
	FILE *md = NULL;
	if (rc == 0) {
		snprintf(path, sizeof(path), "%s/report.md", out_dir);
		md = fopen(path, "w");
		if (!md)
			rc = bx_fail(err, BX_EXIT_FAILURE, "cannot write '%s': %s", path, strerror(errno));
	}
	if (md) {
		print_machine(md, records, n, runs_csv);
		fprintf(md, "## Against the 2014 study\n\n");
		report_study_print(md, records, n, g, ng, claims, ctx);
		print_tuned(md, g, ng);
		report_targets_print(md, g, ng, claims, ctx);
		report_uring_print(md, records, n, g, ng);
		report_ipc_print(md, records, n, g, ng,
				 ctx && ctx->limits ? ctx->limits->memcpy_gib_s : 0,
				 ctx ? ctx->ipc_why : NULL);
		print_copies(md, g, ng);
		struct model_checks checks = { ctx ? ctx->primitives : NULL,
					       ctx && ctx->limits ? ctx->limits->memcpy_gib_s : 0 };
		struct side_models model;
		int fitted = report_model_print(md, records, n, &checks, &model) == 0;
		if (ctx && (ctx->profiles || ctx->profile_why[0]))
			report_profile_print(md, records, n, ctx->profiles, fitted ? &model : NULL,
					     claims, ctx->profile_why);
		if (fitted) {
			int calls = report_model_write(out_dir, records, n, &model);
			if (calls < 0)
				rc = bx_fail(err, BX_EXIT_FAILURE, "cannot write the model into '%s'",
					     out_dir);
			snprintf(graphs[6].data, PATH_LEN, "%s/plot-breakdown.csv", out_dir);
			snprintf(graphs[7].data, PATH_LEN, "%s/plot-calls.csv", out_dir);
			graphs[6].available = calls >= 0 && (calls & REPORT_MODEL_BARS);
			graphs[7].available = calls >= 0 && (calls & REPORT_MODEL_CALLS);
		}
		if (ctx && ctx->system)
			system_print_markdown(md, ctx->system);
		print_all_groups(md, g, ng);
		int drawn = render_graphs(md, out_dir, graphs, sizeof(graphs) / sizeof(graphs[0]), err);
		rc = rc ? rc : drawn;
		if (fclose(md) != 0 && rc == 0)
			rc = bx_fail(err, BX_EXIT_FAILURE, "cannot write '%s': %s", path, strerror(errno));
	}
	free(g);
	return rc;
}
