/*
 * placement.h - reproduce's placement pair as facts: read/write memory to memory with every
 * buffer page-aligned (bulkxfer's own placement) against every buffer where glibc's malloc()
 * puts one (run/placement.h), the medians and the ratios with their intervals.  report.md and
 * report.html state them from here, in one sentence (words/placement_words.h).
 */
#ifndef BX_FACTS_PLACEMENT_H
#define BX_FACTS_PLACEMENT_H

#include <stddef.h>

#include "analysis/judge/verdict.h"
#include "record/results.h"

struct placement_facts {
	size_t page_runs, malloc_runs;	/* runs of each placement; either 0: the pair did not run */
	long long page_offset, malloc_offset;	/* the consumer's recorded buffer offset */
	double page_gib_s, malloc_gib_s;	/* median GiB/s of each */
	struct ratio_ci speed;		/* throughput, malloc-placed over page-aligned */
	struct ratio_ci cpu;		/* CPU seconds per GiB, both sides, likewise */
};

/* The placement pair among records r[0..n) into *out (zeroed: not run).  Returns 0, or -ENOMEM
 * (*out zeroed). */
int facts_placement(const struct run_record *r, size_t n, struct placement_facts *out);

#endif
