/*
 * reproduce.c - `bulkxfer reproduce` (see reproduce.h).
 *
 * Why a quick sweep on at most 128 MiB: it has to rank chunk sizes and vary the calls at fixed
 * bytes for the cost model, and doing that on the full 1.4 GiB would triple the job's time; the
 * tuned phase then measures the winners on the full file.
 *
 * Why the floor before the source: the job's first large allocation pays, on a VM, for faulting
 * pages back from the host (1.4 GiB written at 0.33 GiB/s cold, ~5 GiB/s warm).  The floor is a
 * measurement of that state anyway; the generator then finds warm pages, and its time (a target
 * in the report) is its own work.  The job's time counts both.
 */
#include "run/reproduce.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis/judge/groups.h"
#include "analysis/judge/stats.h"
#include "analysis/judge/study.h"
#include "analysis/profile/profile_out.h"
#include "analysis/report/report.h"
#include "analysis/terminal/answer.h"
#include "analysis/terminal/summary.h"
#include "base/measure.h"
#include "base/units.h"
#include "base/verify.h"
#include "host/alignment.h"
#include "host/floor.h"
#include "host/primitives.h"
#include "host/steady.h"
#include "host/system_check.h"
#include "host/unit_costs.h"
#include "record/names.h"
#include "run/placement.h"
#include "run/runner.h"
#include "run/series_files.h"
#include "sampling/sampler.h"

#define STUDY_CHUNK STUDY_CHUNK_4K
#define MAX_SAMPLES_PER_ENTRY 64	/* runs of one entry a phase has: REPRODUCE_MAX_ROUNDS and more */

/* --runs auto adds rounds only when they are expected to end before these points of the job:
 * the study's share first, the tuned phase's next, leaving room for the memory-to-memory phase,
 * the size sweep and the report inside REPORT_DURATION_TARGET_S (300 s).  Measured on the
 * development VM: 30 s before the study (system check, floor, source, primitives, hash), 105-115
 * s for its six rounds and three profiled rounds, 20-26 s of chunk sweep, 70 s for the tuned
 * phase's six rounds and 25-30 s for its three profiled ones, 10 s of the rest and the report;
 * what is left goes to the study's added rounds first (its claims are the headline), 10-13 s a
 * round of the methods still undecided.  When the study takes its last look (12 rounds), the
 * tuned phase is cut to 4 or 5 of its first rounds, and the report says so. */
#define STUDY_DEADLINE_S 195.0
#define TUNED_DEADLINE_S 280.0
#define SIZE_SWEEP_DEADLINE_S 292.0	/* the size sweep starts only before this */
/* Profiled rounds a phase runs (series "<phase>-profile"), spread among its first rounds (fewer
 * when it has fewer first rounds: a quick job stays quick): each setting's profile is the sum
 * of three runs, in the host states its measured runs met, and profiling's cost is measured
 * against runs of the same minutes.  About 12 s a round of the study's four methods at 1.4
 * GiB, 8-10 s of the tuned phase's entries (read/write at 4 KiB, the study's setting, is
 * profiled in the study only): the deadlines above leave room for them. */
#define PROFILED_ROUNDS 3
/* The memory-to-memory phase (about 6 s: the sweep's size and chunks, three methods) starts
 * only before this. */
#define IPC_DEADLINE_S 288.0
/* Five runs a setting: against the chunk sweep's three, the fewest that give a 95% interval of
 * the channel's share (2 / C(8, 3) = 3.6%; three against three cannot: 2 / C(6, 3) = 10%).
 * Measured: about 9 s for the phase at 128 MiB. */
#define IPC_SWEEP_RUNS 5

/* The study phase's methods, as its code ran them (study.h says what each does), and the ring
 * beside them: what real synchronisation costs. */
static const char *const study_methods[] = { "pipe", "shm-whole", "splice", "shm" };

