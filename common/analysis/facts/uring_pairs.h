/*
 * uring_pairs.h - each io_uring method beside the method that moves the bytes the same way with
 * ordinary system calls (uring / pipe, uring-splice / splice, uring-zc / tcp), wherever both ran
 * in one series, as facts: the two groups and the ratios of their CPU and wall time with their
 * intervals.  report.md's "io_uring beside the classic calls" states them.
 *
 * Which rows: in the tuned phase each method at its own best chunk (the question a user asks:
 * each at its best); in a sweep, the io_uring method's fastest chunk with the counterpart at
 * that same chunk; in any other series (a `run`), every chunk both ran.  The interval is the
 * two-sample Hodges-Lehmann one of verdict.h over each side's runs.
 */
#ifndef BX_FACTS_URING_PAIRS_H
#define BX_FACTS_URING_PAIRS_H

#include <stddef.h>

#include "analysis/judge/groups.h"
#include "analysis/judge/verdict.h"
#include "record/results.h"

/* One io_uring group beside its classic counterpart: io_uring / classic. */
struct uring_pair {
	const struct group *uring, *classic;
	struct ratio_ci cpu, wall;	/* both sides' CPU seconds, and wall seconds, per run */
	int cpu_valid, wall_valid;	/* 0: too few runs for an interval (the median ratio
					 * stands in the estimate's place) */
};

struct uring_pairs {
	struct uring_pair *v;
	size_t n;
};

/* The classic counterpart of an io_uring method ("pipe" for "uring"), or NULL. */
const char *uring_counterpart(const char *method);

/* The pairs among groups g[0..ng) of records r[0..n) into *out (release with
 * uring_pairs_free).  Returns 0, or -ENOMEM (*out empty). */
int uring_pairs_of(const struct run_record *r, size_t n, const struct group *g, size_t ng,
		   struct uring_pairs *out);
void uring_pairs_free(struct uring_pairs *p);

#endif
