/*
 * html_placement.h - report.html's "Where a buffer sits in its page": the placement pair's facts
 * (facts/placement.h) as a section of the page, when the job ran the pair, in the paragraph
 * report.md prints (words/placement_words.h).
 */
#ifndef BX_HTML_PLACEMENT_H
#define BX_HTML_PLACEMENT_H

#include <stdio.h>

#include "analysis/facts/facts.h"

/* Write <section id="placement"> (nothing when the job did not run the pair).  Returns 0. */
int html_placement_write(FILE *f, const struct job_facts *facts);

#endif
