/*
 * report_model_prose.h - the cost model in sentences, for report.md's model section.
 */
#ifndef BX_REPORT_MODEL_PROSE_H
#define BX_REPORT_MODEL_PROSE_H

#include <stddef.h>
#include <stdio.h>

#include "analysis/model/model.h"
#include "record/results.h"

/* The model in sentences whether this machine bears out the study's
 * explanation (fewer copies, less CPU), and which term dominates each study method at 4 KiB and
 * at 1 MiB; every number from the fit m and the runs' median counts. */
void report_model_prose(FILE *f, const struct run_record *r, size_t n, const struct side_models *m);

#endif
