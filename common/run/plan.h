/*
 * plan.h - what a series of runs does: the methods, sources, chunks and settings the runner
 * executes, and the decisions an orchestrator (reproduce, limits) takes on top of them: where
 * the run numbers start, a chunk fixed per method, pipes sized to the chunk, a source already
 * hashed.  The command line's options (cli/options.h) are what the user said; a plan is made
 * from them (options_plan) and then changed by whoever orchestrates, never the other way round.
 */
#ifndef BX_PLAN_H
#define BX_PLAN_H

#include <stdint.h>

#include "catalog/methods.h"
#include "consumer/sink.h"

#define MAX_METHODS 32
#define MAX_LIST 32	/* values in a --chunk or --size list */

/* --runs auto: at least this many rounds, and at most this many: the first and the last look
 * of the sequential design (analysis/judge/sequential.h; a test keeps them equal). */
#define REPRODUCE_MIN_ROUNDS 6
#define REPRODUCE_MAX_ROUNDS 12

#define PRIME_AUTO (-1)

/* --spin not given: `run` and `sweep` do not poll; `reproduce` polls in its tuned phases only
 * (REPRODUCE_TUNED_SPIN_US), so its study phase keeps the textbook ring that sleeps at once. */
#define SPIN_AUTO UINT64_MAX

/* A comma-separated list of sizes, as --chunk and --size take. */
struct size_list {
	uint64_t v[MAX_LIST];
	size_t n;
};

struct run_plan {
	/* ---- what to run: taken from the options (cli/options.h says what each means) ---- */
	const struct method *methods[MAX_METHODS];	/* in the order given */
	size_t nmethods;
	const char *src;	/* NULL: generate a source of each of `sizes` */
	int src_memory;		/* the producer sends from a buffer in its memory, no file */
	int lock;		/* mlock that buffer */
	struct size_list sizes;
	uint64_t seed;
	const char *workdir, *dst, *csv, *out;
	struct size_list chunks;	/* each run uses one; rounds go through all of them */
	uint64_t slots, pipe_size;	/* pipe_size 0 = kernel default */
	uint64_t runs, warmup;
	int runs_auto;		/* reproduce --runs auto: add rounds while a verdict is undecided */
	int keep, prime, settle, cold, fsync;
	int sink;
	enum sink_by sink_by;
	int busy_poll;
	uint64_t queue_depth;
	int huge, prefault;
	uint64_t spin_us;	/* SPIN_AUTO when not given */
	uint64_t buffer_offset;	/* copy buffers and the memory source start this far past a page
				 * start (0-4095) */
	int cpu_producer, cpu_consumer;	/* -1 = not pinned */
	int verify, profile;
	const char *series;	/* label of every row ("run", "sweep", "study", ...) */
	int verbose;		/* print the full tables as well as the answer */
	const char *command_line;	/* the command as typed, for the report's provenance */

	/* ---- what the orchestrator decided ---- */
	uint64_t run_offset;	/* the first recorded run is numbered run_offset + 1 (runs are
				 * numbered by round, so runs of one round pair up) */
	uint64_t rounds_planned;	/* the progress line's "round r/N": N (0: run_offset + runs) */
	double eta_after_s;	/* the progress line: seconds the caller expects of the phase after
				 * this call (0: none) */
	int src_hash_known;	/* src_hash is the source's XXH3: do not hash it again */
	uint64_t src_hash;
	int floor_once;		/* measure the destination floor once, not before every round */
	uint64_t method_chunk[MAX_METHODS];	/* nonzero: methods[i] always uses this chunk */
	int pipe_fit;		/* no --pipe-size: size pipes to hold a chunk (reproduce's tuning) */
};

#endif
