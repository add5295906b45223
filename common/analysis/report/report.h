/*
 * report.h - a job's facts (facts.h) written as a report directory: report.md (this machine's
 * figures beside the 2014 study's, every ratio with its interval and verdict, whether the
 * ordering reproduces, the targets, every group's statistics) and report.html, both following
 * one table of sections (report_sections.h); verdicts.csv (one row per claim), summary.csv
 * (every statistic of every group), the plot data CSVs and the graphs gnuplot renders from them.
 */
#ifndef BX_REPORT_H
#define BX_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "analysis/facts/facts.h"
#include "base/errors.h"

/* Which files of the report were written whole. */
struct report_outcome {
	int markdown;	/* report.md (graphs that failed are named in it) */
	int html;	/* report.html, written only beside a whole report.md */
};

/* Write the report of a job's facts into out_dir (which must exist): unit-costs.csv,
 * verdicts.csv, summary.csv, results.json (results_json.h), the plot data and graphs, report.md and report.html, each whole or
 * not at all; *done (NULL: not wanted) says which pages were written.  Returns 0, or
 * BX_EXIT_FAILURE with *err filled when a file cannot be written or a graph could not be
 * rendered (report.md is still written whole and says which). */
int report_write(const struct job_facts *facts, const char *out_dir, struct report_outcome *done,
		 struct bx_error *err);

/* Print the comparison with the 2014 study (the report's first tables) to out, ending with the
 * ordering verdict line. */
void report_print_comparison(FILE *out, const struct job_facts *facts);

#endif
