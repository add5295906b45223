/*
 * reproduce.c - `bulkxfer reproduce` (see reproduce.h).
 *
 * Why a quick sweep on at most 256 MiB: it only has to rank chunk sizes, and ranking six sizes
 * on the full 1.4 GiB would triple the job's time; the tuned phase then measures the winners on
 * the full file.
 *
 * Why the floor before the source: the job's first large allocation pays, on a VM, for faulting
 * pages back from the host (1.4 GiB written at 0.33 GiB/s cold, ~5 GiB/s warm).  The floor is a
 * measurement of that state anyway; the generator then finds warm pages, and its time (a target
 * in the report) is its own work.  The job's time counts both.
 */
#include "reproduce.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "floor.h"
#include "measure.h"
#include "report.h"
#include "runner.h"
#include "steady.h"
#include "summary.h"
#include "units.h"
#include "verify.h"

#define STUDY_CHUNK 4096

/* How long ring waits poll in the tuned phases.  A ring side that sleeps must be woken with a
 * futex call, and on the development VM each wake crossed the hypervisor: shm with 4 KiB slots
 * moved 0.29-0.39 GiB/s sleeping at once and 1.0-2.0 GiB/s polling up to 50 us first, with less
 * CPU time (1.0-1.8 s against 3.5-4.6 s for 1.4 GiB); shm-rw to /dev/null went from 0.69-0.97
 * to 3.6-4.5 GiB/s. */
#define REPRODUCE_TUNED_SPIN_US 50
#define QUICK_SWEEP_MAX_BYTES (256ULL << 20)

static const uint64_t size_sweep_bytes[] = { 1ULL << 20, 16ULL << 20, 256ULL << 20 };

/* The methods of the tuned phases: the user's, plus shm-rw (the tuned shared-memory method)
 * beside shm when it is not there already. */
static void add_tuned_methods(struct run_options *p)
{
	const struct method *shm = methods_find("shm"), *rw = methods_find("shm-rw");
	int has_shm = 0, has_rw = 0;
	for (size_t i = 0; i < p->nmethods; i++) {
		has_shm |= p->methods[i] == shm;
		has_rw |= p->methods[i] == rw;
	}
	if (has_shm && !has_rw && p->nmethods < MAX_METHODS)
		p->methods[p->nmethods++] = rw;
}

/* A copy of the user's options for one phase, on the shared source. */
static struct run_options phase(const struct run_options *o, const char *series, const char *src,
				uint64_t runs, uint64_t warmup)
{
	struct run_options p = *o;
	p.series = series;
	p.src = src;
	p.sizes.n = 0;
	p.runs = runs;
	p.warmup = warmup;
	p.keep = 0;
	if (strcmp(series, "study") != 0 && p.spin_us == SPIN_AUTO)
		p.spin_us = REPRODUCE_TUNED_SPIN_US;
	return p;
}

/* For each method, the chunk of its fastest median among records of series. */
static void best_chunks(const struct run_options *o, const struct series *s, const char *series,
			uint64_t best[MAX_METHODS])
{
	double fastest[MAX_METHODS] = { 0 };
	for (size_t m = 0; m < o->nmethods; m++) {
		best[m] = STUDY_CHUNK;
		for (size_t i = 0; i < s->n; i++) {
			const struct run_record *r = &s->records[i];
			if (strcmp(r->series, series) == 0 && strcmp(r->method, o->methods[m]->name) == 0 &&
			    r->gib_per_s > fastest[m]) {
				fastest[m] = r->gib_per_s;
				best[m] = r->chunk;
			}
		}
	}
}

static int run_phases(const struct run_options *o, const char *src, uint64_t size,
		      struct series *s, struct bx_error *err)
{
	/* 1: the study's settings. */
	struct run_options p = phase(o, "study", src, o->runs, o->warmup);
	p.chunks.v[0] = STUDY_CHUNK;
	p.chunks.n = 1;
	int rc = runner_execute(&p, s, err);

