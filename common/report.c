/*
 * report.c - the reproduction report and its graphs (see report.h).
 *
 * The 2014 study's figures below are the only numbers in bulkxfer not measured by it: they are
 * the study's published averages (CPU seconds from clock(), 4 KiB buffers, five runs of a
 * 1.4 GB file), quoted so this machine's can stand beside them.  Everything derived from them
 * (sums, ratios, ordering) is computed here, not typed in.
 */
#include "report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "floor.h"
#include "groups.h"
#include "plots.h"
#include "units.h"

#define NSTUDY 3
#define PATH_LEN 4096

static const struct {
	const char *label;	/* the study's name for the method */
	const char *method;	/* ours */
	double sender_cpu_s, receiver_cpu_s;
} study_2014[NSTUDY] = {
	{ "read/write", "pipe", 0.942, 1.324 },
	{ "mmap+memcpy", "shm", 0.674, 1.140 },
	{ "splice", "splice", 0.430, 0.920 },
};

/* ---- choosing what to compare -------------------------------------------------------- */

/* The series compared with the study: "study" when present, else the first that is no sweep,
 * else the first. */
static const char *comparison_series(const struct group *g, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(g[i].series, "study") == 0)
			return "study";
	for (size_t i = 0; i < n; i++)
		if (!groups_is_sweep(g[i].series))
			return g[i].series;
	return n ? g[0].series : NULL;
}

/* The study's three methods in that series, or NULL for any that did not run. */
static void comparison_groups(const struct group *g, size_t n, const struct group *out[NSTUDY])
{
	const char *series = comparison_series(g, n);
	for (int i = 0; i < NSTUDY; i++)
		out[i] = series ? groups_find(g, n, series, study_2014[i].method) : NULL;
}

static int is_headline(const struct group *g, size_t n, size_t i)
{
	int any_plain = 0;
	for (size_t k = 0; k < n; k++)
		any_plain |= !groups_is_sweep(g[k].series);
	return any_plain ? !groups_is_sweep(g[i].series) : 1;
}

/* "pipe 4 KiB" (+ " study" when the headline groups come from several series). */
static const char *group_label(const struct group *g, size_t n, size_t i, char *buf, size_t len)
{
	int several = 0;
	for (size_t k = 0; k < n; k++)
		if (is_headline(g, n, k) && strcmp(g[k].series, g[i].series) != 0)
			several = 1;
	char chunk[32];
	snprintf(buf, len, "%s %s%s%s", g[i].method,
		 units_format_chunk(g[i].chunk, chunk, sizeof(chunk)), several ? " " : "",
		 several ? g[i].series : "");
	return buf;
}

/* ---- ratios and ordering ------------------------------------------------------------- */

static void ratio_text(double ratio, char *buf, size_t len)
{
	if (!(ratio > 0))
		snprintf(buf, len, "n/a");
	else if (ratio <= 1)
		snprintf(buf, len, "%.2f (%.0f%% less)", ratio, (1 - ratio) * 100);
	else
		snprintf(buf, len, "%.2f (%.0f%% more)", ratio, (ratio - 1) * 100);
}

/* Write "a < b < c" for the three values (names in study order) into buf. */
static void ordering_text(const double v[NSTUDY], const char *const names[NSTUDY], char *buf,
			  size_t len)
{
	int idx[NSTUDY] = { 0, 1, 2 };
	for (int i = 0; i < NSTUDY; i++)
		for (int j = i + 1; j < NSTUDY; j++)
			if (v[idx[j]] < v[idx[i]]) {
				int t = idx[i];
				idx[i] = idx[j];
				idx[j] = t;
			}
	snprintf(buf, len, "%s < %s < %s", names[idx[0]], names[idx[1]], names[idx[2]]);
}

/* ---- the comparison tables (report and stdout) ------------------------------------------ */

