/*
 * compare.h - baselines across machines (`bulkxfer compare`), after criterion.rs's baselines: one
 * results directory per machine or kernel, compared group by group with the same statistics the
 * report's verdicts use (verdict.h).
 */
#ifndef BX_COMPARE_H
#define BX_COMPARE_H

#include <stddef.h>

#include "base/errors.h"

/* Compare inputs[0..n) (n >= 2; each a results CSV or a reproduce directory holding runs.csv)
 * and write compare.md and compare.csv into out_dir (created when missing), printing the
 * markdown on stdout.
 *   n == 2: one row per group of runs present in both (series, method, halves, size, chunk,
 *           pipe size, slots, polling): old and new medians of GiB/s and of each side's CPU
 *           seconds, the ratio new / old with its 95% interval and a verdict (improved,
 *           regressed, no clear difference); and compare.png / .svg, the ratios with their
 *           intervals (plots/compare.gp, from plot-compare.csv).
 *   n >= 3: the groups present in all, each input's medians side by side, under a table of
 *           each input's kernel and CPU.
 * Both write compare.html beside them (compare_html.h): the answer as one self-contained page.
 * Returns 0; BX_EXIT_USAGE with *err filled when an input cannot be read, holds no runs, or the
 * inputs have no group in common; BX_EXIT_FAILURE when an output cannot be written. */
int compare_run(const char *const *inputs, size_t n, const char *out_dir, struct bx_error *err);

#endif
