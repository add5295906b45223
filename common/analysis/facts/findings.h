/*
 * findings.h - what a job found, gathered once: the ordering verdict, each of the study's CPU
 * claims against its 2014 value and explained by this machine's unit costs, the profile's
 * largest difference (the measured "why"), which method to use for what (least CPU and
 * fastest file to file, fastest memory to memory), how often the host disturbed runs, and the
 * methods not run.  The terminal answer, report.md and report.html tell it (terminal/answer.h,
 * markdown/findings.h, html/html_answer.h); none of them works any of it out again.
 */
#ifndef BX_FACTS_FINDINGS_H
#define BX_FACTS_FINDINGS_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/facts/study_profile.h"
#include "analysis/model/unit_explain.h"
#include "host/unit_costs.h"
#include "record/profile_set.h"
#include "record/results.h"

#define FINDINGS_MAX_MISSING 64

struct group;
struct claim;
struct claim_set;

/* One of the ordering's pairs: a's CPU against b's, and what the 2014 code measured. */
struct finding_pair {
	const char *a, *b;		/* the methods */
	const char *a_name, *b_name;	/* their names in the study (read/write, ...) */
	const struct claim *x;		/* the CPU-sum claim a / b */
	double then;			/* the 2014 code's ratio */
	int explained;			/* 1: units holds the pair explained by this machine's unit
					 * costs (both groups found, their halves known) */
	struct unit_explanation units;	/* a against b, per GiB */
	int flips;			/* 1: this job's verdict has the other sign than 2014's */
};

/* The uses findings.uses[] answers, in order. */
enum finding_use_id { USE_LEAST_CPU, USE_FASTEST_FILE, USE_FASTEST_MEMORY, FINDING_USES };

/* A "which method for ..." row: the best group for a use, and what it is best by. */
struct finding_use {
	const char *what;		/* "the least CPU, file to file", ... */
	const struct group *g;		/* NULL: nothing ran for it */
	int by_cpu;			/* 1: least CPU per GiB; 0: fastest */
	const struct group *rival;	/* another method's group whose median's interval
					 * overlaps g's (NULL: g is clearly ahead) */
};

struct findings {
	const struct claim *ordering;	/* NULL: no study phase */
	struct finding_pair pairs[3];
	size_t npairs;
	int why_category;		/* the profile's largest difference, mmap+memcpy against
					 * read/write (its profile_difference's largest); -1: not
					 * profiled */
	double why_s;			/* CPU seconds per run mmap+memcpy spends more on it */
	const char *why_method;		/* mmap+memcpy's method */
	struct unit_costs unit_costs;	/* this machine's, as the job measured them (0: not) */
	uint64_t study_bytes;		/* the study's file size (0: no study phase) */
	struct finding_use uses[3];
	size_t host_took, host_stole, runs;
	const char *missing[FINDINGS_MAX_MISSING];	/* the registry's methods no run used */
	size_t nmissing;
};

/* Gather the findings of records r[0..n), grouped as g[0..ng) and judged as *c; profiles and
 * units may be NULL; why is the profile's difference between mmap+memcpy and read/write
 * (facts_profile_difference; NULL or not known: not profiled).  The pointers in *out point
 * into g, c and the method table.  job_facts_build calls it; the views read its result. */
void findings_gather(const struct run_record *r, size_t n, const struct group *g, size_t ng,
		     const struct claim_set *c, const struct profile_set *profiles,
		     const struct unit_costs *units, const struct profile_difference *why,
		     struct findings *out);

#endif
