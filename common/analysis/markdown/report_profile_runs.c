/*
 * report_profile_runs.c - the profiled runs beside the measured ones (see report_profile_runs.h).
 *
 * Why say where each profiled run fell: a profile explains the run it sampled.  When that run
 * sat far from its group (a host-hit run, say), its categories explain an outlier, not the
 * method; three runs per setting, spread among the measured rounds, and their places among the
 * measured runs let the reader judge that.
 */
#include "analysis/markdown/report_profile_runs.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/judge/sequential.h"
#include "analysis/judge/stats.h"
#include "analysis/judge/study.h"
#include "analysis/judge/verdict.h"
#include "analysis/markdown/report_profile.h"
#include "analysis/words/sentences.h"
#include "base/units.h"
#include "record/names.h"

/* Profiled runs a setting's cell lists; a pooled file's others are counted, not listed. */
#define PROFILE_FAR_RATIO 1.5	/* profiled / measured medians this far apart: a profile of
				 * other runs than the measured ones */
#define PROFILE_FEW_SAMPLES 100	/* a side's samples over its profiled runs: below this a
				 * category's share moves by a whole percent or more with one sample */
#define PLACED_SHOWN 9

/* The measured series of profiled series name ("study" for "study-profile"): its length, or 0
 * when name is not a profiled series. */
static size_t measured_len(const char *name)
{
	size_t len = strlen(name), sl = strlen(PROFILE_SERIES_SUFFIX);
	if (len <= sl || strcmp(name + len - sl, PROFILE_SERIES_SUFFIX) != 0)
		return 0;
	return len - sl;
}

/* The CPU times of every measured run of profiled run p's setting into v (emptied first),
 * sorted; returns how many (0 when out of memory). */
static size_t measured_of(const struct run_record *r, size_t n, const struct run_record *p,
			  struct stats_values *v)
{
	size_t ml = measured_len(p->series);
	int failed = 0;
	v->n = 0;
	for (size_t j = 0; j < n && !failed; j++)
		if (strlen(r[j].series) == ml && strncmp(r[j].series, p->series, ml) == 0 &&
		    strcmp(r[j].method, p->method) == 0 && r[j].chunk == p->chunk &&
		    groups_run_cpu_s(&r[j]) > 0)
			failed |= stats_values_push(v, groups_run_cpu_s(&r[j])) < 0;
	if (failed)
		return 0;
	stats_sort(v->v, v->n);
	return v->n;
}

/* Whether the setting of r[i] (a profiled run) was tabulated already by an earlier run. */
static int seen_before(const struct run_record *r, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (strcmp(r[j].series, r[i].series) == 0 && strcmp(r[j].method, r[i].method) == 0 &&
		    r[j].chunk == r[i].chunk)
			return 1;
	return 0;
}

/* How many of the sorted v[0..k) are below x: a binary search, since a pooled file's setting
 * can have thousands of measured runs and as many profiled ones. */
