/*
 * test_harness.c - the harness's failure paths, driven by test-only halves: a consumer that
 * dies (pipe and shared-memory channels), a consumer that corrupts the destination, a producer
 * that fails half way, a consumer whose set-up fails, and a method the kernel "cannot do".
 * Each must end in a clear error (or a skip), never a hang, a result or a leaked object.
 * Also the ring's waits: one that may poll first takes a slot posted meanwhile without sleeping.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "base/measure.h"
#include "base/verify.h"
#include "channel/channel_shm.h"
#include "cli/options.h"
#include "run/runner.h"
#include "test_support.h"
#include "transfer/harness.h"

/* ---- test-only halves ------------------------------------------------------------------ */

static int consumer_dies_transfer(struct half_ctx *ctx)
{
	if (ctx->ring) {
		const void *slot;
		uint64_t len;
		shm_ring_get_full(ctx->ring, &slot, &len, &ctx->syscalls);
	} else {
		char buf[4096];
		ssize_t ignored = read(ctx->chan_fd, buf, sizeof(buf));
		(void)ignored;
	}
	raise(SIGKILL);
	return 0;
}

static int consumer_corrupts_transfer(struct half_ctx *ctx)
{
	int rc = consumer_pipe.transfer(ctx);
	char byte;
	if (rc == 0 && pread(ctx->file_fd, &byte, 1, 0) == 1) {
		byte ^= 0x5a;
		if (pwrite(ctx->file_fd, &byte, 1, 0) != 1)
			rc = -errno;
	}
	return rc;
}

static int consumer_truncates_transfer(struct half_ctx *ctx)
{
	int rc = consumer_pipe.transfer(ctx);
	if (rc == 0 && ftruncate(ctx->file_fd, (off_t)ctx->size - 1) < 0)
		rc = -errno;
	return rc;
}

