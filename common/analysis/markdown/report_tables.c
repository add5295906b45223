/*
 * report_tables.c - the sections of report.md that are one table or a few lines each: the
 * machine and the runs, each method at its best chunk, what on this machine moves the numbers,
 * every group of runs, and what the words mean (report_tables.h).
 */
#include "analysis/markdown/report_tables.h"

#include <stdio.h>
#include <string.h>

#include "analysis/judge/groups.h"
#include "analysis/judge/sequential.h"
#include "analysis/judge/study.h"
#include "analysis/judge/verdict.h"
#include "analysis/markdown/report_study.h"
#include "analysis/words/sentences.h"
#include "analysis/words/unit_words.h"
#include "base/units.h"
#include "base/version.h"
#include "catalog/methods.h"
#include "host/system_check.h"
#include "record/names.h"

int report_tuned_print(FILE *f, const struct job_facts *facts)
{
	const struct group *g = facts->groups;
	size_t n = facts->ngroups;
	int any = 0;
	for (size_t i = 0; i < n; i++)
		any |= strcmp(g[i].series, PHASE_TUNED) == 0;
	if (!any)
		return 0;
	fprintf(f, "\n## Each method at its best chunk size (series \"tuned\")\n\n");
	size_t sweep_runs = 0;
	uint64_t sweep_bytes = 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(g[i].series, PHASE_CHUNK_SWEEP) == 0) {
			sweep_runs = g[i].n > sweep_runs ? g[i].n : sweep_runs;
			sweep_bytes = g[i].bytes > sweep_bytes ? g[i].bytes : sweep_bytes;
		}
	char swept[32];
	fprintf(f, "The best chunk is the fastest median of the chunk sweep (%zu run%s per method and "
		"chunk, on %s).", sweep_runs, sweep_runs == 1 ? "" : "s",
		units_format_size(sweep_bytes, swept, sizeof(swept)));
	uint64_t spin = 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(g[i].series, PHASE_TUNED) == 0 && g[i].spin_us > spin)
			spin = g[i].spin_us;
	if (spin)	/* the study's rings sleep at once: say why these may be faster */
		fprintf(f, " A wait on a shared-memory ring here polls up to %llu us before it sleeps "
			"(`spin_us`), so the other side rarely has to wake it through the kernel.",
			(unsigned long long)spin);
	fprintf(f, "\n\n");
	fprintf(f, "| method | chunk | runs | GiB/s median | median's interval (95%% unless "
		"marked) | sender CPU s | "
		"receiver CPU s | GiB/s vs the study's setting | |\n"
		"|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
	for (size_t i = 0; i < n; i++) {
		if (strcmp(g[i].series, PHASE_TUNED) != 0)
			continue;
		const struct group *old = groups_find(g, n, PHASE_STUDY, g[i].method);
		char chunk[64], speedup[48] = "n/a";
		if (old && old->gib.median > 0)
			snprintf(speedup, sizeof(speedup), "%.2fx", g[i].gib.median / old->gib.median);
		char ci[48];
		fprintf(f, "| %s | %s | %zu | %.3f | %s | %.3f | %.3f | %s | %s |\n",
			study_display_name(g[i].method),
			answer_chunk_words(&g[i], chunk, sizeof(chunk)) + strlen("chunk "), g[i].n,
			g[i].gib.median, stats_format_median_ci(&g[i].gib, ci, sizeof(ci)),
			g[i].sender_cpu.median,
			g[i].receiver_cpu.median, speedup, g[i].noisy ? "noisy" : "");
	}
	return 0;
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

int report_groups_print(FILE *f, const struct job_facts *facts)
{
	const struct group *g = facts->groups;
	size_t n = facts->ngroups;
	fprintf(f, "\n## Every group of runs\n\nGiB/s = 2^30 bytes per second, end to end. A group "
		"whose max/min exceeds %.1f is flagged noisy. *Host took* counts the runs during which "
		"the guest handed at least %.0f MiB of free memory back to the hypervisor (free page "
		"reporting, `reported_mib`): those runs paid to fault it back in. *Host stole* counts "
		"the runs during which the hypervisor kept at least %.1f CPU from the guest on average "
		"(`steal_s` / `wall_s`). *Left alone* gives how many runs had neither and, for two or "
		"more, their max/min: the group's spread without the host's part.\n\n",
		STATS_NOISY_RATIO, GROUPS_HOST_TOOK_MIB, GROUPS_HOST_STOLE_CPU);
	fprintf(f, "| series | method | size | chunk | runs | median | mean | stddev | min | max | "
		"median's interval (95%% unless marked) | %% of floor | host took | host stole | "
		"left alone | |\n"
		"|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
	for (size_t i = 0; i < n; i++) {
		char size[32], chunk[32], took[32], stole[32], alone[32], ci[48];
		int unsteady = report_group_unsteady(&g[i]);
		host_cells(&g[i], took, stole, alone, sizeof(took));
		/* Memory to memory, and runs with no floor measured, have no share of it. */
		char floor[16] = "-";
		if (g[i].pct_of_floor.max > 0)
			snprintf(floor, sizeof(floor), "%.0f%%", g[i].pct_of_floor.median);
		fprintf(f, "| %s | %s | %s | %s | %zu | %.3f | %.3f | %.3f | %.3f | %.3f | %s | "
			"%s | %s | %s | %s | %s |\n", g[i].series, study_display_name(g[i].method),
			units_format_size(g[i].bytes, size, sizeof(size)),
			units_format_chunk(g[i].chunk, chunk, sizeof(chunk)), g[i].n, g[i].gib.median,
			g[i].gib.mean, g[i].gib.stddev, g[i].gib.min, g[i].gib.max,
			stats_format_median_ci(&g[i].gib, ci, sizeof(ci)), floor, took, stole, alone,
			g[i].noisy ? "noisy" : unsteady ? "*unsteady*" : "");
	}
	return 0;
}

int report_machine_print(FILE *f, const struct job_facts *facts)
{
	const struct run_record *r = facts->records;
	size_t n = facts->n;
	const char *runs_csv = facts->runs_csv;
	const struct job_context *ctx = facts->ctx;
	fprintf(f, "# bulkxfer: the 2014 pipe / mmap / splice comparison, re-run\n\n");
	fprintf(f, "- written by: bulkxfer %s (commit %s)\n", bulkxfer_version(), bulkxfer_commit());
	if (ctx && ctx->command_line)
		fprintf(f, "- command: `%s` (seed %llu)\n", ctx->command_line,
			(unsigned long long)ctx->seed);
	fprintf(f, "- CPU: %s", r[0].cpu_model);
	if (ctx && ctx->cpus > 0) {
		char mem[32];
		fprintf(f, ", %ld online; memory %s", ctx->cpus,
			units_format_size(ctx->mem_bytes, mem, sizeof(mem)));
	}
	fprintf(f, "\n- kernel: %s\n- filesystems: source on %s, destination on %s\n", r[0].kernel,
		r[0].src_fs, r[0].dst_fs);
	fprintf(f, "- runs: %zu, from %s to %s (UTC), every one listed in `%s`\n", n, r[0].timestamp,
		r[n - 1].timestamp, runs_csv);
	int verified = 1;
	for (size_t i = 0; i < n; i++)
		verified &= r[i].verified == 1;
	char units[400];
	if (ctx && ctx->units && answer_unit_costs_text(ctx->units, units, sizeof(units)))
		fprintf(f, "- unit costs measured in this job (best of 3 passes each): %s\n", units);
	fprintf(f, "- verification: %s\n\n", verified ? "every run's destination matched its source "
		"(XXH3-64)" : "some runs were NOT verified (--no-verify)");
	fprintf(f, "The study timed each side with clock(), i.e. CPU time; bulkxfer records that "
		"(getrusage user + system of each process around its own loop) and the wall time "
		"from the start barrier to the receiver's last byte.\n\n");
	return 0;
}

int report_system_print(FILE *f, const struct job_facts *facts)
{
	const struct system_findings *s = facts->ctx ? facts->ctx->system : NULL;
	if (!s)
		return 0;
	fprintf(f, "\n## What on this machine moves the numbers (`bulkxfer system`)\n\n"
		"Read at the start of the job; **bold** marks what moves them here.\n\n"
		"| finding | this machine | what it does to a transfer | what you can do |\n"
		"|---|---|---|---|\n");
	for (size_t i = 0; i < s->n; i++) {
		const struct finding *x = &s->f[i];
		fprintf(f, "| %s%s%s | %s | %s | %s |\n", x->moves ? "**" : "", x->name,
			x->moves ? "**" : "", x->value, x->effect, x->advice);
	}
	return 0;
}

int report_glossary_print(FILE *f, const struct job_facts *facts)
{
	const struct group *g = facts->groups;
	size_t n = facts->ngroups;
	fprintf(f, "\n## What the words mean\n\n"
		"- **round**: one run of every setting of a phase, in a new random order each time; "
		"runs of one round are compared pairwise.\n"
		"- **look**: a point at which the job judges a claim on the rounds so far (after %zu, "
		"%zu and %zu rounds); the error allowed is spent across the looks, so a verdict at any "
		"look holds at 95%%.\n"
		"- **noise band**: ratios within %.0f%% of 1x; an interval reaching into it decides "
		"nothing (*no clear difference*).\n"
		"- **series**: the label of a phase's runs in runs.csv (study, chunk-sweep, tuned, "
		"study-profile, tuned-profile, ipc-sweep, size-sweep; run and sweep for those "
		"commands).\n"
		"- **chunk rest**: each call asks for every byte still to move (the study's splice); "
		"a pipe still moves at most its own size a call.\n"
		"- **the host took / stole**: during the run the hypervisor took at least %.0f MiB of "
		"free memory back (free page reporting), or kept at least %.1f CPU from this machine "
		"on average (steal time).\n"
		"- **floor**: one process writing the same bytes into a new file: what a destination "
		"costs with no IPC at all.\n"
		"- **noisy**, **unsteady**: a group whose max/min exceeds %.1f, and a group of 5 or "
		"more runs whose max/min exceeds %.1f; **left alone**: the runs the host disturbed in "
		"neither way (a group is judged on them with %d or more).\n"
		"- **read/write, mmap+memcpy, splice**: the study's names of `pipe`, `shm-whole` and "
		"`splice`; `shm` is mmap+memcpy with real synchronisation (a ring).\n",
		seq_looks[0], seq_looks[1], seq_looks[2], 100 * VERDICT_NOISE, GROUPS_HOST_TOOK_MIB,
		GROUPS_HOST_STOLE_CPU, STATS_NOISY_RATIO, REPORT_STEADY_RATIO, REPORT_LEFT_ALONE_MIN);
	/* every method these runs hold, in the method table's order, as `list` says it */
	int any = 0;
	for (size_t m = 0; m < methods_count(); m++) {
		const struct method *x = methods_at(m);
		int ran = 0;
		for (size_t i = 0; i < n && !ran; i++)
			ran = strcmp(g[i].method, x->name) == 0;
		if (!ran)
			continue;
		fprintf(f, "%s`%s`%s%s%s: %s", any++ ? "; " : "- **the methods run** (`--method`): ",
			x->name, strcmp(study_display_name(x->name), x->name) ? " (" : "",
			strcmp(study_display_name(x->name), x->name) ? study_display_name(x->name) : "",
			strcmp(study_display_name(x->name), x->name) ? ")" : "", x->summary);
	}
	if (any)
		fprintf(f, ".\n");
	return 0;
}
