/*
 * placement.h - reproduce's pair of buffer placements: read/write memory to memory with every
 * buffer page-aligned (bulkxfer's default) and with every buffer 16 bytes past a page start
 * (where glibc's malloc() puts a large buffer), interleaved run by run, so the report can say
 * what a program with malloc'd buffers would see on this machine (series record/names.h's
 * PHASE_PLACED_PAGE and PHASE_PLACED_MALLOC).
 */
#ifndef BX_PLACEMENT_H
#define BX_PLACEMENT_H

#include <stddef.h>
#include <stdint.h>

#include "base/errors.h"
#include "record/series.h"
#include "run/plan.h"

#define PLACEMENT_MALLOC_OFFSET 16	/* glibc malloc's large buffers: a page start plus 16 */
#define PLACEMENT_RUNS 5		/* pairs: the fewest that give a 95% interval of a ratio */
#define PLACEMENT_CHUNK (256u << 10)	/* read/write memory to memory's best chunk here */

/* Run the pair on min(size, 128 MiB) from memory into a read sink, PLACEMENT_RUNS rounds of the
 * two placements in alternating order, appending to s (and plan->csv).  Returns 0 or an exit
 * code. */
int placement_pair_run(const struct run_plan *plan, uint64_t size, struct series *s,
		       struct bx_error *err);

#endif
