/*
 * study.c - the report's claims and their verdicts (see study.h).
 *
 * The 2014 figures below are the only numbers in bulkxfer not measured by it: the study's
 * published averages (CPU seconds from clock(), five runs of a 1.4 GB file), quoted so this
 * machine's can stand beside them.  What its code did is read from copy_test.c in the author's
 * public repository (buaazp/work).
 */
#include "analysis/judge/study.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/judge/groups.h"
#include "analysis/judge/sequential.h"
#include "analysis/judge/stats.h"
#include "base/output_file.h"
#include "base/units.h"
#include "record/names.h"

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
	return strcmp(method, "splice") == 0 ? CHUNK_REST : STUDY_CHUNK_4K;
}

double study_target_of(const char *claim)
{
	if (strcmp(claim, TARGET_SPLICE_VS_RW4K) == 0)
		return STUDY_SPLICE_TARGET;
	if (strcmp(claim, TARGET_RING_VS_SPLICE) == 0)
		return STUDY_RING_TARGET;
	if (strcmp(claim, "floor") == 0)
		return STUDY_FLOOR_TARGET;
	return 0;
}

const char *study_metric_name(enum study_metric m)
{
	switch (m) {
	case METRIC_CPU_SUM: return METRIC_NAME_CPU_SUM;
	case METRIC_SENDER_CPU: return METRIC_NAME_SENDER_CPU;
	case METRIC_RECEIVER_CPU: return METRIC_NAME_RECEIVER_CPU;
	default: return METRIC_NAME_WALL;
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

/* One side of a comparison: the runs of method in series (at chunk, or at the first chunk seen
 * when chunk is ANY_CHUNK; at the first file size seen), and which figure of them. */
#define ANY_CHUNK STUDY_ANY_CHUNK
struct side {
	const char *series, *method;
	uint64_t chunk;
	enum study_metric metric;
};

/* The run of side s in round `round` (its `run` number), or NULL. */
static const struct run_record *in_round(const struct run_record *r, size_t n,
					 const struct side *s, uint64_t round)
{
	const struct run_record *first = NULL;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(r[i].series, s->series) != 0 || strcmp(r[i].method, s->method) != 0 ||
		    (s->chunk != ANY_CHUNK && r[i].chunk != s->chunk))
			continue;
		if (!first)
			first = &r[i];
		if (r[i].bytes == first->bytes && r[i].chunk == first->chunk && r[i].run == round)
			return &r[i];
	}
	return NULL;
}

