/*
 * results.h - the record of one run and the ways it is written: CSV rows appended to a results
 * file (one write() per row on O_APPEND under flock, so concurrent or interrupted runs never tear
 * a row) and JSON objects.  One column table drives the CSV header, the CSV rows and the JSON,
 * so they cannot disagree.
 */
#ifndef BX_RESULTS_H
#define BX_RESULTS_H

#include <stddef.h>
#include <stdint.h>

#include "base/errors.h"
#include "base/measure.h"

struct run_record {
	char timestamp[32];	/* UTC, ISO 8601, when the run started */
	char series[32];	/* which part of a job: "run", "study", "tuned", "sweep", ... */
	char method[32];
	char producer[32], consumer[32];	/* the halves' names */
	uint64_t bytes, chunk, slots, pipe_size;	/* pipe_size: capacity in force, 0 if no pipe */
	uint64_t run;		/* 1-based, warm-up runs excluded */
	double wall_s;		/* end to end: barrier release -> consumer's last byte */
	struct half_figures producer_fig, consumer_fig;
	double gib_per_s;	/* bytes / 2^30 / wall_s */
	uint64_t verified;	/* 1 when the destination's XXH3 matched the source's */
	double floor_gib_per_s;	/* the destination floor (floor.h) for this file size */
	double pct_of_floor;	/* gib_per_s as a percentage of it */
	double src_resident_pct;	/* of the source in the page cache when the run started */
	double prime_s, settle_s;	/* time spent priming memory / waiting for writeback */
	uint64_t cold, fsync, sink;	/* the run's --cold, --fsync and --sink */
	char source[16];	/* where the producer's bytes came from: "file", or "memory",
				 * "memory-thp", "memory-hugetlb" (--src memory, with the pages it got) */
	char sink_by[16];	/* how a sink received (sink.h): "-", "method", "read", "splice"
				 * discard; "keep", "keep-fresh" keep (--dst memory) */
	char kernel_syscalls_by[12];	/* which kernel counter gave the *_kernel_syscalls columns
					 * (base/syscall_count.h): "tracepoint", "io", "-" */
	char verify_by[12];	/* "dst": this run's destination was hashed; "check-run": the
				 * setting's unrecorded check run was (discarding sinks); "kept":
				 * the keeping sink's destination in memory was, after the clock;
				 * "-": not verified */
	uint64_t queue_depth;	/* io_uring halves: operations in flight per side; else 0 */
	uint64_t busy_poll;	/* 1 when the channel's descriptors were non-blocking and every
				 * wait polled (--busy-poll) */
	int64_t cpu_producer, cpu_consumer;	/* --cpu pinning, -1 when not pinned */
	char ring_pages[16];	/* shared-memory rings: "normal", "thp" or "hugetlb"; else "-" */
	uint64_t spin_us;	/* rings: how long a wait polled before sleeping; else 0 */
	uint64_t prefault;	/* rings and regions: 1 when --prefault faulted the shared memory
				 * into both processes before the clock started; else 0 */
	uint64_t page_reporting;	/* 1 when the kernel reports free pages to a hypervisor */
	double steal_s;		/* CPU time the hypervisor took during the transfer, all CPUs;
				 * -1 when not known */
	double reported_mib;	/* free memory the guest handed back to the host during the
				 * transfer (page_reporting.h); -1 when the kernel does not count it */
	/* Where it ran: the same few strings in every row of a machine, so each is kept once
	 * (results_intern) and the rows point at it; a pooled file of a million rows saves a
	 * quarter of its memory so.  Never NULL in a record read or made by the runner. */
	const char *kernel, *cpu_model, *src_fs, *dst_fs;
};

/* The one copy of text this process keeps (made on first use, kept until exit), or NULL when
 * out of memory.  Equal texts give the same pointer. */
const char *results_intern(const char *text);

/* The CSV header line, without newline: "timestamp,method,...". */
const char *results_csv_header(void);

/* Number of columns in the header and in every row. */
size_t results_column_count(void);

/* Format rec as one CSV line with a trailing newline into buf.  Returns the length, or -1 if
 * it does not fit. */
int results_format_csv(const struct run_record *rec, char *buf, size_t len);

/* Format rec as one JSON object (no trailing newline).  Returns the length or -1. */
int results_format_json(const struct run_record *rec, char *buf, size_t len);

/* Check, before any run, that rows can be appended to path: it is not a directory, its folder
 * exists, and an existing non-empty file starts with our header.  Touches nothing.
 * Returns 0, or BX_EXIT_USAGE with *err filled. */
int results_check_csv(const char *path, struct bx_error *err);

/* Read every row of a results CSV written by results_append_csv() (columns are matched by
 * name in the header, so a file whose columns were reordered still reads) and append them to
 * *records / *n (a malloc'ed array the caller frees; *cap is its capacity).  Returns 0, or
 * BX_EXIT_USAGE with *err naming the file and line of the first malformed row. */
int results_read_csv(const char *path, struct run_record **records, size_t *n, size_t *cap,
		     struct bx_error *err);

/* Append rec to path (creating it, with the header, when new or empty).  Returns 0, or
 * BX_EXIT_FAILURE with *err filled. */
int results_append_csv(const char *path, const struct run_record *rec, struct bx_error *err);

/* 1 when any of records[0..n) belongs to series. */
int results_has_series(const struct run_record *records, size_t n, const char *series);

#endif
