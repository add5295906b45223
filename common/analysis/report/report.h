/*
 * report.h - turn a set of run records into a report directory: report.md (this machine's
 * figures beside the 2014 study's, every ratio with its 95% interval and verdict, whether the
 * ordering reproduces, the targets, every group's statistics), verdicts.csv (one row per
 * claim), summary.csv (every statistic of every group), the plot data CSVs and the graphs
 * gnuplot renders from them.
 */
#ifndef BX_REPORT_H
#define BX_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/errors.h"
#include "host/unit_costs.h"
#include "record/profile_set.h"
#include "record/results.h"

struct machine_limits;
struct primitive_costs;

/* What a report can add when it is written right after the runs (NULL fields: unknown). */
struct system_findings;

struct report_context {
	const struct machine_limits *limits;	/* memcpy and read() bandwidth */
	double elapsed_s;			/* how long the whole job took; 0 = unknown */
	double generate_s;			/* generating the source; 0 = not generated */
	double hash_s;				/* hashing the source once (XXH3) */
	const struct primitive_costs *primitives;	/* unit costs measured directly; NULL */
	size_t study_rounds, tuned_rounds;	/* rounds each phase ran; 0 = unknown */
	char study_stop[256], tuned_stop[256];	/* why it stopped adding rounds */
	const struct system_findings *system;	/* what on the machine moves the numbers; NULL */
	const struct profile_set *profiles;	/* the profiled runs' samples; NULL: none */
	char profile_why[256];			/* why there are none (e.g. perf refused) */
	char ipc_why[256];			/* why no memory-to-memory phase ran ("": it did) */
	/* Provenance of the job (NULL / 0: not known, as for `report` of another's runs). */
	const char *command_line;		/* the command that ran the job */
	uint64_t seed;				/* of the generated source */
	long cpus;				/* CPUs online */
	uint64_t mem_bytes;			/* physical memory */
	char copy_placement[256];		/* limits' line on a copy against its place in a
						 * page (host/alignment.h); "": not measured */
	const struct unit_costs *units;		/* the unit costs the study's lesson turns on, as
						 * this job measured them (written beside the
						 * report as unit-costs.csv); NULL: not known */
};

#define REPORT_STEADY_RATIO 1.2	/* spread worth a mark: max/min of a group of 5+ runs */
#define REPORT_LEFT_ALONE_MIN 3	/* runs the host left alone a group needs to be judged on them */
#define REPORT_DURATION_TARGET_S 300.0	/* target: `make reproduce` on 1.4 GiB (issue 19) */

/* Write the report for records[0..n) into out_dir (which must exist).  runs_csv is the file
 * the records came from, named in the report; ctx may be NULL.  Returns 0; BX_EXIT_FAILURE with *err filled when
 * a file cannot be written or a graph could not be rendered (the report is still written and
 * says which); BX_EXIT_USAGE when there are no records. */
int report_write(const struct run_record *records, size_t n, const char *runs_csv,
		 const char *out_dir, const struct report_context *ctx, struct bx_error *err);

/* The sections of report.md in order, each with its graphs: how many, and the title of the
 * i-th, as the README and the man page list them (NULL past the end). */
size_t report_sections_count(void);
const char *report_section_title(size_t i);

/* Print the comparison with the 2014 study (the report's first tables) to out, ending with the
 * ordering verdict line. */
void report_print_comparison(FILE *out, const struct run_record *records, size_t n);

#endif
