/*
 * report_ipc.c - the section "The IPC alone" (see report_ipc.h).
 *
 * Why CPU per GiB for the share: the memory-to-memory rows and their file-to-file twins may
 * move different sizes (reproduce's chunk sweep and its ipc phase both use the sweep's size,
 * a user's runs need not), and CPU per GiB is what the channel's cost is per byte either way.
 * Why the two-sample interval (verdict.h), not pairs: the two come from different rounds,
 * usually different phases, so there are no pairs; the report says so, since the interval
 * then does not cover the host's drift between the phases.
 */
#include "analysis/markdown/report_ipc.h"

#include <stdlib.h>
#include <string.h>

#include "analysis/judge/study.h"
#include "analysis/judge/verdict.h"
#include "analysis/markdown/report_placement.h"
#include "analysis/words/sentences.h"
#include "base/units.h"

int report_ipc_is_memory_to_memory(const struct group *g)
{
	return strncmp(g->source, "memory", 6) == 0 && strcmp(g->sink_by, "-") != 0 &&
	       g->sink_by[0] != '\0';
}

static int is_file_to_file(const struct group *g)
{
	return (g->source[0] == '\0' || strcmp(g->source, "file") == 0) &&
	       (g->sink_by[0] == '\0' || strcmp(g->sink_by, "-") == 0) && g->busy_poll == 0;
}

const struct group *report_ipc_file_twin(const struct group *g, const struct group *groups,
					 size_t n)
{
	const struct group *best = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct group *t = &groups[i];
		if (!is_file_to_file(t) || strcmp(t->method, g->method) != 0 || t->chunk != g->chunk ||
		    strstr(t->series, "profile"))
			continue;
		if (!best || t->n > best->n || (t->n == best->n && t->bytes > best->bytes))
			best = t;
	}
	return best;
}

/* Each run of group g's CPU seconds per GiB (both sides) into v; how many. */
static size_t cpu_per_gib(const struct group *g, const struct run_record *r, size_t n, double *v)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (groups_holds(g, &r[i]) && r[i].bytes > 0)
			v[k++] = (r[i].producer_fig.user_s + r[i].producer_fig.sys_s +
				  r[i].consumer_fig.user_s + r[i].consumer_fig.sys_s) /
				 ((double)r[i].bytes / GIB_BYTES);
	return k;
}

/* Whether groups a and b ran in the same span of time (their runs' timestamps overlap). */
static int overlapping(const struct group *a, const struct group *b, const struct run_record *r,
		       size_t n)
{
	char a_lo[32] = "~", a_hi[32] = "", b_lo[32] = "~", b_hi[32] = "";
	for (size_t i = 0; i < n; i++) {
		char *lo = groups_holds(a, &r[i]) ? a_lo : groups_holds(b, &r[i]) ? b_lo : NULL;
		char *hi = lo == a_lo ? a_hi : b_hi;
		if (!lo)
			continue;
		if (strcmp(r[i].timestamp, lo) < 0)
			snprintf(lo, 32, "%s", r[i].timestamp);
		if (strcmp(r[i].timestamp, hi) > 0)
			snprintf(hi, 32, "%s", r[i].timestamp);
	}
	return strcmp(a_lo, b_hi) <= 0 && strcmp(b_lo, a_hi) <= 0;
}

/* The memory-to-memory group of each (method, sink, polling) with the fastest median, in
 * first-seen order, into best[]; how many. */
static size_t best_settings(const struct group *g, size_t ng, const struct group **best)
{
	size_t nb = 0;
	for (size_t i = 0; i < ng; i++) {
		if (!report_ipc_is_memory_to_memory(&g[i]) || strstr(g[i].series, "profile") ||
		    strstr(g[i].series, "placed"))	/* the placement pair: its own subsection */
			continue;
		size_t k = 0;
		while (k < nb && !(strcmp(best[k]->method, g[i].method) == 0 &&
				   strcmp(best[k]->sink_by, g[i].sink_by) == 0 &&
				   best[k]->busy_poll == g[i].busy_poll))
			k++;
		if (k == nb)
			best[nb++] = &g[i];
		else if (g[i].gib.median > best[k]->gib.median)
			best[k] = &g[i];
	}
	return nb;
}