	/* 2: the quick chunk sweep, pipes sized to hold a chunk. */
	if (rc == 0) {
		p = phase(o, "chunk-sweep", src, 1, 0);
		add_tuned_methods(&p);
		p.pipe_fit = 1;
		if (size > QUICK_SWEEP_MAX_BYTES) {
			p.src = NULL;
			p.sizes.v[0] = QUICK_SWEEP_MAX_BYTES;
			p.sizes.n = 1;
		}
		rc = runner_execute(&p, s, err);
	}

	/* 3: each method at its best chunk, on the full file. */
	uint64_t best[MAX_METHODS];
	if (rc == 0) {
		/* The chunk sweep just ran every method: it is the tuned phase's warm-up. */
		p = phase(o, "tuned", src, o->runs, 0);
		add_tuned_methods(&p);
		best_chunks(&p, s, "chunk-sweep", best);
		memcpy(p.method_chunk, best, sizeof(best));
		p.chunks.n = 1;
		p.pipe_fit = 1;
		rc = runner_execute(&p, s, err);
	}

	/* 4: the size sweep at those chunks. */
	if (rc == 0) {
		p = phase(o, "size-sweep", NULL, 1, 0);
		add_tuned_methods(&p);
		memcpy(p.method_chunk, best, sizeof(best));
		p.chunks.n = 1;
		p.pipe_fit = 1;
		for (size_t i = 0; i < sizeof(size_sweep_bytes) / sizeof(size_sweep_bytes[0]); i++)
			if (size_sweep_bytes[i] < size)
				p.sizes.v[p.sizes.n++] = size_sweep_bytes[i];
		p.sizes.v[p.sizes.n++] = size;
		rc = runner_execute(&p, s, err);
	}
	return rc;
}

int reproduce_run(const struct run_options *o, struct bx_error *err)
{
	char csv[PATH_MAX];
	struct temp_file generated = { "", -1, 0 };
	if (mkdir(o->out, 0755) < 0 && errno != EEXIST)
		return bx_fail(err, BX_EXIT_USAGE, "cannot create output directory '%s': %s", o->out,
			       strerror(errno));
	snprintf(csv, sizeof(csv), "%s/runs.csv", o->out);
	int rc = results_check_csv(csv, err);
	if (rc)
		return rc;

	const char *src = o->src;
	uint64_t size = 0;
	struct stat st;
	double generate_s = 0;
	double start = measure_now();
	if (!src) {
		size = o->sizes.v[0];
		if (!o->dst && !o->sink)
			runner_measure_floor(o, o->workdir, size);
		generate_s = measure_now();
		rc = runner_generate_source(o->workdir, size, o->seed, o->keep, &generated, err);
		generate_s = measure_now() - generate_s;
		src = generated.path;
	} else if (stat(src, &st) == 0) {
		size = (uint64_t)st.st_size;
	}

	struct series s = { 0 };
	struct machine_limits limits;
	memset(&limits, 0, sizeof(limits));
	double hash_s = 0;
	if (rc == 0) {
		floor_memcpy(&limits);
		steady_warm(src);
		limits.read_gib_s = floor_read(src);
		uint64_t hash;
		hash_s = measure_now();
		verify_hash_path(src, &hash, NULL);
		hash_s = measure_now() - hash_s;
		struct run_options with_csv = *o;
		with_csv.csv = csv;
		rc = run_phases(&with_csv, src, size, &s, err);
	}
	struct report_context rctx = { &limits, measure_now() - start, generate_s, hash_s };
	temp_file_release(&generated, o->keep);
	if (rc == 0) {
		report_print_comparison(stdout, s.records, s.n);
		rc = report_write(s.records, s.n, csv, o->out, &rctx, err);
		printf("\nreport: %s/report.md (graphs and summary.csv beside it; every run in %s)\n",
		       o->out, csv);
	}
	series_free(&s);
	return rc;
}
