/*
 * report_decision.h - report.md's "Which method, by size and side": the decision table
 * (facts/decision.h), the methods not run and how to run them, and what each method needs of
 * a machine with whether it worked in this job.
 */
#ifndef BX_REPORT_DECISION_H
#define BX_REPORT_DECISION_H

#include <stdio.h>

#include "analysis/facts/facts.h"

/* Write the section into f from the job's facts.  Nothing when the job has no row (no
 * reproduce phase ran).  Returns 0. */
int report_decision_print(FILE *f, const struct job_facts *facts);

#endif
