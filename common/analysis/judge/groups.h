/*
 * groups.h - runs grouped by what was compared (series, method, halves, file size, chunk, ring
 * and pipe size, ring spin), with the statistics of every measured quantity.  The table, the
 * report, the summary CSV and so the graphs all read these numbers: they are computed once, here.
 */
#ifndef BX_GROUPS_H
#define BX_GROUPS_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/judge/stats.h"
#include "record/results.h"

struct group {
	char series[32], method[32], producer[32], consumer[32];
	uint64_t bytes, chunk, slots, pipe_size, spin_us;
	char source[16], sink_by[16];	/* the rows' source and sink_by (results.h) */
	uint64_t busy_poll;
	size_t n;			/* runs in the group */
	struct stats_summary gib;	/* end-to-end GiB/s */
	struct stats_summary pct_of_floor;	/* GiB/s as % of the destination floor (0: none) */
	struct stats_summary floor;	/* the destination floor of each run's round, GiB/s */
	struct stats_summary wall;	/* end-to-end seconds */
	struct stats_summary sender_cpu, receiver_cpu;	/* user + system seconds of each side */
	struct stats_summary cpu_per_gib;	/* both sides' user + system seconds per GiB */
	struct stats_summary sender_user_per_gib, sender_sys_per_gib;	/* CPU seconds per GiB */
	struct stats_summary receiver_user_per_gib, receiver_sys_per_gib;
	struct stats_summary sender_syscalls, receiver_syscalls;
	struct stats_summary sender_syscalls_per_gib, receiver_syscalls_per_gib;
	struct stats_summary sender_kernel_syscalls_per_gib, receiver_kernel_syscalls_per_gib;
					/* the kernel's count; -1 where not counted */
	char kernel_syscalls_by[12];	/* its counter, as the first run's row says */
	struct stats_summary sender_bytes_per_syscall, receiver_bytes_per_syscall;
	struct stats_summary sender_csw_per_gib, receiver_csw_per_gib;	/* voluntary + involuntary */
	struct stats_summary sender_faults_per_gib, receiver_faults_per_gib;	/* minor + major */
	struct stats_summary reported_mib;	/* free memory the host took during each run; -1 unknown */
	struct stats_summary steal;	/* CPU seconds the host stole during each run; -1 unknown */
	size_t host_took;		/* runs during which it took at least GROUPS_HOST_TOOK_MIB */
	size_t host_stole;		/* runs during which it held back GROUPS_HOST_STOLE_CPU */
	size_t left_alone;		/* runs the host did neither during */
	double left_alone_ratio;	/* max/min of their GiB/s; 0 with fewer than 2 of them */
	int noisy;			/* max/min of GiB/s beyond STATS_NOISY_RATIO */
};

/* A run during which the guest handed at least this much free memory back to the host (MiB) was
 * at the host's mercy: on the development VM such runs were the 3-6x slow ones. */
#define GROUPS_HOST_TOOK_MIB 64.0

/* A run during which the hypervisor kept this many CPUs from the guest on average (steal_s over
 * wall_s, summed over all CPUs) ran on a busy host: on the development VM, pipe runs with a fifth
 * of a CPU stolen and more were the 1.5-2x slow ones, even with no destination file at all. */
#define GROUPS_HOST_STOLE_CPU 0.2

/* 1 when the host took at least GROUPS_HOST_TOOK_MIB of free memory back during run r (a run
 * whose kernel does not count it, -1, was not taken from). */
int groups_run_host_took(const struct run_record *r);

/* 1 when the host stole at least GROUPS_HOST_STOLE_CPU CPUs on average during run r. */
int groups_run_host_stole(const struct run_record *r);

/* A run's CPU seconds, both sides, user + system; and the same per GiB it moved (0 when it moved
 * none): the per-run figures the groups' medians are of, for every view that judges runs. */
double groups_run_cpu_s(const struct run_record *r);
double groups_run_cpu_per_gib(const struct run_record *r);

/* Bytes one call moves at this chunk: the chunk, or for --chunk rest a pipe's worth (pipe_size,
 * else the kernel's default 64 KiB): what a theory per call is multiplied by. */
uint64_t groups_bytes_per_call(uint64_t chunk, uint64_t pipe_size);

/* 1 when g's pipe (pipe_size, recorded) is smaller than its chunk, so that one call or io_uring
 * operation on it moved at most a pipe's worth; 0 when it holds the chunk or was not recorded. */
int groups_pipe_cuts_chunk(const struct group *g);

/* Group records[0..n) in order of first appearance.  *groups is malloc'ed (free it); *ngroups
 * gets the count.  Returns 0 or -ENOMEM. */
int groups_build(const struct run_record *records, size_t n, struct group **groups,
		 size_t *ngroups);

/* Which records belong to each of groups[0..ng) (groups_build's, or any with distinct keys):
 * the indices of group g's records, in file order, are (*members)[(*start)[g] ..
 * (*start)[g + 1]); records in no group come last.  Both arrays are malloc'ed (free them).
 * One pass with a hash of the key, for callers that would otherwise scan every record per
 * group.  Returns 0 or -ENOMEM. */
int groups_index(const struct run_record *records, size_t n, const struct group *groups,
		 size_t ng, size_t **start, size_t **members);

/* 1 when run r belongs to group g (same series, method, halves, size, chunk, slots, pipe size
 * and polling). */
int groups_holds(const struct group *g, const struct run_record *r);

/* 1 when series names a sweep ("sweep", "chunk-sweep", "size-sweep"): one run per setting,
 * kept out of the headline tables and bar graphs. */
int groups_is_sweep(const char *series);

/* 1 when series holds profiled runs (reproduce's "study-profile", "tuned-profile"): one sampled
 * run per setting, never a group to put beside measured medians. */
int groups_is_profile(const char *series);

/* The runs of groups[0..n) the host took memory back during (*took) and stole CPU during
 * (*stole), added over the groups. */
void groups_host_counts(const struct group *groups, size_t n, size_t *took, size_t *stole);

/* 1 when group i is the first group of its method that is neither a sweep nor memory to memory
 * (a memory source, a read or splice sink: not the method's own halves on a file). */
int groups_first_plain_of_method(const struct group *groups, size_t n, size_t i);

/* The first group matching series and method (series NULL = any), or NULL. */
const struct group *groups_find(const struct group *groups, size_t n, const char *series,
				const char *method);

/* Write one CSV line per group (header first) with every statistic, to path.
 * Returns 0 or -errno. */
/* One side's median CPU seconds per GiB (producer 1: the sender): its median CPU seconds over
 * the bytes every run of the group moved.  Every view that states a side's CPU per GiB states
 * this one. */
double groups_side_cpu_per_gib(const struct group *g, int producer);

/* Both sides' median CPU seconds per run: cpu_per_gib's median over the bytes every run of the
 * group moved (the median of the sum, which "Which method for ..." ranks by, not the sum of the
 * two sides' medians). */
double groups_cpu_per_run(const struct group *g);

/* One side's median CPU seconds per GiB (producer 1: the sender), split into user and system
 * time as their medians split it: *user + *sys is the side's median CPU per GiB, the number
 * every other view states (the median of user + system is not the sum of their medians). */
void groups_side_cpu_split(const struct group *g, int producer, double *user, double *sys);

int groups_write_csv(const char *path, const struct group *groups, size_t n);

#endif
