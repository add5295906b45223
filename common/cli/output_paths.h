/*
 * output_paths.h - where a command writes when the user names no place: every rule that turns
 * a results CSV or a command's name into an output path, in one module, so `run --profile`,
 * `report`, `explain` and `compare` agree on them.
 */
#ifndef BX_OUTPUT_PATHS_H
#define BX_OUTPUT_PATHS_H

#include <stddef.h>

/* A command's default output directory, new for every run: results/<kind>-<UTC time>, into
 * out[len].  Returns out. */
const char *output_timestamped(const char *kind, char *out, size_t len);

/* "results/mine.csv" with suffix "-report" -> "results/mine-report" (a name without .csv just
 * gets the suffix), into buf[len].  Returns buf.  run --profile writes <csv>-profile/, report
 * <csv>-report/, explain's graph <csv>-explain/. */
const char *output_beside_csv(const char *csv, const char *suffix, char *buf, size_t len);

/* The profile/ directory beside csv, as a reproduce directory holds it ("dir/runs.csv" ->
 * "dir/profile"; "runs.csv" -> "profile"), into buf[len].  Returns buf. */
const char *output_profile_dir_beside(const char *csv, char *buf, size_t len);

/* The profile.csv that belongs to csv, into path[len]: run --profile's
 * <csv>-profile/profile.csv, else a reproduce directory's profile/profile.csv beside it.
 * Returns 1 when one of them is readable (path holds it), else 0. */
int output_profile_csv_of(const char *csv, char *path, size_t len);

#endif
