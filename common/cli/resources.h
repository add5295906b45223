/*
 * resources.h - is there room for the run?  Checked before the first byte moves, so that a run
 * that cannot fit is a usage error (exit 2) with a line saying what it needs and what there is,
 * not a disk filled for a minute, a SIGBUS or the OOM killer later.
 */
#ifndef BX_RESOURCES_H
#define BX_RESOURCES_H

#include "base/errors.h"
#include "cli/options.h"

/* Check that o's largest file fits: the generated source in the workdir, plus the destination
 * (or the floor's and the prime's scratch file, which never coexist with a full destination) on
 * the destination's filesystem, summed where both are one filesystem; and, when a method keeps
 * the whole file in shared memory (shm-whole), that /dev/shm and MemAvailable hold it.  Also
 * that a regular file can be created in the workdir at all.
 * Returns 0, or BX_EXIT_USAGE with *err filled. */
int resources_check(const struct run_options *o, struct bx_error *err);

#endif
