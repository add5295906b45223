/*
 * runner.h - a series of runs.  For each source (the --src file, or one generated file per
 * --size), hash it once, then run `warmup` unrecorded and `runs` recorded rounds; a round runs
 * every chunk size with every method once, interleaved (A B C A B C ...), so drift on a noisy
 * machine hits every method and setting alike.  Each verified run is appended to the CSV at once.
 */
#ifndef BX_RUNNER_H
#define BX_RUNNER_H

#include <stddef.h>
#include <stdint.h>

#include "base/errors.h"
#include "record/series.h"
#include "run/plan.h"

/* Make p a memory-to-memory plan: the producer sends min(size, max_bytes) bytes from its own
 * memory into the sink `by` (SINK_KEEP: a destination of that size in the consumer's memory,
 * every run verified; SINK_READ: one reused buffer, each setting verified by its check run),
 * pipes sized to a chunk. */
void runner_plan_memory_to_memory(struct run_plan *p, uint64_t size, uint64_t max_bytes,
				  enum sink_by by);

/* Run the series described by *o (already parsed and preflighted) and append its records to
 * *out (zero it first; release with series_free).  Methods the kernel cannot do are skipped
 * with a message on stderr.  Returns 0, or BX_EXIT_FAILURE with *err filled: the first failed
 * run stops the series; rows already written stay.  Temporary files are gone on return. */
int runner_execute(const struct run_plan *plan, struct series *out, struct bx_error *err);

/* The order of round `round`'s n cells (indices 0..n-1 into order), a random permutation drawn
 * from seed and round: a new order each round, the same for the same seed. */
void runner_round_order(uint64_t seed, uint64_t round, size_t *order, size_t n);

#endif