static int producer_fails_midway(struct half_ctx *ctx)
{
	char buf[4096] = { 0 };
	if (write(ctx->chan_fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
		return half_fail(ctx, "write(pipe)", errno);
	ctx->bytes_done = sizeof(buf);
	return half_fail(ctx, "read(src)", EIO);
}

static int unsupported_transfer(struct half_ctx *ctx)
{
	return half_fail(ctx, "splice(src -> pipe)", ENOSYS);
}

static int failing_prepare(struct half_ctx *ctx)
{
	return half_fail(ctx, "mmap(dst)", ENOMEM);
}

static int corrupts_prepare(struct half_ctx *ctx)
{
	return consumer_pipe.prepare(ctx);
}

static void corrupts_release(struct half_ctx *ctx)
{
	consumer_pipe.release(ctx);
}

static const struct half_ops consumer_dies_pipe = {
	.name = "dies", .channel = CHANNEL_PIPE, .does = "reads a little, then SIGKILLs itself",
	.transfer = consumer_dies_transfer,
};
static const struct half_ops consumer_dies_shm = {
	.name = "dies", .channel = CHANNEL_SHM, .does = "takes a slot, then SIGKILLs itself",
	.transfer = consumer_dies_transfer,
};
static const struct half_ops consumer_corrupts = {
	.name = "corrupts", .channel = CHANNEL_PIPE, .does = "like pipe, then flips a byte",
	.prepare = corrupts_prepare, .transfer = consumer_corrupts_transfer,
	.release = corrupts_release,
};
static const struct half_ops consumer_truncates = {
	.name = "truncates", .channel = CHANNEL_PIPE, .does = "like pipe, then drops the last byte",
	.prepare = corrupts_prepare, .transfer = consumer_truncates_transfer,
	.release = corrupts_release,
};
static const struct half_ops producer_fails = {
	.name = "fails", .channel = CHANNEL_PIPE, .does = "sends 4 KiB, then fails with EIO",
	.transfer = producer_fails_midway,
};
static const struct half_ops producer_unsupported = {
	.name = "nosys", .channel = CHANNEL_PIPE, .does = "fails with ENOSYS at once",
	.transfer = unsupported_transfer,
};
static const struct half_ops consumer_bad_prepare = {
	.name = "badprep", .channel = CHANNEL_SHM, .does = "set-up fails with ENOMEM",
	.prepare = failing_prepare, .transfer = consumer_dies_transfer,
};

/* ---- the driver ------------------------------------------------------------------------ */

struct outcome {
	int rc;
	char msg[BX_ERROR_MSG_MAX];
	double seconds;
	int shm_leaked;
};

static struct outcome run_pair(const struct half_ops *producer, const struct half_ops *consumer,
			       uint64_t size)
{
	struct method m = { "test-pair", "test-only pairing", producer, consumer };
	char dir[64], src[128], dst[128];
	struct outcome out = { 0 };
	ts_make_tempdir(dir, sizeof(dir));
	snprintf(src, sizeof(src), "%s/src", dir);
	snprintf(dst, sizeof(dst), "%s/dst", dir);
	int shm_before = ts_count_shm_objects();
	ts_write_file(src, size, 3);
	struct transfer_spec spec = {
		.method = &m, .src_path = src, .dst_path = dst, .chunk = 65536, .slots = 4,
		.verify = 1,
	};
	verify_hash_path(src, &spec.src_hash, NULL);
	struct run_record rec;
	struct bx_error err = { 0, "" };
	double t = measure_now();
	out.rc = harness_transfer(&spec, &rec, &err);
	out.seconds = measure_now() - t;
	snprintf(out.msg, sizeof(out.msg), "%s", err.msg);
	out.shm_leaked = ts_count_shm_objects() - shm_before;
	ts_remove_tree(dir);
	return out;
}

static void expect(const struct outcome *o, int rc, const char *message)
{
	CU_ASSERT_EQUAL(o->rc, rc);
	CU_ASSERT_PTR_NOT_NULL(strstr(o->msg, message));
	CU_ASSERT_EQUAL(o->shm_leaked, 0);
	if (o->rc != rc || !strstr(o->msg, message))
		fprintf(stderr, "\n  expected %d '%s', got %d '%s'\n", rc, message, o->rc, o->msg);
}

/* ---- tests ----------------------------------------------------------------------------- */

static void test_consumer_dies_on_pipe(void)
{
	struct outcome o = run_pair(&producer_pipe, &consumer_dies_pipe, 8 << 20);
	expect(&o, BX_EXIT_FAILURE, "killed by signal 9 (Killed)");	/* named, not only numbered */
}

static void test_consumer_dies_on_ring(void)
{
	/* The producer sleeps on a full ring: only the timed wait's liveness check can save it. */
	struct outcome o = run_pair(&producer_shm, &consumer_dies_shm, 8 << 20);
	expect(&o, BX_EXIT_FAILURE, "killed by signal 9 (Killed)");	/* named, not only numbered */
}

static void test_corrupted_destination_fails(void)
{
	struct outcome o = run_pair(&producer_pipe, &consumer_corrupts, 1 << 20);
	expect(&o, BX_EXIT_FAILURE, "differs from source");
}

static void test_short_destination_fails(void)
{
	/* One byte short: said as such, by the size check before the hash. */
	struct outcome o = run_pair(&producer_pipe, &consumer_truncates, 1 << 20);
	expect(&o, BX_EXIT_FAILURE, "destination holds 1048575 bytes, source 1048576: transfer "
	       "incomplete");
}

/* The bytes the shared-memory object behind addr holds (st_blocks of the file mapped there,
 * through /proc/self/map_files), or -1 when that cannot be read here. */
static long long object_bytes_at(const void *addr)
{
	FILE *maps = fopen("/proc/self/maps", "r");
	char line[512], range[64] = "";
	while (maps && fgets(line, sizeof(line), maps)) {
		unsigned long lo, hi;
		if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 && (unsigned long)addr >= lo &&
		    (unsigned long)addr < hi) {
			snprintf(range, sizeof(range), "%lx-%lx", lo, hi);
			break;
		}
	}
	if (maps)
		fclose(maps);
	char path[128];
	snprintf(path, sizeof(path), "/proc/self/map_files/%s", range);
	struct stat st;
	return range[0] && stat(path, &st) == 0 ? (long long)st.st_blocks * 512 : -1;
}

/* The whole-file region is left unallocated when fresh (the 2014 segment's first touch is in the
 * loop) and reserved otherwise: the object's allocated blocks say which. */
static void test_region_fresh_or_reserved(void)
{
	size_t len = 1 << 20;
	for (int fresh = 0; fresh <= 1; fresh++) {
		struct shm_ring r;
		CU_ASSERT_EQUAL_FATAL(shm_region_create(&r, len, 0, fresh), 0);
		CU_ASSERT_EQUAL(r.fresh, fresh);
		long long held = object_bytes_at(shm_region_base(&r));
		if (held < 0) {
			ts_skip("harness/region_fresh_or_reserved",
				"/proc/self/map_files cannot be read (needs root)");
		} else if (fresh) {
			CU_ASSERT_TRUE(held < (long long)len / 2);	/* the header page, no more */
		} else {
			CU_ASSERT_TRUE(held >= (long long)len);
		}
		shm_ring_destroy(&r);
	}
}

static void test_producer_fails_midway(void)
{
	struct outcome o = run_pair(&producer_fails, &consumer_pipe, 1 << 20);
	expect(&o, BX_EXIT_FAILURE, "producer: read(src) failed");
}

static void test_unsupported_is_skipped(void)
{
	struct outcome o = run_pair(&producer_unsupported, &consumer_pipe, 1 << 20);
	expect(&o, HARNESS_UNSUPPORTED, "Function not implemented");
}

static void test_consumer_prepare_fails(void)
{
	struct outcome o = run_pair(&producer_shm, &consumer_bad_prepare, 1 << 20);
	expect(&o, BX_EXIT_FAILURE, "consumer: mmap(dst) failed");
}

static void test_missing_source_fails(void)
{
	struct transfer_spec spec = {
		.method = methods_find("pipe"), .src_path = "/nonexistent/src",
		.dst_path = "/tmp/bulkxfer-never-made", .chunk = 4096, .slots = 1,
	};
	struct run_record rec;
	struct bx_error err = { 0, "" };
	CU_ASSERT_EQUAL(harness_transfer(&spec, &rec, &err), BX_EXIT_FAILURE);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "cannot read source"));
	CU_ASSERT_FALSE(ts_exists("/tmp/bulkxfer-never-made"));
}

