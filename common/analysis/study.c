/*
 * study.c - the report's claims and their verdicts (see study.h).
 *
 * The 2014 figures below are the only numbers in bulkxfer not measured by it: the study's
 * published averages (CPU seconds from clock(), five runs of a 1.4 GB file), quoted so this
 * machine's can stand beside them.  What its code did is read from copy_test.c in the author's
 * public repository (buaazp/work).
 */
#include "study.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "groups.h"
#include "stats.h"
#include "units.h"

#define MAX_SAMPLES 1000

const struct study_row study_rows[STUDY_NROWS] = {
	{ "read/write", "pipe",
	  "read(src, 4 KiB) + write(pipe); child read(pipe, 4 KiB) + write(dst); 64 KiB pipe",
	  "the same: 4 KiB per call, the kernel's default pipe", 0.942, 1.324 },
	{ "mmap+memcpy", "shm-whole",
	  "memcpy 4 KiB steps of mmap(src) into a 2 GiB SysV segment; child memcpy 4 KiB steps into "
	  "mmap(dst) at once, with no synchronisation at all",
	  "memcpy 4 KiB steps into one file-sized shared region (memfd), new for each run and first "
	  "touched inside the timed loop, as the study's fresh segment was; the child copies each "
	  "step once the parent has published it (an atomic count; it sleeps only when it catches "
	  "up)",
	  0.674, 1.140 },
	{ "splice", "splice",
	  "splice(src -> pipe, every byte left, SPLICE_F_MOVE); child the same pipe -> dst; 64 KiB "
	  "pipe, so each call moves a pipe's worth",
	  "the same: --chunk rest (every byte left per call), SPLICE_F_MOVE, the default pipe",
	  0.430, 0.920 },
};

const struct study_row study_ring = {
	"mmap+memcpy with real synchronisation", "shm",
	"(not run: the study left synchronisation out and expected real locking to cost \"a lot\")",
	"a ring of 8 slots of 4 KiB in shared memory, two process-shared semaphores; a wait sleeps "
	"at once", 0, 0,
};

uint64_t study_chunk_of(const char *method)
{
	return strcmp(method, "splice") == 0 ? CHUNK_REST : 4096;
}

const char *study_metric_name(enum study_metric m)
{
	switch (m) {
	case METRIC_CPU_SUM: return "cpu_sum";
	case METRIC_SENDER_CPU: return "sender_cpu";
	case METRIC_RECEIVER_CPU: return "receiver_cpu";
	default: return "wall";
	}
}

static double metric_of(const struct run_record *r, enum study_metric m)
{
	double s = r->producer_fig.user_s + r->producer_fig.sys_s;
	double c = r->consumer_fig.user_s + r->consumer_fig.sys_s;
	switch (m) {
	case METRIC_CPU_SUM: return s + c;
	case METRIC_SENDER_CPU: return s;
	case METRIC_RECEIVER_CPU: return c;
	case METRIC_WALL: return r->wall_s;
	case METRIC_GIB: return r->gib_per_s;
	case METRIC_FLOOR: return r->floor_gib_per_s;
	}
	return 0;
}

size_t study_samples(const struct run_record *r, size_t n, const char *series,
		     const char *method, enum study_metric metric, double *out, size_t max)
{
	const struct run_record *first = NULL;
	size_t k = 0;
	for (size_t i = 0; i < n && k < max; i++) {
		if (strcmp(r[i].series, series) != 0 || strcmp(r[i].method, method) != 0)
			continue;
		if (!first)
			first = &r[i];
		if (r[i].bytes == first->bytes && r[i].chunk == first->chunk)
			out[k++] = metric_of(&r[i], metric);
	}
	return k;
}

static int has_runs(const struct run_record *r, size_t n, const char *series, const char *method)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(r[i].series, series) == 0 && strcmp(r[i].method, method) == 0)
			return 1;
	return 0;
}

/* The claim a / b (metric of a in series_a over metric_b of b in series_b), its interval and
 * its word; the claim is named by metric. */
