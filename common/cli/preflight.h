/*
 * preflight.h - every check that needs the filesystem, done before the first byte moves, so
 * that a bad path is a usage error (exit 2) that touches no file.
 */
#ifndef BX_PREFLIGHT_H
#define BX_PREFLIGHT_H

#include "base/errors.h"
#include "cli/options.h"

/* Check the source (exists, readable, a regular file), the workdir (a writable directory,
 * when a file will be made there), the destination (not a directory, not the source under any
 * name, in an existing writable directory), the results file (results_check_csv; the default
 * results/ folder is created), the output directory (o->out) and that the kernel accepts
 * --pipe-size; and that the run's files fit on disk and in memory (resources.h).
 * Returns 0, or BX_EXIT_USAGE with *err filled. */
int preflight_check(const struct run_options *o, struct bx_error *err);

/* Check that out is a writable directory, or can be made in a writable parent.
 * Returns 0 or BX_EXIT_USAGE. */
int preflight_output_dir(const char *out, struct bx_error *err);

#endif
