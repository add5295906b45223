/*
 * model_runs.c - which runs a statement about the cost model is about, and their medians (see
 * model_runs.h).
 */
#include "analysis/model/model_runs.h"

#include <string.h>

#include "analysis/judge/stats.h"

#define MAX_RUNS 4096

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
	static double v[MODEL_NTERMS + 2][MAX_RUNS];
	size_t k = 0;
	for (size_t i = 0; i < n && k < MAX_RUNS; i++) {
		struct model_counts c;
		if (!model_runs_selects(sel, &r[i]) || model_counts_of(&r[i], side, &c) < 0)
			continue;
		for (int t = 0; t < MODEL_NTERMS; t++)
			v[t][k] = c.x[t];
		v[MODEL_NTERMS][k] = c.cpu_s;
		v[MODEL_NTERMS + 1][k] = model_predict(m, &c, NULL);
		k++;
	}
	for (int t = 0; t < MODEL_NTERMS; t++)
		med->x[t] = stats_median_inplace(v[t], k);
	med->cpu_s = stats_median_inplace(v[MODEL_NTERMS], k);
	*predicted = stats_median_inplace(v[MODEL_NTERMS + 1], k);
	return k;
}
