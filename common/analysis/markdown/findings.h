/*
 * findings.h - report.md's first section, "What this job found": the same findings, in the same
 * sentences, as the terminal's answer and report.html's first screen.
 */
#ifndef BX_MARKDOWN_FINDINGS_H
#define BX_MARKDOWN_FINDINGS_H

#include <stdio.h>

#include "analysis/facts/facts.h"

/* The findings as report.md's first section: sentences, each with its interval and 2014 value,
 * how far to trust them, the "Which method for ..." table, then "What decides each claim here":
 * the unit costs, a row per pair (each unit's difference per GiB at this machine's cost) and
 * the sentences (nothing when no pair was explained).  Returns 0. */
int answer_write_findings(FILE *md, const struct job_facts *facts);

#endif
