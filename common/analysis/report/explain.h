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

/* The method of group i when it is the first group of its method outside the sweeps and the
 * name resolves (a table method or a "producer+consumer" pairing, built in *scratch / name);
 * else NULL.  Both the report's theory table and the copies graph list methods this way. */
const struct method *explain_group_method(const struct group *g, size_t n, size_t i,
					  struct method *scratch, char *name);

/* CPU seconds per GiB of one group, both sides, user + system (medians). */
double explain_cpu_per_gib(const struct group *g);

/* Write the data of the copies graph: one row per method found in g: name, theoretical CPU
 * copies, and measured CPU seconds per GiB (both sides, user + system, medians) at a common
 * setting (its tuned group, each at its best chunk; else its first group outside the sweeps and
 * the study) and at the study's setting (NaN where a method lacks one).  Returns the rows
 * written, or -errno. */
int explain_write_copies_data(const char *path, const struct group *g, size_t n);

#endif
