/*
 * placement.c - the pair of buffer placements (see placement.h).
 *
 * Why one run a plan, alternating: a plan has one buffer offset, and the pair must be
 * interleaved (the host moves from minute to minute); which placement goes first alternates
 * from round to round so neither always follows the other.
 */
#include "run/placement.h"

#include "catalog/methods.h"
#include "record/names.h"
#include "run/runner.h"

#define PLACEMENT_MAX_BYTES (128ULL << 20)

int placement_pair_run(const struct run_plan *plan, uint64_t size, struct series *s,
		       struct bx_error *err)
{
	struct run_plan p = *plan;
	p.methods[0] = methods_find("pipe");
	p.method_chunk[0] = PLACEMENT_CHUNK;
	p.nmethods = 1;
	p.chunks.v[0] = PLACEMENT_CHUNK;
	p.chunks.n = 1;
	/* where a reader's one buffer sits in its page: a read sink's */
	runner_plan_memory_to_memory(&p, size, PLACEMENT_MAX_BYTES, SINK_READ);
	p.keep = 0;
	p.profile = 0;
	p.runs = 1;
	p.runs_auto = 0;
	p.rounds_planned = PLACEMENT_RUNS;
	p.eta_after_s = 0;
	for (uint64_t k = 0; k < PLACEMENT_RUNS; k++)
		for (int j = 0; j < 2; j++) {
			int malloc_placed = (int)((k + (uint64_t)j) % 2);
			p.series = malloc_placed ? PHASE_PLACED_MALLOC : PHASE_PLACED_PAGE;
			p.buffer_offset = malloc_placed ? PLACEMENT_MALLOC_OFFSET : 0;
			p.run_offset = k;
			p.warmup = k == 0 ? 1 : 0;	/* each placement's check run and warm-up */
			int rc = runner_execute(&p, s, err);
			if (rc)
				return rc;
		}
	return 0;
}