/* How long ring waits poll in the tuned phases.  A ring side that sleeps must be woken with a
 * futex call, and on the development VM each wake crossed the hypervisor: shm with 4 KiB slots
 * moved 0.29-0.39 GiB/s sleeping at once and 1.0-2.0 GiB/s polling up to 50 us first, with less
 * CPU time (1.0-1.8 s against 3.5-4.6 s for 1.4 GiB); shm-rw to /dev/null went from 0.69-0.97
 * to 3.6-4.5 GiB/s. */
#define REPRODUCE_TUNED_SPIN_US 50

/* The chunk sweep: CHUNK_SWEEP_RUNS interleaved rounds (medians with min-max bars on the chunk
 * graph, and medians, not one lucky run, choose the tuned chunks and feed the cost model) on at
 * most CHUNK_SWEEP_MAX_BYTES.  Why 128 MiB: three rounds of five methods at six chunks on 256 MiB
 * took about 60 s here, a third of the job's budget; 128 MiB still lasts 0.05-0.5 s per run, long
 * against the ~1 ms a transfer costs to set up. */
#define CHUNK_SWEEP_RUNS 3
#define CHUNK_SWEEP_MAX_BYTES (128ULL << 20)

static const uint64_t size_sweep_bytes[] = { 1ULL << 20, 16ULL << 20, 256ULL << 20 };

/* The methods of the tuned phases: the user's, plus shm-rw (the tuned shared-memory method)
 * beside shm when it is not there already. */
static void add_tuned_methods(struct run_plan *p)
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

/* Read/write with the study's 4 KiB buffers as an entry of the tuned rounds (unless pipe runs
 * there at 4 KiB already), so the splice target compares runs interleaved in the same rounds,
 * not the tuned phase's splice with the study phase's pipe minutes earlier. */
static void add_rw4k(struct run_plan *p)
{
	const struct method *pipe = methods_find("pipe");
	for (size_t i = 0; i < p->nmethods; i++)
		if (p->methods[i] == pipe && p->method_chunk[i] == STUDY_CHUNK)
			return;
	if (p->nmethods < MAX_METHODS) {
		p->methods[p->nmethods] = pipe;
		p->method_chunk[p->nmethods++] = STUDY_CHUNK;
	}
}

/* A copy of the user's options for one phase, on the shared source. */
static struct run_plan phase(const struct run_plan *plan, const char *series, const char *src,
				uint64_t runs, uint64_t warmup)
{
	struct run_plan p = *plan;
	p.series = series;
	p.src = src;
	p.sizes.n = 0;
	p.runs = runs;
	p.warmup = warmup;
	p.keep = 0;
	if (strcmp(series, PHASE_STUDY) != 0 && p.spin_us == SPIN_AUTO)
		p.spin_us = REPRODUCE_TUNED_SPIN_US;
	return p;
}

/* The chunk sweep's methods: the user's, shm-rw beside shm (add_tuned_methods), and every
 * method of the study phase, so that the cost model fitted without the study has seen each of
 * them (mmap+memcpy's receiver faults its destination in, which no other method does). */
static void add_study_methods(struct run_plan *p)
{
	for (size_t i = 0; i < sizeof(study_methods) / sizeof(study_methods[0]); i++) {
		const struct method *m = methods_find(study_methods[i]);
		size_t j = 0;
		while (j < p->nmethods && p->methods[j] != m)
			j++;
		if (j == p->nmethods && p->nmethods < MAX_METHODS)
			p->methods[p->nmethods++] = m;
	}
}

