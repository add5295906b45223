/*
 * reproduce.h - the main job: re-run the 2014 comparison on this machine and write a report.
 */
#ifndef BX_REPRODUCE_H
#define BX_REPRODUCE_H

#include "base/errors.h"
#include "run/plan.h"

/* With the plan of `bulkxfer reproduce` (made from its preflighted options; plan->out set), run
 * in order (record/names.h names each series):
 *   study          the methods with the study's 4 KiB chunks, rounds added while a claim is open;
 *   chunk-sweep    three interleaved runs of every method, and of every study method, at every
 *                  chunk of plan->chunks (on at most 128 MiB);
 *   tuned          every method at its best chunk (fastest median) from that sweep, interleaved;
 *   study-profile, tuned-profile  three sampled rounds (fewer with fewer --runs) of each of
 *                  those two phases, run among its first rounds (reproduce_profile_after);
 *   ipc-sweep      the methods that can send from memory, memory to memory;
 *   page-placed-sweep, malloc-placed-sweep  read/write memory to memory with page-aligned
 *                  buffers and with buffers where malloc() puts them, interleaved (placement.h);
 *   size-sweep     one run of every method at its best chunk on 1M, 16M and 256M;
 * appending every run to plan->out/runs.csv, then write the report (report.h) into plan->out and
 * print the answer (answer.h) on stdout.  Returns 0 or an exit code with *err filled. */
int reproduce_run(const struct run_plan *plan, struct bx_error *err);

/* Which of p's entries (method and chunk) an added round of phase runs: those of the claims of c
 * still open in phase, into *sub (p's options, those entries only); into *to_look the fewest
 * rounds that bring an open claim to its next look.  Returns how many claims are open.  Exposed
 * for the tests. */
struct claim_set;
size_t reproduce_round_entries(const struct run_plan *p, const struct claim_set *c,
			       const char *phase, struct run_plan *sub, size_t *to_look);

/* How many profiled rounds a phase of `runs` first rounds has: 3, or runs when fewer. */
size_t reproduce_profiled_rounds(size_t runs);

/* The measured round (1-based) of a phase of `runs` first rounds after which its profiled
 * round j (0-based, of reproduce_profiled_rounds(runs)) runs: spread evenly, after rounds 1, 3
 * and 5 of 6, 1 and 2 of 2.  Exposed for the tests. */
size_t reproduce_profile_after(size_t j, size_t runs);

#endif
