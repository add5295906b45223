/*
 * report_placement.h - the report's "Where a buffer sits in its page", in "The IPC alone":
 * read/write memory to memory with page-aligned buffers against buffers where malloc() puts
 * them (reproduce's placement pair, run/placement.h), the ratio with its interval, and what a
 * program that copies through malloc'd buffers would see.
 */
#ifndef BX_REPORT_PLACEMENT_H
#define BX_REPORT_PLACEMENT_H

#include <stdio.h>

#include "analysis/facts/facts.h"

/* Write the subsection into f when the job ran the pair (else nothing), with limits' line on a
 * copy against its place in a page when the job measured it.  Returns 0. */
int report_placement_print(FILE *f, const struct job_facts *facts);

#endif
