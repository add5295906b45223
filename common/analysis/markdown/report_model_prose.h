/*
 * report_model_prose.h - the cost model in sentences, for report.md's model section.
 */
#ifndef BX_REPORT_MODEL_PROSE_H
#define BX_REPORT_MODEL_PROSE_H

#include <stddef.h>
#include <stdio.h>

#include "analysis/facts/study_profile.h"
#include "analysis/model/model.h"
#include "record/results.h"

/* The model in sentences: for read/write against each study method that copies less, the
 * measured difference of their CPU with its verdict (claims, NULL: none), the fit m's split of
 * it into terms, and whether the fit's largest term is the profile's largest difference
 * (differences: the profile's difference of each study row against read/write, [STUDY_NROWS]
 * as the job's facts hold them; NULL: none, and the sentence says so); then which term dominates each study method
 * at 4 KiB and at 1 MiB.  Every number from the fit, the runs' median counts, the verdicts and
 * the profile. */
struct claim_set;
struct profile_set;
void report_model_prose(FILE *f, const struct run_record *r, size_t n, const struct side_models *m,
			const struct claim_set *claims, const struct profile_difference *differences);

#endif
