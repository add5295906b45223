/*
 * unit_words.h - the study's claims told with this machine's unit costs (findings'
 * unit_explanation of each pair, analysis/model/unit_explain.h): the costs measured here, which
 * unit decides each claim, and where a claim disagrees with 2014 the unit cost at which it would
 * not.  The terminal, report.md and report.html say the same sentences.
 */
#ifndef BX_WORDS_UNIT_WORDS_H
#define BX_WORDS_UNIT_WORDS_H

#include <stddef.h>

#include "analysis/facts/findings.h"

/* "a fault 11.4 us, a system call 1.10 us, a pipe wake-up 11.9 us; copying 1 GiB 0.081 s
 * (memcpy), 0.130 s (the kernel)": what was measured, into buf; NULL when nothing was. */
const char *answer_unit_costs_text(const struct unit_costs *u, char *buf, size_t len);

/* The unit cost of term t in words ("11.4 us", "0.081 s"). */
const char *answer_unit_value(enum unit_term t, double seconds, char *buf, size_t len);

/* What decides pair fp here, and for a pair whose verdict flips the 2014 one, where the order
 * would turn: "mmap+memcpy would cost less than read/write here if a fault cost under 3.2 us;
 * it costs 11.4 us (the 2014 order holds where faults are cheaper)".  Never states a unit the
 * profile does not bear out (says so instead).  NULL when fp was not explained. */
const char *answer_units_sentence(const struct finding_pair *fp, char *buf, size_t len);

#endif
