/*
 * report_tables.h - the short sections of report.md, each a heading and a table (the table of
 * sections, report/report_sections.c, puts them in order).
 */
#ifndef BX_REPORT_TABLES_H
#define BX_REPORT_TABLES_H

#include <stddef.h>
#include <stdio.h>

#include "analysis/facts/facts.h"
#include "record/results.h"

struct group;
struct system_findings;

/* The report's title and its provenance: the bulkxfer that wrote it, the job's command line,
 * seed, CPUs and memory (from ctx, when the report is written right after the runs), CPU,
 * kernel, filesystems, the runs and their file, and whether every run was verified. */
int report_machine_print(FILE *f, const struct job_facts *facts);

/* "Each method at its best chunk size": the tuned series' groups, when there are any. */
int report_tuned_print(FILE *f, const struct job_facts *facts);

/* "What on this machine moves the numbers": the findings of `bulkxfer system`. */
int report_system_print(FILE *f, const struct job_facts *facts);

/* "What the words mean": the report's own terms (look, round, noise band, series, rest, the
 * host took / stole, floor, noisy, unsteady, left alone, the two names of a method), with the
 * thresholds the report uses; then every method of the groups g[0..n), with what it does. */
int report_glossary_print(FILE *f, const struct job_facts *facts);

/* "Every group of runs": every statistic of every group, the host's disturbances apart. */
int report_groups_print(FILE *f, const struct job_facts *facts);

#endif
