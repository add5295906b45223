/*
 * decision.h - "Which method, by size and side": for each transfer size the job measured, the
 * method using the least CPU and the fastest, each with its throughput and each side's CPU per
 * GiB and their intervals, so an engineer moving 64 KiB messages and one moving 1 GiB files
 * each get their own answer.  Built once with the job's facts; the terminal answer, report.md
 * and report.html state it.
 *
 * Where a row's numbers come from (each a phase of reproduce, or a user's run of that series):
 *   calls of one chunk size: the chunk sweep, file to file, every method at that chunk (the
 *       sweep's file moved a chunk a call: the cost of a stream of messages of that size);
 *   files of one size: the size sweep, each method at its best chunk (one run a point);
 *   a file of the job's size: the tuned phase with the study's runs, file to file;
 *   memory to memory, kept: the memory-to-memory phase, each method at its best chunk.
 * A row ranks only the methods that ran in it, and says how many did.
 */
#ifndef BX_FACTS_DECISION_H
#define BX_FACTS_DECISION_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/judge/groups.h"
#include "method/method.h"
#include "record/results.h"

#define DECISION_MAX_ROWS 12

/* The message sizes a row is made for, when the chunk sweep ran them. */
#define DECISION_MESSAGE_SIZES { 4096, 65536, 1048576 }

enum decision_kind { DECISION_MESSAGES, DECISION_FILE, DECISION_JOB_FILE, DECISION_MEMORY };

/* One pick of a row: the best group, and another method's whose interval overlaps it. */
struct decision_pick {
	const struct group *g;		/* NULL: nothing ran */
	const struct group *rival;	/* NULL: g is clearly ahead (or alone) */
};

struct decision_row {
	enum decision_kind kind;
	uint64_t size;			/* the message (chunk) or the file's size */
	uint64_t bytes;			/* what each run moved (a message row: the sweep's file) */
	const char *series;		/* the series its groups are of */
	size_t methods;			/* methods that ran in it */
	struct decision_pick least_cpu;	/* by both sides' CPU per GiB, median */
	struct decision_pick fastest;	/* by end-to-end GiB/s, median */
};

/* Each method of the registry in this job: whether it ran, and whether every run of it was
 * verified. */
struct decision_method {
	const struct method *m;
	int ran, verified;
};

#define DECISION_MAX_METHODS 64

struct decision_table {
	struct decision_row rows[DECISION_MAX_ROWS];
	size_t n;
	struct decision_method methods[DECISION_MAX_METHODS];
	size_t nmethods;
};

/* The rows from groups g[0..ng) of records r[0..n), smallest transfer first (messages, then
 * files, then memory to memory), and each method's outcome.  Pointers in *out point into g
 * and the method table. */
void decision_table_of(const struct run_record *r, size_t n, const struct group *g, size_t ng,
		       struct decision_table *out);

/* A side's CPU seconds per GiB in g, median and interval (producer 1: the sender): its CPU
 * seconds' statistics over the bytes each run moved. */
struct decision_side {
	double median, low, high, level;
	int has_interval;
};
void decision_side_cpu(const struct group *g, int producer, struct decision_side *out);

#endif