static int print_ipc_alone(FILE *f, const struct job_facts *facts)
{
	const struct run_record *records = facts->records;
	size_t nrec = facts->n;
	const struct group *g = facts->groups;
	size_t ng = facts->ngroups;
	const struct job_context *ctx = facts->ctx;
	double memcpy_gib_s = ctx && ctx->limits ? ctx->limits->memcpy_gib_s : 0;
	const char *why_not = ctx ? ctx->ipc_why : NULL;
	fprintf(f, "\n## The IPC alone: memory to memory beside file to file\n\n");
	const struct group **best = malloc((ng + 1) * sizeof(*best));
	double *a = malloc((nrec + 1) * sizeof(*a)), *b = malloc((nrec + 1) * sizeof(*b));
	size_t nb = best ? best_settings(g, ng, best) : 0;
	if (nb == 0 || !a || !b) {
		fprintf(f, "Not measured in these runs%s%s. `bulkxfer run --src memory --size 1G "
			"--sink-by read --method pipe,unix,shm` sends from the producer's memory into "
			"a consumer that discards, so only the channel is left; `bulkxfer limits` "
			"prints the same beside memcpy.\n", why_not && *why_not ? ": " : "",
			why_not && *why_not ? why_not : "");
		free(best), free(a), free(b);
		return 0;
	}
	fprintf(f, "Memory to memory: the producer sends from a buffer in its own memory "
		"(`--src memory`) and the consumer discards what it receives (`sink_by`: *read* "
		"into a buffer, *splice* to /dev/null, *method*: its own half into /dev/null), so "
		"no file is read or written and what is left is the channel. Each setting's best "
		"chunk (fastest median) is shown beside the same method file to file at that chunk. "
		"The channel's share is the ratio of CPU seconds per GiB (both sides), memory to "
		"memory over file to file: the Hodges-Lehmann estimate and its 95%% interval "
		"(verdict.h). Every memory-to-memory setting was verified byte for byte by its "
		"check run (`verify_by`).\n\n");
	fprintf(f, "| method | sink | polls | chunk | runs | GiB/s memory to memory | CPU s/GiB | "
		"file to file (series) | GiB/s | CPU s/GiB | channel's share of the CPU [95%%] |\n"
		"|---|---|---|---:|---:|---:|---:|---|---:|---:|---|\n");
	int apart = 0;
	const struct group *fastest = best[0];
	for (size_t i = 0; i < nb; i++) {
		const struct group *m = best[i];
		if (m->gib.median > fastest->gib.median)
			fastest = m;
		size_t na = cpu_per_gib(m, records, nrec, a);
		char chunk[32], ci[64] = "no file-to-file twin";
		units_format_chunk(m->chunk, chunk, sizeof(chunk));
		const struct group *t = report_ipc_file_twin(m, g, ng);
		fprintf(f, "| %s | %s | %s | %s | %zu | %.3f | %.3f |", study_display_name(m->method),
			m->sink_by,
			m->busy_poll ? "yes" : "no", chunk, m->n, m->gib.median,
			m->cpu_per_gib.median);
		if (!t) {
			fprintf(f, " - | - | - | %s |\n", ci);
			continue;
		}
		size_t nf = cpu_per_gib(t, records, nrec, b);
		struct ratio_ci r;
		if (verdict_ratio(a, na, b, nf, &r) == 0 && r.valid)
			snprintf(ci, sizeof(ci), "%.0f%% [%.0f%%, %.0f%%]", 100 * r.estimate,
				 100 * r.low, 100 * r.high);
		else
			snprintf(ci, sizeof(ci), "%.0f%% (too few runs for an interval)",
				 t->cpu_per_gib.median > 0 ?
				 100 * m->cpu_per_gib.median / t->cpu_per_gib.median : 0);
		apart |= !overlapping(m, t, records, nrec);
		fprintf(f, " %s | %.3f | %.3f | %s |\n", t->series, t->gib.median, t->cpu_per_gib.median,
			ci);
	}
	if (apart)
		fprintf(f, "\nThe two sides of a row were measured in different phases, not "
			"interleaved in the same rounds: the interval covers each side's own noise, "
			"not the host's drift between the phases.\n");
	fprintf(f, "\nFastest memory-to-memory setting here: %s (%s sink%s), %.2f GiB/s",
		study_display_name(fastest->method),
		fastest->sink_by, fastest->busy_poll ? ", polling" : "", fastest->gib.median);
	if (memcpy_gib_s > 0)
		fprintf(f, ", %.0f%% of one core's memcpy (%.2f GiB/s)",
			100 * fastest->gib.median / memcpy_gib_s, memcpy_gib_s);
	fprintf(f, ".\n");
	free(best), free(a), free(b);
	return 0;
}

int report_ipc_print(FILE *f, const struct job_facts *facts)
{
	print_ipc_alone(f, facts);
	report_placement_print(f, facts);
	return 0;
}
