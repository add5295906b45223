/*
 * copies_rows.h - "Where the copies go": the teacher's table's rows and words, which report.md
 * and report.html both show.  For each method and side, per
 * chunk (one call's bytes) and per GiB: what the lesson teaches (4 copies and 4 "context
 * switches" for read+write, fewer for mmap, sendfile, splice: a disk's DMA into a socket), what
 * this job's setting implies (a cached source and a page-cache destination: no device, so no
 * DMA, every copy the CPU's), and what was measured, each value marked as counted (by the kernel
 * or by the harness) or measured (the profile's copy time at the warm copy rate).
 */
#ifndef BX_WORDS_COPIES_ROWS_H
#define BX_WORDS_COPIES_ROWS_H

#include <stddef.h>

#include "analysis/judge/groups.h"
#include "host/unit_costs.h"
#include "record/profile_set.h"

/* The lesson's figures for method (both sides, one chunk), or NULL where it teaches none. */
const char *report_copies_lesson(const char *method);

/* The copies one side of g made per chunk as measured: the profile's copy CPU (copies apart
 * from first touch) at the warm copy rates u, over the bytes; -1 when the side was not profiled
 * or the rates are not known. */
double report_copies_measured(const struct group *g, int producer, const struct profile_set *set,
			      const struct unit_costs *u);

/* One row of the table: one side of one method, per chunk (one call's bytes). */
struct copies_row {
	const char *method;		/* the study's name where it has one */
	int producer;			/* 1: the sender */
	const char *lesson;		/* the lesson's figures (both sides), NULL: none */
	uint64_t call_bytes;		/* one call's bytes: the chunk, or a pipe's worth */
	unsigned theory_copies, theory_calls;	/* this setting's theory, from the half */
	double copies;			/* measured (report_copies_measured); -1: not */
	double calls_harness;		/* counted by the half's loop */
	double calls_kernel;		/* counted by the kernel; -1: not, or none of these calls
					 * (/proc/self/io sees reads and writes only) */
	int kernel_rw_only;		/* 1: calls_kernel is the reads and writes among them only */
	double faults;			/* page faults, counted by the kernel (getrusage) */
	double mode_switches;		/* two a call (the kernel's count where it counts every
					 * call, else the harness's) and two a fault */
	int modes_by_kernel;		/* 1: mode_switches are the kernel's count */
	double context_switches;	/* counted by the kernel (getrusage) */
	double cpu_s_per_gib;		/* measured, user + system */
};

/* The rows of groups g[0..n) (the first plain group of each method, sender then receiver) into
 * rows[0..max); returns how many.  profiles and units may be NULL. */
size_t report_copies_rows(const struct group *g, size_t n, const struct profile_set *profiles,
			  const struct unit_costs *units, struct copies_row *rows, size_t max);

/* The words before the table (the lesson, this setting, what is counted and measured), one
 * paragraph each, and after it (why the counts differ); counter names the kernel's counter. */
extern const char *const report_copies_intro[3];
extern const char *const report_copies_after;

/* The method of group i when it is the first group of its method outside the sweeps and the
 * name resolves (a table method or a "producer+consumer" pairing, built in *scratch / name);
 * else NULL.  The teacher's table, `explain` and the copies graph list methods this way. */
struct method;
const struct method *explain_group_method(const struct group *g, size_t n, size_t i,
					  struct method *scratch, char *name);

#endif
