/*
 * memory_to_memory.h - "The IPC alone" as facts: each memory-to-memory setting's best chunk
 * beside the same method file to file at that chunk, and the channel's share of the CPU (CPU
 * seconds per GiB, memory to memory over file to file) with its interval.
 *
 * Why CPU per GiB for the share: the memory-to-memory rows and their file-to-file twins may
 * move different sizes (reproduce's chunk sweep and its ipc phase both use the sweep's size,
 * a user's runs need not), and CPU per GiB is what the channel's cost is per byte either way.
 * Why the two-sample interval (verdict.h), not pairs: the two come from different rounds,
 * usually different phases, so there are no pairs; the report says so, since the interval
 * then does not cover the host's drift between the phases.
 */
#ifndef BX_FACTS_MEMORY_TO_MEMORY_H
#define BX_FACTS_MEMORY_TO_MEMORY_H

#include <stddef.h>

#include "analysis/judge/groups.h"
#include "analysis/judge/verdict.h"
#include "host/unit_costs.h"
#include "record/results.h"

/* One memory-to-memory setting at its fastest chunk, beside its file-to-file twin. */
struct memory_row {
	const struct group *memory;	/* the setting (method, sink, polling) at its best chunk */
	const struct group *twin;	/* the same method file to file at that chunk; NULL: none */
	struct ratio_ci share;		/* CPU per GiB, memory over file (estimate: the medians'
					 * ratio when there is no interval) */
	int share_valid;		/* 1: share has an interval */
	int apart;			/* 1: the two sides ran in different spans of time */
};

struct memory_to_memory {
	struct memory_row *v;
	size_t n;			/* 0: no memory-to-memory run */
	const struct group *fastest;	/* the fastest setting by median */
	int any_apart;			/* 1: some row's sides ran apart */
};

/* Whether g moved memory to memory: the producer's memory into a sink, keeping or
 * discarding. */
int mem_is_memory_to_memory(const struct group *g);

/* One core's memcpy with the working set of g's receiver, as units measured it: from DRAM to
 * DRAM for a keeping receiver (--dst memory), the bytes land in memory of the transfer's size;
 * from DRAM into one reused buffer of g's chunk for a discarding one, whose copies stay in the
 * cache.  Returns GiB/s, 0 when not measured (no units, a chunk no buffer was measured at);
 * *keeps says which reference it is. */
double mem_memcpy_reference(const struct unit_costs *units, const struct group *g, int *keeps);

/* The file-to-file group of g's method at g's chunk (file source, real destination, no
 * polling) with the most runs, or NULL. */
const struct group *mem_file_twin(const struct group *g, const struct group *groups, size_t n);

/* The rows among groups g[0..ng) of records r[0..n) into *out (release with
 * memory_to_memory_free).  Returns 0, or -ENOMEM (*out empty). */
int memory_to_memory_of(const struct run_record *r, size_t n, const struct group *g, size_t ng,
			struct memory_to_memory *out);
void memory_to_memory_free(struct memory_to_memory *m);

#endif
