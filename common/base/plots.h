/*
 * plots.h - render a gnuplot script of plots/ over a data CSV into PNG and SVG.
 */
#ifndef BX_PLOTS_H
#define BX_PLOTS_H

#include <sys/types.h>

#include "base/errors.h"

/* Where the scripts are: $BULKXFER_PLOTS_DIR; else, relative to the running binary, the first of
 * ../share/bulkxfer/plots (installed: PREFIX/bin/bulkxfer), plots (the source tree's
 * ./bulkxfer) and ../plots (the tree's build/run_tests, build-asan/bulkxfer) that holds the
 * scripts; else the installed place, so an error names where they should be. */
const char *plots_dir(void);

/* 1 when a gnuplot can be run (an executable `gnuplot` in $PATH).  gnuplot is only recommended
 * by the package: without it the reports are written, their graphs skipped with a line saying
 * so, and the exit status is not touched. */
int plots_available(void);

/* What a report says of a graph it skipped for the want of gnuplot. */
#define PLOTS_MISSING "gnuplot is not installed (apt-get install gnuplot-nox)"

/* A graph being drawn: plots_start starts its gnuplot, plots_finish waits for it and moves
 * its files into place.  Several may be drawn at once (each gnuplot is one core's work). */
struct plot_job {
	pid_t pid;		/* gnuplot's while it runs, else -1 */
	int rc;			/* 0, or BX_EXIT_FAILURE with err filled */
	struct bx_error err;
	char script[64];
	char out[4096], log_path[4096];
	char tmp_dir[4096], tmp_out[8200];	/* where gnuplot draws before the rename */
};

/* Start drawing out.png and out.svg as plots_render does, without waiting.  Returns 0, or
 * BX_EXIT_FAILURE with job->err filled (plots_finish must still be called: it cleans up and
 * gives the failure). */
int plots_start(struct plot_job *job, const char *script, const char *data, const char *out,
		const char *log_path);

/* Wait for a job plots_start began and move its files into place.  Returns 0, or
 * BX_EXIT_FAILURE with *err (when not NULL) filled, as plots_render. */
int plots_finish(struct plot_job *job, struct bx_error *err);

/* Run `gnuplot` on <plots_dir>/<script>.gp with data and out (a path without extension); it
 * writes out.png and out.svg.  gnuplot's own messages go to log_path (appended).
 * Returns 0, or BX_EXIT_FAILURE with *err filled (gnuplot missing, failed, or wrote no PNG). */
int plots_render(const char *script, const char *data, const char *out, const char *log_path,
		 struct bx_error *err);

#endif
