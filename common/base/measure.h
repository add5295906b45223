/*
 * measure.h - what one half costs: wall time on CLOCK_MONOTONIC (comparable between the parent
 * and the child, so end-to-end time can be taken across them) and getrusage() deltas of the
 * calling process around its own transfer loop.
 */
#ifndef BX_MEASURE_H
#define BX_MEASURE_H

#include <stdint.h>
#include <sys/resource.h>
#include <time.h>

struct measure_snapshot {
	double mono_s;		/* CLOCK_MONOTONIC in seconds */
	struct rusage usage;	/* RUSAGE_SELF */
};

/* The figures of one half over its transfer loop. */
struct half_figures {
	double start_s, end_s;	/* CLOCK_MONOTONIC at loop start and end */
	double wall_s;		/* end_s - start_s */
	double user_s, sys_s;	/* CPU seconds in user and kernel mode */
	int64_t vcsw, ivcsw;	/* voluntary and involuntary context switches */
	int64_t minflt, majflt;	/* minor and major page faults */
	uint64_t syscalls;	/* system calls the loop issued (counted by the half) */
	int64_t kernel_syscalls;	/* the same as the kernel counted them (syscall_count.h,
					 * which calls it counts: kernel_syscalls_by); -1: not */
	int kernel_syscalls_by;	/* enum syscall_counter */
	uint64_t bytes;		/* bytes the half moved */
	uint64_t zc_notifs;	/* zero-copy sends: the notification completions reaped (each
				 * says the kernel is done with a buffer); else 0 */
	uint64_t zc_copied;	/* of them, those the kernel reports it copied after all */
	int64_t maxrss_kb;	/* peak resident set of the process during the transfer (VmHWM);
				 * for halves that map a file, its touched pages count too */
	uint64_t samples;	/* --profile: CPU-time samples taken of the loop (0: not profiled) */
	uint64_t lost;		/* --profile: samples the sampler's ring had no room for */
	double sampled_s;	/* --profile: the CPU time those samples stand for */
	int64_t buffer_offset;	/* bytes past a page start of the buffer the half copied through
				 * (the producer's memory source when it has one); -1: none */
};

/* Reset this process's peak resident set (VmHWM) to its current size, so the peak read after a
 * transfer is that transfer's.  Silently does nothing on kernels without it (before 4.0). */
void measure_reset_peak_rss(void);

/* This process's peak resident set in KiB (VmHWM), or -1. */
int64_t measure_peak_rss_kb(void);

/* CLOCK_MONOTONIC now, in seconds. */
double measure_now(void);

/* This process's CPU time so far (CLOCK_PROCESS_CPUTIME_ID), in seconds. */
double measure_cpu_now(void);

/* Take a snapshot of the clock and of this process's rusage. */
void measure_take(struct measure_snapshot *snap);

/* Fill the time, CPU, switch and fault fields of *out with after - before; leaves syscalls and
 * bytes alone (the half counts those itself). */
void measure_delta(const struct measure_snapshot *before, const struct measure_snapshot *after,
		   struct half_figures *out);

#endif