static struct claim *add_ratio_of(struct claim_set *c, const struct run_record *r, size_t n,
				  const char *phase, const char *claim, enum study_metric metric,
				  const char *series_a, const char *a, enum study_metric metric_b,
				  const char *series_b, const char *b)
{
	if (c->n == STUDY_MAX_CLAIMS)
		return NULL;
	static double va[MAX_SAMPLES], vb[MAX_SAMPLES];
	size_t na = study_samples(r, n, series_a, a, metric, va, MAX_SAMPLES);
	size_t nb = study_samples(r, n, series_b, b, metric_b, vb, MAX_SAMPLES);
	if (na == 0 || nb == 0)
		return NULL;
	struct claim *x = &c->v[c->n++];
	memset(x, 0, sizeof(*x));
	snprintf(x->phase, sizeof(x->phase), "%s", phase);
	snprintf(x->claim, sizeof(x->claim), "%s", claim);
	snprintf(x->metric, sizeof(x->metric), "%s", study_metric_name(metric));
	snprintf(x->a, sizeof(x->a), "%s", a);
	snprintf(x->b, sizeof(x->b), "%s", b);
	verdict_ratio(va, na, vb, nb, &x->r);
	int dir = verdict_direction(&x->r, VERDICT_NOISE);
	snprintf(x->verdict, sizeof(x->verdict), "%s", verdict_word(dir, metric == METRIC_WALL));
	x->runs_needed = verdict_runs_needed(&x->r, VERDICT_NOISE);
	/* Any undecided claim is open: an estimate inside the noise band may still leave it. */
	x->open = dir == 0;
	return x;
}

/* The claim a / b of metric on both sides. */
static struct claim *add_ratio(struct claim_set *c, const struct run_record *r, size_t n,
			       const char *phase, const char *claim, enum study_metric metric,
			       const char *series_a, const char *a, const char *series_b,
			       const char *b)
{
	return add_ratio_of(c, r, n, phase, claim, metric, series_a, a, metric, series_b, b);
}

/* A target "a / b at least target" on throughput (GiB/s; the floor's for b == "floor"). */
static void add_target(struct claim_set *c, const struct run_record *r, size_t n,
		       const char *name, const char *series_a, const char *a,
		       const char *series_b, const char *b, double target)
{
	int floor = strcmp(b, "floor") == 0;	/* b: the floor each of a's rounds measured */
	struct claim *x = add_ratio_of(c, r, n, "tuned", name, METRIC_GIB, series_a, a,
				       floor ? METRIC_FLOOR : METRIC_GIB, floor ? series_a : series_b,
				       floor ? a : b);
	if (!x)
		return;
	snprintf(x->b, sizeof(x->b), "%s", b);
	int v = verdict_target(&x->r, target);
	snprintf(x->verdict, sizeof(x->verdict), "%s", verdict_target_word(v));
	x->runs_needed = 0;
	x->open = v == 0;
}

/* The study's ordering by CPU sum (splice < mmap+memcpy < read/write), pair by pair. */
static void add_ordering(struct claim_set *c, const struct run_record *r, size_t n,
			 const char *series)
{
	const char *splice = study_rows[2].method, *mm = c->mmap_method, *rw = study_rows[0].method;
	const char *pairs[3][2] = { { splice, mm }, { mm, rw }, { splice, rw } };
	int against = 0, undecided = 0;
	char names[160] = "";
	size_t used = 0;
	for (int p = 0; p < 3; p++) {
		struct claim *x = (struct claim *)study_find(c, "study", "ratio", "cpu_sum",
							     pairs[p][0], pairs[p][1]);
		if (!x)
			x = add_ratio(c, r, n, "study", "ratio", METRIC_CPU_SUM, series, pairs[p][0],
				      series, pairs[p][1]);
		if (!x)
			return;
		int dir = verdict_direction(&x->r, VERDICT_NOISE);
		against += dir > 0;
		if (dir == 0) {
			undecided++;
			used += (size_t)snprintf(names + used, used < sizeof(names) ?
						 sizeof(names) - used : 0, "%s%s vs %s",
						 used ? ", " : "", pairs[p][0], pairs[p][1]);
		}
	}
	if (c->n == STUDY_MAX_CLAIMS)
		return;
	struct claim *o = &c->v[c->n++];
	memset(o, 0, sizeof(*o));
	snprintf(o->phase, sizeof(o->phase), "study");
	snprintf(o->claim, sizeof(o->claim), "ordering");
	snprintf(o->metric, sizeof(o->metric), "cpu_sum");
	snprintf(o->a, sizeof(o->a), "%s<%s<%s", splice, mm, rw);
	snprintf(o->verdict, sizeof(o->verdict), "%s",
		 against ? "contradicted" : undecided ? "undecided" : "reproduced");
	snprintf(o->undecided_pairs, sizeof(o->undecided_pairs), "%s", names);
	o->open = !against && undecided;
}

static const char *pick_study_series(const struct run_record *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(r[i].series, "study") == 0)
			return "study";
	for (size_t i = 0; i < n; i++)
		if (!groups_is_sweep(r[i].series))
			return r[i].series;
	return NULL;
}

