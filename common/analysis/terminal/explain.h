/*
 * explain.h - where the copies go: for each method, the bytes' route as one chain, the theory
 * per chunk (CPU copies, system calls, user/kernel switches of each side) and, from a results
 * CSV, the measured figures beside it.
 */
#ifndef BX_EXPLAIN_H
#define BX_EXPLAIN_H

#include <stddef.h>
#include <stdio.h>

#include "analysis/judge/groups.h"
#include "catalog/methods.h"

/* Write the route of m's bytes, "src page cache -(how)-> ... -> dst page cache", into buf. */
const char *explain_chain(const struct method *m, char *buf, size_t len);

/* Print m's summary, channel, chain and theory per chunk. */
void explain_theory(FILE *out, const struct method *m);

/* Print, for every group of g whose method is m, the measured per-GiB figures of each side
 * beside the theory: CPU seconds (user, system), system calls, bytes per call, context
 * switches and page faults. */
void explain_measured(FILE *out, const struct method *m, const struct group *g, size_t n);

struct profile_row;

/* Print the measured categories of method m's profiled sides in rows[0..n) (profile_out.h)
 * beside its theory: for each profiled setting, each side's CPU seconds and its categories by
 * share, largest first.  Prints a line saying none when m was not profiled. */
void explain_profile(FILE *out, const struct method *m, const struct profile_row *rows, size_t n);

#endif
