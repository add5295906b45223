/*
 * report_uring.c - report.md's "io_uring beside the classic calls" (see report_uring.h): the
 * job's io_uring pairs (facts/uring_pairs.h) as a table.
 */
#include "analysis/markdown/report_uring.h"

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
		"sender calls/GiB | receiver calls/GiB |\n"
		"|---|---|---|---|---|---:|---:|\n");
	for (size_t i = 0; i < p->n; i++) {
		const struct group *a = p->v[i].uring, *b = p->v[i].classic;
		char ca[32], cb[32], cpu[96], wall[96];
		fprintf(f, "| %s | %s (%s) | %s (%s) | %s | %s | %.0f / %.0f | %.0f / %.0f |\n",
			a->series, a->method, units_format_chunk(a->chunk, ca, sizeof(ca)), b->method,
			units_format_chunk(b->chunk, cb, sizeof(cb)),
			ratio_cell(&p->v[i].cpu, p->v[i].cpu_valid, 0, cpu, sizeof(cpu)),
			ratio_cell(&p->v[i].wall, p->v[i].wall_valid, 1, wall, sizeof(wall)),
			a->sender_syscalls_per_gib.median, b->sender_syscalls_per_gib.median,
			a->receiver_syscalls_per_gib.median, b->receiver_syscalls_per_gib.median);
	}
	return 0;
}
