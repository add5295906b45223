/*
 * plots.h - render a gnuplot script of plots/ over a data CSV into PNG and SVG.
 */
#ifndef BX_PLOTS_H
#define BX_PLOTS_H

#include "errors.h"

/* Where the scripts are: $BULKXFER_PLOTS_DIR, else the plots/ folder of the source tree the
 * binary was built from (BX_PLOTS_DIR, set by the Makefile). */
const char *plots_dir(void);

/* Run `gnuplot` on <plots_dir>/<script>.gp with data and out (a path without extension); it
 * writes out.png and out.svg.  gnuplot's own messages go to log_path (appended).
 * Returns 0, or BX_EXIT_FAILURE with *err filled (gnuplot missing, failed, or wrote no PNG). */
int plots_render(const char *script, const char *data, const char *out, const char *log_path,
		 struct bx_error *err);

#endif
