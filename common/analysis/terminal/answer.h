/*
 * answer.h - the terminal's answer to a reproduce job: its findings (facts/findings.h) in at
 * most ANSWER_MAX_LINES lines of at most ANSWER_COLUMNS columns, the same sentences and numbers
 * report.md's first section and report.html's first screen give.
 */
#ifndef BX_ANSWER_H
#define BX_ANSWER_H

#include <stdio.h>

#include "analysis/facts/facts.h"

#define ANSWER_MAX_LINES 18
#define ANSWER_COLUMNS 80

/* Print the answer of a reproduce job, from its facts, to out; report (NULL: none) is the path of
 * the report written whole, printed last.  Returns the lines printed. */
int answer_print_reproduce(FILE *out, const struct job_facts *facts, const char *report);

#endif
