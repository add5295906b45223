/*
 * report.h - turn a set of run records into a report directory: report.md (this machine's
 * figures beside the 2014 study's, ratios, whether the ordering reproduces, every group's
 * statistics), summary.csv (every statistic of every group), the plot data CSVs and the graphs
 * gnuplot renders from them.
 */
#ifndef BX_REPORT_H
#define BX_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "errors.h"
#include "results.h"

/* Write the report for records[0..n) into out_dir (which must exist).  runs_csv is the file
 * the records came from, named in the report.  Returns 0; BX_EXIT_FAILURE with *err filled when
 * a file cannot be written or a graph could not be rendered (the report is still written and
 * says which); BX_EXIT_USAGE when there are no records. */
int report_write(const struct run_record *records, size_t n, const char *runs_csv,
		 const char *out_dir, struct bx_error *err);

/* Print the comparison with the 2014 study (the report's first tables) to out. */
void report_print_comparison(FILE *out, const struct run_record *records, size_t n);

#endif
