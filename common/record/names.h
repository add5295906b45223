/*
 * names.h - the names records carry: the series (phases) a reproduce writes into runs.csv, and
 * the claims and metrics verdicts.csv names.  Written once here, so a phase renamed in the
 * orchestrator cannot silently drop out of the report that looks for it.
 */
#ifndef BX_NAMES_H
#define BX_NAMES_H

#include <string.h>

/* The series of a reproduce job, in the order it runs them (run/reproduce.h). */
/* reproduce's size unless told: the study's file, rounded up to 1.4 GiB (its targets are for it) */
#define REPRODUCE_SIZE_TEXT "1.4G"

#define PHASE_STUDY "study"			/* the 2014 code's settings, judged as the study */
#define PHASE_CHUNK_SWEEP "chunk-sweep"		/* every method at every chunk, to find its best */
#define PHASE_TUNED "tuned"			/* every method at its best chunk */
#define PHASE_STUDY_PROFILE "study-profile"	/* profiled runs of the study's settings */
#define PHASE_TUNED_PROFILE "tuned-profile"	/* profiled runs of the tuned settings */
#define PHASE_IPC_SWEEP "ipc-sweep"		/* memory to memory, the channel alone */
#define PHASE_SIZE_SWEEP "size-sweep"		/* the best chunks on growing files */
#define PHASE_PLACED_PAGE "page-placed-sweep"	/* read/write memory to memory, buffers page-aligned */
#define PHASE_PLACED_MALLOC "malloc-placed-sweep"	/* the same, buffers where malloc() puts them */

/* The kinds of claim verdicts.csv holds (beside a target's own short name). */
#define CLAIM_RATIO "ratio"		/* a ratio of two methods against the study's */
#define CLAIM_ORDERING "ordering"	/* the study's ordering of its three methods */
#define TARGET_SPLICE_VS_RW4K "splice_vs_rw4k"	/* tuned splice against read/write at 4 KiB */
#define TARGET_RING_VS_SPLICE "ring_vs_splice"	/* the faster ring against splice */

/* The metrics a claim compares. */
#define METRIC_NAME_CPU_SUM "cpu_sum"
#define METRIC_NAME_SENDER_CPU "sender_cpu"
#define METRIC_NAME_RECEIVER_CPU "receiver_cpu"
#define METRIC_NAME_WALL "wall"

/* A row's sink_by when its receiver kept every byte in memory of the transfer's size
 * (--dst memory, consumer/sink.h); the other sinks ("method", "read", "splice") discard. */
#define SINK_BY_KEEP "keep"
#define SINK_BY_KEEP_FRESH "keep-fresh"

/* Series of the profiled runs: "<phase>-profile" (e.g. "study-profile"); they never enter a
 * verdict. */
#define PROFILE_SERIES_SUFFIX "-profile"

/* The row's sink_by names a keeping receiver. */
static inline int sink_by_name_keeps(const char *sink_by)
{
	return strcmp(sink_by, SINK_BY_KEEP) == 0 || strcmp(sink_by, SINK_BY_KEEP_FRESH) == 0;
}

/* The row's sink_by names a discarding one: its receiver keeps nothing. */
static inline int sink_by_name_discards(const char *sink_by)
{
	return sink_by[0] != '\0' && strcmp(sink_by, "-") != 0 && !sink_by_name_keeps(sink_by);
}

#endif