size_t study_pairs(const struct run_record *r, size_t n, const char *series_a, const char *a,
		   uint64_t chunk_a, enum study_metric metric_a, const char *series_b,
		   const char *b, uint64_t chunk_b, enum study_metric metric_b, double *d, size_t max)
{
	struct side sa = { series_a, a, chunk_a, metric_a }, sb = { series_b, b, chunk_b, metric_b };
	uint64_t last = 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(r[i].series, series_a) == 0 && strcmp(r[i].method, a) == 0 &&
		    r[i].run > last)
			last = r[i].run;
	size_t k = 0;
	for (uint64_t round = 1; round <= last && k < max; round++) {
		const struct run_record *x = in_round(r, n, &sa, round);
		const struct run_record *y = x ? in_round(r, n, &sb, round) : NULL;
		double va = x ? metric_of(x, metric_a) : 0, vb = y ? metric_of(y, metric_b) : 0;
		if (va > 0 && vb > 0)
			d[k++] = log(va) - log(vb);
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

/* A new claim of phase named claim comparing a / b, or NULL when the set is full. */
static struct claim *new_claim(struct claim_set *c, const char *phase, const char *claim,
			       enum study_metric metric, const char *a, const char *b)
{
	if (c->n == STUDY_MAX_CLAIMS)
		return NULL;
	struct claim *x = &c->v[c->n++];
	memset(x, 0, sizeof(*x));
	snprintf(x->phase, sizeof(x->phase), "%s", phase);
	snprintf(x->claim, sizeof(x->claim), "%s", claim);
	snprintf(x->metric, sizeof(x->metric), "%s", study_metric_name(metric));
	snprintf(x->a, sizeof(x->a), "%s", a);
	snprintf(x->b, sizeof(x->b), "%s", b);
	return x;
}

/* Judge the claim sa / sb by the sequential design on the rounds that ran both (kind and param
 * as seq_judge takes them).  NULL when a side has no runs at all or the set is full. */
static struct claim *judge_pairs(struct claim_set *c, const struct run_record *r, size_t n,
				 const char *phase, const char *claim, const struct side *sa,
				 const struct side *sb, enum seq_kind kind, double param)
{
	if (!has_runs(r, n, sa->series, sa->method) || !has_runs(r, n, sb->series, sb->method))
		return NULL;
	double d[MAX_SAMPLES];
	size_t k = study_pairs(r, n, sa->series, sa->method, sa->chunk, sa->metric, sb->series,
			       sb->method, sb->chunk, sb->metric, d, MAX_SAMPLES);
	struct claim *x = new_claim(c, phase, claim, sa->metric, sa->method, sb->method);
	if (!x)
		return NULL;
	struct seq_verdict v;
	seq_judge(d, k, kind, param, &v);
	x->b_chunk = sb->chunk;
	x->r = v.r;
	x->pairs = v.pairs;
	x->look_pairs = v.look_pairs;
	x->level = v.level;
	x->direction = v.direction;
	/* Only CPU claims and targets add rounds: wall time is not what the study measured, and a
	 * wall claim near 1 would spend the budget the CPU claims need. */
	x->open = v.direction == 0 && v.can_continue && sa->metric != METRIC_WALL;
	x->next_look = x->open ? seq_next_look(k) : 0;
	return x;
}

/* The claim a / b of metric, both in series, as a word: cheaper ... no clear difference. */
static struct claim *add_ratio(struct claim_set *c, const struct run_record *r, size_t n,
			       const char *phase, enum study_metric metric, const char *series,
			       const char *a, const char *b)
{
	struct side sa = { series, a, ANY_CHUNK, metric }, sb = { series, b, ANY_CHUNK, metric };
	struct claim *x = judge_pairs(c, r, n, phase, CLAIM_RATIO, &sa, &sb, SEQ_RATIO, VERDICT_NOISE);
	if (x)
		snprintf(x->verdict, sizeof(x->verdict), "%s",
			 verdict_word(x->direction, metric == METRIC_WALL));
	return x;
}

/* A target "a / b at least target" on throughput (GiB/s) in the tuned rounds; b == "floor" is
 * the floor each of a's rounds measured, b_chunk the chunk of b's runs (ANY_CHUNK: any). */
static void add_target(struct claim_set *c, const struct run_record *r, size_t n,
		       const char *name, const char *a, const char *b, uint64_t b_chunk,
		       const char *b_label, double target)
{
	int floor = strcmp(b, "floor") == 0;
	struct side sa = { PHASE_TUNED, a, ANY_CHUNK, METRIC_GIB };
	struct side sb = { PHASE_TUNED, floor ? a : b, b_chunk, floor ? METRIC_FLOOR : METRIC_GIB };
	struct claim *x = judge_pairs(c, r, n, PHASE_TUNED, name, &sa, &sb, SEQ_TARGET, target);
	if (!x)
		return;
	snprintf(x->b, sizeof(x->b), "%s", b_label);
	snprintf(x->verdict, sizeof(x->verdict), "%s", verdict_target_word(x->direction));
}

const struct study_row *study_row_of(const char *method)
{
	for (int i = 0; i < STUDY_NROWS; i++)
		if (strcmp(study_rows[i].method, method) == 0)
			return &study_rows[i];
	return NULL;
}

static const struct study_row *row_of(const char *method)
{
	for (int i = 0; i < STUDY_NROWS; i++)
		if (strcmp(study_rows[i].method, method) == 0)
			return &study_rows[i];
	/* Results files from before shm-whole ran the study's mmap+memcpy row as shm. */
	return strcmp(method, study_ring.method) == 0 ? &study_rows[1] : NULL;
}

/* What the study measured of row x for metric, or 0 when it did not. */
static double row_figure(const struct study_row *x, enum study_metric metric)
{
	switch (metric) {
	case METRIC_SENDER_CPU: return x->sender_cpu_s;
	case METRIC_RECEIVER_CPU: return x->receiver_cpu_s;
	case METRIC_CPU_SUM: return x->sender_cpu_s + x->receiver_cpu_s;
	default: return 0;
	}
}

double study_2014_ratio(const char *a, const char *b, enum study_metric metric)
{
	const struct study_row *x = row_of(a), *y = row_of(b);
	double fb = y ? row_figure(y, metric) : 0;
	return x && fb > 0 ? row_figure(x, metric) / fb : 0;
}

int study_order_pair(const struct claim *x, double then)
{
	if (x->direction != 0)
		return x->direction;
	return x->r.valid && then > 0 && x->r.low > then ? 1 : 0;
}

/* Append "a vs b" to a pair list of cap bytes. */
static void name_pair(char *list, size_t cap, const char *a, const char *b)
{
	size_t used = strlen(list);
	snprintf(list + used, cap - used, "%s%s vs %s", used ? ", " : "", a, b);
}

/* The study's ordering by CPU sum (splice < mmap+memcpy < read/write), pair by pair
 * (study_order_pair): reproduced when every pair is in order, contradicted when any is
 * against it, else undecided. */
static void add_ordering(struct claim_set *c, const struct run_record *r, size_t n,
			 const char *series)
{
	const char *splice = study_rows[2].method, *mm = c->mmap_method, *rw = study_rows[0].method;
	const char *pairs[3][2] = { { splice, mm }, { mm, rw }, { splice, rw } };
	int against = 0, undecided = 0;
	char names[160] = "", ruled_out[160] = "";
	for (int p = 0; p < 3; p++) {
		struct claim *x = (struct claim *)study_find(c, PHASE_STUDY, CLAIM_RATIO, METRIC_NAME_CPU_SUM,
							     pairs[p][0], pairs[p][1]);
		if (!x)
			x = add_ratio(c, r, n, PHASE_STUDY, METRIC_CPU_SUM, series, pairs[p][0],
				      pairs[p][1]);
		if (!x)
			return;
		int order = study_order_pair(x, study_2014_ratio(pairs[p][0], pairs[p][1],
							     METRIC_CPU_SUM));
		against += order > 0;
		if (order > 0 && x->direction == 0)
			name_pair(ruled_out, sizeof(ruled_out), pairs[p][0], pairs[p][1]);
		if (order == 0) {
			undecided++;
			name_pair(names, sizeof(names), pairs[p][0], pairs[p][1]);
		}
	}
	struct claim *o = new_claim(c, PHASE_STUDY, CLAIM_ORDERING, METRIC_CPU_SUM, "", "");
	if (!o)
		return;
	snprintf(o->a, sizeof(o->a), "%s<%s<%s", splice, mm, rw);
	snprintf(o->verdict, sizeof(o->verdict), "%s",
		 against ? "contradicted" : undecided ? "undecided" : "reproduced");
	snprintf(o->undecided_pairs, sizeof(o->undecided_pairs), "%s", names);
	snprintf(o->ruled_out_pairs, sizeof(o->ruled_out_pairs), "%s", ruled_out);
	/* The pairs' own claims add rounds while they are open: the ordering adds none. */
	o->direction = against ? 1 : undecided ? 0 : -1;
}

static const char *pick_study_series(const struct run_record *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(r[i].series, PHASE_STUDY) == 0)
			return PHASE_STUDY;
	for (size_t i = 0; i < n; i++)
		if (!groups_is_sweep(r[i].series))
			return r[i].series;
	return NULL;
}

