/*
 * harness_internal.h - what harness.c (the parent's side of one transfer) and harness_side.c
 * (what runs around each half, in either process) share: the transfer's state, the shared block
 * the halves report through, and the per-side steps.  Not for use outside the transfer core.
 */
#ifndef BX_HARNESS_INTERNAL_H
#define BX_HARNESS_INTERNAL_H

#include <sched.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "base/measure.h"
#include "base/syscall_count.h"
#include "channel/channel.h"
#include "sampling/sampler.h"
#include "transfer/harness.h"

#define FAILED_CALL_MAX 96

/* What a half leaves in the shared block for the parent. */
struct half_report {
	int rc;				/* 0 or -errno */
	int fault_signal;		/* SIGBUS or the lease signal that stopped the loop, else 0 */
	char failed_call[FAILED_CALL_MAX];
	struct half_figures fig;
	int kept;			/* a keeping sink's destination was hashed (kept_hash) */
	uint64_t kept_hash;		/* its XXH3, taken after the clock */
};

struct shared_block {
	struct half_report producer, consumer;
};

/* Everything one transfer holds, so a single teardown can release whatever was acquired. */
struct transfer {
	const struct transfer_spec *spec;
	int src_fd, dst_fd;
	struct channel chan;		/* the method's channel; chan.kind < 0 before it is made */
	int chan_open;
	int ready_fds[2], go_fds[2];	/* the start barrier */
	struct shared_block *shared;
	pid_t child;
	uint64_t size;
	struct stat src_st;		/* the source when it was opened, to see whether it changed */
	int leased;			/* a read lease on src_fd is held */
	double steal_s;			/* hypervisor steal from "go" to the child's reaping */
	double reported_mib;		/* free memory reported to the host meanwhile; -1 unknown */
};

/* Record ctx's failed call (or "unknown call") in *r. */
void harness_copy_failed_call(struct half_report *r, const struct half_ctx *ctx);

/* The receiving half of this transfer: a sink's (sink.h) or the method's. */
const struct half_ops *harness_consumer_of(const struct transfer_spec *spec);

/* The channel is a shared-memory ring (or the whole-file region). */
int harness_uses_ring(enum channel_kind kind);

/* How long this transfer's ring waits poll: what was asked, but 0 when both sides share one CPU
 * (pinned together, or only one online), where polling would only keep the peer off it. */
uint32_t harness_ring_spin_us(const struct transfer_spec *spec);

/* The context of one side: its file, its ends of the channel, and who is on the other side. */
void harness_ctx_init(struct half_ctx *ctx, struct transfer *t, enum channel_side side,
			  pid_t peer);

/* Pin the calling process to cpu (when >= 0), saving the old mask in *old when non-NULL. */
void harness_pin_to(int cpu, cpu_set_t *old);

/* Open side's sampler and its kernel count of system calls before the start barrier (opening
 * maps a ring, costs calls: not a cost of the transfer).  The count is always opened, and
 * closed by harness_run_half or harness_counters_close.  Returns 0 or -errno with
 * ctx->failed_call set. */
int harness_profile_open(const struct transfer *t, struct sampler *smp, struct syscall_count *calls,
			 struct half_ctx *ctx);

/* Close what harness_profile_open opened, for a side that never ran. */
void harness_counters_close(struct sampler *smp, struct syscall_count *calls);

/* After the timed loop: fold side's samples into its file and count them in the figures. */
int harness_profile_save(const struct transfer *t, struct sampler *smp, enum channel_side side,
			struct half_report *report);

/* What a half's figures start from: peak RSS reset, the usage snapshot, the system-call count
 * and the sampler started.  The producer takes it before its clock starts (t0), the consumer
 * before it waits for "go", so none of it is inside the end-to-end time. */
void harness_half_begin(struct measure_snapshot *before, struct sampler *smp,
			struct syscall_count *calls);

/* The timed transfer of side's half, recording into *report; with do_fsync the destination's
 * fsync() is part of it.  smp (open or not) samples the loop, and calls counts the loop's
 * system calls as the kernel sees them (then is closed); begun: harness_half_begin's snapshot,
 * taken before the clock.  The end time is read before the counters are stopped. */
int harness_run_half(const struct half_ops *ops, enum channel_side side, struct half_ctx *ctx,
		    struct half_report *report, int do_fsync, struct sampler *smp,
		    struct syscall_count *calls, const struct measure_snapshot *begun);

/* The forked child: keep the consumer's ends, prepare, take the start barrier, run the
 * receiving half and leave its figures in the shared block; never returns. */
void __attribute__((noreturn)) harness_consumer_main(struct transfer *t, pid_t parent);

#endif
