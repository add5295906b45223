/*
 * html_methods.h - report.html's view of each method the job ran: every run of its settings as
 * a point (coloured by what the host did during it, the profiled runs beside them), its chunk
 * curve with the bytes each call actually moved, and theory beside measurement (copies, system
 * calls, mode switches, context switches, faults, the profile's largest categories).
 */
#ifndef BX_HTML_METHODS_H
#define BX_HTML_METHODS_H

#include <stddef.h>
#include <stdio.h>

#include "analysis/facts/facts.h"

/* Write one <article class="method" id="method-<name>"> per method with a measured group
 * outside the sweeps among the job's groups, in the method table's order, into f, inside a
 * <section id="methods"> (nothing when there is none).  Returns 0. */
int html_methods_write(FILE *f, const struct job_facts *facts);

#endif
