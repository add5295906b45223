/*
 * harness.h - run one transfer of one method: set up the channel, fork, start both halves
 * together, wait, verify, and fill a run record.  Cleans up on every path.
 */
#ifndef BX_HARNESS_H
#define BX_HARNESS_H

#include <stddef.h>
#include <stdint.h>

#include "base/errors.h"
#include "method/method.h"
#include "record/results.h"

/* harness_transfer() returns this (not an exit code) when the kernel or filesystem cannot do
 * the method (ENOSYS, EINVAL, EXDEV, EOPNOTSUPP before any byte moved): skip, don't fail. */
#define HARNESS_UNSUPPORTED 100

struct transfer_spec {
	const struct method *method;
	const char *src_path;	/* an existing regular file; never written (unused with src_mem) */
	const unsigned char *src_mem;	/* --src memory: the producer sends these src_mem_size
					 * bytes from its memory (memory_source.h); NULL: the file */
	uint64_t src_mem_size;
	const struct half_ops *consumer;	/* the receiving half when not the method's (a
						 * sink, sink.h); NULL: the method's */
	int keep_received;	/* a sink's check run: write what is received to dst_path */
	int dst_fresh;		/* a keeping sink (--dst memory): its destination is not touched
				 * before the clock (sink_keep.c); huge asks it for huge pages */
	uint32_t queue_depth;	/* io_uring halves: operations in flight per side (0: default) */
	int busy_poll;		/* pipe, socket and token channels non-blocking: every wait
				 * polls (calls are asked again at once) instead of sleeping */
	const char *dst_path;	/* created or truncated; must not be the source */
	size_t chunk;		/* bytes per call / per slot */
	uint32_t slots;		/* ring length for shared-memory channels */
	size_t pipe_size;	/* F_SETPIPE_SZ for pipe channels; 0 = the kernel's default */
	int verify;		/* 1: hash the destination and compare with src_hash */
	uint64_t src_hash;	/* XXH3-64 of the source (verify_hash_path) when verify */
	int fsync;		/* fsync the destination inside the consumer's timed region */
	int huge;		/* huge pages for shared-memory rings */
	int prefault;		/* shared memory reserved and mapped into both processes before the
				 * clock starts (else the region is new and faulted in the loop) */
	uint32_t spin_us;	/* ring waits poll this long before sleeping (see ring_spin_us) */
	uint32_t buffer_offset;	/* bytes past a page start of the halves' copy buffers (0-4095) */
	int pin;		/* 1: pin the sides to cpu_producer and cpu_consumer */
	int cpu_producer, cpu_consumer;
	const char *profile_prefix;	/* non-NULL: each side samples its transfer loop (sampler.h)
					 * and writes its folded stacks to
					 * <profile_prefix>.producer.folded / .consumer.folded */
};

/* Move the source to the destination once with spec->method and fill the transfer fields of
 * *rec (timestamp, method, halves, sizes, wall_s, both sides' figures, gib_per_s, verified; the
 * caller fills run, kernel, cpu_model and the filesystems).
 * Returns 0; HARNESS_UNSUPPORTED with the reason in *err; or BX_EXIT_FAILURE with *err filled
 * (a half failed, the child died, the destination differs from the source).  No process, mapping
 * or descriptor of the run survives the call; the destination file is left for the caller. */
int harness_transfer(const struct transfer_spec *spec, struct run_record *rec,
		     struct bx_error *err);

#endif