/* The tuned group of method with the fastest median GiB/s, or NULL. */
static const char *fastest_tuned(const struct run_record *r, size_t n, const char *const *methods)
{
	const char *best = NULL;
	double best_median = 0;
	static double v[MAX_SAMPLES];
	for (size_t i = 0; i < n; i++) {
		if (strcmp(r[i].series, "tuned") != 0)
			continue;
		int wanted = methods == NULL;
		for (size_t m = 0; methods && methods[m]; m++)
			wanted |= strcmp(methods[m], r[i].method) == 0;
		if (!wanted)
			continue;
		size_t k = study_samples(r, n, "tuned", r[i].method, METRIC_GIB, v, MAX_SAMPLES);
		double median = stats_median_inplace(v, k);
		if (median > best_median) {
			best_median = median;
			best = r[i].method;
		}
	}
	return best;
}

void study_judge(const struct run_record *r, size_t n, struct claim_set *c)
{
	memset(c, 0, sizeof(*c));
	const char *series = pick_study_series(r, n);
	c->study_series = series;
	c->mmap_method = study_rows[1].method;
	if (series && !has_runs(r, n, series, c->mmap_method) && has_runs(r, n, series, "shm"))
		c->mmap_method = "shm";	/* a results file from before shm-whole was the study's */
	if (series && has_runs(r, n, series, study_rows[0].method)) {
		static const enum study_metric metrics[] = { METRIC_CPU_SUM, METRIC_SENDER_CPU,
							     METRIC_RECEIVER_CPU, METRIC_WALL };
		const char *rows[] = { c->mmap_method, study_rows[2].method };
		for (int m = 0; m < 2; m++)
			for (int k = 0; k < 4; k++)
				add_ratio(c, r, n, "study", "ratio", metrics[k], series, rows[m],
					  series, study_rows[0].method);
		add_ordering(c, r, n, series);
	}
	if (series && strcmp(c->mmap_method, study_ring.method) != 0) {
		add_ratio(c, r, n, "study", "ratio", METRIC_CPU_SUM, series, study_ring.method, series,
			  c->mmap_method);
		add_ratio(c, r, n, "study", "ratio", METRIC_WALL, series, study_ring.method, series,
			  c->mmap_method);
	}
	const char *top = fastest_tuned(r, n, NULL);
	if (!top)
		return;	/* no tuned phase: no targets */
	add_target(c, r, n, "floor", "tuned", top, "tuned", "floor", STUDY_FLOOR_TARGET);
	if (series && has_runs(r, n, "tuned", "splice"))
		add_target(c, r, n, "splice_vs_rw4k", "tuned", "splice", series, "pipe",
			   STUDY_SPLICE_TARGET);
	static const char *const rings[] = { "shm", "shm-rw", NULL };
	const char *ring = fastest_tuned(r, n, rings);
	if (ring && has_runs(r, n, "tuned", "splice"))
		add_target(c, r, n, "ring_vs_splice", "tuned", ring, "tuned", "splice",
			   STUDY_RING_TARGET);
}

const struct claim *study_find(const struct claim_set *c, const char *phase, const char *claim,
			       const char *metric, const char *a, const char *b)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct claim *x = &c->v[i];
		if ((!phase || strcmp(x->phase, phase) == 0) &&
		    (!claim || strcmp(x->claim, claim) == 0) &&
		    (!metric || strcmp(x->metric, metric) == 0) && (!a || strcmp(x->a, a) == 0) &&
		    (!b || strcmp(x->b, b) == 0))
			return x;
	}
	return NULL;
}

size_t study_open_claims(const struct claim_set *c, const char *phase)
{
	size_t open = 0;
	for (size_t i = 0; i < c->n; i++)
		open += c->v[i].open && (!phase || strcmp(c->v[i].phase, phase) == 0);
	return open;
}

int study_write_verdicts(const char *path, const struct claim_set *c)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -errno;
	fprintf(f, "phase,claim,metric,a,b,estimate,ci_low,ci_high,verdict\n");
	for (size_t i = 0; i < c->n; i++) {
		const struct claim *x = &c->v[i];
		fprintf(f, "%s,%s,%s,%s,%s,", x->phase, x->claim, x->metric, x->a, x->b);
		if (x->r.valid)
			fprintf(f, "%.4f,%.4f,%.4f,", x->r.estimate, x->r.low, x->r.high);
		else if (x->r.estimate > 0)
			fprintf(f, "%.4f,,,", x->r.estimate);
		else
			fprintf(f, ",,,");
		fprintf(f, "%s\n", x->verdict);
	}
	return fclose(f) == 0 ? 0 : -errno;
}
