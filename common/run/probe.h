/*
 * probe.h - can this kernel and filesystem do a method?  Moves a small file with it and says.
 */
#ifndef BX_PROBE_H
#define BX_PROBE_H

#include "base/errors.h"
#include "catalog/methods.h"

#define PROBE_BYTES (256 * 1024 + 7)	/* several chunks of 64 KiB, and not a round size */

/* Transfer PROBE_BYTES with m in workdir (files removed after).  Returns 0 when it works;
 * HARNESS_UNSUPPORTED or BX_EXIT_FAILURE with the reason in *err otherwise. */
int probe_method(const struct method *m, const char *workdir, struct bx_error *err);

#endif
