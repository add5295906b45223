/*
 * report_tables.h - the short sections of report.md, each a heading and a table (report.c's
 * table of sections puts them in order).
 */
#ifndef BX_REPORT_TABLES_H
#define BX_REPORT_TABLES_H

#include <stddef.h>
#include <stdio.h>

#include "record/results.h"

struct group;
struct system_findings;

/* The report's title and its provenance: the bulkxfer that wrote it, the job's command line,
 * seed, CPUs and memory (from ctx, when the report is written right after the runs), CPU,
 * kernel, filesystems, the runs and their file, and whether every run was verified. */
struct report_context;
void report_machine_print(FILE *f, const struct run_record *r, size_t n, const char *runs_csv,
			  const struct report_context *ctx);

/* "Each method at its best chunk size": the tuned series' groups, when there are any. */
void report_tuned_print(FILE *f, const struct group *g, size_t n);

/* "What on this machine moves the numbers": the findings of `bulkxfer system`. */
void report_system_print(FILE *f, const struct system_findings *s);

/* "What the words mean": the report's own terms (look, round, noise band, series, rest, the
 * host took / stole, floor, noisy, unsteady, left alone, the two names of a method), with the
 * thresholds the report uses; then every method of the groups g[0..n), with what it does. */
void report_glossary_print(FILE *f, const struct group *g, size_t n);

/* "Every group of runs": every statistic of every group, the host's disturbances apart. */
void report_groups_print(FILE *f, const struct group *g, size_t n);

#endif
