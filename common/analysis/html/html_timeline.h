/*
 * html_timeline.h - report.html's timeline of a job's runs: one lane per series, each run a bar
 * from its start for its wall time, coloured by what the host did during it (took memory back,
 * stole CPU, or left it alone), so a reader sees when the host disturbed the job and which
 * phases it hit.
 */
#ifndef BX_HTML_TIMELINE_H
#define BX_HTML_TIMELINE_H

#include <stddef.h>
#include <stdio.h>

#include "record/results.h"

/* The host state a run is drawn in: the worse of what the host did during it. */
enum html_host_state { HOST_LEFT_ALONE, HOST_STOLE_CPU, HOST_TOOK_MEMORY, HOST_NSTATES };

/* The state of run r (groups.h's thresholds; taking memory counts before stealing CPU). */
enum html_host_state html_host_state_of(const struct run_record *r);

/* Its colour (Okabe-Ito) and its words, for the page's keys. */
const char *html_host_colour(enum html_host_state s);
const char *html_host_words(enum html_host_state s);

/* Write the timeline of r[0..n) (a <figure> with an inline SVG, its text alternative and a
 * caption that counts the runs in each state) into f.  Returns how many runs it drew: 0 when
 * no run has a timestamp it can read (nothing written). */
size_t html_timeline_write(FILE *f, const struct run_record *r, size_t n);

/* report.html's section "When the host stepped in": html_timeline_write of the job's runs, or
 * a line saying no run has a timestamp.  Returns 0. */
struct job_facts;
int html_timeline_section(FILE *f, const struct job_facts *facts);

#endif