/* For each method of plan, the chunk of its fastest median GiB/s among the groups of series. */
static void best_chunks(const struct run_plan *plan, const struct series *s, const char *series,
			uint64_t best[MAX_METHODS])
{
	struct group *g = NULL;
	size_t ng = 0;
	groups_build(s->records, s->n, &g, &ng);	/* none on ENOMEM: the study's chunk */
	for (size_t m = 0; m < plan->nmethods; m++) {
		double fastest = 0;
		best[m] = STUDY_CHUNK;
		for (size_t i = 0; i < ng; i++)
			if (strcmp(g[i].series, series) == 0 &&
			    strcmp(g[i].method, plan->methods[m]->name) == 0 && g[i].gib.median > fastest) {
				fastest = g[i].gib.median;
				best[m] = g[i].chunk;
			}
	}
	free(g);
}

/* How many rounds a phase ran and why it stopped adding more. */
struct rounds {
	size_t n;
	char stop[256];
};

/* The chunk entry i of p runs at. */
static uint64_t entry_chunk(const struct run_plan *p, size_t i)
{
	return p->method_chunk[i] ? p->method_chunk[i] : p->chunks.v[0];
}

/* Whether entry i of p is a side of claim x. */
static int entry_in_claim(const struct run_plan *p, size_t i, const struct claim *x)
{
	const char *name = p->methods[i]->name;
	return strcmp(name, x->a) == 0 ||
	       (strcmp(name, x->b) == 0 &&
		(x->b_chunk == STUDY_ANY_CHUNK || entry_chunk(p, i) == x->b_chunk));
}

size_t reproduce_round_entries(const struct run_plan *p, const struct claim_set *c,
			       const char *phase, struct run_plan *sub, size_t *to_look)
{
	size_t open = 0;
	*to_look = 0;
	*sub = *p;
	sub->nmethods = 0;
	for (size_t k = 0; k < c->n; k++) {
		const struct claim *x = &c->v[k];
		if (!x->open || strcmp(x->phase, phase) != 0)
			continue;
		open++;
		size_t need = x->next_look > x->pairs ? x->next_look - x->pairs : 1;
		if (*to_look == 0 || need < *to_look)
			*to_look = need;
	}
	for (size_t i = 0; i < p->nmethods; i++) {
		int wanted = 0;
		for (size_t k = 0; k < c->n && !wanted; k++)
			wanted = c->v[k].open && strcmp(c->v[k].phase, phase) == 0 &&
				 entry_in_claim(p, i, &c->v[k]);
		if (wanted) {
			sub->methods[sub->nmethods] = p->methods[i];
			sub->method_chunk[sub->nmethods++] = entry_chunk(p, i);
		}
	}
	return open;
}

/* What one round of sub's entries is expected to take: each entry's median wall time in the
 * phase's runs so far, plus the phase's own overhead per run (hashing, settling, the fresh
 * destination), measured as its elapsed time (phase_s, its profiled rounds left out) less the
 * runs' wall times. */
static double subset_round_s(const struct run_plan *sub, const struct series *s,
			     size_t first_record, double phase_s)
{
	double *wall = malloc(MAX_SAMPLES_PER_ENTRY * sizeof(*wall));
	if (!wall)
		return 0;	/* unknown: the next look is tried */
	double walls = 0;
	size_t runs = 0;
	for (size_t i = first_record; i < s->n; i++)
		if (strcmp(s->records[i].series, sub->series) == 0) {
			walls += s->records[i].wall_s;
			runs++;
		}
	double overhead = runs ? (phase_s - walls) / (double)runs : 0;
	double total = 0;
	for (size_t e = 0; e < sub->nmethods; e++) {
		size_t k = 0;
		for (size_t i = first_record; i < s->n && k < MAX_SAMPLES_PER_ENTRY; i++)
			if (strcmp(s->records[i].series, sub->series) == 0 &&
			    strcmp(s->records[i].method, sub->methods[e]->name) == 0 &&
			    s->records[i].chunk == sub->method_chunk[e])
				wall[k++] = s->records[i].wall_s;
		total += stats_median_inplace(wall, k) + (overhead > 0 ? overhead : 0);
	}
	free(wall);
	return total;
}

