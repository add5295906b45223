/*
 * report_placement.h - the report's "Where a buffer sits in its page", in "The IPC alone":
 * read/write memory to memory with page-aligned buffers against buffers where malloc() puts
 * them (reproduce's placement pair, run/placement.h), the ratio with its interval, and what a
 * program that copies through malloc'd buffers would see.
 */
#ifndef BX_REPORT_PLACEMENT_H
#define BX_REPORT_PLACEMENT_H

#include <stddef.h>
#include <stdio.h>

#include "record/results.h"

/* Write the subsection into f when r[0..n) holds the pair (else nothing); copy_line (NULL or
 * "": not measured) is limits' one line on a copy against its place in a page. */
void report_placement_print(FILE *f, const struct run_record *r, size_t n, const char *copy_line);

#endif
