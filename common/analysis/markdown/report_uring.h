/*
 * report_uring.h - the report's section "io_uring beside the classic calls" (issue 23): each
 * io_uring method beside the method that moves the bytes the same way with ordinary system
 * calls (uring / pipe, uring-splice / splice, uring-zc / tcp), wherever both ran in one series:
 * the ratio of their CPU and wall time with its interval and verdict, and the system calls per
 * GiB each side made (what batching in io_uring_enter buys), from the job's facts
 * (facts/uring_pairs.h).
 */
#ifndef BX_REPORT_URING_H
#define BX_REPORT_URING_H

#include <stddef.h>
#include <stdio.h>

#include "analysis/facts/facts.h"

/* Write the section into f; nothing when no series ran an io_uring method beside its
 * counterpart. */
int report_uring_print(FILE *f, const struct job_facts *facts);

#endif