/* p has just run its first p->runs rounds (records from first_record on, phase_s seconds).
 * With --runs auto, while a claim of phase is open (undecided with a look to come), run the
 * rounds that bring the nearest open claim to its next look, with only the methods of open
 * claims: up to REPRODUCE_MAX_ROUNDS, and only when those rounds are expected to end before
 * deadline (rounds that could not reach a look would decide nothing). */
static int add_rounds_into(const struct run_plan *p, const char *phase, size_t first_record,
			   double phase_s, double deadline, struct series *s, struct rounds *out,
			   struct claim_set *claims, struct run_plan *sub, struct bx_error *err)
{
	for (;;) {
		study_judge(s->records, s->n, claims);
		size_t to_look;
		size_t open = reproduce_round_entries(p, claims, phase, sub, &to_look);
		if (open == 0 || sub->nmethods == 0) {
			snprintf(out->stop, sizeof(out->stop), "stopped when every claim was decided "
				 "or had had its last look");
			return 0;
		}
		if (out->n + to_look > REPRODUCE_MAX_ROUNDS) {
			snprintf(out->stop, sizeof(out->stop), "stopped at the most rounds (%d) with "
				 "%zu claim%s undecided", REPRODUCE_MAX_ROUNDS, open,
				 open == 1 ? "" : "s");
			return 0;
		}
		double round_s = subset_round_s(sub, s, first_record, phase_s);
		if (measure_now() + round_s * (double)to_look > deadline) {
			snprintf(out->stop, sizeof(out->stop), "stopped by the job's time budget with "
				 "%zu claim%s undecided: the next look needed %zu more round%s of %zu "
				 "method%s, about %.0f s", open, open == 1 ? "" : "s", to_look,
				 to_look == 1 ? "" : "s", sub->nmethods, sub->nmethods == 1 ? "" : "s",
				 round_s * (double)to_look);
			return 0;
		}
		sub->runs = to_look;
		sub->warmup = 0;
		sub->run_offset = out->n;
		sub->rounds_planned = out->n + to_look;
		double t = measure_now();
		int rc = runner_execute(sub, s, err);
		if (rc)
			return rc;
		phase_s += measure_now() - t;
		out->n += to_look;
	}
}

static int add_rounds(const struct run_plan *p, const char *phase, size_t first_record,
		      double phase_s, double deadline, struct series *s, struct rounds *out,
		      struct bx_error *err)
{
	out->n = (size_t)p->runs;
	if (!p->runs_auto) {
		snprintf(out->stop, sizeof(out->stop), "fixed by --runs");
		return 0;
	}
	/* on the heap: a claim set and a plan are too large for a stack frame */
	struct claim_set *claims = malloc(sizeof(*claims));
	struct run_plan *sub = calloc(1, sizeof(*sub));
	int rc = claims && sub ? add_rounds_into(p, phase, first_record, phase_s, deadline, s, out,
						 claims, sub, err) :
				 bx_fail(err, BX_EXIT_FAILURE, "out of memory judging the rounds");
	free(claims);
	free(sub);
	return rc;
}

size_t reproduce_profiled_rounds(size_t runs)
{
	return runs < PROFILED_ROUNDS ? runs : PROFILED_ROUNDS;
}

size_t reproduce_profile_after(size_t j, size_t runs)
{
	size_t k = reproduce_profiled_rounds(runs);
	return k ? ((2 * j + 1) * runs + 2 * k - 1) / (2 * k) : 0;
}

/* A phase's profiled rounds: what they are called, whether they can run, how far they got. */
struct profiling {
	const char *series;	/* "<phase>-profile" */
	const char *why_not;	/* not empty: the kernel refuses sampling, no profiled round */
	const struct method *skip;	/* this method at skip_chunk is not profiled (NULL: none) */
	uint64_t skip_chunk;
	double deadline;	/* no profiled round starts after this point of the job's clock */
	size_t next;		/* the next profiled round, 0 .. reproduce_profiled_rounds() */
	double seconds;		/* their time, which the phase's overhead per run must not count */
};

