/*
 * report_profile.h - the report's "Where the CPU time goes, measured": each study side's
 * measured categories (a sampled profile, profile_out.h), the study's explanation ("fewer
 * copies, less CPU") judged from them, the fitted model's shares beside the measured ones, each
 * tuned method's largest categories, and what profiling itself cost.  Every number comes from
 * the profile or from the runs; the prose verdict on the explanation is this section's.
 */
#ifndef BX_REPORT_PROFILE_H
#define BX_REPORT_PROFILE_H

#include <stddef.h>
#include <stdio.h>

#include "analysis/facts/facts.h"
#include "analysis/model/model.h"
#include "analysis/profile/categories.h"
#include "record/profile_set.h"
#include "record/results.h"

/* A share of a side's samples the model and the profile may differ by before the report says
 * the model is wrong there (10 points). */
#define PROFILE_MODEL_GAP 0.10

/* Print the section into f: only what was measured (the fitted model is judged against it in
 * the appendix, report_profile_model_beside).  set holds the profiles (NULL or empty: none, and
 * why_none says why, e.g. the refusal); records are every run of the job, for the agreement
 * with getrusage and the cost of profiling; claims (NULL: none) are the study's verdicts:
 * whether a method takes less CPU than read/write is theirs (intervals over every round), the
 * profile says where the difference lies. */
struct claim_set;
int report_profile_print(FILE *f, const struct job_facts *facts);

#endif
