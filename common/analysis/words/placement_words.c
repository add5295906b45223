/*
 * placement_words.c - the placement pair in one paragraph (see placement_words.h).
 */
#include "analysis/words/placement_words.h"

#include <stdio.h>
#include <string.h>

static const char *words(const struct ratio_ci *x, const char *less, const char *more)
{
	if (!x->valid)
		return "too few runs for an interval";
	int d = verdict_direction(x, VERDICT_NOISE);
	return d == 0 ? "no clear difference" : d < 0 ? less : more;
}

/* " [low, high]" when x has an interval, else "". */
static const char *interval(const struct ratio_ci *x, char *buf, size_t len)
{
	if (x->valid)
		snprintf(buf, len, " [%.2f, %.2f]", x->low, x->high);
	else
		buf[0] = '\0';
	return buf;
}

const char *placement_paragraph(const struct placement_facts *p, const char *copy_line,
				char *buf, size_t len)
{
	if (p->page_runs == 0 || p->malloc_runs == 0)
		return NULL;
	char si[48], ci[48], copy[320] = "";
	if (copy_line && *copy_line)
		snprintf(copy, sizeof(copy), " The copy alone (`bulkxfer limits`): %s.", copy_line);
	snprintf(buf, len, "Read/write memory to memory (a read sink), %zu runs with every buffer "
		 "page-aligned, as bulkxfer's are (recorded offset %lld), interleaved with %zu runs "
		 "with every buffer where glibc's malloc() puts one of 128 KiB or more, a page start "
		 "plus 16 bytes (recorded offset %lld): %.2f against %.2f GiB/s. Malloc-placed over "
		 "page-aligned: throughput %.2fx%s (%s), CPU per GiB %.2fx%s (%s). A program that "
		 "copies through malloc'd buffers sees the second figure, a page-aligned one the "
		 "first; a hand-written benchmark must place its buffers as the setting it faces does "
		 "(`--buffer-offset N` places bulkxfer's).%s", p->page_runs, p->page_offset,
		 p->malloc_runs, p->malloc_offset, p->page_gib_s, p->malloc_gib_s, p->speed.estimate,
		 interval(&p->speed, si, sizeof(si)), words(&p->speed, "slower", "faster"),
		 p->cpu.estimate, interval(&p->cpu, ci, sizeof(ci)), words(&p->cpu, "less", "more"),
		 copy);
	return buf;
}
