/*
 * plot_data.h - the data files behind the report's graphs: the bar graphs' (one bar per headline
 * group) and the line graphs' (a sweep along chunk size or file size).
 */
#ifndef BX_PLOT_DATA_H
#define BX_PLOT_DATA_H

#include <stddef.h>

#include "analysis/judge/groups.h"

#define PLOT_PATH_LEN 4096

/* Which x a line graph plots against. */
enum sweep_axis { AXIS_CHUNK, AXIS_SIZE };

/* The most bars a bar graph draws: with more headline groups, those with the most runs. */
#define PLOT_MAX_BARS 24	/* more, and their turned labels overlap */

/* plot-cpu.csv, plot-throughput.csv and plot-cpu_per_gib.csv in dir, one row per headline group
 * (the groups outside the sweeps, or every group when all are sweeps; at most PLOT_MAX_BARS,
 * see plot_data_bars_drawn); their paths into paths.  Returns 0 or -errno. */
int plot_data_bars(const char *dir, const struct group *g, size_t n, char paths[3][PLOT_PATH_LEN]);

/* How many bars plot_data_bars draws of the *of headline groups. */
size_t plot_data_bars_drawn(const struct group *g, size_t n, size_t *of);

/* The line graph along axis for the series with the most distinct values on it (at least two;
 * the size sweep's line ends with the tuned groups): one row per value, one column per method,
 * the best median GiB/s among that value's groups (NaN where a method has none); beside it
 * (path's .csv made .lt) each line's colour, as gnuplot's method_lt.
 * Returns 1 when written, 0 when no series varies along axis, -errno on error. */
int plot_data_line(const char *path, const struct group *g, size_t n, enum sweep_axis axis);

/* The chunk graph's data: a block per method (two blank lines apart, a header line each naming
 * the method in its second column), one row per chunk it ran: chunk_bytes, median, min and max
 * GiB/s, median, min and max CPU seconds per GiB (sender + receiver); and its .lt beside it.
 * Returns 1 when written, 0 when no series varies the chunk, -errno on error. */
int plot_data_chunk(const char *path, const struct group *g, size_t n);

/* Move labels at (x[i], y[i]) up until any two whose x are within a factor x_factor of each
 * other (a log axis) stand at least gap apart in y: labels that would print over each other
 * no longer do.  Only y changes, upwards; their order from bottom to top is kept. */
void plot_labels_apart(const double *x, double *y, size_t n, double gap, double x_factor);

/* The gnuplot line type (1..PLOT_LINE_TYPES, common.gp's colours) of method in every line
 * graph: its place in the method table, so a method keeps its colour from graph to graph. */
#define PLOT_LINE_TYPES 8
size_t plot_data_line_type(const char *method);

#endif
