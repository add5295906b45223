/*
 * profile_out.h - a series' profiles written out for a reader: profile.csv (one row per
 * setting, side and category: series,method,chunk,side,category,samples,share,cpu_s), the
 * folded stacks and a flame graph per profiled side, and a stacked bar of the categories per
 * method and side (plots/profile.gp).  Also reads profile.csv back, for explain and reports.
 */
#ifndef BX_PROFILE_OUT_H
#define BX_PROFILE_OUT_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/profile/categories.h"
#include "base/errors.h"
#include "record/profile_set.h"

#define PROFILE_CSV_HEADER "series,method,chunk,side,category,samples,share,cpu_s"

/* One side of one setting, categorised. */
struct profile_row {
	char series[32], method[32];
	uint64_t chunk;
	int producer;
	uint64_t samples[CAT_COUNT];
	double cpu_s[CAT_COUNT];	/* per run: the category's share of the sampled CPU time */
	uint64_t total;			/* samples in all */
};

/* Count sc's samples per category into counts[CAT_COUNT] (zeroed first). */
void profile_categorize(const struct stack_counts *sc, uint64_t counts[CAT_COUNT]);

/* The categorised row of one side's profile, its copies split from first touch with the side's
 * rates (first_touch.h). */
void profile_row_of(const struct side_profile *p, struct profile_row *row);

/* The file name (no directory, no extension) of p's folded stacks and flame graph:
 * "<series>-<method>-<chunk>-<producer|consumer>". */
void profile_base_name(const struct side_profile *p, char *buf, size_t len);

/* Write set's profiles into dir (created when missing): profile.csv, <base>.folded and
 * <base>.svg for every side, plot-profile.csv and the profile graph (a missing gnuplot is said
 * on stderr and skipped: the tables are the result).  Each file appears whole or not at all.
 * Returns 0, or BX_EXIT_FAILURE with *err filled. */
int profile_write_outputs(const char *dir, const struct profile_set *set, struct bx_error *err);

/* Read a profile.csv into *rows (malloc'd; free it), one row per (series, method, chunk, side).
 * Returns 0, or BX_EXIT_USAGE with *err saying what is wrong with the file. */
int profile_read_csv(const char *path, struct profile_row **rows, size_t *n,
		     struct bx_error *err);

/* Rebuild the profiles a run or reproduce wrote into dir (profile.csv and its folded files)
 * into *set (zero it first; release with profile_set_free), taking each side's runs, samples,
 * sampled and getrusage seconds from records[0..n).  Returns 0, or BX_EXIT_USAGE with *err
 * filled (a missing or malformed file). */
int profile_set_load(const char *dir, const struct run_record *records, size_t n,
		     struct profile_set *set, struct bx_error *err);

#endif
