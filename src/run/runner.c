/*
 * runner.c - a series of runs (see runner.h).
 */
#include "run/runner.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/measure.h"
#include "base/source.h"
#include "base/tempfile.h"
#include "base/units.h"
#include "base/verify.h"
#include "channel/channel_pipe.h"
#include "host/floor.h"
#include "host/page_reporting.h"
#include "host/steady.h"
#include "host/sysinfo.h"
#include "transfer/harness.h"
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

/* ---- the generated source ------------------------------------------------------------ */

int runner_generate_source(const char *workdir, uint64_t size, uint64_t seed, int keep,
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

/* ---- one source ---------------------------------------------------------------------- */

/* One measurement of the destination floor after settling and, when primed, priming; a failure
 * is a warning (the runs go on without a floor). */
static double floor_once(const struct run_plan *plan, const struct series_files *f, int primed)
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
		f->floor_gib_s = floor_once(plan, f, plan->prime);
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

void runner_measure_floor(const struct run_plan *plan, const char *dir, uint64_t size)
{
	struct series_files *f = calloc(1, sizeof(*f));
	if (!f)
		return;	/* the series will measure it then */
	snprintf(f->dst_dir, sizeof(f->dst_dir), "%s", dir);
	f->size = size;
	measure_floor(plan, f);
	free(f);
}

static int prepare_files(const struct run_plan *plan, uint64_t size, struct series_files *f,
			 struct bx_error *err)
{
	int rc;
	snprintf(f->source, sizeof(f->source), "file");
	if (plan->src_memory) {
		rc = memory_source_create(&f->mem, size, plan->seed, plan->huge, plan->lock, err);
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
		rc = runner_generate_source(plan->workdir, size, plan->seed, plan->keep, &f->src_temp, err);
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
static int fresh_destination(const struct run_plan *plan, struct series_files *f,
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
static int prepare_run(const struct run_plan *plan, const struct series_files *f,
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
static int prepare_profile_prefix(const struct run_plan *plan, struct series_files *f,
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

static void remove_profile_files(struct series_files *f)
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

static void remove_files(const struct run_plan *plan, struct series_files *f)
{
	remove_profile_files(f);
	memory_source_free(&f->mem);
	temp_file_release(&f->src_temp, plan->keep);
	temp_file_release(&f->dst_temp, plan->keep);
}

/* The source hashed at the start must still be that file, unchanged, before every run. */
static int check_source_unchanged(const struct series_files *f, struct bx_error *err)
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

/* Progress counters across the whole series. */
struct progress {
	size_t done, total;
	int skipped[MAX_METHODS];
	double start;		/* when the series started */
	uint64_t round;		/* the round being run, counted as the records number it */
};

/* The progress line: phase, round, the run, and the time left in the phase (this call's runs at
 * the pace so far, plus plan->eta_after_s, what the caller expects of the phase after it). */
static void show_progress(const struct run_plan *plan, const struct progress *p,
			  const struct run_record *rec)
{
	if (!isatty(STDERR_FILENO))
		return;
	char chunk[32];
	double per_run = (measure_now() - p->start) / (double)(p->done ? p->done : 1);
	double left = per_run * (double)(p->total - p->done) + plan->eta_after_s;
	uint64_t last_round = plan->rounds_planned ? plan->rounds_planned : plan->run_offset + plan->runs;
	fprintf(stderr, "\r\033[K%s round %llu/%llu [%zu/%zu] %-10s chunk %-6s %7.3f GiB/s, "
		"about %.0f s left in %s", plan->series, (unsigned long long)p->round,
		(unsigned long long)last_round, p->done, p->total, rec->method,
		units_format_chunk(rec->chunk, chunk, sizeof(chunk)), rec->gib_per_s, left, plan->series);
	fflush(stderr);
}

static void fill_series_fields(struct run_record *rec, const struct run_plan *plan,
			       const struct series_files *f, uint64_t run)
{
	rec->run = run;
	snprintf(rec->series, sizeof(rec->series), "%s", plan->series);
	snprintf(rec->kernel, sizeof(rec->kernel), "%s", f->machine.kernel);
	snprintf(rec->cpu_model, sizeof(rec->cpu_model), "%s", f->machine.cpu_model);
	snprintf(rec->src_fs, sizeof(rec->src_fs), "%s", f->src_fs);
	snprintf(rec->dst_fs, sizeof(rec->dst_fs), "%s", f->dst_fs);
	rec->floor_gib_per_s = f->floor_gib_s;
	rec->pct_of_floor = f->floor_gib_s > 0 ? 100 * rec->gib_per_s / f->floor_gib_s : 0;
	rec->cold = (uint64_t)plan->cold;
	rec->sink = (uint64_t)plan->sink;
	snprintf(rec->source, sizeof(rec->source), "%s", f->source);
	snprintf(rec->sink_by, sizeof(rec->sink_by), "%s", sink_by_name(plan->sink_by));
	snprintf(rec->verify_by, sizeof(rec->verify_by), "%s",
		 !plan->verify ? "-" : plan->sink ? "check-run" : "dst");
	rec->page_reporting = (uint64_t)f->page_reporting;
}

/* The pipe capacity for a run: --pipe-size, else (pipe_fit) one that holds a whole chunk, up to
 * /proc/sys/fs/pipe-max-size, so a splice or write moves a chunk per call; else the kernel's. */
static size_t pipe_size_for(const struct run_plan *plan, size_t chunk)
{
	if (plan->pipe_size || !plan->pipe_fit)
		return (size_t)plan->pipe_size;
	size_t max = channel_pipe_max_size();
	if (max == 0)
		max = 1 << 20;	/* the kernel's default limit */
	size_t want = chunk < 65536 ? 65536 : chunk;
	return want < max ? want : max;
}

/* A sink's check run (sink.h): the setting's transfer once more, unrecorded, into a temporary
 * file in the workdir instead of /dev/null (a read sink writes what it received there too),
 * hashed and compared like any destination.  A sink's rows say verified only after this passed
 * for their (method, chunk); their own timing never includes a hash.  Returns 0 or an exit
 * code (a mismatch is a failure, never a row). */
static int verify_check_run(const struct run_plan *plan, struct series_files *f, size_t m,
			    size_t c, const struct transfer_spec *recorded, struct bx_error *err)
{
	if (f->checked[m][c])
		return 0;
	struct temp_file tf;
	int rc = temp_file_create(&tf, plan->workdir, "check", 0, err);
	if (rc)
		return rc;
	struct transfer_spec spec = *recorded;
	spec.dst_path = tf.path;
	spec.verify = 1;
	spec.keep_received = 1;
	spec.profile_prefix = NULL;
	struct run_record rec;
	rc = harness_transfer(&spec, &rec, err);
	temp_file_release(&tf, 0);
	if (rc == 0)
		f->checked[m][c] = 1;
	return rc;
}

/* One transfer; records it when it is not a warm-up.  Returns 0 or an exit code. */
static int run_once(const struct run_plan *plan, struct series_files *f, size_t m, size_t c,
		    uint64_t round, struct progress *p, struct series *out, struct bx_error *err)
{
	size_t chunk = (size_t)(plan->method_chunk[m] ? plan->method_chunk[m] : plan->chunks.v[c]);
	const char *why;
	struct transfer_spec spec = {
		.method = plan->methods[m], .src_path = f->src, .dst_path = f->dst, .chunk = chunk,
		.src_mem = f->mem.buf, .src_mem_size = f->mem.size, .busy_poll = plan->busy_poll,
		.queue_depth = (uint32_t)plan->queue_depth,
		.consumer = sink_half_for(plan->sink_by, plan->methods[m]->producer->channel,
					  plan->methods[m]->consumer, &why),
		.slots = (uint32_t)plan->slots, .pipe_size = pipe_size_for(plan, chunk),
		.verify = plan->verify && !plan->sink,
		.src_hash = f->src_hash, .fsync = plan->fsync, .huge = plan->huge, .prefault = plan->prefault,
		.spin_us = plan->spin_us == SPIN_AUTO ? 0 : (uint32_t)plan->spin_us,
		.pin = plan->cpu_producer >= 0, .cpu_producer = plan->cpu_producer,
		.cpu_consumer = plan->cpu_consumer,
		.profile_prefix = plan->profile && round >= plan->warmup ? f->profile_prefix : NULL,
	};
	struct run_record rec, pre;
	memset(&pre, 0, sizeof(pre));
	int rc = check_source_unchanged(f, err);
	if (rc == 0)
		rc = fresh_destination(plan, f, err);
	if (rc == 0 && plan->sink && plan->verify && !f->checked[m][c]) {
		/* The check run: a warm-up run is it; before a recorded run it comes extra. */
		rc = prepare_run(plan, f, &pre, err);
		if (rc == 0)
			rc = verify_check_run(plan, f, m, c, &spec, err);
		if (rc == 0 && round < plan->warmup) {
			p->done++;
			return 0;
		}
	}
	if (rc == 0)
		rc = prepare_run(plan, f, &pre, err);
	if (rc == 0)
		rc = harness_transfer(&spec, &rec, err);
	if (rc == HARNESS_UNSUPPORTED) {
		bx_print_error("%s: unsupported here, skipped", err->msg);
		p->skipped[m] = 1;
		out->nskipped++;
		return 0;
	}
	if (rc) {
		/* A failed run's destination is garbage: never leave it looking like a copy. */
		if ((!f->dst_is_temp || f->dst_temp.named) && !plan->sink)
			unlink(f->dst);
		if (spec.profile_prefix)
			profile_set_discard_run(spec.profile_prefix);
		return rc;
	}
	p->done++;
	show_progress(plan, p, &rec);
	if (round < plan->warmup)
		return 0;
	fill_series_fields(&rec, plan, f, plan->run_offset + round - plan->warmup + 1);
	rec.settle_s = pre.settle_s;
	rec.prime_s = pre.prime_s;
	if (plan->sink && plan->verify)
		rec.verified = f->checked[m][c];
	rec.src_resident_pct = pre.src_resident_pct;
	if (spec.profile_prefix) {
		int prc = profile_set_add_run(&out->profiles, &rec, spec.profile_prefix);
		if (prc < 0)
			return bx_fail(err, BX_EXIT_FAILURE, "%s: reading its profile failed: %s",
				       rec.method, strerror(-prc));
		if (rec.producer_fig.lost + rec.consumer_fig.lost > 0)
			bx_print_error("%s: the profile's ring overflowed: %llu samples lost", rec.method,
				       (unsigned long long)(rec.producer_fig.lost +
							    rec.consumer_fig.lost));
	}
	rc = results_append_csv(plan->csv, &rec, err);
	if (rc == 0 && series_add(out, &rec) < 0)
		rc = bx_fail(err, BX_EXIT_FAILURE, "out of memory for records");
	return rc;
}

/* Every round starts with its own floor, measured like a run (settled, primed when runs are),
 * so each row is compared with a floor taken under the same conditions: on a shared host the
 * floor itself moves from minute to minute. */
/* A small, seeded generator (splitmix64): the order of a round's runs is random but the same
 * for the same --seed, so a job can be replayed. */
static uint64_t next_random(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void runner_round_order(uint64_t seed, uint64_t round, size_t *order, size_t n)
{
	uint64_t state = seed ^ (round * 0xd1b54a32d192ed03ULL);
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	for (size_t i = n; i > 1; i--) {	/* Fisher-Yates */
		size_t j = (size_t)(next_random(&state) % i);
		size_t t = order[i - 1];
		order[i - 1] = order[j];
		order[j] = t;
	}
}

/* Each round runs every (chunk, method) cell once, in a new random order (runner_round_order),
 * so no method always runs first or right after the same other one. */
static int run_rounds(const struct run_plan *plan, struct series_files *f, struct progress *p,
		      struct series *out, struct bx_error *err)
{
	size_t cells = plan->chunks.n * plan->nmethods;
	size_t order[MAX_LIST * MAX_METHODS];
	for (uint64_t round = 0; round < plan->warmup + plan->runs; round++) {
		if (!plan->sink && f->floor_gib_s > 0 && !plan->floor_once) {
			/* The last run's destination goes first, as before any run. */
			int rc = fresh_destination(plan, f, err);
			if (rc)
				return rc;
			f->floor_gib_s = floor_once(plan, f, f->prime);
		}
		p->round = plan->run_offset + round + 1;
		runner_round_order(plan->seed, plan->run_offset + round, order, cells);
		for (size_t i = 0; i < cells; i++) {
			size_t c = order[i] / plan->nmethods, m = order[i] % plan->nmethods;
			if (p->skipped[m])
				continue;
			int rc = run_once(plan, f, m, c, round, p, out, err);
			if (rc)
				return rc;
		}
	}
	return 0;
}

int runner_execute(const struct run_plan *plan, struct series *out, struct bx_error *err)
{
	size_t nsizes = plan->src ? 1 : plan->sizes.n;
	struct progress p;
	memset(&p, 0, sizeof(p));
	p.start = measure_now();
	p.total = (size_t)(nsizes * (plan->warmup + plan->runs) * plan->chunks.n * plan->nmethods);
	size_t recorded_before = out->n;
	int rc = 0;
	for (size_t s = 0; s < nsizes && rc == 0; s++) {
		struct series_files f;
		memset(&f, 0, sizeof(f));
		rc = prepare_files(plan, plan->src ? 0 : plan->sizes.v[s], &f, err);
		if (rc == 0)
			rc = prepare_profile_prefix(plan, &f, err);
		if (rc == 0)
			rc = run_rounds(plan, &f, &p, out, err);
		remove_files(plan, &f);
	}
	if (p.done > 0 && isatty(STDERR_FILENO))
		fputc('\n', stderr);	/* end the progress line */
	if (rc == 0 && out->n == recorded_before && out->nskipped > 0)
		rc = bx_fail(err, BX_EXIT_FAILURE, "no method could run on this kernel and filesystem");
	return rc;
}
