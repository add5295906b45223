/*
 * unit_explain.h - a claim explained by this machine's own unit costs.  Two methods' counts per
 * GiB (faults, system calls, bytes copied, context switches), as the job counted them, times
 * what each unit costs here (host/unit_costs.h) say how much of their measured CPU difference
 * each kind of work accounts for, and so which decides it.  Where a method costs more than
 * another, the deciding unit's crossover is the cost it would need to have for the two to cost
 * the same: "mmap+memcpy would cost less than read/write if a fault cost under X us; it costs
 * Y us here".  The profile's categories check it: an explanation the profile does not bear out
 * is not stated.
 */
#ifndef BX_UNIT_EXPLAIN_H
#define BX_UNIT_EXPLAIN_H

#include "analysis/judge/groups.h"
#include "analysis/profile/categories.h"
#include "host/unit_costs.h"

enum unit_term { UNIT_FAULTS, UNIT_CALLS, UNIT_COPIES, UNIT_SWITCHES, UNIT_NTERMS };

/* What one method did per GiB it moved, both sides together. */
struct method_counts {
	double cpu_s;			/* CPU seconds (median over its runs) */
	double faults, calls, switches;	/* page faults, system calls, context switches */
	double user_copies, kernel_copies;	/* GiB copied by memcpy in user space, by the kernel */
};

struct unit_explanation {
	double delta_cpu_s;		/* a - b, measured, CPU s per GiB */
	double delta_count[UNIT_NTERMS];	/* a - b per GiB (copies: GiB copied) */
	double delta_s[UNIT_NTERMS];	/* each difference at this machine's unit costs */
	double unit[UNIT_NTERMS];	/* each unit's cost here, seconds (copies: per GiB, as the
					 * pair's own mix of user and kernel copies weighs it) */
	int deciding;			/* the term that accounts for most of the difference, with
					 * its sign; -1 when none does */
	double crossover;		/* the deciding unit's cost at which a and b would cost the
					 * same (0 or less: no cost of it would) */
	double crossover_low, crossover_high;	/* the same at the ends of the difference's
						 * interval (both crossover when none given) */
	double profile_s;		/* the profile's difference in the deciding term's categories,
					 * CPU s per GiB; NAN when not profiled */
	int profile_agrees;		/* 1: the profile's difference has the sign of the deciding
					 * term's and is within a factor of 2 of it; 0: not; -1: no
					 * profile */
};

/* The counts of group g: its medians per GiB, and the copies its halves' theory makes.  Returns
 * 0, or -1 when its halves are not known here. */
int unit_method_counts(const struct group *g, struct method_counts *out);

/* The categories a term's unit is seen in by the profile (NULL-terminated by CAT_COUNT). */
const enum category *unit_term_categories(enum unit_term t);

/* Explain a against b with unit costs u.  delta_low and delta_high bound a's CPU per GiB minus
 * b's (the claim's interval; NAN: none, the medians' difference alone).  profile_a and
 * profile_b are each method's CPU seconds per GiB by category (CAT_COUNT values), or NULL when
 * not profiled. */
void unit_explain(const struct method_counts *a, const struct method_counts *b,
		  const struct unit_costs *u, double delta_low, double delta_high,
		  const double *profile_a, const double *profile_b, struct unit_explanation *out);

/* The unit's name in a sentence ("a fault", "a system call", "copying 1 GiB", "a wake-up"). */
const char *unit_term_name(enum unit_term t);

#endif
