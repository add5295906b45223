/*
 * summary.h - what a person reads after a run: per method, the throughput statistics and the
 * CPU time of each side; or the same records as JSON for a program.
 */
#ifndef BX_SUMMARY_H
#define BX_SUMMARY_H

#include <stdio.h>

#include "options.h"
#include "runner.h"

/* Print one line per method of o (in o's order) that has records in s: runs, median, mean,
 * min, max and stddev of GiB/s, median sender and receiver CPU seconds (user + system), and a
 * "noisy" flag when max/min exceeds STATS_NOISY_RATIO. */
void summary_print_table(FILE *out, const struct run_options *o, const struct series *s);

/* Print every record of s as a JSON array. */
void summary_print_json(FILE *out, const struct series *s);

#endif
