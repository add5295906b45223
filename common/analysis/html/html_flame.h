/*
 * html_flame.h - report.html's interactive flame graphs: every profiled side's folded stacks as
 * embedded JSON (a table of frames, each with its category from the frame table, and the stacks
 * as lists of frame numbers, the harness's own frames folded away), and the script that draws
 * them: click a frame to zoom into it, Escape or "reset" to come back, a regular expression to
 * search with the share of samples it matches.  Works offline from file://.
 */
#ifndef BX_HTML_FLAME_H
#define BX_HTML_FLAME_H

#include <stdio.h>

#include "record/profile_set.h"

/* Write the flame-graph section for set to f (a sentence saying why there is none when set is
 * NULL or empty, why_none when given).  Returns how many sides it holds, or -ENOMEM. */
int html_flame_write(FILE *f, const struct profile_set *set, const char *why_none);

/* report.html's section "Where the CPU time goes: flame graphs": what a frame means, then
 * html_flame_write of the job's profiles.  Returns 0 or -errno. */
struct job_facts;
int html_flames_section(FILE *f, const struct job_facts *facts);

/* The stack folded's frames that belong to the transfer: everything after the harness's last
 * frame (fault_guard_run, else harness_run_half), or the whole stack when neither is on it.
 * Returns a pointer into folded. */
const char *html_flame_fold_harness(const char *folded);

#endif
