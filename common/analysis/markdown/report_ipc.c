/*
 * report_ipc.c - report.md's "The IPC alone" (see report_ipc.h): the job's memory-to-memory
 * rows (facts/memory_to_memory.h) beside file to file, then where a buffer sits in its page.
 */
#include "analysis/markdown/report_ipc.h"

#include "analysis/judge/study.h"
#include "analysis/markdown/report_placement.h"
#include "analysis/words/sentences.h"
#include "record/names.h"
#include "base/units.h"

/* One row of the table: the setting, its twin and the channel's share. */
static void print_row(FILE *f, const struct memory_row *row)
{
	const struct group *m = row->memory, *t = row->twin;
	char chunk[32], ci[64] = "no file-to-file twin";
	units_format_chunk(m->chunk, chunk, sizeof(chunk));
	fprintf(f, "| %s | %s%s | %s | %s | %zu | %.3f | %.3f |", study_display_name(m->method),
		m->sink_by, sink_by_name_discards(m->sink_by) ? " (discards)" : "",
		m->busy_poll ? "yes" : "no", chunk, m->n, m->gib.median,
		m->cpu_per_gib.median);
	if (!t) {
		fprintf(f, " - | - | - | %s |\n", ci);
		return;
	}
	if (row->share_valid)
		snprintf(ci, sizeof(ci), "%.0f%% [%.0f%%, %.0f%%]", 100 * row->share.estimate,
			 100 * row->share.low, 100 * row->share.high);
	else
		snprintf(ci, sizeof(ci), "%.0f%% (too few runs for an interval)",
			 100 * row->share.estimate);
	fprintf(f, " %s | %.3f | %.3f | %s |\n", t->series, t->gib.median, t->cpu_per_gib.median, ci);
}

static void print_ipc_alone(FILE *f, const struct job_facts *facts)
{
	const struct job_context *ctx = facts->ctx;
	const struct memory_to_memory *mm = &facts->memory_to_memory;
	const char *why_not = ctx ? ctx->ipc_why : NULL;
	fprintf(f, "\n## The IPC alone: memory to memory beside file to file\n\n");
	if (mm->n == 0) {
		fprintf(f, "Not measured in these runs%s%s. `bulkxfer run --src memory --size 1G "
			"--dst memory --method pipe,unix,shm` sends from the producer's memory into "
			"a consumer that keeps it in its own, so only the channel is left; `bulkxfer "
			"limits` prints the same beside memcpy.\n", why_not && *why_not ? ": " : "",
			why_not && *why_not ? why_not : "");
		return;
	}
	fprintf(f, "Memory to memory: the producer sends from a buffer in its own memory "
		"(`--src memory`) and the consumer either keeps what it receives in memory the size "
		"of the transfer (`sink_by` *keep*: `--dst memory`, touched before the clock; "
		"*keep-fresh*: untouched) or is a discarding reader that keeps nothing (*read* into "
		"one reused buffer, *splice* to /dev/null, *method*: its own half into /dev/null), "
		"so no file is read or written and what is left is the channel. A discarding "
		"reader's copies stay in the cache, so it is faster than any receiver that keeps "
		"the data can be. Each setting's best "
		"chunk (fastest median) is shown beside the same method file to file at that chunk. "
		"The channel's share is the ratio of CPU seconds per GiB (both sides), memory to "
		"memory over file to file: the Hodges-Lehmann estimate and its 95%% interval "
		"(verdict.h). Every memory-to-memory setting was verified byte for byte: a "
		"keeping one in every run, a discarding one by its check run (`verify_by`).\n\n");
	fprintf(f, "| method | sink | polls | chunk | runs | GiB/s memory to memory | CPU s/GiB | "
		"file to file (series) | GiB/s | CPU s/GiB | channel's share of the CPU [95%%] |\n"
		"|---|---|---|---:|---:|---:|---:|---|---:|---:|---|\n");
	for (size_t i = 0; i < mm->n; i++)
		print_row(f, &mm->v[i]);
	if (mm->any_apart)
		fprintf(f, "\nThe two sides of a row were measured in different phases, not "
			"interleaved in the same rounds: the interval covers each side's own noise, "
			"not the host's drift between the phases.\n");
	/* the answer's "fastest, memory to memory" where the job has one (reproduce's ipc phase),
	 * so the report names one setting for it; else the fastest of these rows */
	const struct group *fastest = facts->findings.uses[USE_FASTEST_MEMORY].g ?
				      facts->findings.uses[USE_FASTEST_MEMORY].g :
				      mm->fastest;
	fprintf(f, "\nFastest memory-to-memory setting here: %s (%s sink%s%s), %.2f GiB/s",
		study_display_name(fastest->method), fastest->sink_by,
		sink_by_name_discards(fastest->sink_by) ? ": a discarding reader" : "",
		fastest->busy_poll ? ", polling" : "", fastest->gib.median);
	words_memcpy_reference(f, ctx ? ctx->units : NULL, fastest);
	fprintf(f, ".\n");
}

int report_ipc_print(FILE *f, const struct job_facts *facts)
{
	print_ipc_alone(f, facts);
	report_placement_print(f, facts);
	return 0;
}
