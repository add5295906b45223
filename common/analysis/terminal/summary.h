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

/* The answer `run` and `sweep` end with: at most 15 lines of at most 80 columns (answer.h's
 * limits): each group's median GiB/s with its interval and CPU seconds per run (the first 8
 * groups; how many more, when there are), the fastest and the least CPU, how the runs were
 * verified and the floor, the host's disturbances, and where the rows went (csv).  The full
 * table is summary_print_table's (--verbose). */
void summary_print_answer(FILE *out, const struct series *s, int verified, const char *csv);

/* Print every record of s as a JSON array. */
void summary_print_json(FILE *out, const struct series *s);

#endif
