/*
 * placement_words.h - reproduce's placement pair in one paragraph, which report.md's "Where a
 * buffer sits in its page" and report.html's section of that name both print.
 */
#ifndef BX_WORDS_PLACEMENT_WORDS_H
#define BX_WORDS_PLACEMENT_WORDS_H

#include <stddef.h>

#include "analysis/facts/placement.h"

/* The pair in words into buf[len]: the runs of each placement, their medians, the ratios with
 * their intervals and words, and limits' line on a copy against its place in a page (copy_line;
 * NULL or "": not measured).  Returns buf, or NULL when the pair did not run. */
const char *placement_paragraph(const struct placement_facts *p, const char *copy_line,
				char *buf, size_t len);

#endif
