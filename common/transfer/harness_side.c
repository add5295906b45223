/*
 * harness_side.c - what runs around each half of a transfer, in the parent for the sending half
 * and in the forked child for the receiving one: its context, its CPU pinning, its sampler and
 * its timed run, and the child's whole life (harness_internal.h).
 */
#include "transfer/harness_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/measure.h"
#include "base/verify.h"
#include "record/profile_set.h"
#include "transfer/fault_guard.h"
#include "transfer/fault_inject.h"
#include "transfer/uring.h"

void harness_copy_failed_call(struct half_report *r, const struct half_ctx *ctx)
{
	snprintf(r->failed_call, sizeof(r->failed_call), "%s",
		 ctx->failed_call ? ctx->failed_call : "unknown call");
}

/* The receiving half of this transfer: a sink's (sink.h) or the method's. */
const struct half_ops *harness_consumer_of(const struct transfer_spec *spec)
{
	return spec->consumer ? spec->consumer : spec->method->consumer;
}

/* The channel is a shared-memory ring (or the whole-file region). */
int harness_uses_ring(enum channel_kind kind)
{
	return kind == CHANNEL_SHM || kind == CHANNEL_SHM_WHOLE;
}

/* How long this transfer's ring waits poll: what was asked, but 0 when both sides share one CPU
 * (pinned together, or only one online), where polling would only keep the peer off it. */
uint32_t harness_ring_spin_us(const struct transfer_spec *spec)
{
	if ((spec->pin && spec->cpu_producer == spec->cpu_consumer) ||
	    sysconf(_SC_NPROCESSORS_ONLN) < 2)
		return 0;
	return spec->spin_us;
}

/* The context of one side: its file, its ends of the channel, and who is on the other side. */
void harness_ctx_init(struct half_ctx *ctx, struct transfer *t, enum channel_side side,
			  pid_t peer)
{
	int producer = side == CHANNEL_PRODUCER_SIDE;
	memset(ctx, 0, sizeof(*ctx));
	ctx->file_fd = producer ? t->src_fd : t->dst_fd;
	ctx->src_mem = producer ? t->spec->src_mem : NULL;
	ctx->keep_received = !producer && t->spec->keep_received;
	ctx->dst_fresh = !producer && t->spec->dst_fresh;
	ctx->dst_huge = !producer && t->spec->huge;
	ctx->size = t->size;
	ctx->chunk = t->spec->chunk;
	ctx->slots = t->spec->slots;
	ctx->queue_depth = uring_queue_depth(t->spec->queue_depth, t->spec->chunk);
	ctx->chan_fd = producer ? t->chan.producer_fd : t->chan.consumer_fd;
	ctx->back_fd = producer ? t->chan.producer_back_fd : t->chan.consumer_back_fd;
	ctx->peer = peer;
	ctx->fault_at_bytes = fault_inject_bytes_threshold(side);
	ctx->buffer_offset = t->spec->buffer_offset;
	if (harness_uses_ring(t->chan.kind)) {
		ctx->ring = &t->chan.ring;
		shm_ring_set_peer(ctx->ring, peer);
		shm_ring_set_spin(ctx->ring, harness_ring_spin_us(t->spec));
		if (t->spec->prefault)
			shm_ring_prefault(ctx->ring);
	}
}

