/*
 * html_decision.h - report.html's "Which method, by size and side": the decision table
 * (facts/decision.h) as a real table, the methods not run and how to run them, and what each
 * method needs of a machine.
 */
#ifndef BX_HTML_DECISION_H
#define BX_HTML_DECISION_H

#include <stdio.h>

#include "analysis/facts/facts.h"

/* Write the section into f from the job's facts; nothing when the table has no row.
 * Returns 0. */
int html_decision_write(FILE *f, const struct job_facts *facts);

#endif
