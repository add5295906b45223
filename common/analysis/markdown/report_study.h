/*
 * report_study.h - report.md's sections about claims (the other sections are their own
 * files of markdown/): the study
 * beside this machine, every ratio with its interval and verdict, the ordering, what
 * synchronisation costs, and the targets.
 */
#ifndef BX_REPORT_STUDY_H
#define BX_REPORT_STUDY_H

#include <stdio.h>

#include "analysis/facts/facts.h"
#include "analysis/judge/groups.h"
#include "analysis/judge/study.h"

#define REPORT_STEADY_RATIO 1.2	/* spread worth a mark: max/min of a group of 5+ runs */
#define REPORT_LEFT_ALONE_MIN 3	/* runs the host left alone a group needs to be judged on them */
#define REPORT_DURATION_TARGET_S 300.0	/* target: `make reproduce` on 1.4 GiB (issue 19) */

/* The comparison with the 2014 study (from records[0..n) and their groups), ending with the
 * ordering verdict line. */
int report_study_print(FILE *f, const struct job_facts *facts);

/* report.md's section "Against the 2014 study": its heading, then report_study_print. */
int report_study_section(FILE *f, const struct job_facts *facts);

/* The floor, the targets (each met, missed or undecided) and the spread of the groups. */
int report_targets_print(FILE *f, const struct job_facts *facts);

/* 1 when a group of 5+ runs spreads beyond REPORT_STEADY_RATIO (max/min). */
int report_group_unsteady(const struct group *g);

#endif