/* The profiled rounds due after measured round `measured` (1-based) of p: each a round of p's
 * entries, sampled (series prof->series), recorded but in no verdict.  Returns 0 or an exit code. */
static int run_profiled_after(const struct run_plan *p, size_t measured, struct profiling *prof,
			      struct series *s, struct bx_error *err)
{
	size_t rounds = reproduce_profiled_rounds((size_t)p->runs);
	while (prof->next < rounds && reproduce_profile_after(prof->next, (size_t)p->runs) <= measured) {
		if (prof->why_not[0] || measure_now() > prof->deadline)
			return 0;
		struct run_plan q = *p;
		q.nmethods = 0;
		for (size_t i = 0; i < p->nmethods; i++)
			if (p->methods[i] != prof->skip || entry_chunk(p, i) != prof->skip_chunk) {
				q.methods[q.nmethods] = p->methods[i];
				q.method_chunk[q.nmethods++] = entry_chunk(p, i);
			}
		if (q.nmethods == 0)
			return 0;
		q.series = prof->series;
		q.runs = 1;
		q.warmup = 0;
		q.runs_auto = 0;
		q.run_offset = prof->next;
		q.rounds_planned = rounds;
		q.eta_after_s = 0;
		q.profile = 1;
		double t = measure_now();
		int rc = runner_execute(&q, s, err);
		prof->seconds += measure_now() - t;
		prof->next++;
		if (rc)
			return rc;
	}
	return 0;
}

/* Run p's first rounds one at a time, each followed by the profiled rounds due after it
 * (reproduce_profile_after), then add_rounds(); the rounds' count and reason into *out.  With
 * cut_mandatory (the tuned phase) and --runs auto, the first rounds stop when the next is
 * expected to end past deadline: on a day when the host slows every run, the job still ends
 * inside its budget, and the report says the phase was cut.  The study's mandatory rounds
 * always run: they are the headline. */
static int run_adaptive(const struct run_plan *p, const char *phase, double deadline,
			int cut_mandatory, struct profiling *prof, struct series *s,
			struct rounds *out, struct bx_error *err)
{
	double t = measure_now();
	size_t first = s->n;
	struct run_plan one = *p;
	one.runs = 1;
	one.rounds_planned = p->runs;
	for (uint64_t k = 0; k < p->runs; k++) {
		double round_s = k ? (measure_now() - t - prof->seconds) / (double)k : 0;
		if (cut_mandatory && p->runs_auto && k > 0 && measure_now() + round_s > deadline) {
			out->n = (size_t)k;
			snprintf(out->stop, sizeof(out->stop), "cut by the job's time budget after %llu of "
				 "its %llu first rounds (about %.0f s a round)", (unsigned long long)k,
				 (unsigned long long)p->runs, round_s);
			return 0;
		}
		one.run_offset = k;
		one.warmup = k == 0 ? p->warmup : 0;
		int rc = runner_execute(&one, s, err);
		if (rc == 0)
			rc = run_profiled_after(p, (size_t)k + 1, prof, s, err);
		if (rc)
			return rc;
	}
	return add_rounds(p, phase, first, measure_now() - t - prof->seconds, deadline, s, out,
			  err);
}

/* The memory-to-memory phase (series "ipc-sweep", a sweep: kept out of the headline tables
 * and bars, and of the chunk graph, which draws the file-to-file chunk sweep), when the job's
 * clock is before IPC_DEADLINE_S; else why_not says why not.  Its consumer keeps every byte in
 * memory of the transfer's size (--dst memory). */
