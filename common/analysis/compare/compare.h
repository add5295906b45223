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

/* The measures compare judges, as --fail-on names them (compare.csv's column prefixes). */
#define COMPARE_FAIL_GIB 1u		/* gib_per_s */
#define COMPARE_FAIL_SENDER_CPU 2u	/* sender_cpu_s */
#define COMPARE_FAIL_RECEIVER_CPU 4u	/* receiver_cpu_s */
#define COMPARE_FAIL_ANY 7u		/* "regressed": any of them */

/* --fail-on's text ("regressed", or a comma list of measure names) into *mask.  Returns 0, or
 * -1 when a word names no measure. */
int compare_fail_mask(const char *text, unsigned *mask);

/* compare_run of two inputs that also judges them for a CI: when any group regressed (its
 * interval clears the noise band the wrong way) in a measure of fail_mask, the regressed groups
 * are printed first, one line each ("regressed: GROUP: MEASURE RATIO [LOW, HIGH]"), and
 * *regressed says how many (0: none).  Two inputs also give compare.json (compare_json.h):
 * at json_path, or beside compare.md when it is NULL.  Returns as compare_run. */
int compare_run_gated(const char *const *inputs, size_t n, const char *out_dir,
		      unsigned fail_mask, size_t *regressed, const char *json_path,
		      struct bx_error *err);

#endif
