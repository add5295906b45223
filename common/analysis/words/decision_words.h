/*
 * decision_words.h - the words of "Which method, by size and side" (facts/decision.h) that
 * report.md, report.html and the terminal answer all say: what a row's transfer is, a pick's
 * method and setting, and each number with its interval.
 */
#ifndef BX_DECISION_WORDS_H
#define BX_DECISION_WORDS_H

#include <stddef.h>

#include "analysis/facts/decision.h"

/* The three figures of a pick, each "2.41 [2.10, 2.60]", "2.41 (1 run)" or with the interval's
 * level when below 95% ("(a 75% interval)"): GiB/s, then each side's CPU seconds per GiB. */
struct decision_figures {
	char gib[96], sender[96], receiver[96];
};
void decision_figures_of(const struct group *g, struct decision_figures *out);

/* What row r's transfer is: "a 128 MiB file in 64 KiB calls (chunk sweep: a stream of 64 KiB
 * messages)", "a 16 MiB file (size sweep)", ... (short 1: "64 KiB calls", "16 MiB file",
 * "128 MiB kept", for the terminal).  Returns buf. */
const char *decision_row_words(const struct decision_row *r, int short_form, char *buf,
			       size_t len);

/* Which pick a line states: "least CPU", "fastest", or "least CPU and fastest" when one group
 * is both. */
const char *decision_pick_words(const struct decision_row *r, int fastest);

/* The pick's method and setting, and the methods tied with it: "splice, chunk 1 MiB; tied in
 * CPU with shm-rw".  Returns buf. */
const char *decision_setting_words(const struct decision_row *r, int fastest, char *buf,
				   size_t len);

/* Whether method d worked in this job: "worked: every run verified", "not run in this job", ... */
const char *decision_outcome_words(const struct decision_method *d);

#endif
