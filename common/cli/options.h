/*
 * options.h - the options of `bulkxfer run` (and the subcommands built on it): defaults, limits,
 * and a table-driven parser that checks every value and every combination before anything runs.
 * Checks that need the filesystem (does the source exist?) are in preflight.h.
 */
#ifndef BX_OPTIONS_H
#define BX_OPTIONS_H

#include <stdint.h>
#include <stdio.h>

#include "base/errors.h"
#include "catalog/methods.h"
#include "consumer/sink.h"
#include "record/names.h"
#include "run/plan.h"

#define DEFAULT_CHUNK (1ULL << 20)
#define DEFAULT_SLOTS 8
#define DEFAULT_RUNS 5
#define DEFAULT_WARMUP 1
#define DEFAULT_CSV "results/runs.csv"
#define MIN_CHUNK 1ULL
#define MAX_CHUNK (1ULL << 30)
#define MAX_RUNS 100000
#define MAX_WARMUP 1000

#define DEFAULT_SWEEP_CHUNKS "4K,16K,64K,256K,1M,4M"
#define DEFAULT_REPRODUCE_SIZE REPRODUCE_SIZE_TEXT

/* The subcommands that take options; each option says which of them accept it. */
enum command_kind {
	CMD_RUN = 1,
	CMD_SWEEP = 2,
	CMD_REPRODUCE = 4,
	CMD_REPORT = 8,
	CMD_EXPLAIN = 16,
	CMD_LIST = 32,
	CMD_LIMITS = 64,
	CMD_SYSTEM = 128,
	CMD_COMPARE = 256,
};

#define MAX_INPUTS 16	/* compare: results CSVs or reproduce directories */

/* options_parse() returns this when --help was asked for (help already printed). */
#define OPTIONS_HELP (-1)

struct run_options {
	const struct method *methods[MAX_METHODS];	/* in the order given */
	size_t nmethods;
	const char *src;	/* NULL: generate a source of each of `sizes` */
	int dst_memory;		/* --dst memory: the keeping sink (--sink-by keep) */
	int src_memory;		/* --src memory: the producer sends from a buffer of each of
				 * `sizes` in its memory (memory_source.h), no file */
	int lock;		/* --lock: mlock that buffer */
	struct size_list sizes;	/* with --size; empty = not given */
	uint64_t seed;		/* for the generated source */
	const char *workdir;	/* where generated sources and temp destinations go */
	const char *dst;	/* NULL: a temp file in workdir */
	const char *csv;	/* results file rows are appended to */
	struct size_list chunks;	/* each run uses one; rounds go through all of them */
	uint64_t slots, pipe_size;	/* pipe_size 0 = kernel default */
	uint64_t runs, warmup;
	int runs_auto;		/* reproduce --runs auto: add rounds while a verdict is undecided */
	int keep;		/* keep the generated source and the temp destination */
	int json;		/* JSON records on stdout instead of the table */
	const char *json_path;	/* --json FILE: the results as one JSON file there */
	int verbose;		/* --verbose: the full tables as well as the answer */
	int halves;		/* list: the halves by channel instead of the methods */
	int names;		/* list: bare names, one a line (for the shell completion) */
	int prime;		/* prime (steady_prime) before each run: 1 on, 0 off, PRIME_AUTO (default) when
				 * the floor measures faster primed than not */
	int settle;		/* wait for writeback before each run (default 1) */
	int cold;		/* evict the source before each run instead of warming it */
	int fsync;		/* fsync the destination inside the timed region */
	int sink;		/* the consumer discards the bytes (destination /dev/null) */
	enum sink_by sink_by;	/* how (sink.h): SINK_METHOD with --sink alone, SINK_NONE without */
	const char *sink_by_text;	/* --sink-by's value, checked with the other options */
	int busy_poll;		/* --busy-poll: pipe and socket waits poll instead of sleeping */
	uint64_t queue_depth;	/* --queue-depth: io_uring operations in flight per side */
	int huge;		/* ask for huge pages for the shared-memory ring */
	int prefault;		/* fault shared memory into both sides before the clock starts */
	uint64_t buffer_offset;	/* --buffer-offset: copy buffers start this far past a page start */
	uint64_t spin_us;	/* ring waits poll this long before sleeping (0: sleep at once);
				 * SPIN_AUTO when not given */
	int cpu_producer, cpu_consumer;	/* --cpu: CPUs to pin each side to; -1 = not pinned */
	int verify;		/* hash and compare every run (default 1) */
	int profile;		/* --profile: sample each side's CPU time in every recorded run */
	const char *series;	/* label of every row ("run", "sweep", "study", ...) */
	const char *out;	/* reproduce, report: the output directory; NULL = default */
	const char *model;	/* explain: a model.csv to predict from */
	const char *profile_csv;	/* explain: a profile.csv whose categories to show */
	const char *root;	/* system: read /proc and /sys under this directory ("" = /) */
	const char *inputs[MAX_INPUTS];	/* compare: the CSVs or directories, in order */
	const char *fail_on;		/* compare --fail-on: "regressed" or measures; NULL: none */
	unsigned fail_mask;		/* the measures it names (compare.h's COMPARE_FAIL_*) */
	size_t ninputs;
	int methods_given;	/* --method was on the command line */
	const char *producer_half, *consumer_half;	/* --producer / --consumer */
	struct method paired;	/* the pairing they make; methods[0] points here */
	char paired_name[METHOD_NAME_MAX];
	enum command_kind command;	/* which subcommand these options are for */
};

/* Fill *o with the defaults of command: every method (reproduce: pipe, shm, splice), 8 slots,
 * 5 runs, 1 warm-up, verify, workdir $TMPDIR or /tmp, csv results/runs.csv; chunks 1M for run,
 * DEFAULT_SWEEP_CHUNKS for sweep and reproduce (whose size defaults to 1.4G); series = the
 * command's name. */
void options_defaults(struct run_options *o, enum command_kind command);

/* Parse argv[1..argc) (argv[0] is the subcommand's name) into *o, which holds the defaults for
 * o->command.  Returns 0; OPTIONS_HELP after printing help to stdout; or BX_EXIT_USAGE with
 * *err naming the option and what is wrong with it (including an option that exists but is
 * not for this subcommand). */
int options_parse(int argc, char **argv, struct run_options *o, struct bx_error *err);

/* Parse a comma-separated list of method names ("all" = every method) into o->methods. */
int options_set_methods(struct run_options *o, const char *list, struct bx_error *err);

/* The plan *o asks for (run/plan.h): every setting the runner reads, copied; no decision of an
 * orchestrator taken yet (run numbers from 1, no chunk fixed per method, the source not yet
 * hashed).  The plan's method pointers may point into *o (a --producer/--consumer pairing), so
 * *o must outlive it. */
void options_plan(const struct run_options *o, struct run_plan *p);

/* Print the options command accepts, one a line, to out. */
void options_print_help(FILE *out, enum command_kind command);

#endif
