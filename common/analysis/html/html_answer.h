/*
 * html_answer.h - report.html's first section: what the job found (its findings, told in the
 * sentences report.md and the terminal use) and which method for what.
 */
#ifndef BX_HTML_ANSWER_H
#define BX_HTML_ANSWER_H

#include <stdio.h>

#include "analysis/facts/facts.h"

/* Write <section id="answer"> from facts->findings.  Returns 0. */
int html_answer_write(FILE *f, const struct job_facts *facts);

#endif
