/*
 * series_files.c - one source's files and facts, shared by the runs of a series (series_files.h).
 */
#include "run/series_files.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/measure.h"
#include "base/source.h"
#include "base/units.h"
#include "base/verify.h"
#include "host/floor.h"
#include "host/page_reporting.h"
#include "host/steady.h"
#include "record/profile_set.h"

/* One measurement of the destination floor after settling and, when primed, priming; a failure
 * is a warning (the runs go on without a floor). */
double series_files_floor(const struct run_plan *plan, const struct series_files *f, int primed)
{
	double gib_s = 0;
	struct bx_error err;
	if (floor_dst_prepared(f->dst_dir, f->size, plan->settle, primed, &gib_s, &err) != 0)
		bx_print_error("%s (runs go on; pct_of_floor stays 0)", err.msg);
	return gib_s;
}

/* The destination floor for f's size and directory, in the state the runs will find, and
 * whether runs are primed: with PRIME_AUTO the floor is measured unprimed, primed, unprimed,
 * primed, and priming is kept only when the second primed write is at least 10% faster than the
 * second unprimed one (it helps on VMs that hand free pages
 * back to the host, and hurt on others: measured, not assumed).  Once per directory and size in
 * a process: reproduce's phases share it. */
static void measure_floor(const struct run_plan *plan, struct series_files *f)
{
	static struct {
		char dir[PATH_MAX];
		uint64_t size;
		int prime_option, prime;
		double gib_s;
	} cache[16];
	static size_t ncached;
	for (size_t i = 0; i < ncached; i++)
		if (cache[i].size == f->size && strcmp(cache[i].dir, f->dst_dir) == 0 &&
		    cache[i].prime_option == plan->prime) {
			f->floor_gib_s = cache[i].gib_s;
			f->prime = cache[i].prime;
			return;
		}
	/* What was measured, as (--prime option, primed, floor): the A/B pair also answers a
	 * later series that forces priming on or off (reproduce's study phase never primes), so
	 * that series does not write the file a fifth time. */
	struct { int option, prime; double gib_s; } got[3];
	size_t ngot = 0;
	if (plan->prime == PRIME_AUTO) {
		double unprimed = 0, primed = 0;
		struct bx_error err;
		if (floor_dst_pair(f->dst_dir, f->size, plan->settle, &unprimed, &primed, &err) != 0)
			bx_print_error("%s (runs go on; pct_of_floor stays 0)", err.msg);
		f->prime = primed > 1.1 * unprimed;
		f->floor_gib_s = f->prime ? primed : unprimed;
		got[ngot].option = 0, got[ngot].prime = 0, got[ngot++].gib_s = unprimed;
		got[ngot].option = 1, got[ngot].prime = 1, got[ngot++].gib_s = primed;
	} else {
		f->prime = plan->prime;
		f->floor_gib_s = series_files_floor(plan, f, plan->prime);
	}
	got[ngot].option = plan->prime, got[ngot].prime = f->prime, got[ngot++].gib_s = f->floor_gib_s;
	for (size_t i = 0; i < ngot && ncached < sizeof(cache) / sizeof(cache[0]); i++) {
		snprintf(cache[ncached].dir, sizeof(cache[ncached].dir), "%s", f->dst_dir);
		cache[ncached].size = f->size;
		cache[ncached].prime_option = got[i].option;
		cache[ncached].prime = got[i].prime;
		cache[ncached++].gib_s = got[i].gib_s;
	}
}

/* ---- the generated source ------------------------------------------------------------ */

int series_files_generate_source(const char *workdir, uint64_t size, uint64_t seed, int keep,
				  struct temp_file *tf, struct bx_error *err)
{
	int rc = temp_file_create(tf, workdir, "src", keep, err);
	if (rc)
		return rc;
	double t = measure_now();
	rc = source_write(tf->fd, size, seed);
	if (rc < 0) {
		char where[PATH_MAX];
		snprintf(where, sizeof(where), "%s", tf->named ? tf->path : workdir);
		temp_file_release(tf, 0);
		return bx_fail(err, BX_EXIT_FAILURE, "cannot write the source in '%s': %s", where,
			       strerror(-rc));
	}
	if (isatty(STDERR_FILENO)) {
		char human[32];
		fprintf(stderr, "generated a %s source in %.2f s\n",
			units_format_size(size, human, sizeof(human)), measure_now() - t);
	}
	return 0;
}

