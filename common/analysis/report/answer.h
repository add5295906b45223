/*
 * answer.h - what a job found, gathered once (struct findings) and told three ways: the
 * terminal's last lines (at most ANSWER_MAX_LINES of at most ANSWER_COLUMNS columns), report.md's
 * first section, and report.html's first screen.  The findings: the ordering verdict, each of the
 * study's CPU claims against its 2014 value, one measured "why" from the profile, which method
 * to use for what (least CPU and fastest file to file, fastest memory to memory), how often the
 * host disturbed runs, and the methods not run.
 */
#ifndef BX_ANSWER_H
#define BX_ANSWER_H

#include <stddef.h>
#include <stdio.h>

#include "record/profile_set.h"
#include "record/results.h"

#define ANSWER_MAX_LINES 17
#define ANSWER_COLUMNS 80
#define ANSWER_MAX_MISSING 64

#include "analysis/model/unit_explain.h"
#include "host/unit_costs.h"

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
					 * read/write; -1: not profiled */
	double why_s;			/* CPU seconds per run mmap+memcpy spends more on it */
	const char *why_method;		/* mmap+memcpy's method */
	struct unit_costs unit_costs;	/* this machine's, as the job measured them (0: not) */
	uint64_t study_bytes;		/* the study's file size (0: no study phase) */
	struct finding_use uses[3];
	size_t host_took, host_stole, runs;
	const char *missing[ANSWER_MAX_MISSING];	/* the registry's methods no run used */
	size_t nmissing;
};

/* Gather the findings of records r[0..n), grouped as g[0..ng) and judged as *c; profiles may be
 * NULL.  The pointers in *out point into g, c and the method table. */
void answer_gather(const struct run_record *r, size_t n, const struct group *g, size_t ng,
		   const struct claim_set *c, const struct profile_set *profiles,
		   const struct unit_costs *units, struct findings *out);

/* Fit line (a NUL-terminated text in a buffer at least columns + 1 long) into columns, cutting
 * it between words with "..." when it is longer: never inside a word, so no number is cut
 * short. */
void answer_fit_line(char *line, size_t columns);


/* "chunk 4 MiB" or, where a pipe smaller than the chunk cut each call, "chunk 4 MiB (1 MiB a
 * call)": what each call moved, into buf[len].  Returns buf. */
const char *answer_chunk_words(const struct group *g, char *buf, size_t len);

/* Print the answer of a reproduce job whose records are r[0..n) (profiles: its profiled runs,
 * NULL or empty when none; report: the report's path, NULL for none) to out.  Returns the
 * lines printed. */
int answer_print_reproduce(FILE *out, const struct run_record *r, size_t n,
			   const struct profile_set *profiles, const struct unit_costs *units,
			   const char *report);

/* The findings' sentences report.md and report.html both print, into buf[len]: the ordering
 * with the pairs that decided it (in the study's names), the profile's "why" (NULL when nothing
 * was profiled), and how far to trust the rest (the intervals' levels, the host's
 * disturbances).  Each returns buf. */
const char *answer_ordering_sentence(const struct findings *f, char *buf, size_t len);
const char *answer_why_sentence(const struct findings *f, char *buf, size_t len);
const char *answer_trust_sentence(const struct findings *f, char *buf, size_t len);

/* The same findings as report.md's first section ("What this job found"): sentences, each with
 * its interval and 2014 value, how far to trust them, and the "Which method for ..." table. */
void answer_write_findings(FILE *md, const struct findings *f);

#endif
