/*
 * findings.c - what a job found, gathered once (see findings.h).
 */
#include "analysis/facts/findings.h"

#include <math.h>
#include <string.h>

#include "analysis/judge/groups.h"
#include "analysis/judge/study.h"
#include "analysis/profile/categories.h"
#include "base/units.h"
#include "catalog/methods.h"
#include "record/names.h"

/* Whether group g is one a use of series (and, for PHASE_TUNED, the study's full-size runs too)
 * and source (memory or file) chooses from. */
static int candidate(const struct group *g, const char *series, int memory)
{
	int from_memory = strncmp(g->source, "memory", 6) == 0;
	int in_series = strcmp(g->series, series) == 0 ||
			(strcmp(series, PHASE_TUNED) == 0 && strcmp(g->series, PHASE_STUDY) == 0);
	return in_series && from_memory == memory && g->n > 0;
}

/* The best group of series (the tuned phase's with the study's: both move the full file) whose
 * source is (memory) or is not (file) the producer's memory: the fastest (by_cpu 0) or the one
 * using the least CPU per GiB (by_cpu 1) by median; into *rival the best group of another method
 * whose median's interval overlaps the best's (NULL: the best is clearly ahead). */
static const struct group *best_of(const struct group *g, size_t ng, const char *series,
				   int memory, int by_cpu, const struct group **rival)
{
	const struct group *best = NULL;
	for (size_t i = 0; i < ng; i++) {
		if (!candidate(&g[i], series, memory))
			continue;
		if (!best || (by_cpu ? g[i].cpu_per_gib.median < best->cpu_per_gib.median :
				       g[i].gib.median > best->gib.median))
			best = &g[i];
	}
	*rival = NULL;
	for (size_t i = 0; best && i < ng; i++) {
		const struct group *x = &g[i];
		if (!candidate(x, series, memory) || strcmp(x->method, best->method) == 0)
			continue;
		int overlaps = by_cpu ? x->cpu_per_gib.median_ci_low <= best->cpu_per_gib.median_ci_high :
				       x->gib.median_ci_high >= best->gib.median_ci_low;
		if (overlaps && (!*rival || (by_cpu ? x->cpu_per_gib.median < (*rival)->cpu_per_gib.median :
						     x->gib.median > (*rival)->gib.median)))
			*rival = x;
	}
	return best;
}

/* A study method's profile, both sides, per GiB moved by category into cat; 0, or -1 when it
 * was not profiled. */
static int profile_per_gib(const struct profile_set *set, const char *method, uint64_t bytes,
			   double cat[CAT_COUNT])
{
	if (!set || set->n == 0 || bytes == 0 || facts_study_cpu(set, method, cat) < 0)
		return -1;
	for (int k = 0; k < CAT_COUNT; k++)
		cat[k] /= (double)bytes / GIB_BYTES;
	return 0;
}

/* Pair fp explained by the unit costs: the counts of its two study groups ga and gb (NULL:
 * not run), their profiles. */
static void explain_pair(struct finding_pair *fp, const struct group *ga, const struct group *gb,
			 const struct profile_set *profiles, const struct unit_costs *units)
{
	struct method_counts a, b;
	if (!ga || !gb || !units || !unit_costs_known(units) || unit_method_counts(ga, &a) < 0 ||
	    unit_method_counts(gb, &b) < 0)
		return;
	double pa[CAT_COUNT], pb[CAT_COUNT];
	int profiled = profile_per_gib(profiles, fp->a, ga->bytes, pa) == 0 &&
		       profile_per_gib(profiles, fp->b, gb->bytes, pb) == 0;
	/* The claim's interval is of the ratio a / b: a's CPU minus b's is b's times (ratio - 1). */
	double low = NAN, high = NAN;
	if (fp->x->r.valid) {
		low = b.cpu_s * (fp->x->r.low - 1);
		high = b.cpu_s * (fp->x->r.high - 1);
	}
	unit_explain(&a, &b, units, low, high, profiled ? pa : NULL, profiled ? pb : NULL,
		     &fp->units);
	fp->explained = 1;
}

void findings_gather(const struct run_record *r, size_t n, const struct group *g, size_t ng,
		     const struct claim_set *c, const struct profile_set *profiles,
		     const struct unit_costs *units, const struct profile_difference *why,
		     struct findings *out)
{
	memset(out, 0, sizeof(*out));
	if (units)
		out->unit_costs = *units;
	out->ordering = study_find(c, PHASE_STUDY, CLAIM_ORDERING, NULL, NULL, NULL);
	const char *pairs[3][2] = { { "splice", c->mmap_method }, { c->mmap_method, "pipe" },
				    { "splice", "pipe" } };
	for (int p = 0; p < 3 && c->mmap_method; p++) {
		const struct claim *x = study_find(c, PHASE_STUDY, CLAIM_RATIO, METRIC_NAME_CPU_SUM,
						   pairs[p][0], pairs[p][1]);
		if (!x)
			continue;
		struct finding_pair *fp = &out->pairs[out->npairs++];
		fp->a = pairs[p][0];
		fp->b = pairs[p][1];
		fp->a_name = study_display_name(fp->a);
		fp->b_name = study_display_name(fp->b);
		fp->x = x;
		fp->then = study_2014_ratio(fp->a, fp->b, METRIC_CPU_SUM);
		fp->flips = (fp->then < 1 && x->direction > 0) || (fp->then > 1 && x->direction < 0);
		const struct group *ga = c->study_series ? groups_find(g, ng, c->study_series, fp->a) :
							   NULL;
		const struct group *gb = c->study_series ? groups_find(g, ng, c->study_series, fp->b) :
							   NULL;
		explain_pair(fp, ga, gb, profiles, units);
		if (ga)
			out->study_bytes = ga->bytes;
	}
	out->why_category = why && why->known ? why->largest : -1;
	out->why_s = why && why->known ? why->by_category[why->largest] : 0;
	out->why_method = c->mmap_method;
	const struct { const char *what, *series; int memory, by_cpu; } uses[3] = {
		{ "the least CPU, file to file", PHASE_TUNED, 0, 1 },
		{ "the fastest, file to file", PHASE_TUNED, 0, 0 },
		{ "the fastest, memory to memory", PHASE_IPC_SWEEP, 1, 0 },
	};
	for (int u = 0; u < 3; u++) {
		out->uses[u].what = uses[u].what;
		out->uses[u].by_cpu = uses[u].by_cpu;
		out->uses[u].g = best_of(g, ng, uses[u].series, uses[u].memory, uses[u].by_cpu,
					 &out->uses[u].rival);
	}
	/* a receiver that keeps nothing is named so wherever the row is told */
	const struct group *mem = out->uses[USE_FASTEST_MEMORY].g;
	if (mem && sink_by_name_discards(mem->sink_by))
		out->uses[USE_FASTEST_MEMORY].what = "the fastest, memory to a discarding reader";
	groups_host_counts(g, ng, &out->host_took, &out->host_stole);
	out->runs = n;
	for (size_t i = 0; i < methods_count() && out->nmissing < FINDINGS_MAX_MISSING; i++) {
		const char *name = methods_at(i)->name;
		int ran = 0;
		for (size_t k = 0; k < n && !ran; k++)
			ran = strcmp(r[k].method, name) == 0;
		if (!ran)
			out->missing[out->nmissing++] = name;
	}
}