void series_files_measure_floor(const struct run_plan *plan, const char *dir, uint64_t size)
{
	struct series_files *f = calloc(1, sizeof(*f));
	if (!f)
		return;	/* the series will measure it then */
	snprintf(f->dst_dir, sizeof(f->dst_dir), "%s", dir);
	f->size = size;
	measure_floor(plan, f);
	free(f);
}

int series_files_open(const struct run_plan *plan, uint64_t size, struct series_files *f,
			 struct bx_error *err)
{
	int rc;
	snprintf(f->source, sizeof(f->source), "file");
	if (plan->src_memory) {
		rc = memory_source_create(&f->mem, size, plan->seed, plan->huge, plan->lock,
					  (uint32_t)plan->buffer_offset, err);
		if (rc)
			return rc;
		if (plan->huge && strcmp(f->mem.pages, "normal") == 0)
			bx_print_error("--huge: the memory source got no huge pages (%.0f%% of it): "
				       "runs go on with normal pages", f->mem.huge_pct);
		snprintf(f->source, sizeof(f->source), "memory%s%s",
			 strcmp(f->mem.pages, "normal") ? "-" : "",
			 strcmp(f->mem.pages, "normal") ? f->mem.pages : "");
		snprintf(f->src, sizeof(f->src), "memory");
		f->src_hash = f->mem.hash;
		f->src_st.st_size = (off_t)size;
	} else if (plan->src) {
		snprintf(f->src, sizeof(f->src), "%s", plan->src);
	} else {
		rc = series_files_generate_source(plan->workdir, size, plan->seed, plan->keep, &f->src_temp, err);
		if (rc)
			return rc;
		f->src_is_temp = 1;
		snprintf(f->src, sizeof(f->src), "%s", f->src_temp.path);
	}
	if (!plan->src_memory && stat(f->src, &f->src_st) < 0)
		return bx_fail(err, BX_EXIT_FAILURE, "cannot read the source '%s': %s", f->src,
			       strerror(errno));
	if (plan->src_memory) {
		/* hashed as it was filled */
	} else if (plan->verify && plan->src && plan->src_hash_known) {
		f->src_hash = plan->src_hash;	/* hashed once by the caller (reproduce's phases) */
	} else if (plan->verify) {
		rc = verify_hash_path(f->src, &f->src_hash, NULL);
		if (rc < 0)
			return bx_fail(err, BX_EXIT_FAILURE, "cannot hash the source '%s': %s", f->src,
				       strerror(-rc));
	}
	char dir[PATH_MAX];
	f->size = (uint64_t)f->src_st.st_size;
	if (plan->sink) {
		snprintf(f->dst, sizeof(f->dst), "/dev/null");
		snprintf(dir, sizeof(dir), "/dev");
	} else if (plan->dst) {
		char copy[PATH_MAX];
		snprintf(f->dst, sizeof(f->dst), "%s", plan->dst);
		snprintf(copy, sizeof(copy), "%s", plan->dst);
		snprintf(dir, sizeof(dir), "%s", dirname(copy));	/* dirname may point into copy */
	} else {
		rc = temp_file_create(&f->dst_temp, plan->workdir, "dst", plan->keep, err);
		if (rc)
			return rc;
		f->dst_is_temp = 1;
		snprintf(f->dst, sizeof(f->dst), "%s", f->dst_temp.path);
		snprintf(dir, sizeof(dir), "%s", plan->workdir);
	}
	snprintf(f->dst_dir, sizeof(f->dst_dir), "%s", dir);
	sysinfo_describe(&f->machine);
	if (plan->src_memory)
		snprintf(f->src_fs, sizeof(f->src_fs), "memory");
	else
		sysinfo_fs_name(f->src, f->src_fs, sizeof(f->src_fs));
	sysinfo_fs_name(dir, f->dst_fs, sizeof(f->dst_fs));
	f->page_reporting = page_reporting_present();
	f->prime_dir = plan->sink ? plan->workdir : f->dst_dir;
	if (plan->sink)
		return 0;	/* no destination, no floor to compare with */
	measure_floor(plan, f);
	return 0;
}

/* The previous run's destination deleted and a new empty one made, when bulkxfer owns it.  A
 * deleted file's dirty pages are dropped, never written back; truncating and reusing one file
 * instead made ext4 write every destination to disk behind the next run (see harness.c).  A
 * user's --dst is deleted too once a run of the series has written it.
 * Returns 0, or BX_EXIT_FAILURE with *err filled. */