static int run_ipc(const struct run_plan *plan, uint64_t size, double start, struct series *s,
		   char *why_not, size_t len, struct bx_error *err)
{
	if (measure_now() > start + IPC_DEADLINE_S) {
		snprintf(why_not, len, "the job's time budget ran out before its memory-to-memory "
			 "phase");
		return 0;
	}
	struct run_plan p = phase(plan, PHASE_IPC_SWEEP, NULL, IPC_SWEEP_RUNS, 1);
	add_tuned_methods(&p);
	size_t kept = 0;
	for (size_t i = 0; i < p.nmethods; i++)
		if (p.methods[i]->producer->from_memory)
			p.methods[kept++] = p.methods[i];
	p.nmethods = kept;
	if (kept == 0) {
		snprintf(why_not, len, "none of the job's methods can send from memory");
		return 0;
	}
	/* a receiver that keeps the data, as a production one does: "memory to memory" means it */
	runner_plan_memory_to_memory(&p, size, CHUNK_SWEEP_MAX_BYTES, SINK_KEEP);
	return runner_execute(&p, s, err);
}

static int run_phases(const struct run_plan *plan, const char *src, uint64_t size, double start,
		      struct series *s, struct rounds *study, struct rounds *tuned,
		      const char *profile_why, char *ipc_why, size_t ipc_why_len,
		      struct bx_error *err)
{
	/* 1: what the study's code ran, and the ring beside it. */
	struct run_plan p = phase(plan, PHASE_STUDY, src, plan->runs, plan->warmup);
	p.nmethods = 0;
	for (size_t i = 0; i < sizeof(study_methods) / sizeof(study_methods[0]); i++) {
		p.methods[p.nmethods] = methods_find(study_methods[i]);
		p.method_chunk[p.nmethods++] = study_chunk_of(study_methods[i]);
	}
	p.chunks.v[0] = STUDY_CHUNK;
	p.chunks.n = 1;
	/* No study verdict reads the floor: measuring it before each round (1.2-1.5 s at 1.4 GiB,
	 * primed) would only leave less of the budget for the rounds the verdicts need. */
	p.floor_once = 1;
	/* Nothing between the study's runs but the transfer, as in 2014: priming, which the floor
	 * decides per job (a noisy A/B), changed this phase's conditions from one job to the next
	 * (mmap+memcpy's receiver: 0.7-0.9 s primed, 1.4-2.9 s unprimed, 1.4 GiB), and with them
	 * its verdicts.  --prime still forces it. */
	if (p.prime == PRIME_AUTO)
		p.prime = 0;
	struct profiling prof = { PHASE_STUDY_PROFILE, profile_why, NULL, 0,
				  start + STUDY_DEADLINE_S, 0, 0 };
	int rc = run_adaptive(&p, PHASE_STUDY, start + STUDY_DEADLINE_S, 0, &prof, s, study, err);

	/* 2: the quick chunk sweep, pipes sized to hold a chunk. */
	if (rc == 0) {
		p = phase(plan, PHASE_CHUNK_SWEEP, src, CHUNK_SWEEP_RUNS, 0);
		add_tuned_methods(&p);
		add_study_methods(&p);
		p.pipe_fit = 1;
		if (size > CHUNK_SWEEP_MAX_BYTES) {
			p.src = NULL;
			p.sizes.v[0] = CHUNK_SWEEP_MAX_BYTES;
			p.sizes.n = 1;
		}
		rc = runner_execute(&p, s, err);
	}

	/* 3: each method at its best chunk, on the full file. */
	uint64_t best[MAX_METHODS];
	if (rc == 0) {
		/* The chunk sweep just ran every method: it is the tuned phase's warm-up. */
		p = phase(plan, PHASE_TUNED, src, plan->runs, 0);
		add_tuned_methods(&p);
		best_chunks(&p, s, PHASE_CHUNK_SWEEP, best);
		memcpy(p.method_chunk, best, sizeof(best));
		p.chunks.n = 1;
		p.pipe_fit = 1;
		add_rw4k(&p);
		/* read/write at 4 KiB is the study's own setting (a pipe side never spins), profiled
		 * in the study's rounds already */
		prof = (struct profiling){ PHASE_TUNED_PROFILE, profile_why, methods_find("pipe"),
					   STUDY_CHUNK, start + TUNED_DEADLINE_S, 0, 0 };
		rc = run_adaptive(&p, PHASE_TUNED, start + TUNED_DEADLINE_S, 1, &prof, s, tuned, err);
	}

