/*
 * html_copies.h - report.html's "Where the copies go": the teacher's table (words/copies_rows.h)
 * in the page's main text, as a table, with the same words as report.md.
 */
#ifndef BX_HTML_COPIES_H
#define BX_HTML_COPIES_H

#include <stdio.h>

#include "analysis/facts/facts.h"

/* Write the section (nothing when no group has a method of the table).  Returns 0. */
int html_copies_write(FILE *f, const struct job_facts *facts);

#endif
