/*
 * summary.c - the human table and the JSON dump (see summary.h).
 */
#include "analysis/report/summary.h"

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
	size_t took = 0, stole = 0;
	for (size_t i = 0; i < n; i++) {
		took += groups[i].host_took;
		stole += groups[i].host_stole;
	}
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
