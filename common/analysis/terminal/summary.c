/*
 * summary.c - the human table and the JSON dump (see summary.h).
 */
#include "analysis/terminal/summary.h"

#include <stdlib.h>
#include <string.h>

#include "analysis/judge/groups.h"
#include "base/units.h"
#include "record/names.h"

#define JSON_RECORD_MAX 8192

void summary_print_table(FILE *out, const struct series *s, int verified)
{
	struct group *groups;
	size_t n;
	if (s->n == 0 || groups_build(s->records, s->n, &groups, &n) < 0)
		return;
	/* A sink's rows were verified by their setting's check run (sink.h), not each by itself;
	 * with no destination there is no floor to be a share of. */
	int sink = strcmp(s->records[0].verify_by, "check-run") == 0;
	const char *how = !verified ? ", NOT verified" :
			  sink ? ", each setting verified with XXH3 by an unrecorded check run" :
				 ", every run verified with XXH3";
	if (s->records[0].floor_gib_per_s > 0)
		fprintf(out, "end-to-end throughput in GiB/s (2^30 bytes/s)%s; %%floor = of one "
			"process writing the same bytes into a new file (%.2f GiB/s); CPU = user + "
			"system seconds\n", how, s->records[0].floor_gib_per_s);
	else
		fprintf(out, "end-to-end throughput in GiB/s (2^30 bytes/s)%s; CPU = user + system "
			"seconds\n", how);
	fprintf(out, "%-14s %9s %8s %4s %7s %7s %7s %7s %7s %17s %6s %10s %10s\n", "method",
		"size", "chunk", "runs", "median", "mean", "min", "max", "stddev", "median's CI",
		"%floor", METRIC_NAME_SENDER_CPU, "recvr_cpu");
	for (size_t i = 0; i < n; i++) {
		const struct group *g = &groups[i];
		char size[32], chunk[32], ci[40];
		stats_format_median_ci(&g->gib, ci, sizeof(ci));
		char pct[16] = "-";
		if (g->pct_of_floor.median > 0)
			snprintf(pct, sizeof(pct), "%.0f%%", g->pct_of_floor.median);
		fprintf(out, "%-14s %9s %8s %4zu %7.3f %7.3f %7.3f %7.3f %7.3f %17s %6s %9.3fs %9.3fs%s\n",
			g->method, units_format_size(g->bytes, size, sizeof(size)),
			units_format_chunk(g->chunk, chunk, sizeof(chunk)), g->n, g->gib.median,
			g->gib.mean, g->gib.min, g->gib.max, g->gib.stddev, ci, pct,
			g->sender_cpu.median, g->receiver_cpu.median,
			g->noisy ? "  noisy (max/min > 1.5)" : "");
	}
	size_t took, stole;
	groups_host_counts(groups, n, &took, &stole);
	/* Said under the table, because a run the host slowed looks like a slow method there. */
	if (took)
		fprintf(out, "the hypervisor took free memory back from this machine during %zu of these "
			"%zu runs (at least %.0f MiB each, reported_mib in the CSV): those runs paid to "
			"fault it back in, which says more about the host than about the method\n", took,
			s->n, GROUPS_HOST_TOOK_MIB);
	if (stole)
		fprintf(out, "the hypervisor kept CPU time from this machine during %zu of these %zu runs "
			"(at least %.1f CPU on average, steal_s in the CSV): those runs waited for the host, "
			"not for the method\n", stole, s->n, GROUPS_HOST_STOLE_CPU);
	free(groups);
}

#define ANSWER_GROUPS 8	/* group lines at most: the answer, with --profile's line, stays
				 * within 15 lines */

void summary_print_answer(FILE *out, const struct series *s, int verified, const char *csv)
{
	struct group *groups;
	size_t n;
	if (s->n == 0 || groups_build(s->records, s->n, &groups, &n) < 0)
		return;
	fprintf(out, "%-12s %8s %7s GiB/s end to end, median [interval]; CPU s per run\n",
		"method", "size", "chunk");
	const struct group *fastest = NULL, *cheapest = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct group *g = &groups[i];
		double cpu = groups_cpu_per_run(g);	/* as the report ranks the least CPU */
		if (!fastest || g->gib.median > fastest->gib.median)
			fastest = g;
		if (!cheapest || cpu < groups_cpu_per_run(cheapest))
			cheapest = g;
		if (i >= ANSWER_GROUPS)
			continue;
		char size[32], chunk[32], ci[48] = "";
		if (g->n >= 2)	/* one run has no interval: the cell stays empty */
			stats_format_median_ci(&g->gib, ci, sizeof(ci));
		/* A method's name is never cut (a pairing's can be long): the run count goes first. */
		char line[256];
		int head = snprintf(line, sizeof(line), "%-12s %8s %7s %6.3f %-19s CPU %.3f", g->method,
				    units_format_size(g->bytes, size, sizeof(size)),
				    units_format_chunk(g->chunk, chunk, sizeof(chunk)), g->gib.median,
				    ci, cpu);
		if (head > 0 && head + 9 <= 80)
			snprintf(line + head, sizeof(line) - (size_t)head, " %3zu run%s", g->n,
				 g->n == 1 ? "" : "s");
		fprintf(out, "%s\n", line);
	}
	if (n > ANSWER_GROUPS)
		fprintf(out, "... and %zu more groups (--verbose prints every one)\n", n - ANSWER_GROUPS);
	if (n > 1) {	/* medians only: whether they differ is for the intervals above */
		char a[32], b[32], line[256];
		snprintf(line, sizeof(line), "highest median: %s, %s (%.3f GiB/s); lowest CPU: %s, %s "
			 "(%.3f s)", fastest->method, units_format_chunk(fastest->chunk, a, sizeof(a)),
			 fastest->gib.median, cheapest->method,
			 units_format_chunk(cheapest->chunk, b, sizeof(b)),
			 groups_cpu_per_run(cheapest));
		if (strlen(line) > 80)	/* long names: the settings are in the lines above */
			snprintf(line, sizeof(line), "highest median: %.24s; lowest CPU: %.24s",
				 fastest->method, cheapest->method);
		fprintf(out, "%s\n", line);
	}
	int sink = strcmp(s->records[0].verify_by, "check-run") == 0;
	fprintf(out, "%s", !verified ? "NOT verified (--no-verify)" :
		sink ? "each setting verified with XXH3 by an unrecorded check run" :
		       "every run verified with XXH3");
	if (s->records[0].floor_gib_per_s > 0)
		fprintf(out, "; the floor here: %.2f GiB/s\n", s->records[0].floor_gib_per_s);
	else
		fputc('\n', out);
	size_t took, stole;
	groups_host_counts(groups, n, &took, &stole);
	if (took || stole)
		fprintf(out, "caution: the host took memory back in %zu and stole CPU in %zu of %zu "
			"runs\n", took, stole, s->n);
	if (csv)
		fprintf(out, "rows: %s (--verbose: every statistic of every group)\n", csv);
	free(groups);
}

void summary_print_json(FILE *out, const struct series *s)
{
	char buf[JSON_RECORD_MAX];
	fputs("[\n", out);
	for (size_t i = 0; i < s->n; i++) {
		if (results_format_json(&s->records[i], buf, sizeof(buf)) < 0)
			continue;
		fprintf(out, "  %s%s\n", buf, i + 1 < s->n ? "," : "");
	}
	fputs("]\n", out);
}
