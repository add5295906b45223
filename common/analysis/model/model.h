/*
 * model.h - where the CPU time goes: a linear cost model of each side of a transfer, fitted by
 * least squares over the runs of a results CSV.
 *
 *   CPU seconds of a side = calls x cost per system call
 *                         + GiB copied by the CPU (bytes x the side's theoretical copies) x cost
 *                           per GiB copied
 *                         + page references handed over (splice, vmsplice, sendfile: one per
 *                           4 KiB page) x cost per page reference
 *                         + page faults x cost per fault
 *                         + sleeps (voluntary context switches) x cost per wake-up
 *                         + a fixed cost per transfer (the residual's mean)
 *
 * Each side has its own coefficients (model.csv's side column: sender, receiver): the receiver's
 * copies land in a destination's page cache that has to be allocated, and on a VM first touched,
 * while the sender's read cached pages into a reused buffer; pooled, one "cost per GiB copied"
 * was wrong for both (the pooled fit predicted the study's read/write sender 60-130% too high).
 * The chunk sweep changes the calls at fixed bytes and the methods differ in copies and faults,
 * which is what lets the fit tell the terms apart.
 */
#ifndef BX_MODEL_H
#define BX_MODEL_H

#include <stddef.h>

#include "record/results.h"

enum model_term { TERM_CALL, TERM_COPY, TERM_PAGE_REF, TERM_FAULT, TERM_WAKEUP, TERM_FIXED,
		  MODEL_NTERMS };

enum model_side { SIDE_SENDER, SIDE_RECEIVER, MODEL_NSIDES };

/* The check by prediction (a fit without the study phase predicting it) aims at each side within
 * this relative error. */
#define MODEL_PREDICTION_TARGET 0.25

/* What one side of one run did, in the model's units (calls, GiB copied, page references,
 * faults, wake-ups, 1 transfer), and the CPU seconds it took. */
struct model_counts {
	double x[MODEL_NTERMS];
	double cpu_s;
};

struct cost_model {
	double coef[MODEL_NTERMS];	/* seconds per unit of each term */
	double low[MODEL_NTERMS], high[MODEL_NTERMS];	/* 95% interval */
	int identified[MODEL_NTERMS];	/* 0: no run varied it (or it moved with another term) */
	int zeroed[MODEL_NTERMS];	/* not identified because the fit made it negative */
	size_t n;			/* observations (runs of its side) behind the fit */
	double r2;			/* share of the variance of CPU seconds the fit explains */
	enum model_side side;		/* whose CPU time it models */
};

/* A model for each side, indexed by enum model_side. */
struct side_models {
	struct cost_model of[MODEL_NSIDES];
};

/* "call", "copy", "page_ref", "fault", "wakeup", "fixed" (model.csv's term column). */
const char *model_term_name(enum model_term t);

/* The coefficient in units a person reads: microseconds per call, page reference, fault and
 * wake-up, seconds per GiB copied, milliseconds per transfer; and that unit's name. */
double model_readable(enum model_term t, double seconds_per_unit);
const char *model_readable_unit(enum model_term t);

/* The counts of side of record r.  Returns 0, or -1 when r's method does not resolve to halves
 * this build knows (an old or foreign CSV row). */
int model_counts_of(const struct run_record *r, enum model_side side, struct model_counts *out);

/* "sender" or "receiver". */
const char *model_side_name(enum model_side side);

/* Fit side over every run of records[0..n) whose series is not exclude (NULL = none), each run
 * weighted by 1 / its CPU seconds (relative errors; model.c says why).
 * Returns 0, or -1 when there are fewer observations than terms. */
int model_fit(const struct run_record *records, size_t n, const char *exclude,
	      enum model_side side, struct cost_model *m);

/* model_fit for each side into ms->of[].  Returns 0, or -1 when either side cannot be fitted. */
int model_fit_sides(const struct run_record *records, size_t n, const char *exclude,
		    struct side_models *ms);

/* The predicted CPU seconds of counts, with each term's share in terms[] (may be NULL). */
double model_predict(const struct cost_model *m, const struct model_counts *c,
		     double terms[MODEL_NTERMS]);

/* model.csv: side,term,coefficient,ci_low,ci_high,unit, a row per side (sender, receiver) and
 * term (seconds per unit; unit "s/call", "s/GiB", "s/page", "s/fault", "s/wakeup",
 * "s/transfer"; the three numbers empty for a term not identified; 0 with an empty interval for
 * a term the fit made negative and left out as no cost, as the report prints it).  Returns 0
 * or -errno. */
int model_write_csv(const char *path, const struct side_models *ms);

/* Read a model.csv written by model_write_csv (rows of side "both" set both sides).  Returns 0,
 * or -errno / -EINVAL when a side lacks a row for some term. */
int model_read_csv(const char *path, struct side_models *ms);

#endif
