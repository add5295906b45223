/*
 * profile_set.h - the profiles of a series, one per (series, method, chunk, side): the folded
 * stacks of every profiled run of that setting added together, with the figures needed to
 * judge them (samples, the CPU time they stand for, the side's own getrusage CPU time).  The
 * runner adds each profiled run as it lands; analysis/profile_out.h writes them out.
 */
#ifndef BX_PROFILE_SET_H
#define BX_PROFILE_SET_H

#include <stddef.h>
#include <stdint.h>

#include "record/results.h"
#include "record/stack_counts.h"

struct side_profile {
	char series[32], method[32];
	uint64_t chunk;
	int producer;			/* 1: the sending side; 0: the receiving side */
	struct stack_counts stacks;	/* every sample of every profiled run */
	uint64_t runs, samples, lost;
	double sampled_s, cpu_s;	/* sums over the runs: sampled CPU, getrusage CPU */
	char half[32];			/* the side's half (record's producer or consumer) */
	uint64_t bytes;			/* sum over the runs of the bytes each moved */
	struct copy_rates {		/* this machine's warm copy rates, GiB/s, measured in the
					 * job (the set's, copied in); 0: not measured */
		double user_gib_s;	/* one core's memcpy between prefaulted buffers */
		double kernel_gib_s;	/* the kernel copying page cache into prefaulted memory */
	} rates;
};

struct profile_set {
	struct side_profile *items;
	size_t n, cap;
	struct copy_rates rates;	/* given to every side added (first_touch.h uses them) */
};

/* The sampling period of every recorded profile, in nanoseconds of CPU time (1 kHz): at most a
 * few thousand samples a side for a 1.4 GiB run, which the sampler's ring holds without loss, at
 * a cost of one timer interrupt and one stack walk per millisecond. */
#define PROFILE_PERIOD_NS 1000000ull

/* The folded-stacks file a side writes under prefix (<prefix>.producer.folded or
 * .consumer.folded), into path[len].  Returns 0, or -1 when it does not fit. */
int profile_set_folded_path(const char *prefix, int producer, char *path, size_t len);

/* Add the profiled run rec, whose sides wrote their folded stacks under prefix (harness.h),
 * to *set, and unlink those files (also when adding fails).  Returns 0 or -errno. */
int profile_set_add_run(struct profile_set *set, const struct run_record *rec,
			const char *prefix);

/* Unlink the folded files a run under prefix may have left (a failed run). */
void profile_set_discard_run(const char *prefix);

/* The profile of (series, method, chunk, side), or NULL. */
const struct side_profile *profile_set_find(const struct profile_set *set, const char *series,
					    const char *method, uint64_t chunk, int producer);

/* Release everything; *set is empty again. */
void profile_set_free(struct profile_set *set);

#endif
