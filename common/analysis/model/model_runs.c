/*
 * model_runs.c - which runs a statement about the cost model is about, and their medians (see
 * model_runs.h).
 */
#include "analysis/model/model_runs.h"

#include <string.h>

#include "analysis/judge/stats.h"

int model_runs_selects(const struct model_selection *sel, const struct run_record *r)
{
	return strcmp(r->method, sel->method) == 0 &&
	       (!sel->series || strcmp(r->series, sel->series) == 0) &&
	       (!sel->bytes || r->bytes == sel->bytes) && (sel->any_chunk || r->chunk == sel->chunk);
}

size_t model_runs_medians(const struct run_record *r, size_t n, const struct model_selection *sel,
			    enum model_side side, const struct cost_model *m,
			    struct model_counts *med, double *predicted)
{
	struct stats_values v[MODEL_NTERMS + 2];
	memset(v, 0, sizeof(v));
	int failed = 0;
	for (size_t i = 0; i < n && !failed; i++) {
		struct model_counts c;
		if (!model_runs_selects(sel, &r[i]) || model_counts_of(&r[i], side, &c) < 0)
			continue;
		for (int t = 0; t < MODEL_NTERMS; t++)
			failed |= stats_values_push(&v[t], c.x[t]) < 0;
		failed |= stats_values_push(&v[MODEL_NTERMS], c.cpu_s) < 0;
		failed |= stats_values_push(&v[MODEL_NTERMS + 1], model_predict(m, &c, NULL)) < 0;
	}
	/* out of memory: no medians rather than those of the runs found so far */
	size_t k = failed ? 0 : v[MODEL_NTERMS + 1].n;
	for (int t = 0; t < MODEL_NTERMS; t++)
		med->x[t] = stats_median_inplace(v[t].v, k);
	med->cpu_s = stats_median_inplace(v[MODEL_NTERMS].v, k);
	*predicted = stats_median_inplace(v[MODEL_NTERMS + 1].v, k);
	for (int t = 0; t < MODEL_NTERMS + 2; t++)
		stats_values_free(&v[t]);
	return k;
}
