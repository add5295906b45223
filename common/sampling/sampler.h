/*
 * sampler.h - a sampled profile of the calling thread's CPU time, taken with perf_event_open(2):
 * a software clock event (cpu-clock) that fires every period of CPU time this thread runs, each
 * sample carrying the kernel and user call chain.  The harness opens one per side before the
 * start barrier, enables it at the barrier and disables it at the side's last byte, so nothing
 * else (source generation, priming, verification) enters a profile.  Samples stay in the
 * event's ring buffer until sampler_collect() names their frames (symbols.h) and folds them
 * into stacks.  Needs no perf program.
 */
#ifndef BX_SAMPLER_H
#define BX_SAMPLER_H

#include <stddef.h>
#include <stdint.h>

#include "record/profile_set.h"
#include "record/stack_counts.h"

/* The sampling period is PROFILE_PERIOD_NS (record/profile_set.h): the records say it too. */

/* Environment variable that makes perf_event_open fail with the errno it names (EACCES, EPERM,
 * ENOENT, ENOSYS, ...): how the refusal paths are tested without a seccomp filter. */
#define SAMPLER_FAIL_ENV "BULKXFER_PERF_FAIL"

#define SAMPLER_MAX_EVENTS 256	/* one per CPU */

/* One event and its ring: one metadata page, then data_size bytes. */
struct sampler_event {
	int fd;
	void *ring;
	size_t ring_len, data_size;
};

/* A side's sampler: one event per CPU on the calling thread, inherited by the threads it
 * starts (io_uring's io-wq workers do part of the io_uring methods' work, and getrusage counts
 * their time: so must the profile), since the kernel maps no ring for an inherited event that
 * follows a thread across CPUs; where per-CPU events are refused, one event on the thread alone.
 * fd and ring are the first event's (fd -1: not open), which is all a caller looks at. */
struct sampler {
	int fd;
	void *ring;
	int nev;
	struct sampler_event ev[SAMPLER_MAX_EVENTS];
	uint64_t period_ns;
};

/* What one side's profile holds once collected. */
struct sampler_result {
	uint64_t samples;	/* samples taken (and folded) */
	uint64_t lost;		/* samples the ring had no room for (PERF_RECORD_LOST) */
	double sampled_s;	/* CPU time the samples stand for: the sum of their periods */
	double counted_s;	/* the event's own count of CPU time while enabled */
};

/* Can this process sample its own CPU time with kernel and user call chains?  Returns 0, or
 * -errno with why (one line, naming the setting and its value where one decides it, e.g.
 * "kernel.perf_event_paranoid is 3") in why[len]. */
int sampler_probe(char *why, size_t len);

/* Open a disabled sampler on the calling thread (and the threads it starts) with period_ns (0 =
 * PROFILE_PERIOD_NS).  Returns 0 or -errno (s->fd is -1 then). */
int sampler_open(struct sampler *s, uint64_t period_ns);

/* Start and stop sampling (one ioctl each; no-ops on a closed sampler). */
void sampler_enable(struct sampler *s);
void sampler_disable(struct sampler *s);

/* Read every sample out of the ring, name its frames and add one count per sample to *out
 * (stack_counts.h: "outermost;...;innermost", kernel frames suffixed "_[k]").  Fills *res.
 * Call after sampler_disable.  Returns 0 or -errno (ENOMEM). */
int sampler_collect(struct sampler *s, struct stack_counts *out, struct sampler_result *res);

/* Close the event and unmap its ring.  Safe on a sampler that never opened. */
void sampler_close(struct sampler *s);

#endif