/* The runner skips an unsupported method with a message and goes on with the others. */
static void test_runner_skips_unsupported(void)
{
	char dir[64], csv[128];
	ts_make_tempdir(dir, sizeof(dir));
	snprintf(csv, sizeof(csv), "%s/r.csv", dir);
	struct method nosys = { "nosys", "test", &producer_unsupported, &consumer_pipe };
	struct run_plan o;
	ts_plan_defaults(&o, CMD_RUN);
	o.methods[0] = &nosys;
	o.methods[1] = methods_find("pipe");
	o.nmethods = 2;
	o.sizes.v[0] = 1 << 20;
	o.sizes.n = 1;
	o.runs = 2;
	o.warmup = 0;
	o.workdir = dir;
	o.csv = csv;
	struct series s = { 0 };
	struct bx_error err = { 0, "" };
	CU_ASSERT_EQUAL(runner_execute(&o, &s, &err), 0);
	CU_ASSERT_EQUAL(s.nskipped, 1);
	CU_ASSERT_EQUAL(s.n, 2);
	for (size_t i = 0; i < s.n; i++)
		CU_ASSERT_STRING_EQUAL(s.records[i].method, "pipe");
	series_free(&s);
	/* Only unsupported methods: a failure, not an empty success. */
	o.nmethods = 1;
	CU_ASSERT_EQUAL(runner_execute(&o, &s, &err), BX_EXIT_FAILURE);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "no method could run"));
	series_free(&s);
	ts_remove_tree(dir);
}

struct poster {
	struct shm_ring *ring;
	pid_t waiter;		/* the thread that waits for the slot */
	int until_asleep;	/* post once the waiter sleeps in futex(), else 2 ms after t0 */
	double t0, posted;	/* when the waiter began to wait; when the slot was posted */
	clockid_t waiter_cpu;	/* the waiter's CPU-time clock */
	double cpu0, cpu_asleep;	/* its CPU seconds when it began, and once asleep */
};

