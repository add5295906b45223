/*
 * facts.h - a job's facts, worked out once from its records: the groups, the study's claims and
 * their verdicts, the cost model's fit, the profile's differences, the findings, and what the
 * job knew beside its records (its context: provenance, unit costs, profiles, the host).  Every
 * output is a view of one struct job_facts: the terminal answer, report.md, report.html, the
 * CSVs and the plot data format it and compute none of it, so a number a reader sees has one
 * source and cannot be stated twice with two values.
 */
#ifndef BX_FACTS_H
#define BX_FACTS_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/facts/decision.h"
#include "analysis/facts/findings.h"
#include "analysis/facts/memory_to_memory.h"
#include "analysis/facts/placement.h"
#include "analysis/facts/study_profile.h"
#include "analysis/facts/uring_pairs.h"
#include "analysis/judge/groups.h"
#include "analysis/judge/study.h"
#include "analysis/model/model.h"
#include "base/errors.h"
#include "host/unit_costs.h"
#include "record/profile_set.h"
#include "record/results.h"

struct machine_limits;
struct primitive_costs;

struct system_findings;

/* What a job knows beside its records when it is reported right after the runs (NULL fields:
 * unknown; `report` of a results file fills the profile and the unit costs when they are kept
 * beside it). */
struct job_context {
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

/* The study series' mmap+memcpy runs: how many had the region faulted in before the clock
 * (--prefault), how many ran, and the median of the sender's minor faults (its region's pages
 * when it was not). */
struct study_region {
	size_t prefaulted, runs;
	double minflt;
};

/* What a job found, read-only once built. */
struct job_facts {
	const struct run_record *records;	/* the runs, in the order they were recorded */
	size_t n;
	const struct job_context *ctx;		/* NULL: nothing known beside the records */
	const char *runs_csv;			/* the file the records came from */
	struct group *groups;			/* groups_build's, one per setting */
	size_t ngroups;
	struct claim_set claims;		/* the study's claims and their verdicts */
	struct side_models model;		/* the cost model fitted to the runs */
	int fitted;				/* 1: model holds a fit */
	/* The profile's difference between each of the study's rows and read/write
	 * (study_rows[i] against study_rows[0]; [0] unused), and mmap+memcpy's (the claims'
	 * mmap method, which may be the ring when shm-whole did not run). */
	struct profile_difference study_differences[STUDY_NROWS];
	struct profile_difference mmap_difference;
	struct findings findings;
	struct placement_facts placement;	/* reproduce's buffer placement pair */
	struct study_region region;		/* how the study's shared region was faulted */
	struct uring_pairs uring_pairs;		/* each io_uring method beside its classic one */
	struct memory_to_memory memory_to_memory;	/* the IPC alone, beside file to file */
	struct decision_table decision;		/* which method, by size and side */
};

/* Work out the facts of records[0..n) (read from runs_csv; ctx may be NULL) into a new
 * *out; records and ctx must outlive it.  Returns 0, BX_EXIT_USAGE when there are no records,
 * or BX_EXIT_FAILURE (out of memory) with *err filled. */
int job_facts_build(const struct run_record *records, size_t n, const char *runs_csv,
		    const struct job_context *ctx, struct job_facts **out, struct bx_error *err);

/* Release what job_facts_build made (NULL is fine). */
void job_facts_free(struct job_facts *f);

/* The context's profiles and unit costs, or NULL when the job has none. */
const struct profile_set *job_facts_profiles(const struct job_facts *f);
const struct unit_costs *job_facts_units(const struct job_facts *f);

#endif
