/*
 * harness.c - one transfer, both halves, measured and verified (see harness.h).
 *
 * Sequence (everything before "go" and after "done" is outside the timed region):
 *
 *   parent                                  child (fork)
 *   open src, dst; make the channel;
 *   map the shared results block
 *   fork ---------------------------------> close the producer's ends; PR_SET_PDEATHSIG
 *   producer prepare (buffers, mmap)        consumer prepare (buffers, ftruncate, mmap)
 *   wait for "ready" <--------------------- write "ready"
 *   t0 = now; write "go" -----------------> read "go"
 *   snapshot; transfer; snapshot            snapshot; transfer; snapshot
 *   close the pipe's write end              write figures into the shared block; _exit
 *   waitpid (SIGKILL after a grace period
 *   if the producer failed)
 *   end-to-end = consumer's end - t0; verify the destination's XXH3
 *
 * Halves report through a MAP_SHARED block, never through stdout, so no parsing and no pipe of
 * ours competes with the method's own.
 */
#include "transfer/harness_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/measure.h"
#include "base/syscall_count.h"
#include "base/units.h"
#include "base/verify.h"
#include "channel/channel.h"
#include "host/page_reporting.h"
#include "host/sysinfo.h"
#include "sampling/symbols.h"
#include "transfer/fault_guard.h"
#include "transfer/fault_inject.h"
#include "transfer/uring.h"

#define CHILD_GRACE_S 1.0	/* how long a failed producer waits for the child to give up */

/* ---- small helpers ------------------------------------------------------------------- */

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

static int is_unsupported_errno(int rc)
{
	/* EPERM: process_vm_readv without ptrace rights (Yama, containers); ENODEV: mapping a
	 * destination that cannot be mapped (--sink's /dev/null). */
	return rc == -ENOSYS || rc == -EINVAL || rc == -EXDEV || rc == -EOPNOTSUPP || rc == -EPERM ||
	       rc == -ENODEV;
}

/* ---- the child ----------------------------------------------------------------------- */

/* ---- waiting for the child ----------------------------------------------------------- */

/* Reap the child.  grace_s < 0 waits as long as it takes; otherwise the child gets grace_s
 * seconds to exit by itself and is then killed (*killed_by_us set, when non-NULL).  Returns the
 * wait status. */
static int reap_child(pid_t pid, double grace_s, int *killed_by_us)
{
	int status = 0;
	if (killed_by_us)
		*killed_by_us = 0;
	double deadline = measure_now() + grace_s;
	for (;;) {
		pid_t r = waitpid(pid, &status, grace_s < 0 ? 0 : WNOHANG);
		if (r == pid)
			break;
		if (r < 0 && errno != EINTR)
			break;
		if (r == 0 && measure_now() >= deadline) {
			kill(pid, SIGKILL);
			if (killed_by_us)
				*killed_by_us = 1;
			grace_s = -1;	/* now wait for it to go */
			continue;
		}
		if (r == 0) {
			struct timespec nap = { 0, 2 * 1000 * 1000 };
			nanosleep(&nap, NULL);
		}
	}
	cleanup_set_child(0);
	return status;
}

