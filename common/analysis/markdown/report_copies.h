/*
 * report_copies.h - report.md's section "Where the copies go": the teacher's table
 * (words/copies_rows.h) and its words, as markdown.
 */
#ifndef BX_MARKDOWN_REPORT_COPIES_H
#define BX_MARKDOWN_REPORT_COPIES_H

#include <stdio.h>

#include "analysis/facts/facts.h"

/* Print the section from the job's groups, profiles and unit costs.  Returns 0. */
int report_copies_print(FILE *f, const struct job_facts *facts);

#endif
