/*
 * primitives.h - the unit costs the cost model (analysis/model.h) fits, measured directly, in
 * the manner of lmbench's lat_syscall, lat_pagefault and lat_ctx: a null system call, a minor
 * fault of a fresh anonymous page, and a pipe wake-up between two processes.  Each is the best
 * (lowest) of a few passes in CPU time or wall time as said, since on a VM anything slower is the
 * host's, not the primitive's.
 */
#ifndef BX_PRIMITIVES_H
#define BX_PRIMITIVES_H

struct primitive_costs {
	double syscall_s;	/* one getppid(), CPU seconds */
	double fault_s;		/* one first touch of a fresh 4 KiB anonymous page, CPU seconds */
	double wakeup_s;	/* half a pipe round trip between two processes, wall seconds */
};

/* Measure the three (well under a second on bare metal; a few on a guest whose faults and
 * wake-ups go through the host).  A primitive that cannot be measured is 0. */
void primitives_measure(struct primitive_costs *out);

#endif