/* Describe how the child ended when that was not a clean exit 0. */
static int child_failure(const struct transfer *t, int status, struct bx_error *err)
{
	const char *name = t->spec->method->name;
	const struct half_report *r = &t->shared->consumer;
	if (r->rc < 0)	/* its own account first: a SIGKILL from our grace period says less */
		return bx_fail(err, BX_EXIT_FAILURE, "%s: consumer: %s failed: %s", name,
			       r->failed_call, strerror(-r->rc));
	if (WIFSIGNALED(status))
		return bx_fail(err, BX_EXIT_FAILURE, "%s: consumer (child %ld) was killed by signal %d (%s)",
			       name, (long)t->child, WTERMSIG(status), strsignal(WTERMSIG(status)));
	return bx_fail(err, BX_EXIT_FAILURE, "%s: consumer (child %ld) exited with status %d",
		       name, (long)t->child, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

static int child_ok(const struct transfer *t, int status)
{
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 && t->shared->consumer.rc == 0;
}

/* ---- set-up and teardown ------------------------------------------------------------- */

static int open_channel(struct transfer *t, struct bx_error *err)
{
	const struct transfer_spec *spec = t->spec;
	const struct channel_params params = {
		.chunk = spec->chunk, .slots = spec->slots, .pipe_size = spec->pipe_size,
		.file_size = t->size, .huge = spec->huge, .prefault = spec->prefault,
	};
	const char *failed = "channel";
	enum channel_kind kind = spec->method->producer->channel;
	int rc = channel_open(&t->chan, kind, &params, &failed);
	if (rc < 0)
		return bx_fail(err, is_unsupported_errno(rc) ? HARNESS_UNSUPPORTED : BX_EXIT_FAILURE,
			       "%s: %s (%s) failed: %s", spec->method->name, failed,
			       channel_name(kind), strerror(-rc));
	t->chan_open = 1;
	if (spec->busy_poll) {
		int fds[] = { t->chan.producer_fd, t->chan.consumer_fd, t->chan.producer_back_fd,
			      t->chan.consumer_back_fd };
		for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++)
			if (fds[i] >= 0 && fcntl(fds[i], F_SETFL,
						 fcntl(fds[i], F_GETFL) | O_NONBLOCK) < 0)
				return bx_fail(err, BX_EXIT_FAILURE, "%s: --busy-poll: fcntl(O_NONBLOCK) "
					       "failed: %s", spec->method->name, strerror(errno));
	}
	return 0;
}

static int open_everything(struct transfer *t, struct bx_error *err)
{
	const struct transfer_spec *spec = t->spec;
	if (spec->src_mem) {
		t->size = spec->src_mem_size;	/* no file: the producer sends from memory */
	} else {
		t->src_fd = open(spec->src_path, O_RDONLY | O_CLOEXEC);
		if (t->src_fd < 0 || fstat(t->src_fd, &t->src_st) < 0)
			return bx_fail(err, BX_EXIT_FAILURE, "cannot read source '%s': %s",
				       spec->src_path, strerror(errno));
		t->size = (uint64_t)t->src_st.st_size;
	}
	/* No O_TRUNC on an empty file: on ext4 any truncate to 0 arms auto_da_alloc, which starts
	 * writeback of everything written when the file is closed (seen: 0.6 s at the consumer's
	 * exit and 1.4 GiB sent to disk behind every run).  The runner hands over a new, empty
	 * destination each run; only a user's existing file is truncated here. */
	struct stat dst_st;
	t->dst_fd = open(spec->dst_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (t->dst_fd < 0 || fstat(t->dst_fd, &dst_st) < 0 ||
	    (dst_st.st_size > 0 && S_ISREG(dst_st.st_mode) && ftruncate(t->dst_fd, 0) < 0))
		return bx_fail(err, BX_EXIT_FAILURE, "cannot create destination '%s': %s",
			       spec->dst_path, strerror(errno));
	int rc = open_channel(t, err);
	if (rc)
		return rc;
	t->shared = mmap(NULL, sizeof(*t->shared), PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (t->shared == MAP_FAILED) {
		t->shared = NULL;
		return bx_fail(err, BX_EXIT_FAILURE, "mmap(results block) failed: %s", strerror(errno));
	}
	if (pipe2(t->ready_fds, O_CLOEXEC) < 0 || pipe2(t->go_fds, O_CLOEXEC) < 0)
		return bx_fail(err, BX_EXIT_FAILURE, "pipe(start barrier) failed: %s", strerror(errno));
	return 0;
}

static void close_everything(struct transfer *t)
{
	if (t->leased)
		fault_guard_unlease(t->src_fd);
	t->leased = 0;
	int *fds[] = { &t->src_fd, &t->dst_fd, &t->ready_fds[0], &t->ready_fds[1], &t->go_fds[0],
		       &t->go_fds[1] };
	for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++)
		close_fd(fds[i]);
	if (t->chan_open)
		channel_close(&t->chan);
	t->chan_open = 0;
	if (t->shared)
		munmap(t->shared, sizeof(*t->shared));
	t->shared = NULL;
}

/* 1 when the source is no longer what was opened: another size, times or file at its path. */
static int source_changed(const struct transfer *t, char *how, size_t len)
{
	struct stat now, at_path;
	if (t->spec->src_mem)
		return 0;	/* the producer's own memory, which nothing else writes */
	if (fstat(t->src_fd, &now) < 0)
		return snprintf(how, len, "it can no longer be read"), 1;
	if (stat(t->spec->src_path, &at_path) < 0 || at_path.st_ino != t->src_st.st_ino ||
	    at_path.st_dev != t->src_st.st_dev)
		return snprintf(how, len, "another file now has its name"), 1;
	if (now.st_size != t->src_st.st_size)
		return snprintf(how, len, "its size went from %lld to %lld bytes",
				(long long)t->src_st.st_size, (long long)now.st_size), 1;
	if (now.st_mtim.tv_sec != t->src_st.st_mtim.tv_sec ||
	    now.st_mtim.tv_nsec != t->src_st.st_mtim.tv_nsec ||
	    now.st_ctim.tv_sec != t->src_st.st_ctim.tv_sec ||
	    now.st_ctim.tv_nsec != t->src_st.st_ctim.tv_nsec)
		return snprintf(how, len, "it was written to"), 1;
	return 0;
}

/* ---- the parent's side --------------------------------------------------------------- */

/* Producer prepare, barrier, timed loop; then reap the child.  Returns 0 or an exit code. */
static int drive_transfer(struct transfer *t, double *t0, struct bx_error *err)
{
	const struct method *m = t->spec->method;
	struct half_report *report = &t->shared->producer;
	struct half_ctx ctx;
	harness_ctx_init(&ctx, t, CHANNEL_PRODUCER_SIDE, t->child);
	t->leased = t->src_fd >= 0 && fault_guard_lease(t->src_fd) == 0;

	struct sampler smp;
	struct syscall_count calls;
	int rc = harness_profile_open(t, &smp, &calls, &ctx);
	if (rc == 0 && m->producer->prepare)
		rc = m->producer->prepare(&ctx);
	if (rc == 0)
		fault_guard_warm(&ctx, &report->fault_signal);	/* faults since fork: not the loop's */
	if (rc == 0)
		rc = fault_inject_point(FAULT_POINT_START, CHANNEL_PRODUCER_SIDE, &ctx, "read(ready)");
	/* Read before the wait for "ready", not between it and "go": a receiver waiting for "go"
	 * (asleep, or polling) should wait no longer than a hand-written one does, and these
	 * /proc and /sys reads take tens of microseconds. */
	double steal_start = sysinfo_steal_s();
	int64_t reported_start = page_reporting_reported_kib();
	char byte = 'g';
	ssize_t got = -1;
	if (rc == 0) {
		do
			got = read(t->ready_fds[0], &byte, 1);
		while (got < 0 && errno == EINTR);
	}
	if (rc < 0 || got != 1 || t->shared->consumer.rc < 0) {
		/* Nothing moved yet.  Closing "go" unblocks a child waiting for it; it exits. */
		close_fd(&t->go_fds[1]);
		int status = reap_child(t->child, CHILD_GRACE_S, NULL);
		int ret;
		if (rc < 0)	/* a kernel that cannot (io_uring refused, ...): skip, not fail */
			ret = bx_fail(err, is_unsupported_errno(rc) ? HARNESS_UNSUPPORTED :
				      BX_EXIT_FAILURE, "%s: producer: %s failed: %s", m->name,
				      ctx.failed_call, strerror(-rc));
		else if (is_unsupported_errno(t->shared->consumer.rc))
			ret = bx_fail(err, HARNESS_UNSUPPORTED, "%s: consumer: %s: %s", m->name,
				      t->shared->consumer.failed_call,
				      strerror(-t->shared->consumer.rc));
		else
			ret = child_failure(t, status, err);
		if (m->producer->release)
			m->producer->release(&ctx);
		harness_counters_close(&smp, &calls);
		return ret;
	}

	struct measure_snapshot begun;	/* before the clock: none of it is timed */
	harness_half_begin(&begun, &smp, &calls);
	*t0 = measure_now();
	byte = 'g';
	if (write(t->go_fds[1], &byte, 1) != 1) {
		rc = -errno;
		syscall_count_close(&calls);
	} else
		rc = harness_run_half(m->producer, CHANNEL_PRODUCER_SIDE, &ctx, report, 0, &smp,
				      &calls, &begun);
	channel_hang_up(&t->chan, CHANNEL_PRODUCER_SIDE);	/* EOF for a consumer still reading */
	if (m->producer->release)
		m->producer->release(&ctx);

	int killed_by_us;
	int status = reap_child(t->child, rc < 0 ? CHILD_GRACE_S : -1, &killed_by_us);
	double steal_end = sysinfo_steal_s();
	t->steal_s = steal_start >= 0 && steal_end >= 0 ? steal_end - steal_start : -1;
	int64_t reported_end = page_reporting_reported_kib();
	t->reported_mib = reported_start >= 0 && reported_end >= 0 ?
			  (double)(reported_end - reported_start) / 1024 : -1;
	/* Folding the samples takes CPU: only once the consumer is done, so it never competes. */
	if (rc == 0)
		rc = harness_profile_save(t, &smp, CHANNEL_PRODUCER_SIDE, report);
	sampler_close(&smp);
	int consumer_rc = t->shared->consumer.rc;
	char how[128];
	if (report->fault_signal || (rc < 0 && source_changed(t, how, sizeof(how)))) {
		if (report->fault_signal)
			snprintf(how, sizeof(how), "%s", report->failed_call);
		return bx_fail(err, BX_EXIT_FAILURE, "source changed during the transfer: %s: %s",
			       m->name, how);
	}
	if (t->shared->consumer.fault_signal == SIGBUS)
		return bx_fail(err, BX_EXIT_FAILURE,
			       "%s: consumer: writing the mapped destination failed (SIGBUS): the "
			       "destination's filesystem is full or the file may not grow", m->name);
	int nothing_moved = report->fig.bytes == 0 && t->shared->consumer.fig.bytes == 0;
	if (nothing_moved && (is_unsupported_errno(rc) || is_unsupported_errno(consumer_rc))) {
		int side_rc = rc < 0 ? rc : consumer_rc;
		const char *call = rc < 0 ? report->failed_call : t->shared->consumer.failed_call;
		return bx_fail(err, HARNESS_UNSUPPORTED, "%s: %s: %s", m->name, call,
			       strerror(-side_rc));
	}
	/* When both sides failed, blame the one that failed first: a consumer that only saw the
	 * producer hang up (EPIPE), or that we killed after the grace period, is a consequence;
	 * otherwise the consumer's failure (a signal, EFBIG, ENOSPC, ...) caused the producer's
	 * EPIPE or ECONNRESET. */
	int consumer_is_consequence = killed_by_us || (consumer_rc == -EPIPE && !WIFSIGNALED(status));
	if (rc < 0 && (child_ok(t, status) || consumer_is_consequence))
		return bx_fail(err, BX_EXIT_FAILURE, "%s: producer: %s failed: %s", m->name,
			       report->failed_call, strerror(-rc));
	if (!child_ok(t, status))
		return child_failure(t, status, err);
	return 0;
}

/* The destination's bytes against the source's hash: the file's, or the keeping sink's memory,
 * which its process hashed after the clock (harness_side.c). */
static int verify_destination(const struct transfer *t, struct bx_error *err)
{
	uint64_t hash = 0, bytes = 0;
	const struct half_report *kept = &t->shared->consumer;
	int rc = 0;
	if (kept->kept) {
		hash = kept->kept_hash;
		bytes = kept->fig.bytes;
	} else if (harness_consumer_of(t->spec)->keeps_in_memory) {
		return bx_fail(err, BX_EXIT_FAILURE, "%s: the destination in memory was not hashed",
			       t->spec->method->name);
	} else {
		rc = verify_hash_path(t->spec->dst_path, &hash, &bytes);
	}
	if (rc < 0)
		return bx_fail(err, BX_EXIT_FAILURE, "%s: cannot read back destination '%s': %s",
			       t->spec->method->name, t->spec->dst_path, strerror(-rc));
	if (bytes != t->size)
		return bx_fail(err, BX_EXIT_FAILURE,
			       "%s: destination holds %llu bytes, source %llu: transfer incomplete",
			       t->spec->method->name, (unsigned long long)bytes,
			       (unsigned long long)t->size);
	if (hash != t->spec->src_hash)
		return bx_fail(err, BX_EXIT_FAILURE,
			       "%s: destination differs from source (XXH3 %016llx, expected %016llx)",
			       t->spec->method->name, (unsigned long long)hash,
			       (unsigned long long)t->spec->src_hash);
	return 0;
}

static void fill_record(const struct transfer *t, double t0, struct run_record *rec)
{
	const struct transfer_spec *spec = t->spec;
	memset(rec, 0, sizeof(*rec));
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	now.tv_sec -= (time_t)(measure_now() - t0);	/* back to when the run started */
	struct tm tm;
	gmtime_r(&now.tv_sec, &tm);
	strftime(rec->timestamp, sizeof(rec->timestamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	snprintf(rec->method, sizeof(rec->method), "%s", spec->method->name);
	snprintf(rec->producer, sizeof(rec->producer), "%s", spec->method->producer->name);
	snprintf(rec->consumer, sizeof(rec->consumer), "%s", harness_consumer_of(spec)->name);
	rec->bytes = t->size;
	rec->chunk = spec->chunk;
	rec->slots = t->chan.kind == CHANNEL_SHM ? spec->slots : 0;
	rec->pipe_size = t->chan.pipe_capacity;
	rec->producer_fig = t->shared->producer.fig;
	rec->consumer_fig = t->shared->consumer.fig;
	/* both sides count with the same counter on one machine; a side that could not, says so */
	snprintf(rec->kernel_syscalls_by, sizeof(rec->kernel_syscalls_by), "%s",
		 syscall_counter_id(rec->producer_fig.kernel_syscalls_by ==
					    rec->consumer_fig.kernel_syscalls_by ?
				    (enum syscall_counter)rec->producer_fig.kernel_syscalls_by :
				    SYSCALL_COUNTER_NONE));
	snprintf(rec->ring_pages, sizeof(rec->ring_pages), "%s",
		 harness_uses_ring(t->chan.kind) ? shm_ring_pages_name(t->chan.ring.pages) : "-");
	rec->prefault = harness_uses_ring(t->chan.kind) && t->spec->prefault;
	rec->spin_us = harness_uses_ring(t->chan.kind) ? harness_ring_spin_us(spec) : 0;
	rec->fsync = (uint64_t)spec->fsync;
	rec->busy_poll = (uint64_t)spec->busy_poll;
	if (spec->method->producer->uses_uring || harness_consumer_of(spec)->uses_uring)
		rec->queue_depth = uring_queue_depth(spec->queue_depth, spec->chunk);
	rec->cpu_producer = spec->pin ? spec->cpu_producer : -1;
	rec->cpu_consumer = spec->pin ? spec->cpu_consumer : -1;
	rec->wall_s = rec->consumer_fig.end_s - t0;
	rec->steal_s = t->steal_s;
	rec->reported_mib = t->reported_mib;
	rec->gib_per_s = rec->wall_s > 0 ? (double)t->size / GIB_BYTES / rec->wall_s : 0;
}

int harness_transfer(const struct transfer_spec *spec, struct run_record *rec,
		     struct bx_error *err)
{
	struct transfer t = {
		.spec = spec, .src_fd = -1, .dst_fd = -1, .ready_fds = { -1, -1 },
		.go_fds = { -1, -1 }, .steal_s = -1, .reported_mib = -1,
	};
	/* A dead reader must turn into EPIPE for the producer, not kill the whole program. */
	/* SIGXFSZ likewise: past RLIMIT_FSIZE a write must fail with EFBIG, not kill a half. */
	struct sigaction ignore = { .sa_handler = SIG_IGN }, saved, saved_xfsz;
	sigaction(SIGPIPE, &ignore, &saved);
	sigaction(SIGXFSZ, &ignore, &saved_xfsz);

	double t0 = 0;
	cpu_set_t old_mask;
	fault_inject_transfer_begins();
	if (spec->pin)
		harness_pin_to(spec->cpu_producer, &old_mask);
	int rc = open_everything(&t, err);
	if (rc == 0 && spec->profile_prefix)
		symbolizer_preload();	/* before the fork: the consumer inherits the kernel's table */
	if (rc == 0) {
		pid_t parent = getpid();
		t.child = fork();
		if (t.child < 0) {
			rc = bx_fail(err, BX_EXIT_FAILURE, "fork failed: %s", strerror(errno));
		} else if (t.child == 0) {
			close_fd(&t.src_fd);
			channel_keep_side(&t.chan, CHANNEL_CONSUMER_SIDE);
			close_fd(&t.ready_fds[0]);
			close_fd(&t.go_fds[1]);
			harness_consumer_main(&t, parent);
		} else {
			cleanup_set_child(t.child);
			close_fd(&t.dst_fd);
			channel_keep_side(&t.chan, CHANNEL_PRODUCER_SIDE);
			close_fd(&t.ready_fds[1]);
			close_fd(&t.go_fds[0]);
			rc = drive_transfer(&t, &t0, err);
		}
	}
	char how[128];
	if (rc == 0 && source_changed(&t, how, sizeof(how)))
		rc = bx_fail(err, BX_EXIT_FAILURE, "source changed during the transfer: %s: %s",
			     spec->method->name, how);
	if (rc == 0) {
		fill_record(&t, t0, rec);
		if (spec->verify) {
			rc = verify_destination(&t, err);
			rec->verified = rc == 0;
		}
	}
	close_everything(&t);
	if (spec->pin)
		sched_setaffinity(0, sizeof(old_mask), &old_mask);
	sigaction(SIGPIPE, &saved, NULL);
	sigaction(SIGXFSZ, &saved_xfsz, NULL);
	return rc;
}