static void print_comparison(FILE *f, const struct group *g, size_t n)
{
	const struct group *cmp[NSTUDY];
	comparison_groups(g, n, cmp);
	const char *names[NSTUDY];
	double old_sum[NSTUDY], new_cpu[NSTUDY], new_wall[NSTUDY];
	int complete = 1;

	fprintf(f, "### The 2014 study (its published averages, CPU seconds, 4 KiB buffers, 1.4 GB)\n\n");
	fprintf(f, "| method | sender (parent) | receiver (child) | sum |\n|---|---:|---:|---:|\n");
	for (int i = 0; i < NSTUDY; i++) {
		names[i] = study_2014[i].method;
		old_sum[i] = study_2014[i].sender_cpu_s + study_2014[i].receiver_cpu_s;
		fprintf(f, "| %s | %.3f | %.3f | %.3f |\n", study_2014[i].label,
			study_2014[i].sender_cpu_s, study_2014[i].receiver_cpu_s, old_sum[i]);
	}
	const char *series = comparison_series(g, n);
	char size[32] = "?", chunk[32] = "?";
	for (int i = 0; i < NSTUDY; i++)
		if (cmp[i]) {
			units_format_size(cmp[i]->bytes, size, sizeof(size));
			units_format_chunk(cmp[i]->chunk, chunk, sizeof(chunk));
		}
	fprintf(f, "\n### This machine (series \"%s\", %s file, %s chunks; CPU = user + system, "
		"mean ± 95%% CI)\n\n", series ? series : "-", size, chunk);
	fprintf(f, "| method | runs | sender CPU s | receiver CPU s | sum | wall s (median) | "
		"GiB/s median [min, max] | |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
	for (int i = 0; i < NSTUDY; i++) {
		const struct group *c = cmp[i];
		if (!c) {
			fprintf(f, "| %s | 0 | not run | | | | | |\n", names[i]);
			complete = 0;
			continue;
		}
		new_cpu[i] = c->sender_cpu.mean + c->receiver_cpu.mean;
		new_wall[i] = c->wall.median;
		fprintf(f, "| %s (%s) | %zu | %.3f ± %.3f | %.3f ± %.3f | %.3f | %.3f | %.3f [%.3f, %.3f] | %s |\n",
			study_2014[i].label, names[i], c->n, c->sender_cpu.mean,
			c->sender_cpu.ci95_high - c->sender_cpu.mean, c->receiver_cpu.mean,
			c->receiver_cpu.ci95_high - c->receiver_cpu.mean, new_cpu[i], c->wall.median,
			c->gib.median, c->gib.min, c->gib.max, c->noisy ? "noisy: max/min > 1.5" : "");
	}
	if (!cmp[0]) {
		fprintf(f, "\nNo read/write (pipe) runs in this series: no ratios.\n");
		return;
	}

	fprintf(f, "\n### Ratios against read/write (pipe): lower is cheaper or faster\n\n");
	fprintf(f, "| comparison | 2014 study | this machine |\n|---|---:|---:|\n");
	static const char *sides[] = { "sender CPU", "receiver CPU", "CPU sum", "wall time" };
	for (int m = 1; m < NSTUDY; m++) {
		if (!cmp[m])
			continue;
		double old_v[4] = { study_2014[m].sender_cpu_s / study_2014[0].sender_cpu_s,
				    study_2014[m].receiver_cpu_s / study_2014[0].receiver_cpu_s,
				    old_sum[m] / old_sum[0], 0 };
		double new_v[4] = { cmp[m]->sender_cpu.mean / cmp[0]->sender_cpu.mean,
				    cmp[m]->receiver_cpu.mean / cmp[0]->receiver_cpu.mean,
				    new_cpu[m] / new_cpu[0], new_wall[m] / new_wall[0] };
		for (int s = 0; s < 4; s++) {
			char a[48], b[48];
			ratio_text(old_v[s], a, sizeof(a));
			ratio_text(new_v[s], b, sizeof(b));
			fprintf(f, "| %s vs read/write, %s | %s | %s |\n", names[m], sides[s],
				s == 3 ? "not measured" : a, b);
		}
	}
	if (!complete)
		return;
	char old_order[96], cpu_order[96], wall_order[96];
	ordering_text(old_sum, names, old_order, sizeof(old_order));
	ordering_text(new_cpu, names, cpu_order, sizeof(cpu_order));
	ordering_text(new_wall, names, wall_order, sizeof(wall_order));
	fprintf(f, "\n### Does this machine reproduce the study's ordering?\n\n");
	fprintf(f, "- 2014, by CPU time: %s\n", old_order);
	fprintf(f, "- this machine, by CPU time: %s: **%s**\n", cpu_order,
		strcmp(old_order, cpu_order) == 0 ? "reproduced" : "not reproduced");
	fprintf(f, "- this machine, by wall time (what a user waits for; the study did not measure "
		"it): %s\n", wall_order);
}

void report_print_comparison(FILE *out, const struct run_record *records, size_t n)
{
	struct group *g;
	size_t ng;
	if (groups_build(records, n, &g, &ng) < 0)
		return;
	print_comparison(out, g, ng);
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
	fprintf(f, "The best chunk is the fastest run of the quick chunk sweep (one run per method and chunk, on at most 256 MiB).");
	uint64_t spin = 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(g[i].series, "tuned") == 0 && g[i].spin_us > spin)
			spin = g[i].spin_us;
	if (spin)	/* the study's rings sleep at once: say why these may be faster */
		fprintf(f, " A wait on a shared-memory ring here polls up to %llu us before it sleeps "
			"(`spin_us`), so the other side rarely has to wake it through the kernel.",
			(unsigned long long)spin);
	fprintf(f, "\n\n");
	fprintf(f, "| method | chunk | runs | GiB/s median | 95%% CI of mean | sender CPU s | "
		"receiver CPU s | vs the study's 4 KiB setting | |\n"
		"|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
	for (size_t i = 0; i < n; i++) {
		if (strcmp(g[i].series, "tuned") != 0)
			continue;
		const struct group *old = groups_find(g, n, "study", g[i].method);
		char chunk[32], speedup[48] = "n/a";
		if (old && old->gib.median > 0)
			snprintf(speedup, sizeof(speedup), "%.2fx", g[i].gib.median / old->gib.median);
		fprintf(f, "| %s | %s | %zu | %.3f | [%.3f, %.3f] | %.3f | %.3f | %s | %s |\n",
			g[i].method, units_format_chunk(g[i].chunk, chunk, sizeof(chunk)), g[i].n,
			g[i].gib.median, g[i].gib.ci95_low, g[i].gib.ci95_high, g[i].sender_cpu.median,
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

/* The group of method at chunk (0 = any) in series (NULL = any) with the fastest median. */
static const struct group *fastest(const struct group *g, size_t n, const char *series,
				   const char *method, uint64_t chunk)
{
	const struct group *best = NULL;
	for (size_t i = 0; i < n; i++)
		if ((!series || strcmp(g[i].series, series) == 0) &&
		    (!method || strcmp(g[i].method, method) == 0) && (!chunk || g[i].chunk == chunk) &&
		    !groups_is_sweep(g[i].series) && (!best || g[i].gib.median > best->gib.median))
			best = &g[i];
	return best;
}

static const char *verdict(int met)
{
	return met ? "**met**" : "**missed**";
}

/* The steadiness target judges groups of 5 or more runs with a measured minimum. */
static int steadiness_judged(const struct group *g)
{
	return g->n >= 5 && g->gib.min > 0;
}

/* A judged group whose max/min is beyond the steadiness target. */
static int is_unsteady(const struct group *g)
{
	return steadiness_judged(g) && g->gib.max / g->gib.min > REPORT_STEADY_RATIO;
}

static void print_targets(FILE *f, const struct group *g, size_t n, const struct report_context *ctx)
{
	const char *tuned = NULL;
	for (size_t i = 0; i < n && !tuned; i++)
		if (strcmp(g[i].series, "tuned") == 0)
			tuned = "tuned";
	const struct group *top = fastest(g, n, tuned, NULL, 0);
	fprintf(f, "\n## The floor and the targets\n\n");
	/* The target is judged against the best floor the group's rounds measured: one floor write
	 * is as much at the VM's mercy as a run (seen: 0.4 to 5.0 GiB/s in one job), and against a
	 * slow one the fastest method "beat the floor" by 2-5x, which says nothing. */
	double best_floor = top ? top->floor.max : 0;
	if (best_floor > 0)
		fprintf(f, "- destination floor: %.2f GiB/s at best, median %.2f, least %.2f over the "
			"%zu rounds of %s %s: one process write()-ing the same bytes from memory into a new "
			"file beside the destination, no IPC at all\n", best_floor, top->floor.median,
			top->floor.min, top->n, top->series, top->method);
	if (ctx && ctx->limits) {
		const struct machine_limits *l = ctx->limits;
		fprintf(f, "- one core's memcpy: %.2f GiB/s with glibc, %.2f GiB/s with rep movsb (the "
			"kernel's copy); read() of the cached source: %.2f GiB/s\n", l->memcpy_gib_s,
			l->movsb_gib_s, l->read_gib_s);
	}
	fprintf(f, "\n| target | measured | |\n|---|---|---|\n");
	if (best_floor > 0) {
		double pct = 100 * top->gib.median / best_floor;
		fprintf(f, "| the fastest method within %.0f%% of the floor (the best its rounds measured) "
			"| %s at %s: %.2f / %.2f GiB/s = %.0f%% | %s |\n", 100 - REPORT_FLOOR_TARGET_PCT,
			top->method, top->series, top->gib.median, best_floor, pct,
			verdict(pct >= REPORT_FLOOR_TARGET_PCT));
	}
	const struct group *splice = fastest(g, n, tuned, "splice", 0);
	const struct group *rw4k = fastest(g, n, NULL, "pipe", 4096);
	if (splice && rw4k && rw4k->gib.median > 0) {
		double ratio = splice->gib.median / rw4k->gib.median;
		fprintf(f, "| splice at its best chunk and pipe size at least %.1fx read/write with 4 KiB "
			"buffers | %.2f / %.2f GiB/s = %.2fx | %s |\n", REPORT_SPLICE_TARGET,
			splice->gib.median, rw4k->gib.median, ratio, verdict(ratio >= REPORT_SPLICE_TARGET));
	}
	const struct group *shm = fastest(g, n, tuned, "shm", 0);
	const struct group *shm_rw = fastest(g, n, tuned, "shm-rw", 0);
	if (shm_rw && (!shm || shm_rw->gib.median > shm->gib.median))
		shm = shm_rw;
	if (shm && splice)
		fprintf(f, "| the shared-memory ring at least as fast as splice | %s %.2f vs splice %.2f "
			"GiB/s | %s |\n", shm->method, shm->gib.median, splice->gib.median,
			verdict(shm->gib.median >= splice->gib.median));
	int unsteady = 0, judged = 0, disturbed = 0, alone_judged = 0, alone_steady = 0;
	for (size_t i = 0; i < n; i++) {
		if (!steadiness_judged(&g[i]))
			continue;
		judged++;
		int beyond = is_unsteady(&g[i]);
		unsteady += beyond;
		disturbed += beyond && (g[i].host_took > 0 || g[i].host_stole > 0);
		if (g[i].left_alone >= REPORT_LEFT_ALONE_MIN) {
			alone_judged++;
			alone_steady += g[i].left_alone_ratio <= REPORT_STEADY_RATIO;
		}
	}
	/* Say which spreads the host caused: a run during which the guest handed free memory back
	 * pays for faulting it in again, a run the host kept CPUs from waits for them, and no method
	 * can do anything about either.  The verdict stays on every run; the rest is evidence. */
	char why[400] = "";
	size_t used = 0;
	if (disturbed)
		used += (size_t)snprintf(why, sizeof(why), "; in %d of them the host took back free "
					 "memory (at least %.0f MiB, `reported_mib`) or CPU time (at "
					 "least %.1f CPU, `steal_s`) during a run", disturbed,
					 GROUPS_HOST_TOOK_MIB, GROUPS_HOST_STOLE_CPU);
	if (unsteady && alone_judged && used < sizeof(why))
		snprintf(why + used, sizeof(why) - used, "; over only the runs the host left alone, "
			 "%d of the %d groups with %d or more such runs are within %.1f", alone_steady,
			 alone_judged, REPORT_LEFT_ALONE_MIN, REPORT_STEADY_RATIO);
	if (judged)
		fprintf(f, "| every group of 5+ runs steady: max/min at most %.1f | %d of %d groups beyond "
			"it%s%s | %s |\n", REPORT_STEADY_RATIO, unsteady, judged,
			unsteady ? " (marked *unsteady* below)" : "", why, verdict(unsteady == 0));
	const struct group *rw_study = fastest(g, n, "study", "pipe", 4096);
	if (ctx && ctx->hash_s > 0 && rw_study) {
		/* Hashing the destination costs what hashing the source does: the same bytes. */
		double overhead = ctx->generate_s + 2 * ctx->hash_s;
		fprintf(f, "| generating the source and hashing source + destination take less than one "
			"read/write transfer | %.2f s + 2 x %.2f s = %.2f s vs %.2f s | %s |\n",
			ctx->generate_s, ctx->hash_s, overhead, rw_study->wall.median,
			verdict(overhead < rw_study->wall.median));
	}
	if (ctx && ctx->elapsed_s > 0)
		fprintf(f, "| the whole job under %.0f s (for 1.4 GiB) | %.0f s | %s |\n",
			REPORT_DURATION_TARGET_S, ctx->elapsed_s,
			verdict(ctx->elapsed_s < REPORT_DURATION_TARGET_S));
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
		"95%% CI of mean | %% of floor | host took | host stole | left alone | |\n"
		"|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
	for (size_t i = 0; i < n; i++) {
		char size[32], chunk[32], took[32], stole[32], alone[32];
		int unsteady = is_unsteady(&g[i]);
		host_cells(&g[i], took, stole, alone, sizeof(took));
		fprintf(f, "| %s | %s | %s | %s | %zu | %.3f | %.3f | %.3f | %.3f | %.3f | [%.3f, %.3f] | "
			"%.0f%% | %s | %s | %s | %s |\n", g[i].series, g[i].method,
			units_format_size(g[i].bytes, size, sizeof(size)),
			units_format_chunk(g[i].chunk, chunk, sizeof(chunk)), g[i].n, g[i].gib.median,
			g[i].gib.mean, g[i].gib.stddev, g[i].gib.min, g[i].gib.max, g[i].gib.ci95_low,
			g[i].gib.ci95_high, g[i].pct_of_floor.median, took, stole, alone,
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

/* ---- plot data ----------------------------------------------------------------------- */

static FILE *open_data(const char *dir, const char *name, char *path, size_t len)
{
	snprintf(path, len, "%s/plot-%s.csv", dir, name);
	return fopen(path, "w");
}

static int write_bar_data(const char *dir, const struct group *g, size_t n, char paths[3][PATH_LEN])
{
	FILE *cpu = open_data(dir, "cpu", paths[0], PATH_LEN);
	FILE *tp = open_data(dir, "throughput", paths[1], PATH_LEN);
	FILE *pg = open_data(dir, "cpu_per_gib", paths[2], PATH_LEN);
	int rc = cpu && tp && pg ? 0 : -errno;
	if (rc == 0) {
		fprintf(cpu, "label,sender_cpu_s_mean,sender_ci95_half,receiver_cpu_s_mean,receiver_ci95_half\n");
		fprintf(tp, "label,gib_per_s_median,gib_per_s_min,gib_per_s_max\n");
		fprintf(pg, "label,user_s_per_gib,sys_s_per_gib\n");
		for (size_t i = 0; i < n; i++) {
			if (!is_headline(g, n, i))
				continue;
			char label[96];
			group_label(g, n, i, label, sizeof(label));
			fprintf(cpu, "%s,%.6g,%.6g,%.6g,%.6g\n", label, g[i].sender_cpu.mean,
				g[i].sender_cpu.ci95_high - g[i].sender_cpu.mean, g[i].receiver_cpu.mean,
				g[i].receiver_cpu.ci95_high - g[i].receiver_cpu.mean);
			fprintf(tp, "%s,%.6g,%.6g,%.6g\n", label, g[i].gib.median, g[i].gib.min,
				g[i].gib.max);
			fprintf(pg, "%s sender,%.6g,%.6g\n%s receiver,%.6g,%.6g\n", label,
				g[i].sender_user_per_gib.median, g[i].sender_sys_per_gib.median, label,
				g[i].receiver_user_per_gib.median, g[i].receiver_sys_per_gib.median);
		}
	}
	FILE *files[] = { cpu, tp, pg };
	for (int i = 0; i < 3; i++)
		if (files[i] && fclose(files[i]) != 0 && rc == 0)
			rc = -errno;
	return rc;
}

/* Which x a line graph plots against. */
enum sweep_axis { AXIS_CHUNK, AXIS_SIZE };

static uint64_t axis_value(const struct group *g, enum sweep_axis axis)
{
	return axis == AXIS_CHUNK ? g->chunk : g->bytes;
}

/* Count the distinct axis values among the groups of series. */
static size_t distinct_values(const struct group *g, size_t n, const char *series,
			      enum sweep_axis axis, uint64_t *values, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(g[i].series, series) != 0)
			continue;
		uint64_t v = axis_value(&g[i], axis);
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

/* Write the line-graph data for the series with the most distinct values on axis (at least
 * two): one row per value, one column per method, the best median among that value's groups.
 * Returns 1 when written, 0 when no series varies along axis, -errno on error. */
static int write_line_data(const char *path, const struct group *g, size_t n, enum sweep_axis axis)
{
	uint64_t values[256];
	const char *best_series = NULL;
	size_t best = 1;
	for (size_t i = 0; i < n; i++) {
		size_t k = distinct_values(g, n, g[i].series, axis, values, 256);
		if (k > best) {
			best = k;
			best_series = g[i].series;
		}
	}
	if (!best_series)
		return 0;
	size_t k = distinct_values(g, n, best_series, axis, values, 256);
	const char *methods[64];
	size_t nm = 0;
	for (size_t i = 0; i < n && nm < 64; i++) {
		if (strcmp(g[i].series, best_series) != 0)
			continue;
		size_t j = 0;
		while (j < nm && strcmp(methods[j], g[i].method) != 0)
			j++;
		if (j == nm)
			methods[nm++] = g[i].method;
	}
	FILE *f = fopen(path, "w");
	if (!f)
		return -errno;
	fprintf(f, "%s", axis == AXIS_CHUNK ? "chunk_bytes" : "file_bytes");
	for (size_t m = 0; m < nm; m++)
		fprintf(f, ",%s", methods[m]);
	fputc('\n', f);
	for (size_t v = 0; v < k; v++) {
		fprintf(f, "%llu", (unsigned long long)values[v]);
		for (size_t m = 0; m < nm; m++) {
			double y = -1;
			for (size_t i = 0; i < n; i++)
				if (strcmp(g[i].series, best_series) == 0 &&
				    strcmp(g[i].method, methods[m]) == 0 &&
				    axis_value(&g[i], axis) == values[v] && g[i].gib.median > y)
					y = g[i].gib.median;
			if (y < 0)
				fprintf(f, ",NaN");
			else
				fprintf(f, ",%.6g", y);
		}
		fputc('\n', f);
	}
	return fclose(f) == 0 ? 1 : -errno;
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
		{ "chunk", "Throughput against chunk size", 0, "" },
		{ "size", "Throughput against file size", 0, "" },
		{ "cpu_per_gib", "User vs system CPU seconds per GiB", 0, "" },
		{ "copies", "Measured CPU cost against theoretical CPU copies", 0, "" },
	};
	int rc = 0;
	snprintf(path, sizeof(path), "%s/summary.csv", out_dir);
	if (groups_write_csv(path, g, ng) < 0 || write_bar_data(out_dir, g, ng, bars) < 0)
		rc = bx_fail(err, BX_EXIT_FAILURE, "cannot write into '%s': %s", out_dir, strerror(errno));
	if (rc == 0) {
		snprintf(graphs[0].data, PATH_LEN, "%s", bars[0]);
		snprintf(graphs[1].data, PATH_LEN, "%s", bars[1]);
		snprintf(graphs[4].data, PATH_LEN, "%s", bars[2]);
		graphs[0].available = graphs[1].available = graphs[4].available = 1;
		snprintf(graphs[2].data, PATH_LEN, "%s/plot-chunk.csv", out_dir);
		snprintf(graphs[3].data, PATH_LEN, "%s/plot-size.csv", out_dir);
		snprintf(graphs[5].data, PATH_LEN, "%s/plot-copies.csv", out_dir);
		int c = write_line_data(graphs[2].data, g, ng, AXIS_CHUNK);
		int s = write_line_data(graphs[3].data, g, ng, AXIS_SIZE);
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
		print_comparison(md, g, ng);
		print_tuned(md, g, ng);
		print_targets(md, g, ng, ctx);
		print_copies(md, g, ng);
		print_all_groups(md, g, ng);
		rc = render_graphs(md, out_dir, graphs, sizeof(graphs) / sizeof(graphs[0]), err);
		if (fclose(md) != 0 && rc == 0)
			rc = bx_fail(err, BX_EXIT_FAILURE, "cannot write '%s': %s", path, strerror(errno));
	}
	free(g);
	return rc;
}