/* Pin the calling process to cpu (when >= 0), saving the old mask in *old when non-NULL. */
void harness_pin_to(int cpu, cpu_set_t *old)
{
	if (cpu < 0)
		return;
	if (old)
		sched_getaffinity(0, sizeof(*old), old);
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

/* Open side's sampler before the start barrier (opening maps its ring: not a cost of the
 * transfer).  Returns 0 or -errno with ctx->failed_call set. */
int harness_profile_open(const struct transfer *t, struct sampler *smp, struct syscall_count *calls,
			 struct half_ctx *ctx)
{
	memset(smp, 0, sizeof(*smp));	/* closed: sampler_close has nothing to do */
	smp->fd = -1;
	/* the kernel's every-call count only where the sampler disturbs the run anyway */
	syscall_count_open(calls, t->spec->profile_prefix != NULL);
	if (!t->spec->profile_prefix)
		return 0;
	int rc = sampler_open(smp, 0);
	return rc < 0 ? half_fail(ctx, "perf_event_open(--profile)", -rc) : 0;
}

void harness_counters_close(struct sampler *smp, struct syscall_count *calls)
{
	sampler_close(smp);
	syscall_count_close(calls);
}

/* After the timed loop: fold side's samples into its file and count them in the figures. */
int harness_profile_save(const struct transfer *t, struct sampler *smp, enum channel_side side,
			struct half_report *report)
{
	if (smp->fd < 0)
		return 0;
	struct stack_counts stacks;
	memset(&stacks, 0, sizeof(stacks));
	struct sampler_result res;
	char path[4096];
	int rc = sampler_collect(smp, &stacks, &res);
	if (rc == 0 && profile_set_folded_path(t->spec->profile_prefix, side == CHANNEL_PRODUCER_SIDE,
					    path, sizeof(path)) < 0)
		rc = -ENAMETOOLONG;
	if (rc == 0)
		rc = stack_counts_write(&stacks, path);
	stack_counts_free(&stacks);
	sampler_close(smp);
	report->fig.samples = res.samples;
	report->fig.lost = res.lost;
	report->fig.sampled_s = res.sampled_s;
	if (rc < 0 && report->rc == 0) {
		report->rc = rc;
		snprintf(report->failed_call, sizeof(report->failed_call), "writing the profile");
	}
	return rc;
}

/* The timed transfer of side's half, recording into *report; with do_fsync the destination's
 * fsync() is part of it.  smp (open or not) samples exactly the loop. */
void harness_half_begin(struct measure_snapshot *before, struct sampler *smp,
			struct syscall_count *calls)
{
	measure_reset_peak_rss();
	measure_take(before);
	syscall_count_start(calls);
	sampler_enable(smp);
}

int harness_run_half(const struct half_ops *ops, enum channel_side side, struct half_ctx *ctx,
		    struct half_report *report, int do_fsync, struct sampler *smp,
		    struct syscall_count *calls, const struct measure_snapshot *begun)
{
	struct measure_snapshot before = *begun, after;
	int rc = fault_guard_run(ops->transfer, ctx, &report->fault_signal);
	if (rc == 0 && do_fsync) {
		ctx->syscalls++;
		if (fsync(ctx->file_fd) < 0)
			rc = half_fail(ctx, "fsync(dst)", errno);
	}
	if (rc == 0)	/* the last byte moved, nothing reported yet */
		rc = fault_inject_point(FAULT_POINT_END, side, ctx, ctx->last_call);
	/* the clock first: stopping the counters (a read of /proc/self/io) is not the loop's */
	double end = measure_now();
	sampler_disable(smp);
	int64_t counted = syscall_count_stop(calls);
	measure_take(&after);
	after.mono_s = end;
	measure_delta(&before, &after, &report->fig);
	report->fig.syscalls = ctx->syscalls;
	report->fig.kernel_syscalls = counted;
	report->fig.kernel_syscalls_by = counted >= 0 ? (int)calls->by : SYSCALL_COUNTER_NONE;
	syscall_count_close(calls);
	report->fig.zc_notifs = ctx->zc_notifs;
	report->fig.zc_copied = ctx->zc_copied;
	report->fig.bytes = ctx->bytes_done;
	/* where the buffer it copied through sat, from its address: what was used, not asked */
	const void *buffer = ctx->copy_buffer ? ctx->copy_buffer : (const void *)ctx->src_mem;
	report->fig.buffer_offset = buffer ? (int64_t)((uintptr_t)buffer & 4095) : -1;
	report->rc = rc;
	if (rc < 0) {
		harness_copy_failed_call(report, ctx);
		if (ctx->ring)
			shm_ring_abort(ctx->ring);	/* wake the peer: it must not wait for us */
	}
	return rc;
}

/* Wait for the parent's "go" byte on fd: 1 when it came, 0 when the parent gave up (EOF) or the
 * read failed.  With spin (--busy-poll) the wait asks again at once instead of sleeping, as the
 * method's own waits do: a sleeping receiver would start its loop a wake-up late (on a VM one
 * that crosses the hypervisor), and a hand-written polling receiver is already in its loop when
 * the sender starts its clock. */
static int await_go(int fd, int spin)
{
	char byte;
	if (spin && fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0)
		spin = 0;
	for (;;) {
		ssize_t n = read(fd, &byte, 1);
		if (n == 1)
			return 1;
		if (n == 0 || (errno != EAGAIN && errno != EINTR))
			return 0;
	}
}

/* The forked child: keep the consumer's ends, prepare, take the start barrier, run the
 * receiving half and leave its figures in the shared block; never returns. */
void harness_consumer_main(struct transfer *t, pid_t parent)
{
	/* If the parent dies, so do we: a consumer must never outlive the run. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(1);
	cleanup_set_child(0);
	if (t->spec->pin)
		harness_pin_to(t->spec->cpu_consumer, NULL);

	const struct half_ops *ops = harness_consumer_of(t->spec);
	struct half_report *report = &t->shared->consumer;
	struct half_ctx ctx;
	harness_ctx_init(&ctx, t, CHANNEL_CONSUMER_SIDE, parent);

	struct sampler smp;
	struct syscall_count calls;
	int rc = harness_profile_open(t, &smp, &calls, &ctx);
	if (rc == 0 && ops->prepare)
		rc = ops->prepare(&ctx);
	if (rc == 0)
		fault_guard_warm(&ctx, &report->fault_signal);	/* first faults: not the loop's */
	if (rc == 0)
		rc = fault_inject_point(FAULT_POINT_START, CHANNEL_CONSUMER_SIDE, &ctx, "write(ready)");
	if (rc < 0) {
		report->rc = rc;
		harness_copy_failed_call(report, &ctx);
	}
	char byte = 'r';
	if (write(t->ready_fds[1], &byte, 1) != 1 || rc < 0)
		_exit(1);
	/* The figures start before the wait for "go": once it comes, the loop starts at once, as
	 * a hand-written receiver's does (blocked in its first read), with nothing of ours (a
	 * /proc write and read, getrusage) between the sender's clock and the first byte taken.
	 * The wait itself is asleep (with --busy-poll a poll of one pipe): no measurable CPU. */
	struct measure_snapshot begun;
	harness_half_begin(&begun, &smp, &calls);
	if (!await_go(t->go_fds[0], t->spec->busy_poll))
		_exit(1);	/* the parent gave up before starting */

	rc = harness_run_half(ops, CHANNEL_CONSUMER_SIDE, &ctx, report, t->spec->fsync, &smp,
			      &calls, &begun);
	if (rc == 0 && ctx.kept && t->spec->verify) {	/* after the clock: never timed */
		report->kept_hash = verify_hash_memory(ctx.kept, ctx.size);
		report->kept = 1;
	}
	if (ops->release)
		ops->release(&ctx);
	if (rc == 0)
		rc = harness_profile_save(t, &smp, CHANNEL_CONSUMER_SIDE, report);
	sampler_close(&smp);
	_exit(rc < 0 ? 1 : 0);
}
