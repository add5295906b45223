/*
 * report_uring.c - "io_uring beside the classic calls" (see report_uring.h).
 *
 * Which rows: in the tuned phase each method at its own best chunk (the question a user asks:
 * each at its best); in a sweep, the io_uring method's fastest chunk with the counterpart at
 * that same chunk; in any other series (a `run`), every chunk both ran.  The interval is the
 * two-sample Hodges-Lehmann one of verdict.h over each side's runs.
 */
#include "analysis/markdown/report_uring.h"

#include <stdlib.h>
#include <string.h>

#include "analysis/judge/verdict.h"
#include "base/units.h"
#include "record/names.h"

static const struct {
	const char *uring, *classic;
} pairs[] = {
	{ "uring", "pipe" }, { "uring-splice", "splice" }, { "uring-zc", "tcp" },
};
#define NPAIRS (sizeof(pairs) / sizeof(pairs[0]))

const char *report_uring_counterpart(const char *method)
{
	for (size_t i = 0; i < NPAIRS; i++)
		if (strcmp(pairs[i].uring, method) == 0)
			return pairs[i].classic;
	return NULL;
}

/* A plain file-to-file group of method in series at chunk (0: any, the fastest) moving bytes
 * (0: any size), or NULL. */
static const struct group *find(const struct group *g, size_t ng, const char *series,
				const char *method, uint64_t chunk, uint64_t bytes)
{
	const struct group *best = NULL;
	for (size_t i = 0; i < ng; i++) {
		const struct group *x = &g[i];
		if (strcmp(x->series, series) != 0 || strcmp(x->method, method) != 0 ||
		    (chunk && x->chunk != chunk) || (bytes && x->bytes != bytes) ||
		    strncmp(x->source, "memory", 6) == 0 ||
		    x->busy_poll || (x->sink_by[0] && strcmp(x->sink_by, "-") != 0))
			continue;
		if (!best || x->gib.median > best->gib.median)
			best = x;
	}
	return best;
}

/* Each run of group x's figure (wall: wall_s; else both sides' CPU seconds) into v. */
static size_t values(const struct group *x, const struct run_record *r, size_t n, int wall,
		     double *v)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (groups_holds(x, &r[i]))
			v[k++] = wall ? r[i].wall_s : r[i].producer_fig.user_s + r[i].producer_fig.sys_s +
				 r[i].consumer_fig.user_s + r[i].consumer_fig.sys_s;
	return k;
}

/* "0.82 [0.75, 0.90] cheaper" for a / b, into buf. */
static const char *ratio_cell(const struct group *a, const struct group *b,
			      const struct run_record *r, size_t n, int wall, double *va, double *vb,
			      char *buf, size_t len)
{
	size_t na = values(a, r, n, wall, va), nb = values(b, r, n, wall, vb);
	struct ratio_ci ci;
	if (verdict_ratio(va, na, vb, nb, &ci) < 0 || !ci.valid)
		snprintf(buf, len, "%.2f (too few runs for an interval)",
			 ci.median_ratio > 0 ? ci.median_ratio : 0);
	else
		snprintf(buf, len, "%.2f [%.2f, %.2f] %s", ci.estimate, ci.low, ci.high,
			 verdict_word(verdict_direction(&ci, VERDICT_NOISE), wall));
	return buf;
}

static void print_row(FILE *f, const struct group *a, const struct group *b,
		      const struct run_record *r, size_t n, double *va, double *vb)
{
	char ca[32], cb[32], cpu[96], wall[96];
	fprintf(f, "| %s | %s (%s) | %s (%s) | %s | %s | %.0f / %.0f | %.0f / %.0f |\n", a->series,
		a->method, units_format_chunk(a->chunk, ca, sizeof(ca)), b->method,
		units_format_chunk(b->chunk, cb, sizeof(cb)),
		ratio_cell(a, b, r, n, 0, va, vb, cpu, sizeof(cpu)),
		ratio_cell(a, b, r, n, 1, va, vb, wall, sizeof(wall)),
		a->sender_syscalls_per_gib.median, b->sender_syscalls_per_gib.median,
		a->receiver_syscalls_per_gib.median, b->receiver_syscalls_per_gib.median);
}

int report_uring_print(FILE *f, const struct job_facts *facts)
{
	const struct run_record *records = facts->records;
	size_t nrec = facts->n;
	const struct group *g = facts->groups;
	size_t ng = facts->ngroups;
	double *va = malloc((nrec + 1) * sizeof(double)), *vb = malloc((nrec + 1) * sizeof(double));
	int header = 0;
	for (size_t s = 0; va && vb && s < ng; s++) {
		const char *series = g[s].series;
		int first = 1;	/* each series once, at its first group */
		for (size_t k = 0; k < s && first; k++)
			first = strcmp(g[k].series, series) != 0;
		if (!first || strstr(series, "profile") || strcmp(series, PHASE_STUDY) == 0)
			continue;
		for (size_t p = 0; p < NPAIRS; p++) {
			int tuned = strcmp(series, PHASE_TUNED) == 0, sweep = groups_is_sweep(series);
			const struct group *u = find(g, ng, series, pairs[p].uring, 0, 0);
			if (!u)
				continue;
			for (size_t i = 0; i < ng; i++) {
				const struct group *a = &g[i];
				if (strcmp(a->series, series) != 0 || strcmp(a->method, pairs[p].uring) ||
				    ((tuned || sweep) && a != u) ||
				    a != find(g, ng, series, a->method, a->chunk, a->bytes))
					continue;
				/* the same size always; the same chunk but in the tuned phase */
				const struct group *b = find(g, ng, series, pairs[p].classic,
							     tuned ? 0 : a->chunk, a->bytes);
				if (!b)
					continue;
				if (!header) {
					fprintf(f, "\n## io_uring beside the classic calls\n\n"
						"Each io_uring method beside the method that moves the bytes "
						"the same way with one system call per operation, where both "
						"ran in one series (tuned: each at its best chunk; a sweep: "
						"the io_uring method's fastest chunk, the other at the same "
						"chunk). Ratio = io_uring / classic: the Hodges-Lehmann "
						"estimate and its 95%% interval (verdict.h). System calls per "
						"GiB: the io_uring methods count their io_uring_enter calls, "
						"each submitting and reaping several operations.\n\n"
						"| series | io_uring | classic | CPU (both sides) | wall time | "
						"sender calls/GiB | receiver calls/GiB |\n"
						"|---|---|---|---|---|---:|---:|\n");
					header = 1;
				}
				print_row(f, a, b, records, nrec, va, vb);
			}
		}
	}
	free(va);
	free(vb);
	return 0;
}
