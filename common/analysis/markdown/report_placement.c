/*
 * report_placement.c - "Where a buffer sits in its page" (see report_placement.h).
 *
 * Why it is taught: the same calls move 1 or 2 GiB/s on some CPUs depending on where a buffer
 * sits in its page, a detail no option of a typical program sets; a hand-written benchmark that
 * mallocs its buffers and bulkxfer's page-aligned ones then measure two different things.
 */
#include "analysis/markdown/report_placement.h"

#include <stdlib.h>
#include <string.h>

#include "analysis/judge/stats.h"
#include "analysis/judge/verdict.h"
#include "record/names.h"

static double cpu_per_gib(const struct run_record *r)
{
	double gib = r->bytes ? (double)r->bytes / (1ULL << 30) : 1;
	return (r->producer_fig.user_s + r->producer_fig.sys_s + r->consumer_fig.user_s +
		r->consumer_fig.sys_s) / gib;
}

/* Every run of series: GiB/s into gib, CPU s per GiB into cpu, the consumer's recorded buffer
 * offset of the first into *offset; how many (0 when out of memory). */
static size_t runs_of(const struct run_record *r, size_t n, const char *series,
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
	return failed ? 0 : cpu->n;
}

static const char *words(const struct ratio_ci *x, const char *less, const char *more)
{
	if (!x->valid)
		return "too few runs for an interval";
	int d = verdict_direction(x, VERDICT_NOISE);
	return d == 0 ? "no clear difference" : d < 0 ? less : more;
}

void report_placement_print(FILE *f, const struct run_record *r, size_t n, const char *copy_line)
{
	struct stats_values gp = { 0 }, gm = { 0 }, cp = { 0 }, cm = { 0 };
	long long op = 0, om = 0;
	size_t np = runs_of(r, n, PHASE_PLACED_PAGE, &gp, &cp, &op);
	size_t nm = runs_of(r, n, PHASE_PLACED_MALLOC, &gm, &cm, &om);
	struct ratio_ci speed, cpu;
	double medp = 0, medm = 0;
	if (np && nm) {
		verdict_ratio(gm.v, nm, gp.v, np, &speed);
		verdict_ratio(cm.v, nm, cp.v, np, &cpu);
		medp = stats_median_inplace(gp.v, np);
		medm = stats_median_inplace(gm.v, nm);
	}
	struct stats_values *all[] = { &gp, &gm, &cp, &cm };
	for (int i = 0; i < 4; i++)
		stats_values_free(all[i]);
	if (np == 0 || nm == 0)
		return;
	fprintf(f, "\n### Where a buffer sits in its page\n\nRead/write memory to memory (a read "
		"sink), %zu runs with every buffer page-aligned, as bulkxfer's are (recorded offset "
		"%lld), interleaved with %zu runs with every buffer where glibc's malloc() puts one of "
		"128 KiB or more, a page start plus 16 bytes (recorded offset %lld): %.2f against "
		"%.2f GiB/s. Malloc-placed over page-aligned: throughput %.2fx", np, op, nm, om, medp,
		medm, speed.estimate);
	if (speed.valid)
		fprintf(f, " [%.2f, %.2f]", speed.low, speed.high);
	fprintf(f, " (%s), CPU per GiB %.2fx", words(&speed, "slower", "faster"), cpu.estimate);
	if (cpu.valid)
		fprintf(f, " [%.2f, %.2f]", cpu.low, cpu.high);
	fprintf(f, " (%s). A program that copies through malloc'd buffers sees the second figure, "
		"a page-aligned one the first; a hand-written benchmark must place its buffers as the "
		"setting it faces does (`--buffer-offset N` places bulkxfer's).", words(&cpu, "less",
		"more"));
	if (copy_line && *copy_line)
		fprintf(f, " The copy alone (`bulkxfer limits`): %s.", copy_line);
	fprintf(f, "\n\n");
}
