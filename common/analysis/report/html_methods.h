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

#include "record/profile_set.h"
#include "record/results.h"

/* Write one <article class="method" id="method-<name>"> per method with a measured group
 * outside the sweeps in r[0..n), in the method table's order, into f (profiles: NULL or the
 * job's).  Returns how many it wrote, or -ENOMEM. */
int html_methods_write(FILE *f, const struct run_record *r, size_t n,
		       const struct profile_set *profiles);

#endif
