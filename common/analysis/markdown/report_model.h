/*
 * report_model.h - the cost model in words, tables and graph data (analysis/model/model.h fits it):
 * the coefficients with their intervals beside the primitives measured directly, each method's
 * CPU time broken into calls, copies, page references, faults, wake-ups, fixed and residual, and
 * the check by prediction (fitted without the study phase, then predicting it).
 */
#ifndef BX_REPORT_MODEL_H
#define BX_REPORT_MODEL_H

#include <stdint.h>
#include <stdio.h>

#include "analysis/facts/study_profile.h"
#include "analysis/model/model.h"
#include "record/results.h"

struct primitive_costs;

/* Direct measurements to put beside the fit (any may be NULL / 0: not measured). */
struct claim_set;
struct profile_set;
struct model_checks {
	const struct primitive_costs *primitives;
	double memcpy_gib_s;	/* one core's memcpy; its inverse is seconds per GiB copied */
	const struct claim_set *claims;		/* the study's verdicts (NULL: none) */
	const struct profile_set *profiles;	/* the job's profiles (NULL: none) */
	/* The profile's difference of each study row against read/write, [STUDY_NROWS] as the
	 * job's facts hold them (NULL: none). */
	const struct profile_difference *differences;
};

/* Print the model section (markdown) for records[0..n) under the heading "## <heading>" (NULL:
 * "Where the CPU time goes: a cost model"), from fit (model_fit_sides of the same records; NULL
 * when none could be fitted: says so).  Returns 0, or -1 when there is no fit. */
int report_model_print(FILE *f, const char *heading, const struct run_record *r, size_t n,
		       const struct model_checks *checks, const struct side_models *fit);

/* report.md's appendix: report_model_print of the job's fit, headed "Appendix: a cost model
 * fitted to the runs", then the fit beside the profile: each study side's shares of CPU time,
 * the model's beside the measured ones, with where the model is wrong (nothing when nothing was
 * profiled).  Returns 0. */
struct job_facts;
int report_model_section(FILE *f, const struct job_facts *facts);

/* Predict what one transfer of m_ethod (size bytes, chunk per call) should cost on each side
 * from the fitted model: calls, copies and page references from the method's theory, the fixed
 * cost; faults and wake-ups depend on the machine and are not predicted (said in the output). */
struct method;
void report_model_predict(FILE *f, const struct side_models *m, const struct method *method,
			  uint64_t size, uint64_t chunk);

/* The fitted model's split of one side's median CPU seconds (the runs of method in series at
 * chunk): shares[t] for each term and shares[MODEL_NTERMS] for the residual, fractions of the
 * median.  Returns 1, or 0 when those runs are not there. */
int report_model_shares(const struct run_record *r, size_t n, const struct side_models *m,
			const char *series, const char *method, uint64_t chunk,
			enum model_side side, double shares[MODEL_NTERMS + 1]);

#define REPORT_MODEL_BARS 1	/* plot-breakdown.csv has a row to draw */
#define REPORT_MODEL_CALLS 2	/* plot-calls.csv has runs and model lines to draw */

/* The calls graph draws a point per run up to this many runs, past it one run in
 * report_model_calls_stride(n) (a scatter of a pooled file's million points took gnuplot
 * seconds and drew one blot). */
#define REPORT_CALLS_MAX_POINTS 20000
size_t report_model_calls_stride(size_t n);

/* Write model.csv, plot-breakdown.csv and plot-calls.csv into dir from records[0..n) and the
 * fitted m.  Returns the REPORT_MODEL_* flags of the graphs that have something to draw, or
 * -errno. */
int report_model_write(const char *dir, const struct run_record *r, size_t n,
		       const struct side_models *m);

#endif
