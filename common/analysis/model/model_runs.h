/*
 * model_runs.h - the runs a statement about the cost model is about (a method, a series, a size
 * and a chunk) and the medians of their counts, measured CPU and predicted CPU.  Shared by the
 * model's tables (report_model.c) and its sentences (report_model_prose.c), so neither needs
 * the other's internals: report_model calls the prose, never the reverse.
 */
#ifndef BX_MODEL_RUNS_H
#define BX_MODEL_RUNS_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/model/model.h"
#include "record/results.h"

/* Which runs model_runs_medians takes: method, and series (NULL: any), bytes (0: any) and
 * chunk (unless any_chunk). */
struct model_selection {
	const char *method, *series;
	uint64_t bytes, chunk;
	int any_chunk;
};

/* 1 when sel picks run r. */
int model_runs_selects(const struct model_selection *sel, const struct run_record *r);

/* The median counts of side over the runs sel picks, its median measured CPU seconds (in
 * med->cpu_s) and the median of m's predictions into *predicted.  Returns how many runs. */
size_t model_runs_medians(const struct run_record *r, size_t n, const struct model_selection *sel,
			    enum model_side side, const struct cost_model *m,
			    struct model_counts *med, double *predicted);

#endif