	/* 3c: the channel alone: the tuned methods that can send from memory, memory to memory
	 * (read sinks, each setting verified by its check run) at the chunk sweep's size and
	 * chunks, so each sits beside its own file-to-file sweep (report_ipc.h). */
	if (rc == 0)
		rc = run_ipc(plan, size, start, s, ipc_why, ipc_why_len, err);
	/* 3d: where a buffer sits in its page, page-aligned against where malloc() puts it (a few
	 * seconds: read/write memory to memory, five pairs; the report says when it was left out) */
	if (rc == 0 && measure_now() < start + IPC_DEADLINE_S)
		rc = placement_pair_run(plan, size, s, err);

	/* 4: the size sweep at those chunks, below the full size: the tuned phase measured that
	 * (the size graph ends with its medians). */
	if (rc == 0) {
		p = phase(plan, PHASE_SIZE_SWEEP, NULL, 1, 0);
		add_tuned_methods(&p);
		memcpy(p.method_chunk, best, sizeof(best));
		p.chunks.n = 1;
		p.pipe_fit = 1;
		for (size_t i = 0; i < sizeof(size_sweep_bytes) / sizeof(size_sweep_bytes[0]); i++)
			if (size_sweep_bytes[i] < size)
				p.sizes.v[p.sizes.n++] = size_sweep_bytes[i];
		/* Only while the budget holds it (a few seconds; the report says when it was left out). */
		if (p.sizes.n > 0 && measure_now() < start + SIZE_SWEEP_DEADLINE_S)
			rc = runner_execute(&p, s, err);
	}
	return rc;
}

