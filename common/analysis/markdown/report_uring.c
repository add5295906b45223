/*
 * report_uring.c - report.md's "io_uring beside the classic calls" (see report_uring.h): the
 * job's io_uring pairs (facts/uring_pairs.h) as a table.
 */
#include "analysis/markdown/report_uring.h"

#include <string.h>

#include "analysis/judge/groups.h"
#include "analysis/judge/verdict.h"
#include "base/units.h"

/* "0.82 [0.75, 0.90] cheaper" for one ratio, into buf. */
static const char *ratio_cell(const struct ratio_ci *ci, int valid, int wall, char *buf,
			      size_t len)
{
	if (!valid)
		snprintf(buf, len, "%.2f (too few runs for an interval)", ci->estimate);
	else
		snprintf(buf, len, "%.2f [%.2f, %.2f] %s", ci->estimate, ci->low, ci->high,
			 verdict_word(verdict_direction(ci, VERDICT_NOISE), wall));
	return buf;
}

/* "uring (1 MiB)", or for an io_uring group whose pipe is smaller than its chunk "uring
 * (1 MiB, 64 KiB an operation)": what each of its operations moved.  (A classic write() moves
 * the whole chunk, waiting inside the kernel, so its cell gives the chunk alone.) */
static const char *method_cell(const struct group *g, int uring, char *buf, size_t len)
{
	char chunk[32], pipe[32];
	units_format_chunk(g->chunk, chunk, sizeof(chunk));
	if (uring && groups_pipe_cuts_chunk(g))
		snprintf(buf, len, "%s (%s, %s an operation)", g->method, chunk,
			 units_format_size(g->pipe_size, pipe, sizeof(pipe)));
	else
		snprintf(buf, len, "%s (%s)", g->method, chunk);
	return buf;
}

int report_uring_print(FILE *f, const struct job_facts *facts)
{
	const struct uring_pairs *p = &facts->uring_pairs;
	if (p->n == 0)
		return 0;
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
		"sender calls/GiB, io_uring / classic | receiver calls/GiB, io_uring / classic |\n"
		"|---|---|---|---|---|---:|---:|\n");
	int cut = 0;
	for (size_t i = 0; i < p->n; i++) {
		const struct group *a = p->v[i].uring, *b = p->v[i].classic;
		char ca[96], cb[96], cpu[96], wall[96];
		fprintf(f, "| %s | %s | %s | %s | %s | %.0f / %.0f | %.0f / %.0f |\n", a->series,
			method_cell(a, 1, ca, sizeof(ca)), method_cell(b, 0, cb, sizeof(cb)),
			ratio_cell(&p->v[i].cpu, p->v[i].cpu_valid, 0, cpu, sizeof(cpu)),
			ratio_cell(&p->v[i].wall, p->v[i].wall_valid, 1, wall, sizeof(wall)),
			a->sender_syscalls_per_gib.median, b->sender_syscalls_per_gib.median,
			a->receiver_syscalls_per_gib.median, b->receiver_syscalls_per_gib.median);
		cut |= groups_pipe_cuts_chunk(a) && strcmp(b->method, "pipe") == 0;
	}
	/* Why such a row may cost io_uring more, so a reader does not take it for the batching's
	 * price: io_uring never blocks on a pipe, so a chunk the pipe cuts takes one completion
	 * per pipe's worth (uring_chain_for, doc/details.md). */
	if (cut)
		fprintf(f, "\nWhere the pipe is smaller than the chunk (rows marked \"an operation\"), "
			"an io_uring operation that asked for more than the pipe holds would come "
			"back short, so each moves at most one pipe's worth: the chunk's pieces go "
			"in one linked chain, one io_uring_enter, but each waits for room, is tried "
			"again and completes on its own, whereas write() waits inside the kernel "
			"and moves the whole chunk in one call. Where such a row shows io_uring "
			"costlier, that is io_uring's pipe handling, not its batching (a "
			"hand-written io_uring program pays it too: "
			"`bench/uring_vs_handwritten.sh`); a `--pipe-size` of at least the chunk "
			"compares the two without it.\n");
	return 0;
}
