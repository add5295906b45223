/*
 * placement.c - reproduce's placement pair as facts (see placement.h).
 *
 * Why it is taught: the same calls move 1 or 2 GiB/s on some CPUs depending on where a buffer
 * sits in its page, a detail no option of a typical program sets; a hand-written benchmark that
 * mallocs its buffers and bulkxfer's page-aligned ones then measure two different things.
 */
#include "analysis/facts/placement.h"

#include <errno.h>
#include <string.h>

#include "analysis/judge/groups.h"
#include "analysis/judge/stats.h"
#include "base/units.h"
#include "record/names.h"

static double cpu_per_gib(const struct run_record *r)
{
	double gib = r->bytes ? (double)r->bytes / GIB_BYTES : 1;
	return groups_run_cpu_s(r) / gib;
}

/* Every run of series: GiB/s into gib, CPU s per GiB into cpu, the consumer's recorded buffer
 * offset of the first into *offset.  Returns how many, or -1 when out of memory. */
static long runs_of(const struct run_record *r, size_t n, const char *series,
		    struct stats_values *gib, struct stats_values *cpu, long long *offset)
{
	int failed = 0;
	for (size_t i = 0; i < n && !failed; i++)
		if (strcmp(r[i].series, series) == 0) {
			if (gib->n == 0)
				*offset = (long long)r[i].consumer_fig.buffer_offset;
			failed |= stats_values_push(gib, r[i].gib_per_s) < 0;
			failed |= stats_values_push(cpu, cpu_per_gib(&r[i])) < 0;
		}
	return failed ? -1 : (long)cpu->n;
}

int facts_placement(const struct run_record *r, size_t n, struct placement_facts *out)
{
	memset(out, 0, sizeof(*out));
	struct stats_values gp = { 0 }, gm = { 0 }, cp = { 0 }, cm = { 0 };
	long np = runs_of(r, n, PHASE_PLACED_PAGE, &gp, &cp, &out->page_offset);
	long nm = runs_of(r, n, PHASE_PLACED_MALLOC, &gm, &cm, &out->malloc_offset);
	int rc = np < 0 || nm < 0 ? -ENOMEM : 0;
	if (np > 0 && nm > 0) {
		out->page_runs = (size_t)np;
		out->malloc_runs = (size_t)nm;
		/* before the medians, which sort: verdict_ratio thins in run order */
		verdict_ratio(gm.v, gm.n, gp.v, gp.n, &out->speed);
		verdict_ratio(cm.v, cm.n, cp.v, cp.n, &out->cpu);
		out->page_gib_s = stats_median_inplace(gp.v, gp.n);
		out->malloc_gib_s = stats_median_inplace(gm.v, gm.n);
	}
	struct stats_values *all[] = { &gp, &gm, &cp, &cm };
	for (int i = 0; i < 4; i++)
		stats_values_free(all[i]);
	if (rc < 0)
		memset(out, 0, sizeof(*out));
	return rc;
}
