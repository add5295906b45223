/*
 * copies_data.c - the copies graph's data (see copies_data.h).
 */
#include "analysis/plots/copies_data.h"

#include <errno.h>
#include <string.h>

#include "analysis/judge/study.h"
#include "analysis/words/copies_rows.h"
#include "base/output_file.h"
#include "catalog/methods.h"
#include "record/names.h"

double explain_cpu_per_gib(const struct group *g)
{
	return g->cpu_per_gib.median;	/* the number "Which method for ..." states */
}

/* The group of method in series (NULL: its first group outside the sweeps and the study). */
static const struct group *method_group(const struct group *g, size_t n, const char *method,
					const char *series)
{
	const struct group *best = NULL;
	for (size_t i = 0; i < n; i++)
		if (strcmp(g[i].method, method) == 0 && !groups_is_sweep(g[i].series) &&
		    !groups_is_profile(g[i].series) &&
		    (series ? strcmp(g[i].series, series) == 0 : strcmp(g[i].series, PHASE_STUDY) != 0)) {
			if (!series || strcmp(series, PHASE_TUNED) != 0)
				return &g[i];
			/* the tuned phase: the method at its best chunk, not read/write's extra 4 KiB */
			if (!best || g[i].gib.median > best->gib.median)
				best = &g[i];
		}
	return best;
}

int explain_write_copies_data(const char *path, const struct group *g, size_t n)
{
	struct output_file out;
	FILE *f = output_file_open(&out, path);
	if (!f)
		return -errno;
	/* Never one point per method picked from whatever ran first: one column compares methods
	 * at a common setting (reproduce's tuned phase, each at its best chunk; else the first
	 * setting outside the study), the other at the study's setting, so 4 KiB and 1 MiB runs
	 * are never mixed in one series. */
	fprintf(f, "method,theoretical_cpu_copies,cpu_s_per_gib_common_setting,"
		"cpu_s_per_gib_study_setting\n");
	int rows = 0, tuned = 0;
	for (size_t i = 0; i < n; i++)
		tuned |= strcmp(g[i].series, PHASE_TUNED) == 0;
	for (size_t i = 0; i < n; i++) {
		struct method scratch;
		char name[METHOD_NAME_MAX];
		const struct method *m = explain_group_method(g, n, i, &scratch, name);
		if (!m)
			continue;
		/* with a tuned phase, only its groups are the common setting; else the first group
		 * outside the study */
		const struct group *common = tuned ? method_group(g, n, g[i].method, PHASE_TUNED) :
					     method_group(g, n, g[i].method, NULL);
		const struct group *study = method_group(g, n, g[i].method, PHASE_STUDY);
		if (!common && !study)
			continue;
		fprintf(f, "%s,%u,", study_display_name(g[i].method), methods_cpu_copies(m));
		if (common)
			fprintf(f, "%.6g,", explain_cpu_per_gib(common));
		else
			fprintf(f, "NaN,");
		if (study)
			fprintf(f, "%.6g\n", explain_cpu_per_gib(study));
		else
			fprintf(f, "NaN\n");
		rows++;
	}
	int rc = output_file_close(&out, 1);
	return rc < 0 ? rc : rows;
}
