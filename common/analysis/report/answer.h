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

#include "analysis/facts/facts.h"
#include "analysis/facts/findings.h"

/* Fit line (a NUL-terminated text in a buffer at least columns + 1 long) into columns, cutting
 * it between words with "..." when it is longer: never inside a word, so no number is cut
 * short. */
void answer_fit_line(char *line, size_t columns);


/* "chunk 4 MiB" or, where a pipe smaller than the chunk cut each call, "chunk 4 MiB (1 MiB a
 * call)": what each call moved, into buf[len].  Returns buf. */
const char *answer_chunk_words(const struct group *g, char *buf, size_t len);

/* Print the answer of a reproduce job, from its facts, to out; report (NULL: none) is the path of
 * the report written whole, printed last.  Returns the lines printed. */
int answer_print_reproduce(FILE *out, const struct job_facts *facts, const char *report);

/* The findings' sentences report.md and report.html both print, into buf[len]: the ordering
 * with the pairs that decided it (in the study's names), the profile's "why" (NULL when nothing
 * was profiled), and how far to trust the rest (the intervals' levels, the host's
 * disturbances).  Each returns buf. */
const char *answer_ordering_sentence(const struct findings *f, char *buf, size_t len);
const char *answer_why_sentence(const struct findings *f, char *buf, size_t len);
const char *answer_trust_sentence(const struct findings *f, char *buf, size_t len);

/* The same findings as report.md's first section ("What this job found"): sentences, each with
 * its interval and 2014 value, how far to trust them, the "Which method for ..." table, then
 * what decides each claim here (answer_units.h).  Returns 0. */
int answer_write_findings(FILE *md, const struct job_facts *facts);

#endif
