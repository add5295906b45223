/*
 * answer.h - what a job ends with in the terminal: the answer in at most ANSWER_MAX_LINES lines
 * of at most ANSWER_COLUMNS columns, each number once.  For reproduce: the ordering verdict,
 * each of the study's CPU claims against its 2014 value, one measured "why" from the profile,
 * the fastest settings file to file and memory to memory, a caution when the host disturbed
 * runs, the methods not run and how to run them, and where the report is.  The full tables are
 * report.md's (and the terminal's with --verbose).
 */
#ifndef BX_ANSWER_H
#define BX_ANSWER_H

#include <stddef.h>
#include <stdio.h>

#include "record/profile_set.h"
#include "record/results.h"

#define ANSWER_MAX_LINES 15
#define ANSWER_COLUMNS 80

/* Print the answer of a reproduce job whose records are r[0..n) (profiles: its profiled runs,
 * NULL or empty when none; report: the report's path) to out.  Returns the lines printed. */
int answer_print_reproduce(FILE *out, const struct run_record *r, size_t n,
			   const struct profile_set *profiles, const char *report);

struct group;
struct claim_set;

/* The same answer as report.md's first section ("What this job found"): the findings as
 * sentences, each with its interval and 2014 value, how far to trust them, and a table of which
 * method to use for what (the methods not run, and the command that runs them). */
void answer_write_findings(FILE *md, const struct run_record *r, size_t n, const struct group *g,
			   size_t ng, const struct claim_set *c, const struct profile_set *set);

#endif
