/*
 * options.h - the options of `bulkxfer run` (and the subcommands built on it): defaults, limits,
 * and a table-driven parser that checks every value and every combination before anything runs.
 * Checks that need the filesystem (does the source exist?) are in preflight.h.
 */
#ifndef BX_OPTIONS_H
#define BX_OPTIONS_H

#include <stdint.h>
#include <stdio.h>

#include "errors.h"
#include "methods.h"

#define MAX_METHODS 32
#define DEFAULT_CHUNK (1ULL << 20)
#define DEFAULT_SLOTS 8
#define DEFAULT_RUNS 5
#define DEFAULT_WARMUP 1
#define DEFAULT_CSV "results/runs.csv"
#define MIN_CHUNK 1ULL
#define MAX_CHUNK (1ULL << 30)
#define MAX_RUNS 100000
#define MAX_WARMUP 1000

/* options_parse() returns this when --help was asked for (help already printed). */
#define OPTIONS_HELP (-1)

struct run_options {
	const struct method *methods[MAX_METHODS];	/* in the order given */
	size_t nmethods;
	const char *src;	/* NULL: generate a source of `size` bytes */
	uint64_t size;		/* with --size; 0 = not given */
	uint64_t seed;		/* for the generated source */
	const char *workdir;	/* where generated sources and temp destinations go */
	const char *dst;	/* NULL: a temp file in workdir */
	const char *csv;	/* results file rows are appended to */
	uint64_t chunk, slots, pipe_size;	/* pipe_size 0 = kernel default */
	uint64_t runs, warmup;
	int keep;		/* keep the generated source and the temp destination */
	int json;		/* JSON records on stdout instead of the table */
	int verify;		/* hash and compare every run (default 1) */
};

/* Fill *o with the defaults (every method, 1 MiB chunks, 8 slots, 5 runs, 1 warm-up, verify,
 * workdir $TMPDIR or /tmp, csv results/runs.csv). */
void options_defaults(struct run_options *o);

/* Parse argv[1..argc) (argv[0] is the subcommand's name) into *o, which holds the defaults.
 * Returns 0; OPTIONS_HELP after printing help to stdout; or BX_EXIT_USAGE with *err naming the
 * option and what is wrong with it. */
int options_parse(int argc, char **argv, struct run_options *o, struct bx_error *err);

/* Parse a comma-separated list of method names ("all" = every method) into o->methods. */
int options_set_methods(struct run_options *o, const char *list, struct bx_error *err);

/* Print the option table, one option a line, to out. */
void options_print_help(FILE *out);

#endif