static double cpu_seconds(clockid_t clock)
{
	struct timespec ts;
	clock_gettime(clock, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The system call thread tid of this process is blocked in, or -1 when it runs in user space
 * (from /proc: the kernel's own word, not a guess from timing). */
static long waiter_syscall(pid_t tid)
{
	char path[64], buf[64] = "";
	snprintf(path, sizeof(path), "/proc/self/task/%ld/syscall", (long)tid);
	FILE *f = fopen(path, "r");
	long nr = -1;
	if (f) {
		if (fgets(buf, sizeof(buf), f) && sscanf(buf, "%ld", &nr) != 1)
			nr = -1;
		fclose(f);
	}
	return nr;
}

static void *post_a_slot(void *arg)
{
	struct poster *p = arg;
	if (p->until_asleep) {
		/* Bounded only so that a wait that never sleeps fails instead of hanging. */
		for (int i = 0; i < 10000 && waiter_syscall(p->waiter) != SYS_futex; i++)
			usleep(1000);
		p->cpu_asleep = cpu_seconds(p->waiter_cpu);
	} else {
		while (measure_now() < p->t0 + 0.002)
			usleep(200);
	}
	p->posted = measure_now();
	shm_ring_put_full(p->ring, 1);
	return NULL;
}

/* One slot posted by another thread, taken by this one; returns the futex sleeps it took, in
 * *late how long after the wait began the slot came, in *cpu the CPU time the waiter used
 * before it slept (until_asleep) and in *polls how often its wait polled the semaphore. */
static uint64_t take_a_posted_slot(struct shm_ring *ring, uint32_t spin_us, int until_asleep,
				   double *late, double *cpu, uint64_t *polls)
{
	struct shm_ring producer = *ring, consumer = *ring;	/* each side's own index */
	shm_ring_set_spin(&consumer, spin_us);
	struct poster p = { &producer, gettid(), until_asleep, 0, 0, 0, 0, 0 };
	pthread_getcpuclockid(pthread_self(), &p.waiter_cpu);
	p.cpu0 = cpu_seconds(p.waiter_cpu);
	p.t0 = measure_now();
	pthread_t t;
	CU_ASSERT_EQUAL_FATAL(pthread_create(&t, NULL, post_a_slot, &p), 0);
	const void *slot;
	uint64_t len = 0, sleeps = 0;
	CU_ASSERT_EQUAL(shm_ring_get_full(&consumer, &slot, &len, &sleeps), 0);
	pthread_join(t, NULL);
	CU_ASSERT_EQUAL(len, 1);
	shm_ring_put_empty(&consumer);
	*late = p.posted - p.t0;
	*cpu = p.cpu_asleep - p.cpu0;
	*polls = consumer.polls;
	return sleeps;
}

/* The shm_open fallback (where memfd_create is missing, forced here): the named object is
 * unlinked at once, so a ring, a whole-file region and a full transfer leave nothing in
 * /dev/shm, and the ring still works. */
static void test_named_fallback_leaves_nothing(void)
{
	int before = ts_count_shm_objects();
	setenv(SHM_FORCE_NAMED_ENV, "1", 1);
	struct shm_ring ring, region;
	int made = shm_ring_create(&ring, 4096, 2, 0);
	int made_region = shm_region_create(&region, 1 << 20, 0, 1);
	CU_ASSERT_EQUAL(made, 0);
	CU_ASSERT_EQUAL(made_region, 0);
	CU_ASSERT_EQUAL(ts_count_shm_objects(), before);	/* unlinked while still mapped */
	CU_ASSERT_FALSE(region.fresh);	/* on /dev/shm the region is reserved: its limit holds */
	if (made == 0) {
		void *slot;
		const void *full;
		uint64_t len = 0;
		struct shm_ring consumer = ring;	/* each side keeps its own next slot */
		CU_ASSERT_EQUAL(shm_ring_get_empty(&ring, &slot, NULL), 0);
		memset(slot, 7, 4096);
		shm_ring_put_full(&ring, 4096);
		CU_ASSERT_EQUAL(shm_ring_get_full(&consumer, &full, &len, NULL), 0);
		CU_ASSERT_EQUAL(len, 4096);
		CU_ASSERT_EQUAL(((const unsigned char *)full)[4095], 7);
		shm_ring_destroy(&ring);
	}
	if (made_region == 0)
		shm_ring_destroy(&region);
	struct outcome o = run_pair(&producer_shm, &consumer_shm, 1 << 20);
	CU_ASSERT_EQUAL(o.rc, 0);
	unsetenv(SHM_FORCE_NAMED_ENV);
	CU_ASSERT_EQUAL(ts_count_shm_objects(), before);
}

/* Decided by events, never by timing: in both cases the slot is posted only once the kernel
 * says the waiter is blocked in futex(), so it must have slept; the ring's own poll counter then
 * says whether it polled first.  A wait that may not poll never polled; one allowed to poll (for
 * 100 ms) polled before it slept, however long the machine kept either thread off the CPU. */
static void test_ring_wait_polls_before_sleeping(void)
{
	struct shm_ring ring;
	CU_ASSERT_EQUAL_FATAL(shm_ring_create(&ring, 4096, 2, 0), 0);
	double late, cpu;
	uint64_t polls = 0;
	CU_ASSERT_TRUE(take_a_posted_slot(&ring, 0, 1, &late, &cpu, &polls) >= 1);
	CU_ASSERT_EQUAL(polls, 0);
	CU_ASSERT_TRUE(take_a_posted_slot(&ring, SHM_RING_MAX_SPIN_US, 1, &late, &cpu, &polls) >= 1);
	CU_ASSERT_TRUE(polls > 0);
	shm_ring_destroy(&ring);
}

int register_harness_suite(void)
{
	static const struct test_case cases[] = {
		{ "consumer_dies_on_pipe", test_consumer_dies_on_pipe },
		{ "short_destination_fails", test_short_destination_fails },
		{ "region_fresh_or_reserved", test_region_fresh_or_reserved },
		{ "named_fallback_leaves_nothing", test_named_fallback_leaves_nothing },
		{ "consumer_dies_on_ring", test_consumer_dies_on_ring },
		{ "corrupted_destination_fails", test_corrupted_destination_fails },
		{ "producer_fails_midway", test_producer_fails_midway },
		{ "unsupported_is_skipped", test_unsupported_is_skipped },
		{ "consumer_prepare_fails", test_consumer_prepare_fails },
		{ "missing_source_fails", test_missing_source_fails },
		{ "runner_skips_unsupported", test_runner_skips_unsupported },
		{ "ring_wait_polls_before_sleeping", test_ring_wait_polls_before_sleeping },
	};
	return TS_ADD_SUITE("harness", cases);
}
