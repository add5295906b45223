/*
 * study.h - what a report claims, and the evidence for each claim: the 2014 study's rows (what
 * its code did, what bulkxfer does), and every comparison the report states (each ratio against
 * read/write, the ordering, the ring against the study's region, the tuned targets) judged by
 * verdict.h.  The report prints these claims, verdicts.csv lists them, and `reproduce` adds
 * rounds while any is still open.  Reads records; never runs a transfer.
 */
#ifndef BX_STUDY_H
#define BX_STUDY_H

#include <stddef.h>

#include "analysis/judge/verdict.h"
#include "record/results.h"

#define STUDY_NROWS 3		/* read/write, mmap+memcpy, splice */
#define STUDY_MAX_CLAIMS 48
#define STUDY_FLOOR_TARGET 0.90	/* the fastest tuned method at least 90% of the floor */
#define STUDY_SPLICE_TARGET 2.5	/* tuned splice at least 2.5x read/write with 4 KiB buffers */
#define STUDY_RING_TARGET (1 - VERDICT_NOISE)	/* the ring at least as fast as splice */
#define STUDY_CHUNK_4K 4096ULL	/* the study's buffers */
#define STUDY_FILE_BYTES 1.4e9	/* the study's 1.4 GB file: 1.30 GiB, 7% less than 1.4 GiB */
#define STUDY_ANY_CHUNK UINT64_MAX	/* a side's runs at whatever chunk they ran */

/* One row of the study: its name, our method, what each side's code did then and does now. */
struct study_row {
	const char *label;		/* the study's name */
	const char *method;		/* ours */
	const char *then;		/* what copy_test.c did */
	const char *now;		/* what bulkxfer does */
	double sender_cpu_s, receiver_cpu_s;	/* the study's published averages */
};

/* The study's three rows, in its order, and the ring beside them (no 2014 figures: the study
 * left synchronisation out, and the ring is the answer to what it costs). */
extern const struct study_row study_rows[STUDY_NROWS];
extern const struct study_row study_ring;

/* How far this machine bears out the study's explanation when it held in held of judged
 * comparisons: "bears out", "bears out only in part" or "does not bear out". */
const char *study_explanation_word(int held, int judged);

/* What readers call method: the study's label for its three ("read/write", "mmap+memcpy",
 * "splice"), the method's own name for every other. */
const char *study_display_name(const char *method);

/* The study's rows, then the ring beside them (study_ring): the sides the profile's tables
 * show, into all[STUDY_NROWS + 1]. */
void study_rows_and_ring(const struct study_row *all[STUDY_NROWS + 1]);

/* The chunk each row's method runs at in the study phase (4 KiB, splice: CHUNK_REST). */
uint64_t study_chunk_of(const char *method);

/* The study's row whose method (as bulkxfer names it) is method, or NULL (the ring, shm, is no
 * row of the study's). */
const struct study_row *study_row_of(const char *method);

enum study_metric { METRIC_CPU_SUM, METRIC_SENDER_CPU, METRIC_RECEIVER_CPU, METRIC_WALL,
		    METRIC_GIB, METRIC_FLOOR };

/* The 2014 code's ratio a / b of metric (sender CPU, receiver CPU or their sum) for two study
 * rows' methods (pipe, shm-whole or shm, splice), from its published averages; 0 when either is
 * not a study row or the study did not measure metric (wall time, throughput). */
double study_2014_ratio(const char *a, const char *b, enum study_metric metric);

/* The value a target claim (TARGET_SPLICE_VS_RW4K, TARGET_RING_VS_SPLICE, "floor") must reach,
 * its throughput ratio a / b at least this; 0 for a claim that is no target. */
double study_target_of(const char *claim);

/* "cpu_sum", "sender_cpu", "receiver_cpu", "wall" (GiB/s and floor comparisons are wall's). */
const char *study_metric_name(enum study_metric m);

struct claim {
	char phase[16];		/* "study" or "tuned" */
	char claim[24];		/* "ratio", "ordering", or a target's short name */
	char metric[16];
	char a[48], b[48];	/* what is compared: a / b */
	uint64_t b_chunk;	/* the chunk of b's runs, STUDY_ANY_CHUNK when any */
	struct ratio_ci r;	/* r.valid 0 for the ordering and for missing data */
	char verdict[32];	/* cheaper ... no clear difference; reproduced ...; met ... */
	int direction;		/* ratios: -1 a less, +1 a more, 0 undecided; targets: 1 met, -1
				 * missed; the ordering: -1 reproduced, +1 contradicted */
	int open;		/* undecided, a later look remains, and it is not a wall-time claim:
				 * more rounds may decide it, and reproduce adds them */
	size_t pairs;		/* rounds that ran both sides */
	size_t look_pairs;	/* the look the verdict and interval are from (0: none reached) */
	size_t next_look;	/* open: the pairs the next look needs */
	double level;		/* that look's confidence level (sequential.h) */
	char undecided_pairs[160];	/* the ordering: which pairs are not decided */
	char ruled_out_pairs[160];	/* the ordering: pairs against it only because their
					 * interval rules out the 2014 saving */
};

struct claim_set {
	struct claim v[STUDY_MAX_CLAIMS];
	size_t n;
	const char *study_series;	/* the series judged as the study ("study", else the first
					 * that is no sweep); NULL when there is none */
	const char *mmap_method;	/* the study's mmap+memcpy row: shm-whole, else shm */
};

/* How one pair "a is cheaper than b" of the study's ordering stands on its CPU-sum claim x
 * (ratio a / b) against the 2014 code's ratio then (study_2014_ratio): -1 in the study's
 * order (x decided cheaper); +1 against it: x decided costlier, or x's interval rules out the
 * saving the 2014 code measured (its low end above then: here a costs more than then x b,
 * whatever the rest of the interval says); 0 neither (the interval still holds then and
 * reaches the noise band).  The second way is what decides a pair whose two methods cost about
 * the same here: no finite number of rounds shows a ratio of 1.00 on either side of the band,
 * but a few show that the 2014 difference is not there.  Its error rate is the interval's: at
 * most 5% across the looks (sequential.h), tested on simulated rounds at a true ratio of then. */
int study_order_pair(const struct claim *x, double then);

/* The log ratios log(a) - log(b), one per round (the records' `run` number) that ran both a (in
 * series_a, at chunk_a) and b, in round order, into d[0..max).  chunk UINT64_MAX: the first
 * chunk seen.  Returns how many. */
size_t study_pairs(const struct run_record *r, size_t n, const char *series_a, const char *a,
		   uint64_t chunk_a, enum study_metric metric_a, const char *series_b,
		   const char *b, uint64_t chunk_b, enum study_metric metric_b, double *d, size_t max);

/* Judge every claim records[0..n) allow, into *out, each by the sequential design
 * (sequential.h) on the rounds that ran both its sides.  The targets' methods are named in
 * advance from the chunk sweep (the fastest; the faster ring), never from the tuned runs. */
void study_judge(const struct run_record *records, size_t n, struct claim_set *out);

/* The claim of phase called claim with metric, a and b (NULL = any), or NULL. */
const struct claim *study_find(const struct claim_set *c, const char *phase, const char *claim,
			       const char *metric, const char *a, const char *b);

/* How many claims of phase (NULL = all) are still open (undecided). */
size_t study_open_claims(const struct claim_set *c, const char *phase);

/* Write verdicts.csv: the header phase,claim,metric,a,b,estimate,ci_low,ci_high,verdict and one
 * row per claim.  Returns 0 or -errno. */
int study_write_verdicts(const char *path, const struct claim_set *c);

#endif
