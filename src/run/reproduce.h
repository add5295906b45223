/*
 * reproduce.h - the main job: re-run the 2014 comparison on this machine and write a report.
 */
#ifndef BX_REPRODUCE_H
#define BX_REPRODUCE_H

#include "base/errors.h"
#include "run/plan.h"

/* With the options of `bulkxfer reproduce` (parsed and preflighted; plan->out set), run in order:
 *   study       the methods with the study's 4 KiB chunks, plan->runs runs each, interleaved;
 *   chunk-sweep three interleaved runs of every method, and of every study method, at every
 *               chunk of plan->chunks (on at most 128 MiB);
 *   tuned       every method at its best chunk (fastest median) from that sweep, plan->runs runs,
 *               interleaved;
 *   size-sweep  one run of every method at its best chunk on 1M, 16M, 256M and the full size;
 * appending every run to plan->out/runs.csv, then write the report (report.h) into plan->out and print
 * the comparison with the study on stdout.  Returns 0 or an exit code with *err filled. */
int reproduce_run(const struct run_plan *plan, struct bx_error *err);

/* Which of p's entries (method and chunk) an added round of phase runs: those of the claims of c
 * still open in phase, into *sub (p's options, those entries only); into *to_look the fewest
 * rounds that bring an open claim to its next look.  Returns how many claims are open.  Exposed
 * for the tests. */
struct claim_set;
size_t reproduce_round_entries(const struct run_plan *p, const struct claim_set *c,
			       const char *phase, struct run_plan *sub, size_t *to_look);

#endif