int reproduce_run(const struct run_plan *plan, struct bx_error *err)
{
	char csv[PATH_MAX];
	struct temp_file generated = { "", -1, 0 };
	if (mkdir(plan->out, 0755) < 0 && errno != EEXIST)
		return bx_fail(err, BX_EXIT_USAGE, "cannot create output directory '%s': %s", plan->out,
			       strerror(errno));
	snprintf(csv, sizeof(csv), "%s/runs.csv", plan->out);
	int rc = results_check_csv(csv, err);
	if (rc)
		return rc;

	const char *src = plan->src;
	uint64_t size = 0;
	struct stat st;
	double generate_s = 0;
	double start = measure_now();
	/* What on the machine moves the numbers, before the job touches anything (report.md). */
	struct system_findings *system = calloc(1, sizeof(*system));
	if (!system)
		return bx_fail(err, BX_EXIT_FAILURE, "out of memory checking the system");
	system_check(NULL, plan->workdir, SYSTEM_WINDOW_S, system);
	if (!src) {
		size = plan->sizes.v[0];
		if (!plan->dst && !plan->sink)
			series_files_measure_floor(plan, plan->workdir, size);
		generate_s = measure_now();
		rc = series_files_generate_source(plan->workdir, size, plan->seed, plan->keep, &generated, err);
		generate_s = measure_now() - generate_s;
		src = generated.path;
	} else if (stat(src, &st) == 0) {
		size = (uint64_t)st.st_size;
	}

	struct series s = { 0 };
	struct rounds study = { 0, "" }, tuned = { 0, "" };
	/* Profiling is asked of every job; where the kernel refuses it, the job goes on without
	 * and the report says why. */
	char profile_why[256] = "", ipc_why[256] = "";
	if (sampler_probe(profile_why, sizeof(profile_why)) == 0)
		profile_why[0] = '\0';
	struct machine_limits limits;
	struct primitive_costs primitives = { 0, 0, 0 };
	memset(&limits, 0, sizeof(limits));
	double hash_s = 0;
	char copy_placement[256] = "";
	if (rc == 0) {
		floor_memcpy(&limits);
		/* the profiles tell each copy from the memory it first touches at these rates */
		s.profiles.rates.user_gib_s = limits.memcpy_gib_s;
		s.profiles.rates.kernel_gib_s = limits.kernel_copy_gib_s;
		struct alignment_sweep where;	/* the copy against its place in a page: 0.5 s */
		alignment_sweep_run(alignment_memcpy_cost, NULL, &where);
		alignment_sentence(&where, copy_placement, sizeof(copy_placement));
		primitives_measure(&primitives);	/* the cost model's direct check */
		steady_warm(src);
		limits.read_gib_s = floor_read(src);
		uint64_t hash;
		hash_s = measure_now();
		int hashed = verify_hash_path(src, &hash, NULL) == 0;
		hash_s = measure_now() - hash_s;
		struct run_plan with_csv = *plan;
		with_csv.csv = csv;
		with_csv.src_hash = hash;	/* the phases on this source need not hash it again */
		with_csv.src_hash_known = hashed;
		rc = run_phases(&with_csv, src, size, start, &s, &study, &tuned, profile_why,
				ipc_why, sizeof(ipc_why), err);
	}
	if (rc == 0 && s.profiles.n > 0) {
		char dir[PATH_MAX];
		snprintf(dir, sizeof(dir), "%s/profile", plan->out);
		rc = profile_write_outputs(dir, &s.profiles, err);
	} else if (rc == 0 && !profile_why[0]) {
		snprintf(profile_why, sizeof(profile_why), "the job's time budget ran out before the "
			 "profiled runs");
	}
	struct unit_costs units;
	unit_costs_of(&limits, &primitives, &units);
	/* what the job knows beside its records; the strings are copied in below */
	struct job_context rctx = {
		.limits = &limits,
		.elapsed_s = measure_now() - start,
		.generate_s = generate_s,
		.hash_s = hash_s,
		.primitives = &primitives,
		.study_rounds = study.n,
		.tuned_rounds = tuned.n,
		.system = system,
		.profiles = &s.profiles,
		.command_line = plan->command_line,
		.seed = plan->seed,
		.cpus = sysconf(_SC_NPROCESSORS_ONLN),
		.mem_bytes = (uint64_t)sysconf(_SC_PHYS_PAGES) * (uint64_t)sysconf(_SC_PAGESIZE),
		.units = &units,
	};
	snprintf(rctx.study_stop, sizeof(rctx.study_stop), "%s", study.stop);
	snprintf(rctx.tuned_stop, sizeof(rctx.tuned_stop), "%s", tuned.stop);
	snprintf(rctx.ipc_why, sizeof(rctx.ipc_why), "%s", ipc_why);
	snprintf(rctx.copy_placement, sizeof(rctx.copy_placement), "%s", copy_placement);
	snprintf(rctx.profile_why, sizeof(rctx.profile_why), "%s", profile_why);
	temp_file_release(&generated, plan->keep);
	struct job_facts *facts = NULL;
	if (rc == 0)
		rc = job_facts_build(s.records, s.n, csv, &rctx, &facts, err);
	if (rc == 0) {
		struct report_outcome done;
		rc = report_write(facts, plan->out, &done, err);
		if (plan->verbose) {	/* the report's first tables, ending with the ordering */
			report_print_comparison(stdout, facts);
			printf("\n");
		}
		/* the path of a report written whole, never of one that failed */
		char report[PATH_MAX + 16];
		snprintf(report, sizeof(report), "%s/report.md", plan->out);
		answer_print_reproduce(stdout, facts, done.markdown ? report : NULL);
	}
	job_facts_free(facts);
	free(system);
	series_free(&s);
	return rc;
}
