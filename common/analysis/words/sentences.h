/*
 * sentences.h - the words every view of a job uses alike, so the terminal, report.md and
 * report.html say one thing one way: a setting's chunk in words, the findings' sentences (the
 * ordering, the profile's "why", how far to trust them), and a line fitted to a terminal's width.
 * They format the job's facts and compute nothing.
 */
#ifndef BX_WORDS_SENTENCES_H
#define BX_WORDS_SENTENCES_H

#include <stddef.h>
#include <stdio.h>

#include "analysis/facts/findings.h"
#include "analysis/judge/groups.h"

/* Fit line (a NUL-terminated text in a buffer at least columns + 1 long) into columns, cutting
 * it between words with "..." when it is longer: never inside a word, so no number is cut
 * short. */
void answer_fit_line(char *line, size_t columns);

/* "chunk 4 MiB" or, where a pipe smaller than the chunk cut each call, "chunk 4 MiB (1 MiB a
 * call)": what each call moved, into buf[len].  Returns buf. */
const char *answer_chunk_words(const struct group *g, char *buf, size_t len);

/* The size of a CPU time in seconds, |s|, as a reader can see it: "1.234 s" from a tenth of a
 * second up, "3.21 ms" below (where "0.000 s" would hide a small job's whole difference), into
 * buf[len].  Returns buf. */
const char *words_cpu_time(double s, char *buf, size_t len);

/* pairs ("shm-whole vs pipe, splice vs pipe") with the study's names: "mmap+memcpy vs
 * read/write, ...", into buf[len]. */
void display_pairs(const char *pairs, char *buf, size_t len);

/* The findings' sentences report.md and report.html both print, into buf[len]: the ordering
 * with the pairs that decided it (in the study's names), the profile's "why" (NULL when nothing
 * was profiled), and how far to trust the rest (the intervals' levels, the host's
 * disturbances).  Each returns buf. */
const char *answer_ordering_sentence(const struct findings *f, char *buf, size_t len);
const char *answer_why_sentence(const struct findings *f, char *buf, size_t len);
const char *answer_trust_sentence(const struct findings *f, char *buf, size_t len);

/* ", N% of one core's memcpy ... (R GiB/s), the same working set" after g's rate: the
 * reference of its receiver's working set (mem_memcpy_reference), and, when g's whole interval
 * is above it, that the two sides' copies ran on two cores.  Nothing when units has none. */
void words_memcpy_reference(FILE *f, const struct unit_costs *units, const struct group *g);

#endif