/* Of methods (NULL-terminated; NULL = every method), the one whose best chunk-sweep group has
 * the fastest median GiB/s and also ran in the tuned phase, or NULL.  The choice is made on the
 * chunk sweep's runs, never on the tuned runs it is then judged on: picking the winner from the
 * same data would favour it (8 methods exactly at a target: "met" 5.7% of the time, not 1.5%). */
static const char *named_in_advance(const struct run_record *r, size_t n,
				    const struct group *g, size_t ng, const char *const *methods)
{
	const char *best = NULL;
	double best_median = 0;
	for (size_t i = 0; i < ng; i++) {
		if (strcmp(g[i].series, PHASE_CHUNK_SWEEP) != 0 || !groups_find(g, ng, PHASE_TUNED, g[i].method))
			continue;
		int wanted = methods == NULL;
		for (size_t m = 0; methods && methods[m]; m++)
			wanted |= strcmp(methods[m], g[i].method) == 0;
		if (wanted && g[i].gib.median > best_median) {
			best_median = g[i].gib.median;
			best = g[i].method;
		}
	}
	/* best points into g: find the same name in the records, which outlive g. */
	const char *name = NULL;
	for (size_t i = 0; best && i < n && !name; i++)
		if (strcmp(r[i].method, best) == 0)
			name = r[i].method;
	return name;
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
				add_ratio(c, r, n, PHASE_STUDY, metrics[k], series, rows[m],
					  study_rows[0].method);
		add_ordering(c, r, n, series);
	}
	if (series && strcmp(c->mmap_method, study_ring.method) != 0) {
		add_ratio(c, r, n, PHASE_STUDY, METRIC_CPU_SUM, series, study_ring.method,
			  c->mmap_method);
		add_ratio(c, r, n, PHASE_STUDY, METRIC_WALL, series, study_ring.method, c->mmap_method);
	}
	/* The groups, once for both choices made in advance. */
	struct group *g = NULL;
	size_t ng = 0;
	if (groups_build(r, n, &g, &ng) < 0)
		ng = 0;	/* out of memory: no method is named, so no target is set */
	const char *top = named_in_advance(r, n, g, ng, NULL);
	if (top)
		add_target(c, r, n, "floor", top, "floor", ANY_CHUNK, "floor", STUDY_FLOOR_TARGET);
	/* Read/write with 4 KiB buffers in the same tuned rounds as splice at its best. */
	add_target(c, r, n, TARGET_SPLICE_VS_RW4K, "splice", study_rows[0].method, STUDY_CHUNK_4K,
		   study_rows[0].method, STUDY_SPLICE_TARGET);
	static const char *const rings[] = { "shm", "shm-rw", NULL };
	const char *ring = named_in_advance(r, n, g, ng, rings);
	free(g);
	if (ring)
		add_target(c, r, n, TARGET_RING_VS_SPLICE, ring, "splice", ANY_CHUNK, "splice",
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
	struct output_file out;
	FILE *f = output_file_open(&out, path);
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
	return output_file_close(&out, 1);
}

const char *study_explanation_word(int held, int judged)
{
	return held == judged ? "bears out" : held ? "bears out only in part" : "does not bear out";
}

const char *study_display_name(const char *method)
{
	for (int i = 0; i < STUDY_NROWS; i++)
		if (strcmp(study_rows[i].method, method) == 0)
			return study_rows[i].label;
	return method;
}

void study_rows_and_ring(const struct study_row *all[STUDY_NROWS + 1])
{
	for (size_t i = 0; i < STUDY_NROWS; i++)
		all[i] = &study_rows[i];
	all[STUDY_NROWS] = &study_ring;
}
