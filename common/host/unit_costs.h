/*
 * unit_costs.h - the unit costs the study's lesson turns on, as one job measured them: a minor
 * fault on fresh memory, a null system call, a pipe wake-up (primitives.h), and the warm copy
 * rates of user space and of the kernel (floor.h).  reproduce writes them beside runs.csv as
 * unit-costs.csv, so `bulkxfer report` of the job explains it with the same numbers.
 */
#ifndef BX_UNIT_COSTS_H
#define BX_UNIT_COSTS_H

#include "base/errors.h"
#include "host/floor.h"
#include "host/primitives.h"

struct unit_costs {
	double fault_s;			/* one first touch of a fresh 4 KiB page, CPU seconds */
	double syscall_s;		/* one getppid(), CPU seconds */
	double wakeup_s;		/* half a pipe round trip between two processes, seconds */
	double memcpy_gib_s;		/* one core's memcpy between present buffers, DRAM to DRAM */
	double kernel_copy_gib_s;	/* the kernel copying cached pages into present memory */
	double memcpy_reused_gib_s[REUSED_BUFFERS];	/* memcpy from DRAM into one reused
							 * buffer of floor_reused_bytes[i] */
};

#define UNIT_COSTS_FILE "unit-costs.csv"

/* The unit costs of l and p (either may be NULL: its figures are 0, not measured). */
void unit_costs_of(const struct machine_limits *l, const struct primitive_costs *p,
		   struct unit_costs *out);

/* Whether any figure of u was measured. */
int unit_costs_known(const struct unit_costs *u);

/* Write u to path as "quantity,value" lines under a header, whole or not at all.  Returns 0 or
 * -errno. */
int unit_costs_write(const char *path, const struct unit_costs *u);

/* Read path (written by unit_costs_write) into *u (zeroed first; quantities it does not know
 * are skipped, so a newer file reads).  Returns 0, -ENOENT when there is no such file (*err
 * untouched), or BX_EXIT_USAGE with *err naming the file and the line that is wrong. */
int unit_costs_read(const char *path, struct unit_costs *u, struct bx_error *err);

#endif
