/*
 * summary.h - what a person reads after a run: one line per group of runs (method, file size,
 * chunk) with the throughput statistics and the CPU time of each side; or the records as JSON.
 */
#ifndef BX_SUMMARY_H
#define BX_SUMMARY_H

#include <stdio.h>

#include "record/series.h"

/* Print one line per group of s: size, chunk, runs, median, mean, min, max, stddev and the 95%
 * confidence interval of GiB/s, median sender and receiver CPU seconds (user + system), and a
 * "noisy" flag when max/min exceeds STATS_NOISY_RATIO; under it, how many runs the hypervisor
 * took free memory back during (groups.h), when any.  verified says whether runs were checked. */
void summary_print_table(FILE *out, const struct series *s, int verified);

/* Print every record of s as a JSON array. */
void summary_print_json(FILE *out, const struct series *s);

#endif