int series_files_fresh_destination(const struct run_plan *plan, struct series_files *f,
			     struct bx_error *err)
{
	if (!f->dst_is_temp) {
		/* The user's --dst: what an earlier run of this series wrote there goes the same way. */
		struct stat st;
		if (f->dst_written && lstat(f->dst, &st) == 0 && S_ISREG(st.st_mode))
			unlink(f->dst);
		f->dst_written = !plan->sink;
		return 0;
	}
	temp_file_release(&f->dst_temp, 0);
	int rc = temp_file_create(&f->dst_temp, plan->workdir, "dst", plan->keep, err);
	if (rc == 0)
		snprintf(f->dst, sizeof(f->dst), "%s", f->dst_temp.path);
	return rc;
}

/* Before each run, outside the timed region: let writeback drain, make the source warm (or
 * cold), prime memory.  Fills the run's prime_s, settle_s and src_resident_pct. */
int series_files_prepare_run(const struct run_plan *plan, const struct series_files *f,
		       struct run_record *pre, struct bx_error *err)
{
	pre->settle_s = plan->settle ? steady_settle(f->dst_dir) : 0;
	if (plan->src_memory) {	/* nothing to warm: the bytes are in the producer's memory */
		pre->prime_s = f->prime ? steady_prime(f->prime_dir, f->size, 0) : 0;
		pre->src_resident_pct = 100;
		return 0;
	}
	int rc = plan->cold ? steady_evict(f->src) : 0;
	if (rc == 0 && !plan->cold)
		rc = steady_warm(f->src);	/* reads back only what left: nothing when all is there */
	if (rc < 0)
		return bx_fail(err, BX_EXIT_FAILURE, "cannot %s the source: %s",
			       plan->cold ? "evict" : "warm", strerror(-rc));
	pre->prime_s = f->prime ? steady_prime(f->prime_dir, f->size, plan->cold ? 0 : f->size) : 0;
	pre->src_resident_pct = steady_resident_pct(f->src);
	return 0;
}

/* With --profile, the sides of each run leave their folded stacks under a prefix in the
 * workdir until the runner has added them up; a signal meanwhile must not leave them behind. */
int series_files_profile_prefix(const struct run_plan *plan, struct series_files *f,
				  struct bx_error *err)
{
	if (!plan->profile)
		return 0;
	char path[PATH_MAX];
	int n = snprintf(f->profile_prefix, sizeof(f->profile_prefix), "%s/.bulkxfer-profile-%ld",
			 plan->workdir, (long)getpid());
	for (int producer = 0; producer < 2 && n > 0 && (size_t)n < sizeof(f->profile_prefix);
	     producer++)
		if (profile_set_folded_path(f->profile_prefix, producer, path, sizeof(path)) < 0 ||
		    cleanup_add_path(path) < 0)
			n = -1;
	if (n < 0 || (size_t)n >= sizeof(f->profile_prefix))
		return bx_fail(err, BX_EXIT_USAGE, "--profile: cannot name the profile files in '%s'",
			       plan->workdir);
	return 0;
}

void series_files_remove_profile(struct series_files *f)
{
	if (!f->profile_prefix[0])
		return;
	char path[PATH_MAX];
	profile_set_discard_run(f->profile_prefix);
	for (int producer = 0; producer < 2; producer++)
		if (profile_set_folded_path(f->profile_prefix, producer, path, sizeof(path)) == 0)
			cleanup_forget_path(path);
	f->profile_prefix[0] = '\0';
}

void series_files_close(const struct run_plan *plan, struct series_files *f)
{
	series_files_remove_profile(f);
	memory_source_free(&f->mem);
	temp_file_release(&f->src_temp, plan->keep);
	temp_file_release(&f->dst_temp, plan->keep);
}

/* The source hashed at the start must still be that file, unchanged, before every run. */
int series_files_source_unchanged(const struct series_files *f, struct bx_error *err)
{
	struct stat now;
	if (f->mem.buf)
		return 0;	/* the producer's own memory */
	if (stat(f->src, &now) < 0 || now.st_ino != f->src_st.st_ino ||
	    now.st_dev != f->src_st.st_dev || now.st_size != f->src_st.st_size ||
	    now.st_mtim.tv_sec != f->src_st.st_mtim.tv_sec ||
	    now.st_mtim.tv_nsec != f->src_st.st_mtim.tv_nsec)
		return bx_fail(err, BX_EXIT_FAILURE,
			       "source changed during the transfer: '%s' is not what was hashed at "
			       "the start", f->src);
	return 0;
}
