/*
 * facts.c - a job's facts, worked out once (see facts.h).
 */
#include "analysis/facts/facts.h"

#include <stdlib.h>

const struct profile_set *job_facts_profiles(const struct job_facts *f)
{
	return f->ctx ? f->ctx->profiles : NULL;
}

const struct unit_costs *job_facts_units(const struct job_facts *f)
{
	return f->ctx ? f->ctx->units : NULL;
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
	if (facts_placement(records, n, &f->placement) < 0) {
		job_facts_free(f);
		return bx_fail(err, BX_EXIT_FAILURE, "out of memory judging the buffer placements");
	}
	*out = f;
	return 0;
}

void job_facts_free(struct job_facts *f)
{
	if (!f)
		return;
	free(f->groups);
	free(f);
}
