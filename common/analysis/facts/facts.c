/*
 * facts.c - a job's facts, worked out once (see facts.h).
 */
#include "analysis/facts/facts.h"

#include <stdlib.h>
#include <string.h>

#include "analysis/judge/stats.h"

const struct profile_set *job_facts_profiles(const struct job_facts *f)
{
	return f->ctx ? f->ctx->profiles : NULL;
}

const struct unit_costs *job_facts_units(const struct job_facts *f)
{
	return f->ctx ? f->ctx->units : NULL;
}

/* The study series' mmap+memcpy runs into *out; -1 when out of memory (no median then, not a
 * partial one). */
static int study_region_of(const struct run_record *r, size_t n, const struct claim_set *c,
			   struct study_region *out)
{
	struct stats_values v = { 0 };
	int failed = 0;
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < n && !failed; i++)
		if (c->study_series && c->mmap_method && strcmp(r[i].series, c->study_series) == 0 &&
		    strcmp(r[i].method, c->mmap_method) == 0) {
			out->prefaulted += r[i].prefault != 0;
			failed |= stats_values_push(&v, (double)r[i].producer_fig.minflt) < 0;
		}
	out->runs = failed ? 0 : v.n;
	out->minflt = stats_median_inplace(v.v, out->runs);
	stats_values_free(&v);
	return failed ? -1 : 0;
}

int job_facts_build(const struct run_record *records, size_t n, const char *runs_csv,
		    const struct job_context *ctx, struct job_facts **out, struct bx_error *err)
{
	*out = NULL;
	if (n == 0)
		return bx_fail(err, BX_EXIT_USAGE, "no runs to report on");
	struct job_facts *f = calloc(1, sizeof(*f));
	if (!f || groups_build(records, n, &f->groups, &f->ngroups) < 0) {
		free(f);
		return bx_fail(err, BX_EXIT_FAILURE, "out of memory grouping runs");
	}
	f->records = records;
	f->n = n;
	f->ctx = ctx;
	f->runs_csv = runs_csv;
	study_judge(records, n, &f->claims);
	f->fitted = model_fit_sides(records, n, NULL, &f->model) == 0;
	const struct profile_set *profiles = job_facts_profiles(f);
	for (size_t i = 1; i < STUDY_NROWS; i++) {
		facts_profile_difference(profiles, study_rows[i].method, study_rows[0].method,
					 &f->study_differences[i]);
		facts_judge_explanation(&f->study_differences[i], &f->claims);
	}
	facts_profile_difference(profiles, f->claims.mmap_method, study_rows[0].method,
				 &f->mmap_difference);
	findings_gather(records, n, f->groups, f->ngroups, &f->claims, profiles, job_facts_units(f),
			&f->mmap_difference, &f->findings);
	decision_table_of(records, n, f->groups, f->ngroups, &f->decision);
	if (facts_placement(records, n, &f->placement) < 0 ||
	    study_region_of(records, n, &f->claims, &f->region) < 0 ||
	    uring_pairs_of(records, n, f->groups, f->ngroups, &f->uring_pairs) < 0 ||
	    memory_to_memory_of(records, n, f->groups, f->ngroups, &f->memory_to_memory) < 0) {
		job_facts_free(f);
		return bx_fail(err, BX_EXIT_FAILURE, "out of memory working out the job's facts");
	}
	*out = f;
	return 0;
}

void job_facts_free(struct job_facts *f)
{
	if (!f)
		return;
	uring_pairs_free(&f->uring_pairs);
	memory_to_memory_free(&f->memory_to_memory);
	free(f->groups);
	free(f);
}
