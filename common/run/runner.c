/*
 * runner.c - a series of runs (see runner.h): the rounds, each run of a round in a random
 * order, the check runs of memory sinks, the progress line, and each record as it lands.  The
 * files every run of one source shares are series_files.c's.
 */
#include "run/runner.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/measure.h"
#include "base/source.h"
#include "base/units.h"
#include "base/verify.h"
#include "channel/channel_pipe.h"
#include "record/results.h"
#include "run/series_files.h"
#include "transfer/harness.h"

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
	/* interned; out of memory, an empty text rather than none */
	rec->kernel = results_intern(f->machine.kernel) ?: "";
	rec->cpu_model = results_intern(f->machine.cpu_model) ?: "";
	rec->src_fs = results_intern(f->src_fs) ?: "";
	rec->dst_fs = results_intern(f->dst_fs) ?: "";
	rec->floor_gib_per_s = f->floor_gib_s;
	rec->pct_of_floor = f->floor_gib_s > 0 ? 100 * rec->gib_per_s / f->floor_gib_s : 0;
	rec->cold = (uint64_t)plan->cold;
	rec->sink = (uint64_t)plan->sink;
	snprintf(rec->source, sizeof(rec->source), "%s", f->source);
	snprintf(rec->sink_by, sizeof(rec->sink_by), "%s", sink_by_name(plan->sink_by));
	/* a keeping sink's every run hashes its destination in memory, after the clock */
	snprintf(rec->verify_by, sizeof(rec->verify_by), "%s",
		 !plan->verify ? "-" : sink_by_keeps(plan->sink_by) ? "kept" :
		 plan->sink ? "check-run" : "dst");
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
		.verify = plan->verify && (!plan->sink || sink_by_keeps(plan->sink_by)),
		.dst_fresh = plan->sink_by == SINK_KEEP_FRESH,
		.src_hash = f->src_hash, .fsync = plan->fsync, .huge = plan->huge, .prefault = plan->prefault,
		.spin_us = plan->spin_us == SPIN_AUTO ? 0 : (uint32_t)plan->spin_us,
		.buffer_offset = (uint32_t)plan->buffer_offset,
		.pin = plan->cpu_producer >= 0, .cpu_producer = plan->cpu_producer,
		.cpu_consumer = plan->cpu_consumer,
		.profile_prefix = plan->profile && round >= plan->warmup ? f->profile_prefix : NULL,
	};
	struct run_record rec, pre;
	memset(&pre, 0, sizeof(pre));
	int rc = series_files_source_unchanged(f, err);
	if (rc == 0)
		rc = series_files_fresh_destination(plan, f, err);
	/* a discarding sink's check run; a keeping one is verified in every run instead */
	int check = plan->sink && plan->verify && !sink_by_keeps(plan->sink_by);
	if (rc == 0 && check && !f->checked[m][c]) {
		/* The check run comes extra, before the setting's first transfer (a warm-up, or
		 * with --warmup 0 the first recorded one), never in a warm-up's place.  It writes
		 * the bytes to a file and reads them back, touching as much other memory as the
		 * transfer's size; on a paravirtualised guest the sender's next pass over a memory
		 * source was measured to cost more CPU than the passes after it (doc/details.md,
		 * "The check run's aftermath").  The warm-up after it pays that, not a recorded run. */
		rc = series_files_prepare_run(plan, f, &pre, err);
		if (rc == 0)
			rc = verify_check_run(plan, f, m, c, &spec, err);
	}
	if (rc == 0)
		rc = series_files_prepare_run(plan, f, &pre, err);
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
	if (check)
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
			int rc = series_files_fresh_destination(plan, f, err);
			if (rc)
				return rc;
			f->floor_gib_s = series_files_floor(plan, f, f->prime);
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

void runner_plan_memory_to_memory(struct run_plan *p, uint64_t size, uint64_t max_bytes,
				  enum sink_by by)
{
	p->src = NULL;
	p->src_memory = 1;
	p->sizes.v[0] = size < max_bytes ? size : max_bytes;
	p->sizes.n = 1;
	p->pipe_fit = 1;
	p->sink = 1;
	p->sink_by = by;
	p->src_hash_known = 0;
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
		rc = series_files_open(plan, plan->src ? 0 : plan->sizes.v[s], &f, err);
		if (rc == 0)
			rc = series_files_profile_prefix(plan, &f, err);
		if (rc == 0)
			rc = run_rounds(plan, &f, &p, out, err);
		series_files_close(plan, &f);
	}
	if (p.done > 0 && isatty(STDERR_FILENO))
		fputc('\n', stderr);	/* end the progress line */
	if (rc == 0 && out->n == recorded_before && out->nskipped > 0)
		rc = bx_fail(err, BX_EXIT_FAILURE, "no method could run on this kernel and filesystem");
	return rc;
}