static size_t count_below(const double *v, size_t k, double x)
{
	size_t lo = 0, hi = k;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* What profiling cost: each profiled run's CPU time against its setting's measured median, as
 * a log ratio d[0..k); the signed-rank interval of their median.  Past SEQ_MAX_PAIRS runs (a
 * pooled file's) the interval is taken on that many spread evenly over them in file order, as
 * verdict_ratio thins a large side, and the sentence says so: wider than all of them would
 * give, never narrower, and never the first runs alone. */
static void print_cost(FILE *f, const double *d, size_t k)
{
	size_t m = k > SEQ_MAX_PAIRS ? SEQ_MAX_PAIRS : k;
	double *used = malloc((m ? m : 1) * sizeof(*used));
	double level = 0;
	size_t kk = m && used ? seq_k_for_level(m, 0.05, &level) : 0;
	struct ratio_ci ci;
	for (size_t i = 0; used && i < m; i++)
		used[i] = d[verdict_spread_index(i, m, k)];
	if (kk == 0 || seq_walsh_interval(used, m, kk, &ci) < 0) {
		fprintf(f, "What profiling cost: %zu profiled runs beside measured ones, too few for "
			"an interval.\n\n", k);
		free(used);
		return;
	}
	free(used);
	char thinned[96] = "";
	if (m < k)
		snprintf(thinned, sizeof(thinned), ", the interval from %zu of them spread evenly "
			 "over the file", m);
	int dir = verdict_direction(&ci, VERDICT_NOISE);
	fprintf(f, "What profiling cost: each profiled run's CPU time against its setting's "
		"measured median, over %zu profiled runs%s: ratio %.3f [%.3f, %.3f] (%.1f%% "
		"signed-rank interval): %s.\n\n", k, thinned, ci.estimate, ci.low, ci.high,
		100 * level, dir == 0 ? "no clear difference" :
		dir > 0 ? "profiling costs CPU" : "the profiled runs took less");
}

void report_profile_runs_print(FILE *f, const struct run_record *r, size_t n)
{
	struct stats_values measured = { 0 }, cost = { 0 };
	int cost_failed = 0;
	size_t inside = 0, below = 0, above = 0, settings = 0;
	for (size_t i = 0; i < n; i++) {
		if (!measured_len(r[i].series) || seen_before(r, i))
			continue;
		size_t nm = measured_of(r, n, &r[i], &measured);
		const double *v = measured.v;
		if (nm == 0)
			continue;
		struct stats_summary s;
		stats_summarize(v, nm, &s);
		if (settings++ == 0)
			fprintf(f, "#### The profiled runs beside the measured ones\n\n"
				"CPU seconds of both sides. Each profiled run is placed among its "
				"setting's measured runs: \"above 4 of 9\" means four of the nine measured "
				"runs took less. *Profiled / measured* is the setting's profiled runs' "
				"median against its measured runs' median: what profiling cost there. A "
				"setting is flagged where every profiled run sat outside its measured runs "
				"(above them all, or below) or their median is %.1fx its measured one or more "
				"(or as much less), and a side where its samples are too few (fewer "
				"than %d) for its shares to mean much.\n\n| phase | method | chunk | measured "
				"runs | their median [interval] | profiled runs | profiled / measured | "
				"flagged |\n|---|---|---:|---:|---:|---|---:|---|\n", PROFILE_FAR_RATIO,
				PROFILE_FEW_SAMPLES);
		char chunk[32], ci[64];
		fprintf(f, "| %.*s | %s | %s | %zu | %.3f %s |", (int)measured_len(r[i].series),
			r[i].series, study_display_name(r[i].method),
			units_format_chunk(r[i].chunk, chunk, sizeof(chunk)), nm, s.median,
			stats_format_median_ci(&s, ci, sizeof(ci)));
		const char *sep = " ";
		size_t placed = 0, above_all = 0, below_all = 0;
		uint64_t samples[2] = { 0, 0 };	/* sender, receiver */
		struct stats_values here = { 0 };
		int here_failed = 0;
		for (size_t j = i; j < n; j++) {
			if (strcmp(r[j].series, r[i].series) != 0 || strcmp(r[j].method, r[i].method) != 0 ||
			    r[j].chunk != r[i].chunk || groups_run_cpu_s(&r[j]) <= 0)
				continue;
			double x = groups_run_cpu_s(&r[j]);
			size_t b = count_below(v, nm, x);
			if (placed++ < PLACED_SHOWN)
				fprintf(f, "%s%.3f (above %zu of %zu)", sep, x, b, nm);
			sep = ", ";
			/* The middle half: at least a quarter of the measured runs below, a quarter above. */
			if (4 * b < nm)
				below++;
			else if (4 * (nm - b) < nm)
				above++;
			else
				inside++;
			above_all += b == nm;
			below_all += b == 0;
			samples[0] += r[j].producer_fig.samples;
			samples[1] += r[j].consumer_fig.samples;
			cost_failed |= stats_values_push(&cost, log(x / s.median)) < 0;
			here_failed |= stats_values_push(&here, x) < 0;
		}
		if (placed > PLACED_SHOWN)
			fprintf(f, " and %zu more", placed - PLACED_SHOWN);
		fprintf(f, " | ");
		double ratio = !here_failed && here.n ? stats_median_inplace(here.v, here.n) / s.median :
							 0;
		if (ratio > 0)
			fprintf(f, "%.2fx", ratio);
		stats_values_free(&here);
		char flags[256] = "";
		size_t used = (size_t)snprintf(flags, sizeof(flags), "%s",
					       above_all == placed ? "every profiled run above every measured one" :
					       below_all == placed ? "every profiled run below every measured one" :
					       ratio >= PROFILE_FAR_RATIO || (ratio > 0 && ratio <= 1 / PROFILE_FAR_RATIO) ?
					       "its profiled runs far from its measured ones" : "");
		for (int side = 0; side < 2 && used < sizeof(flags); side++)
			if (samples[side] < PROFILE_FEW_SAMPLES)
				used += (size_t)snprintf(flags + used, sizeof(flags) - used,
							 "%s%s: %llu samples, too few to share out",
							 used ? "; " : "", side ? "receiver" : "sender",
							 (unsigned long long)samples[side]);
		fprintf(f, " | %s", flags);
		fprintf(f, " |\n");
	}
	stats_values_free(&measured);
	if (settings == 0) {
		fprintf(f, "No profiled setting has measured runs beside it: nothing to place.\n\n");
		stats_values_free(&cost);
		return;
	}
	fprintf(f, "\n%zu of the %zu profiled runs fell in the middle half of their setting's "
		"measured runs, %zu below it and %zu above it.\n\n", inside, inside + below + above,
		below, above);
	if (cost_failed)
		fprintf(f, "What profiling cost: not computed (out of memory).\n\n");
	else
		print_cost(f, cost.v, cost.n);
	stats_values_free(&cost);
}
