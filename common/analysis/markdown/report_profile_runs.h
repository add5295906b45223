/*
 * report_profile_runs.h - the profiled runs beside the measured ones, in the report's "Where
 * the CPU time goes, measured": where each profiled run's CPU time fell among its setting's
 * measured runs, and what profiling cost (the profiled runs against the measured runs of the
 * same settings, which reproduce interleaves with them).
 */
#ifndef BX_REPORT_PROFILE_RUNS_H
#define BX_REPORT_PROFILE_RUNS_H

#include <stddef.h>
#include <stdio.h>

#include "record/results.h"

/* Print into f, for every setting of r[0..n) with profiled runs (series "<phase>-profile") and
 * measured runs (series "<phase>", same method and chunk): the measured runs' median CPU time
 * (both sides) with its interval, each profiled run's CPU time and how many measured runs took
 * less (the first nine of a setting listed, the rest counted); how many profiled runs fell
 * inside their group's middle half; then profiling's cost over every such pair.  Prints a
 * one-line note when no setting has both. */
void report_profile_runs_print(FILE *f, const struct run_record *r, size_t n);

#endif
