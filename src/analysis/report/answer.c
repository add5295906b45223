/*
 * answer.c - the answer a job ends with in the terminal (answer.h).  Every line is made to fit
 * ANSWER_COLUMNS; a line that would not is cut with "..." rather than wrapped, so the answer
 * stays one screen whatever the names.
 */
#include "analysis/report/answer.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/judge/groups.h"
#include "analysis/judge/study.h"
#include "analysis/profile/categories.h"
#include "analysis/report/report_profile.h"
#include "base/units.h"
#include "method/methods.h"
#include "record/names.h"

struct answer {
	FILE *out;
	int lines;
};

/* One line of the answer, cut to ANSWER_COLUMNS; nothing past ANSWER_MAX_LINES. */
static void say(struct answer *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct answer *a, const char *fmt, ...)
{
	if (a->lines >= ANSWER_MAX_LINES)
		return;
	char line[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (strlen(line) > ANSWER_COLUMNS)
		memcpy(line + ANSWER_COLUMNS - 3, "...", 4);
	fprintf(a->out, "%s\n", line);
	a->lines++;
}

/* The study's name for a method (read/write, mmap+memcpy, splice), else the method's own. */
static const char *display_name(const char *method)
{
	for (int i = 0; i < STUDY_NROWS; i++)
		if (strcmp(study_rows[i].method, method) == 0)
			return study_rows[i].label;
	return method;
}

static void say_ordering(struct answer *a, const struct claim_set *c)
{
	const struct claim *o = study_find(c, PHASE_STUDY, CLAIM_ORDERING, NULL, NULL, NULL);
	if (!o)
		return;
	say(a, "2014 ordering (splice < mmap+memcpy < read/write, by CPU): %s", o->verdict);
	if (o->ruled_out_pairs[0])
		say(a, "  the 2014 saving is ruled out: %s", o->ruled_out_pairs);
	else if (o->undecided_pairs[0])
		say(a, "  not decided: %s", o->undecided_pairs);
}

/* The ordering's three CPU-sum claims, each against the ratio the 2014 code measured. */
static void say_claims(struct answer *a, const struct claim_set *c)
{
	const char *pairs[3][2] = { { "splice", c->mmap_method }, { c->mmap_method, "pipe" },
				    { "splice", "pipe" } };
	int header = 0;
	for (int p = 0; p < 3; p++) {
		const struct claim *x = study_find(c, PHASE_STUDY, CLAIM_RATIO, METRIC_NAME_CPU_SUM,
						   pairs[p][0], pairs[p][1]);
		if (!x)
			continue;
		if (!header++)
			say(a, "CPU used, sender + receiver (ratio [interval], the 2014 code's ratio):");
		char names[64], now[48];
		snprintf(names, sizeof(names), "%s / %s", display_name(pairs[p][0]),
			 display_name(pairs[p][1]));
		if (x->r.valid)
			snprintf(now, sizeof(now), "%.2fx [%.2f, %.2f]", x->r.estimate, x->r.low,
				 x->r.high);
		else
			snprintf(now, sizeof(now), "%.2fx (no interval)", x->r.estimate);
		double then = study_2014_ratio(pairs[p][0], pairs[p][1], METRIC_CPU_SUM);
		say(a, "  %-24s  %-18s  2014 %.2fx  %s", names, now, then, x->verdict);
	}
}

/* The profile's largest difference between mmap+memcpy and read/write, the measured reason
 * behind their claim: its category, and *d the CPU seconds per run mmap+memcpy spends more on
 * it (both sides).  -1 when either was not profiled. */
static int why_category(const struct claim_set *c, const struct profile_set *set, double *d)
{
	double m[CAT_COUNT], rw[CAT_COUNT];
	if (!set || set->n == 0 || !c->mmap_method ||
	    report_profile_study_cpu(set, c->mmap_method, m) < 0 ||
	    report_profile_study_cpu(set, "pipe", rw) < 0)
		return -1;
	int big = 0;
	for (int k = 1; k < CAT_COUNT; k++)
		if (fabs(m[k] - rw[k]) > fabs(m[big] - rw[big]))
			big = k;
	*d = m[big] - rw[big];
	return big;
}

static void say_why(struct answer *a, const struct claim_set *c, const struct profile_set *set)
{
	double d;
	int big = why_category(c, set, &d);
	if (big < 0)
		return;
	say(a, "why, measured (profiled runs): against read/write, %s spends",
	    display_name(c->mmap_method));
	say(a, "  %.3f s %s CPU per run on %s", fabs(d), d >= 0 ? "more" : "less",
	    category_label((enum category)big));
}

/* The best group of series whose source is (memory) or is not (file) the producer's memory:
 * the fastest (by_cpu 0) or the one using the least CPU per GiB (by_cpu 1). */
static const struct group *best_of(const struct group *g, size_t ng, const char *series,
				   int memory, int by_cpu)
{
	const struct group *best = NULL;
	for (size_t i = 0; i < ng; i++) {
		int from_memory = strncmp(g[i].source, "memory", 6) == 0;
		if (strcmp(g[i].series, series) != 0 || from_memory != memory || g[i].n == 0)
			continue;
		if (!best || (by_cpu ? g[i].cpu_per_gib.median < best->cpu_per_gib.median :
				       g[i].gib.median > best->gib.median))
			best = &g[i];
	}
	return best;
}

static const struct group *fastest(const struct group *g, size_t ng, const char *series,
				   int memory)
{
	return best_of(g, ng, series, memory, 0);
}

/* "chunk 4 MiB" or, where a pipe smaller than the chunk cut every call to its size, "chunk
 * 4 MiB (1 MiB a call)": what each call moved, not only what it asked for. */
static const char *chunk_words(const struct group *b, char *buf, size_t len)
{
	char chunk[32], moved[32];
	units_format_chunk(b->chunk, chunk, sizeof(chunk));
	if (b->pipe_size > 0 && b->pipe_size < b->chunk)
		snprintf(buf, len, "chunk %s (%s a call)", chunk,
			 units_format_size(b->pipe_size, moved, sizeof(moved)));
	else
		snprintf(buf, len, "chunk %s", chunk);
	return buf;
}

/* Each method at its best chunk (the tuned series), and memory to memory (the ipc sweep). */
static void say_fastest(struct answer *a, const struct group *g, size_t ng)
{
	const struct { const char *series, *what; int memory; } where[] = {
		{ PHASE_TUNED, "file to file", 0 }, { PHASE_IPC_SWEEP, "memory to memory", 1 },
	};
	int header = 0;
	for (size_t w = 0; w < sizeof(where) / sizeof(where[0]); w++) {
		const struct group *b = fastest(g, ng, where[w].series, where[w].memory);
		if (!b)
			continue;
		if (!header++)
			say(a, "Fastest, end to end (GiB/s, median [interval]):");
		char setting[128], chunks[64], level[16] = "";
		snprintf(setting, sizeof(setting), "%s, %s", b->method,
			 chunk_words(b, chunks, sizeof(chunks)));
		if (b->n < 2) {	/* one run has no interval */
			say(a, "  %-17s %-34s %.2f (1 run)", where[w].what, setting, b->gib.median);
			continue;
		}
		if (b->gib.median_ci_level < 0.95)
			snprintf(level, sizeof(level), " %.0f%%", 100 * b->gib.median_ci_level);
		say(a, "  %-17s %-34s %.2f [%.2f, %.2f]%s", where[w].what, setting, b->gib.median,
		    b->gib.median_ci_low, b->gib.median_ci_high, level);
	}
}

static void say_caution(struct answer *a, const struct group *g, size_t ng, size_t n)
{
	size_t took = 0, stole = 0;
	for (size_t i = 0; i < ng; i++) {
		took += g[i].host_took;
		stole += g[i].host_stole;
	}
	if (took && stole)
		say(a, "caution: the host took memory back in %zu and CPU in %zu of %zu runs", took,
		    stole, n);
	else if (took || stole)
		say(a, "caution: the host took %s back in %zu of %zu runs", took ? "memory" : "CPU",
		    took ? took : stole, n);
}

/* The registry's methods no record ran, into missing[0..64); returns how many. */
static size_t not_run(const struct run_record *r, size_t n, const char *missing[64])
{
	size_t nmissing = 0;
	for (size_t i = 0; i < methods_count() && nmissing < 64; i++) {
		const char *name = methods_at(i)->name;
		int ran = 0;
		for (size_t k = 0; k < n && !ran; k++)
			ran = strcmp(r[k].method, name) == 0;
		if (!ran)
			missing[nmissing++] = name;
	}
	return nmissing;
}

/* The methods not run, as many named as fit, and how to run them. */
static void say_not_run(struct answer *a, const struct run_record *r, size_t n)
{
	const char *missing[64];
	size_t nmissing = not_run(r, n, missing);
	if (nmissing == 0)
		return;
	char line[256];
	for (size_t shown = nmissing;; shown--) {
		char names[200] = "";
		for (size_t k = 0; k < shown; k++) {
			size_t len = strlen(names);
			snprintf(names + len, sizeof(names) - len, "%s%s", k ? ", " : "", missing[k]);
		}
		snprintf(line, sizeof(line), "not run: %s%s ('reproduce --all' runs all %zu)", names,
			 shown < nmissing ? ", ..." : "", methods_count());
		if (strlen(line) <= ANSWER_COLUMNS || shown == 0)
			break;
	}
	say(a, "%s", line);
}

int answer_print_reproduce(FILE *out, const struct run_record *r, size_t n,
			   const struct profile_set *profiles, const char *report)
{
	struct answer a = { out, 0 };
	struct group *g = NULL;
	size_t ng = 0;
	if (groups_build(r, n, &g, &ng) < 0)
		return 0;
	static struct claim_set claims;
	study_judge(r, n, &claims);
	say_ordering(&a, &claims);
	say_claims(&a, &claims);
	say_why(&a, &claims, profiles);
	say_fastest(&a, g, ng);
	say_caution(&a, g, ng, n);
	say_not_run(&a, r, n);
	free(g);
	if (report && a.lines < ANSWER_MAX_LINES) {	/* a path is never cut */
		fprintf(out, "report: %s\n", report);
		a.lines++;
	}
	return a.lines;
}

/* ---- the same answer, as report.md's first section -------------------------------------- */

/* "median [low, high]" of s with its level where below 95%, or the lone value of one run. */
static const char *estimate_text(const struct stats_summary *s, char *buf, size_t len)
{
	if (s->n < 2)
		snprintf(buf, len, "%.2f (1 run)", s->median);
	else if (s->median_ci_level < 0.95)
		snprintf(buf, len, "%.2f [%.2f, %.2f] (%.0f%% interval)", s->median, s->median_ci_low,
			 s->median_ci_high, 100 * s->median_ci_level);
	else
		snprintf(buf, len, "%.2f [%.2f, %.2f]", s->median, s->median_ci_low,
			 s->median_ci_high);
	return buf;
}

void answer_write_findings(FILE *md, const struct run_record *r, size_t n, const struct group *g,
			   size_t ng, const struct claim_set *c, const struct profile_set *set)
{
	fprintf(md, "\n## What this job found\n\n");
	const struct claim *o = study_find(c, PHASE_STUDY, CLAIM_ORDERING, NULL, NULL, NULL);
	if (o) {
		fprintf(md, "- **The 2014 ordering is %s here** (splice < mmap+memcpy < read/write, by "
			"CPU time of sender and receiver)", o->verdict);
		if (o->ruled_out_pairs[0])
			fprintf(md, ": the saving the 2014 code measured is ruled out for %s",
				o->ruled_out_pairs);
		else if (o->undecided_pairs[0])
			fprintf(md, ": not decided for %s", o->undecided_pairs);
		fprintf(md, ".\n");
		const char *pairs[3][2] = { { "splice", c->mmap_method }, { c->mmap_method, "pipe" },
					    { "splice", "pipe" } };
		for (int p = 0; p < 3; p++) {
			const struct claim *x = study_find(c, PHASE_STUDY, CLAIM_RATIO,
							   METRIC_NAME_CPU_SUM, pairs[p][0],
							   pairs[p][1]);
			if (!x)
				continue;
			fprintf(md, "- %s used **%.2fx** ", display_name(pairs[p][0]), x->r.estimate);
			if (x->r.valid)
				fprintf(md, "[%.2f, %.2f] ", x->r.low, x->r.high);
			fprintf(md, "the CPU of %s (2014: %.2fx): %s.\n", display_name(pairs[p][1]),
				study_2014_ratio(pairs[p][0], pairs[p][1], METRIC_CPU_SUM), x->verdict);
		}
	}
	double d;
	int big = why_category(c, set, &d);
	if (big >= 0)
		fprintf(md, "- Measured in the profiled runs: %s spends %.3f s %s CPU per run than "
			"read/write on %s, the largest difference between their profiles.\n",
			display_name(c->mmap_method), fabs(d), d >= 0 ? "more" : "less",
			category_label((enum category)big));
	size_t took = 0, stole = 0;
	for (size_t i = 0; i < ng; i++) {
		took += g[i].host_took;
		stole += g[i].host_stole;
	}
	fprintf(md, "- How far to trust them: every interval above is 95%%, held across the rounds "
		"the job looked at (the sequential design); ");
	if (took && stole)
		fprintf(md, "the host took memory back during %zu and CPU during %zu of the %zu runs "
			"(\"Every group of runs\" counts them apart).\n", took, stole, n);
	else if (took || stole)
		fprintf(md, "the host took %s back during %zu of the %zu runs (\"Every group of runs\" "
			"counts them apart).\n", took ? "memory" : "CPU", took ? took : stole, n);
	else
		fprintf(md, "the host took neither memory nor CPU during any of the %zu runs.\n", n);

	const struct { const char *what, *series; int memory, by_cpu; } uses[] = {
		{ "the least CPU, file to file", PHASE_TUNED, 0, 1 },
		{ "the fastest, file to file", PHASE_TUNED, 0, 0 },
		{ "the fastest, memory to memory", PHASE_IPC_SWEEP, 1, 0 },
	};
	int rows = 0;
	for (size_t u = 0; u < sizeof(uses) / sizeof(uses[0]); u++) {
		const struct group *b = best_of(g, ng, uses[u].series, uses[u].memory, uses[u].by_cpu);
		if (!b)
			continue;
		if (!rows++)
			fprintf(md, "\n### Which method for ...\n\n| for | method | setting | measured "
				"(median [interval]) |\n|---|---|---|---|\n");
		char chunks[64], est[96];
		fprintf(md, "| %s | %s | %s | %s %s |\n", uses[u].what, b->method,
			chunk_words(b, chunks, sizeof(chunks)),
			estimate_text(uses[u].by_cpu ? &b->cpu_per_gib : &b->gib, est, sizeof(est)),
			uses[u].by_cpu ? "CPU s per GiB" : "GiB/s");
	}
	const char *missing[64];
	size_t nmissing = not_run(r, n, missing);
	if (rows && nmissing) {
		fprintf(md, "| *not run here* | *");
		for (size_t k = 0; k < nmissing; k++)
			fprintf(md, "%s%s", k ? ", " : "", missing[k]);
		fprintf(md, "* | *`bulkxfer reproduce --all` runs them* | |\n");
	}
}
