/*
 * series_files.h - the files and facts every run of one source shares: the source (the --src
 * file, a generated one, or the producer's memory) hashed once, the destination made fresh
 * before each run, the destination floor, and where profiled runs leave their stacks.  The
 * runner (runner.c) opens one per source, runs its rounds on it and closes it on every path.
 */
#ifndef BX_SERIES_FILES_H
#define BX_SERIES_FILES_H

#include <limits.h>
#include <stdint.h>
#include <sys/stat.h>

#include "base/errors.h"
#include "base/tempfile.h"
#include "host/sysinfo.h"
#include "record/results.h"
#include "run/plan.h"
#include "transfer/memory_source.h"

/* The files and facts every run of one source shares. */
struct series_files {
	char src[PATH_MAX];
	char dst[PATH_MAX];
	struct temp_file src_temp, dst_temp;	/* when generated / defaulted */
	int src_is_temp, dst_is_temp;
	int dst_written;		/* a run of this series wrote the user's --dst */
	uint64_t src_hash;
	struct stat src_st;		/* the source when it was hashed */
	struct machine_desc machine;
	char src_fs[32], dst_fs[32];
	char dst_dir[PATH_MAX];		/* where the destination lives: settle and floor look here */
	const char *prime_dir;		/* dst_dir, or the workdir when the bytes are discarded */
	uint64_t size;			/* of the source */
	double floor_gib_s;		/* the destination floor for this size; 0 = not measured */
	int prime;			/* prime before each run (decided by measure_floor) */
	int page_reporting;
	char profile_prefix[PATH_MAX];	/* with plan->profile: where the sides leave their stacks */
	struct memory_source mem;	/* --src memory: the producer's bytes */
	char source[16];		/* the rows' source column */
	/* sinks: the (method, chunk) settings whose check run passed (verify_check_run) */
	unsigned char checked[MAX_METHODS][MAX_LIST];
};

/* Open the series' source of size bytes (0: plan->src) and its destination, hash the source
 * unless plan says it is known, and measure the floor for it (once per directory and size).
 * Returns 0, or an exit code with *err filled and nothing left behind. */
int series_files_open(const struct run_plan *plan, uint64_t size, struct series_files *f,
		      struct bx_error *err);

/* One measurement of the destination floor after settling and, when primed, priming; a failure
 * is a warning (the runs go on without a floor): 0 then. */
double series_files_floor(const struct run_plan *plan, const struct series_files *f, int primed);

/* The previous run's destination deleted and a new empty one made, when bulkxfer owns it (a
 * user's --dst too, once a run of the series has written it).  Returns 0, or BX_EXIT_FAILURE
 * with *err filled. */
int series_files_fresh_destination(const struct run_plan *plan, struct series_files *f,
				   struct bx_error *err);

/* Before each run, outside the timed region: let writeback drain, make the source warm (or
 * cold), prime memory.  Fills the run's prime_s, settle_s and src_resident_pct in *pre.
 * Returns 0, or an exit code with *err filled. */
int series_files_prepare_run(const struct run_plan *plan, const struct series_files *f,
			     struct run_record *pre, struct bx_error *err);

/* With --profile: the prefix in the workdir under which each run's sides leave their folded
 * stacks until the runner has added them up (registered for removal on a signal).  Returns 0,
 * or BX_EXIT_FAILURE with *err filled. */
int series_files_profile_prefix(const struct run_plan *plan, struct series_files *f,
				struct bx_error *err);

/* Remove the profile files of the last run, if any. */
void series_files_remove_profile(struct series_files *f);

/* The source hashed at the start must still be that file, unchanged, before every run.
 * Returns 0, or BX_EXIT_FAILURE with *err saying the source changed. */
int series_files_source_unchanged(const struct series_files *f, struct bx_error *err);

/* Release everything f holds (temporary files kept with plan->keep). */
void series_files_close(const struct run_plan *plan, struct series_files *f);

/* Generate a source of size bytes (seed) as a new temporary file in workdir (tempfile.h: named
 * only with keep); open it as tf->path, release it with temp_file_release.  Prints the time
 * taken when stderr is a terminal.  Returns 0 or BX_EXIT_FAILURE (disk full, ...) with nothing
 * left behind. */
int series_files_generate_source(const char *workdir, uint64_t size, uint64_t seed, int keep,
				  struct temp_file *tf, struct bx_error *err);

/* The destination floor for size bytes in dir, and whether runs there are primed, measured
 * now as a series would at its start and kept for the series of this process that follow.
 * reproduce calls it before generating its source, so the first large allocation of the job (on
 * a VM, pages faulted back from the host) is the floor's and not the generator's. */
void series_files_measure_floor(const struct run_plan *plan, const char *dir, uint64_t size);

#endif
