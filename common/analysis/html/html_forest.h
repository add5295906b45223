/*
 * html_forest.h - report.html's forest plot: every claim with an interval, one row each, on one
 * log-scaled ratio axis: the estimate, its interval, the value the 2014 code measured where
 * there is one, the 1x line and the noise band around it, and the verdict in words.  A teacher
 * can project it; the same numbers are in the table that follows it (its text alternative).
 */
#ifndef BX_HTML_FOREST_H
#define BX_HTML_FOREST_H

#include <stdio.h>

struct claim_set;

/* Write the forest plot of c's claims (an inline <svg>, then its table) to f.  Returns how many
 * claims it drew (0: nothing had an interval, and only a sentence saying so is written). */
int html_forest_write(FILE *f, const struct claim_set *c);

/* report.html's section "Every claim, with its interval": the forest plot of the job's claims
 * and how to read it.  Returns 0. */
struct job_facts;
int html_claims_section(FILE *f, const struct job_facts *facts);

#endif
