/*
 * flamegraph.h - a flame graph drawn by bulkxfer from folded stacks, as one self-contained SVG:
 * one box per frame, as wide as its share of the samples, callers below callees, each box
 * coloured by its frame's category (categories.h) and carrying its name and share in a
 * tooltip.  No script, no external program.
 */
#ifndef BX_FLAMEGRAPH_H
#define BX_FLAMEGRAPH_H

#include "record/stack_counts.h"

/* Write the flame graph of sc to path (whole or not at all), titled title.  Returns 0 or
 * -errno. */
int flamegraph_write_svg(const struct stack_counts *sc, const char *title, const char *path);

#endif
