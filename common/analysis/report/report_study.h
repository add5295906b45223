/*
 * report_study.h - the report's sections about claims (report.c writes the rest): the study
 * beside this machine, every ratio with its interval and verdict, the ordering, what
 * synchronisation costs, and the targets.
 */
#ifndef BX_REPORT_STUDY_H
#define BX_REPORT_STUDY_H

#include <stdio.h>

#include "analysis/judge/groups.h"
#include "analysis/judge/study.h"
#include "analysis/report/report.h"

/* The comparison with the 2014 study (from records[0..n) and their groups), ending with the
 * ordering verdict line. */
void report_study_print(FILE *f, const struct run_record *records, size_t n,
			const struct group *g, size_t ng, const struct claim_set *c,
			const struct report_context *ctx);

/* The floor, the targets (each met, missed or undecided) and the spread of the groups. */
void report_targets_print(FILE *f, const struct group *g, size_t ng, const struct claim_set *c,
			  const struct report_context *ctx);

/* 1 when a group of 5+ runs spreads beyond REPORT_STEADY_RATIO (max/min). */
int report_group_unsteady(const struct group *g);

#endif
