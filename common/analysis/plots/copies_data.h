/*
 * copies_data.h - the data of the copies graph (copies.png): measured CPU against the theory's
 * copies, one row per method.
 */
#ifndef BX_PLOTS_COPIES_DATA_H
#define BX_PLOTS_COPIES_DATA_H

#include <stddef.h>

#include "analysis/judge/groups.h"

/* CPU seconds per GiB of one group, both sides: the median over its runs, as every view
 * states it. */
double explain_cpu_per_gib(const struct group *g);

/* Write the data of the copies graph: one row per method found in g: name, theoretical CPU
 * copies, and measured CPU seconds per GiB (both sides, explain_cpu_per_gib) at a common
 * setting (its tuned group, each at its best chunk; else its first group outside the sweeps and
 * the study) and at the study's setting (NaN where a method lacks one).  Returns the rows
 * written, or -errno. */
int explain_write_copies_data(const char *path, const struct group *g, size_t n);

#endif
