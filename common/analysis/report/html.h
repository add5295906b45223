/*
 * html.h - report.html: one self-contained page beside report.md (inline SVG, CSS and script,
 * the data as embedded JSON; no request leaves the page, so it works from file:// and offline).
 * It follows report.md's sections: the answer first (the findings, which method for what),
 * every claim in a forest plot, a view of each method (its runs as points, its chunk curve,
 * theory beside measurement), where a buffer sits in its page, the teacher's table, the
 * interactive flame graphs of every profiled side, when the host stepped in (a timeline of the
 * runs), each section's graphs, and report.md itself in a collapsed appendix.
 */
#ifndef BX_HTML_H
#define BX_HTML_H

#include <stddef.h>

#include "analysis/facts/facts.h"
#include "analysis/report/report_sections.h"
#include "base/errors.h"

/* Write out_dir/report.html from the job's facts, whole or not at all (a temporary file renamed
 * into place): report.md's sections in its order, the graphs drawn[] says gnuplot drew (their
 * PNGs beside report.md), and report.md itself.  Returns 0, or BX_EXIT_FAILURE with *err
 * filled. */
int html_write(const struct job_facts *facts, const char *out_dir, const int drawn[NGRAPHS],
	       struct bx_error *err);

#endif
