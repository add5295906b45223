/*
 * compare_json.h - compare.json: a comparison of two results files as one JSON file (the
 * inputs, every group compared with each measure's medians, ratio, interval and verdict, and
 * the gate's judgement when --fail-on asked for one), so a CI reads it without parsing
 * markdown.  Its schema is doc/compare.schema.json (a test holds the two together).
 */
#ifndef BX_COMPARE_JSON_H
#define BX_COMPARE_JSON_H

#include <stddef.h>

#include "analysis/compare/compare_html.h"
#include "base/errors.h"

#define COMPARE_JSON_SCHEMA_ID "bulkxfer-compare/1"

/* What the gate judged (--fail-on): mask 0 when it was not asked for. */
struct compare_gate {
	unsigned mask;		/* COMPARE_FAIL_* of the measures gated */
	double level;		/* each gated interval's level (Bonferroni) */
	size_t judged, regressed, undecided;
};

/* Write path whole or not at all: the two sources (old, new), rows[0..n), each measure's name
 * and which way is better, and the gate.  Returns 0, or BX_EXIT_FAILURE with *err filled. */
int compare_json_write(const char *path, const struct compare_source sources[2],
		       const struct compare_row *rows, size_t n,
		       const char *const names[COMPARE_NMETRICS],
		       const int higher_is_better[COMPARE_NMETRICS], const struct compare_gate *gate,
		       struct bx_error *err);

#endif
