/*
 * runner.h - a series of runs: make or hash the source once, then run every method `runs`
 * times (after `warmup` unrecorded runs) in interleaved order (A B C A B C ...) so that drift on
 * a noisy machine hits every method alike; append each verified run to the CSV at once.
 */
#ifndef BX_RUNNER_H
#define BX_RUNNER_H

#include <stddef.h>

#include "errors.h"
#include "options.h"
#include "results.h"

struct series {
	struct run_record *records;	/* recorded runs, in the order they ran */
	size_t n, cap;
	size_t nskipped;		/* methods skipped as unsupported */
};

/* Run the series described by *o (already parsed and preflighted) and collect its records in
 * *out (zero it first; release with series_free).  Methods the kernel cannot do are skipped
 * with a message on stderr.  Returns 0, or BX_EXIT_FAILURE with *err filled: the first failed
 * run stops the series; rows already written stay.  Temporary files are gone on return. */
int runner_execute(const struct run_options *o, struct series *out, struct bx_error *err);

/* Free the records of a series. */
void series_free(struct series *s);

#endif
