/*
 * html.h - report.html: one self-contained page beside report.md (inline SVG, CSS and script,
 * the data as embedded JSON; no request leaves the page, so it works from file:// and offline).
 * First the answer (the findings, which method for what), then every claim in a forest plot,
 * when the host stepped in (a timeline of the runs), a view of each method (its runs as points,
 * its chunk curve, theory beside measurement), the graphs, the interactive flame graphs of
 * every profiled side, and report.md itself in a collapsed appendix.
 */
#ifndef BX_HTML_H
#define BX_HTML_H

#include <stddef.h>

#include "base/errors.h"
#include "record/profile_set.h"
#include "record/results.h"

struct claim_set;
struct findings;

/* What the page is made of: the records and their judgement, and where report.md and the
 * graphs' SVGs are (out_dir). */
struct group;
struct unit_costs;

struct html_input {
	const struct run_record *records;
	size_t n;
	const struct claim_set *claims;
	const struct findings *findings;
	const struct profile_set *profiles;	/* NULL: none */
	const char *profile_why;		/* why there are none; NULL */
	const char *out_dir;
	const char *const *graphs;		/* the graphs drawn (plots/<name>.svg in out_dir), */
	const char *const *graph_titles;	/* with their titles */
	const char *const *graph_readings;	/* and how to read each */
	size_t ngraphs;
	const char *copy_placement;		/* limits' line on a copy's place in a page; NULL */
	const struct group *g;			/* the groups, for the teacher's table */
	size_t ng;
	const struct unit_costs *units;		/* the job's unit costs; NULL */
};

/* Write out_dir/report.html from *in: whole or not at all (a temporary file renamed into
 * place).  Returns 0, or BX_EXIT_FAILURE with *err filled. */
int html_write(const struct html_input *in, struct bx_error *err);

#endif
