/*
 * compare_html.h - compare.html: `bulkxfer compare`'s answer as one self-contained page (inline
 * SVG and styles, nothing fetched): the inputs, then, for two inputs, every group's ratio new /
 * old with its interval on a log axis beside the 1x line and the noise band, one panel per
 * measure, coloured and worded by its verdict; compare.md itself in a collapsed appendix.
 */
#ifndef BX_COMPARE_HTML_H
#define BX_COMPARE_HTML_H

#include <stddef.h>

#include "base/errors.h"

#define COMPARE_NMETRICS 3	/* GiB/s, sender CPU seconds, receiver CPU seconds */

/* One group compared between two inputs: for each measure, the medians, the ratio new / old
 * with its interval (valid 0: too few runs, estimate only) and the verdict's words. */
struct group;
struct compare_row {
	char label[160];
	const struct group *old_group;	/* the group compared, in the old input */
	const struct group *new_group;	/* and in the new one */
	size_t old_runs, new_runs;
	struct {
		double old_median, new_median, ratio, low, high;
		int valid;
		const char *verdict;	/* "improved", "regressed", "no clear difference..." */
		int regressed;		/* 1: its interval clears the noise band the wrong way */
		/* --fail-on's judgement, all gated comparisons together (compare.h) */
		double gate_low, gate_high;
		int gate_valid, gate_regressed;
	} m[COMPARE_NMETRICS];
};

/* An input, as the page names it. */
struct compare_source {
	const char *path, *kernel, *cpu_model;
	size_t runs;
};

/* Write path (compare.html) whole or not at all: sources[0..n), the rows of a two-input
 * comparison (rows NULL with n > 2: the page shows compare.md's table), the measures' titles,
 * and compare.md (md_path) in its appendix.  Returns 0, or BX_EXIT_FAILURE with *err filled. */
int compare_html_write(const char *path, const struct compare_source *sources, size_t n,
		       const struct compare_row *rows, size_t nrows,
		       const char *const titles[COMPARE_NMETRICS], const char *md_path,
		       struct bx_error *err);

#endif
