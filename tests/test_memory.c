/*
 * test_memory.c - memory to memory (issue 22): the memory source holds the generated data and
 * its hash, every method that can send from memory does (verified, end to end through the
 * binary), the read and splice sinks, the check run that verifies a sink (and fails on a wrong
 * byte), the refusals, and --busy-poll: the channel really non-blocking, and the loops asking
 * again on EAGAIN.  The EAGAIN cases are made to happen, never hoped for: the pipe is full (or
 * empty) before the call, and the helper thread that frees it waits until the call has counted
 * its first attempt.  And io_user_touch: every page mapped, no byte changed.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/io_util.h"
#include "base/source.h"
#include "base/verify.h"
#include "catalog/methods.h"
#include "cli/options.h"
#include "consumer/sink.h"
#include "record/results.h"
#include "run/runner.h"
#include "test_support.h"
#include "transfer/harness.h"
#include "transfer/memory_source.h"

static char dir[64];

static int suite_init(void)
{
	ts_make_tempdir(dir, sizeof(dir));
	return dir[0] ? 0 : -1;
}

static int suite_clean(void)
{
	ts_remove_tree(dir);
	return 0;
}

/* `bulkxfer run --src memory --size 4M --chunk 64K --runs 2 --warmup W <extra>` into a fresh
 * CSV; its rows into *recs (the caller frees), their count returned. */
static size_t memory_rows(const char *extra, int warmup, struct run_record **recs,
			  struct ts_result *r)
{
	char csv[128], line[1024];
	snprintf(csv, sizeof(csv), "%s/m.csv", dir);
	unlink(csv);
	snprintf(line, sizeof(line), "run --src memory --size 4M --chunk 64K --runs 2 --warmup %d "
		 "--workdir %s --csv %s %s", warmup, dir, csv, extra);
	size_t n = ts_run_rows(r, line, csv, recs);
	unlink(csv);
	return n;
}

/* The buffer holds exactly the bytes a generated file of the same seed holds, and its hash is
 * that file's, so a memory run is verified against the same data a file run would be. */
static void test_source_is_the_generated_data(void)
{
	struct memory_source ms;
	struct bx_error err;
	const uint64_t size = (3 << 20) + 13;	/* not a multiple of 8: the tail too */
	CU_ASSERT_EQUAL_FATAL(memory_source_create(&ms, size, 7, 0, 0, 0, &err), 0);
	char path[128];
	snprintf(path, sizeof(path), "%s/gen", dir);
	CU_ASSERT_EQUAL_FATAL(ts_write_file(path, size, 7), 0);
	uint64_t hash = 0, bytes = 0;
	CU_ASSERT_EQUAL(verify_hash_path(path, &hash, &bytes), 0);
	CU_ASSERT_EQUAL(bytes, size);
	CU_ASSERT_EQUAL(ms.hash, hash);
	unsigned char *expect = malloc(size);
	source_fill(expect, size, 0, 7);
	CU_ASSERT_EQUAL(memcmp(ms.buf, expect, size), 0);
	free(expect);
	CU_ASSERT_STRING_EQUAL(ms.pages, "normal");
	CU_ASSERT_FALSE(ms.locked);
	memory_source_free(&ms);
	CU_ASSERT_PTR_NULL(ms.buf);
	unlink(path);
}

/* --buffer-offset: the memory source starts that far past a page start and holds the same
 * bytes; the rows record the offset each side's buffer had, from its address: the option's for
 * halves that copy through a buffer, -1 for one that has none (splice), 0 by default. */
static void test_buffer_offset_is_recorded_as_used(void)
{
	struct memory_source ms;
	struct bx_error err;
	CU_ASSERT_EQUAL_FATAL(memory_source_create(&ms, 1 << 20, 7, 0, 0, 16, &err), 0);
	CU_ASSERT_EQUAL((uintptr_t)ms.buf & 4095, 16);
	unsigned char *expect = malloc(1 << 20);
	source_fill(expect, 1 << 20, 0, 7);
	CU_ASSERT_EQUAL(memcmp(ms.buf, expect, 1 << 20), 0);
	free(expect);
	memory_source_free(&ms);

	struct ts_result *r = malloc(sizeof(*r));
	struct run_record *recs = NULL;
	size_t n = memory_rows("--method pipe --sink --sink-by read --buffer-offset 16", 0, &recs, r);
	CU_ASSERT_EQUAL(n, 2);
	for (size_t i = 0; i < n; i++) {
		CU_ASSERT_EQUAL(recs[i].producer_fig.buffer_offset, 16);	/* the source */
		CU_ASSERT_EQUAL(recs[i].consumer_fig.buffer_offset, 16);	/* the read buffer */
	}
	free(recs);
	char csv[128], line[1024];
	snprintf(csv, sizeof(csv), "%s/o.csv", dir);
	unlink(csv);
	snprintf(line, sizeof(line), "run --size 1M --method pipe,splice --runs 1 --warmup 0 "
		 "--buffer-offset 24 --workdir %s --csv %s", dir, csv);
	n = ts_run_rows(r, line, csv, &recs);
	CU_ASSERT_EQUAL(n, 2);
	for (size_t i = 0; i < n; i++) {
		int64_t want = strcmp(recs[i].method, "pipe") == 0 ? 24 : -1;
		CU_ASSERT_EQUAL(recs[i].producer_fig.buffer_offset, want);
		CU_ASSERT_EQUAL(recs[i].consumer_fig.buffer_offset, want);
	}
	free(recs);
	unlink(csv);
	snprintf(line, sizeof(line), "run --size 1M --method pipe --runs 1 --warmup 0 --workdir %s "
		 "--csv %s", dir, csv);
	n = ts_run_rows(r, line, csv, &recs);
	CU_ASSERT_TRUE(n == 1 && recs[0].producer_fig.buffer_offset == 0 &&
		       recs[0].consumer_fig.buffer_offset == 0);	/* page-aligned by default */
	free(recs);
	unlink(csv);
	free(r);
}

/* --huge: what the rows say is what smaps measured, never what was asked. */
static void test_huge_is_measured(void)
{
	struct memory_source ms;
	struct bx_error err;
	CU_ASSERT_EQUAL_FATAL(memory_source_create(&ms, 16 << 20, 1, 1, 0, 0, &err), 0);
	double pct = memory_huge_pct(ms.buf, ms.map_len);
	CU_ASSERT_TRUE(pct >= 0 && pct <= 100);
	if (strcmp(ms.pages, "hugetlb") != 0)
		CU_ASSERT_STRING_EQUAL(ms.pages, pct >= 50 ? "thp" : "normal");
	memory_source_free(&ms);
	/* The name follows the measurement, never the request. */
	CU_ASSERT_STRING_EQUAL(memory_pages_kind(0, 0), "normal");
	CU_ASSERT_STRING_EQUAL(memory_pages_kind(0, 49.9), "normal");
	CU_ASSERT_STRING_EQUAL(memory_pages_kind(0, 50), "thp");
	CU_ASSERT_STRING_EQUAL(memory_pages_kind(1, 0), "hugetlb");
	/* A mapping that is not there is said so, not counted as 0% huge. */
	CU_ASSERT_DOUBLE_EQUAL(memory_huge_pct((void *)16, 4096), -1, 0);
}

/* Every method that can send from memory does, into a file, verified; the rows say memory. */
static void test_every_memory_method_to_file(void)
{
	struct ts_result *r = malloc(sizeof(*r));
	struct run_record *recs;
	size_t sending = 0;
	for (size_t i = 0; i < methods_count(); i++)
		sending += methods_at(i)->producer->from_memory != 0 && ts_method_usable(methods_at(i));
	/* No --method: 'all' keeps the methods that can, and only them. */
	size_t n = memory_rows("", 1, &recs, r);
	CU_ASSERT_EQUAL(r->status, 0);
	if (r->status)
		fprintf(stderr, "\n  %s\n", r->err);
	/* shm and shm-whole map their destination: a file, so every one runs. */
	CU_ASSERT_EQUAL(n, 2 * sending);
	for (size_t i = 0; i < n; i++) {
		const struct method *m = methods_find(recs[i].method);
		CU_ASSERT_PTR_NOT_NULL_FATAL(m);
		CU_ASSERT_TRUE(m->producer->from_memory);
		CU_ASSERT_STRING_EQUAL(recs[i].source, "memory");
		CU_ASSERT_STRING_EQUAL(recs[i].src_fs, "memory");
		CU_ASSERT_EQUAL(recs[i].verified, 1);
		CU_ASSERT_STRING_EQUAL(recs[i].verify_by, "dst");
		CU_ASSERT_STRING_EQUAL(recs[i].sink_by, "-");
		CU_ASSERT_EQUAL(recs[i].bytes, 4 << 20);
	}
	free(recs);
	free(r);
}

/* Memory to memory through the read sink: each setting verified by its check run. */
static void test_read_sink_memory_to_memory(void)
{
	struct ts_result *r = malloc(sizeof(*r));
	struct run_record *recs;
	static const char *const methods[] = { "pipe", "unix", "shm", "shm-rw", "shm-whole", "cma",
					       "vmsplice" };
	for (size_t k = 0; k < sizeof(methods) / sizeof(methods[0]); k++) {
		for (int warmup = 0; warmup <= 1; warmup++) {	/* the check run before a warm-up or not */
			char extra[128];
			snprintf(extra, sizeof(extra), "--method %s --sink-by read", methods[k]);
			size_t n = memory_rows(extra, warmup, &recs, r);
			CU_ASSERT_EQUAL(r->status, 0);
			CU_ASSERT_EQUAL(n, 2);
			if (n != 2)
				fprintf(stderr, "\n  %s: %s\n", methods[k], r->err);
			/* the table says how its rows were verified, and claims no floor */
			CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "each setting verified with XXH3 by an "
						      "unrecorded check run"));
			CU_ASSERT_PTR_NULL(strstr(r->out, "%floor = "));
			for (size_t i = 0; i < n; i++) {
				CU_ASSERT_STRING_EQUAL(recs[i].consumer, "sink-read");
				CU_ASSERT_STRING_EQUAL(recs[i].sink_by, "read");
				CU_ASSERT_EQUAL(recs[i].sink, 1);
				CU_ASSERT_EQUAL(recs[i].verified, 1);
				CU_ASSERT_STRING_EQUAL(recs[i].verify_by, "check-run");
				/* pipe, unix: one read() a chunk at least, nothing else counted */
				if (k < 2)
					CU_ASSERT_TRUE(recs[i].consumer_fig.syscalls >= (4 << 20) / 65536);
			}
			free(recs);
		}
	}
	free(r);
}

/* The splice sink: pipe and socket to /dev/null, no copy; shared memory cannot. */
static void test_splice_sink(void)
{
	struct ts_result *r = malloc(sizeof(*r));
	struct run_record *recs;
	static const struct { const char *method, *consumer; } cases[] = {
		{ "pipe", "splice" }, { "vmsplice-gift", "splice" }, { "unix", "unix-splice" },
	};
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		char extra[128];
		snprintf(extra, sizeof(extra), "--method %s --sink-by splice", cases[k].method);
		size_t n = memory_rows(extra, 1, &recs, r);
		CU_ASSERT_EQUAL(r->status, 0);
		CU_ASSERT_EQUAL(n, 2);
		for (size_t i = 0; i < n; i++) {
			CU_ASSERT_STRING_EQUAL(recs[i].consumer, cases[k].consumer);
			CU_ASSERT_STRING_EQUAL(recs[i].sink_by, "splice");
			CU_ASSERT_EQUAL(recs[i].verified, 1);
		}
		free(recs);
	}
	free(r);
}

/* Refusals: one line, exit 2, before anything runs. */
static void test_refusals(void)
{
	struct ts_result *r = malloc(sizeof(*r));
	struct run_record *recs;
	static const struct { const char *extra, *says; } cases[] = {
		{ "--method splice", "--src memory: splice cannot send from memory: it splices from "
		  "the source file" },
		{ "--method sendfile", "sendfile cannot send from memory" },
		{ "--method fdpass", "fdpass cannot send from memory" },
		{ "--method shm --sink-by splice", "--sink-by splice: shm cannot: only a pipe or a "
		  "socket" },
		{ "--method fdpass --sink-by read", "fdpass cannot" },
		{ "--method pipe --sink-by write", "--sink-by 'write': give 'read'" },
		{ "--method shm --busy-poll", "--busy-poll: shm moves its bytes through shared memory" },
		{ "--method pipe --cold", "--cold evicts the source file" },
		{ "--method pipe --sink-by read --chunk rest", "--chunk rest: --sink-by read" },
	};
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		size_t n = memory_rows(cases[k].extra, 1, &recs, r);
		CU_ASSERT_EQUAL(r->status, 2);
		CU_ASSERT_EQUAL(n, 0);
		CU_ASSERT_PTR_NOT_NULL(strstr(r->err, cases[k].says));
		if (!strstr(r->err, cases[k].says))
			fprintf(stderr, "\n  %s: got '%s'\n", cases[k].extra, r->err);
		free(recs);
	}
	const char *no_size[] = { "bulkxfer", "run", "--src", "memory", "--method", "pipe", NULL };
	ts_run_bulkxfer(r, no_size);
	CU_ASSERT_EQUAL(r->status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->err, "--src memory: give the bytes to send with --size"));
	const char *lock_file[] = { "bulkxfer", "run", "--size", "1M", "--lock", NULL };
	ts_run_bulkxfer(r, lock_file);
	CU_ASSERT_EQUAL(r->status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->err, "--lock locks the producer's memory source"));
	free(r);
}

/* ---- the check run ------------------------------------------------------------------- */

static int corrupts_transfer(struct half_ctx *ctx)
{
	int rc = consumer_pipe.transfer(ctx);
	char byte;
	if (rc == 0 && pread(ctx->file_fd, &byte, 1, 4096) == 1) {
		byte ^= 0x21;
		if (pwrite(ctx->file_fd, &byte, 1, 4096) != 1)
			rc = -errno;
	}
	return rc;
}

/* pipe's receiving half's own steps, for the test halves below that change only one of them */
static int like_pipe_prepare(struct half_ctx *ctx) { return consumer_pipe.prepare(ctx); }
static int like_pipe_transfer(struct half_ctx *ctx) { return consumer_pipe.transfer(ctx); }
static void like_pipe_release(struct half_ctx *ctx) { consumer_pipe.release(ctx); }

static const struct half_ops consumer_corrupts = {
	.name = "corrupts", .channel = CHANNEL_PIPE, .does = "like pipe, then flips a byte",
	.prepare = like_pipe_prepare, .transfer = corrupts_transfer, .release = like_pipe_release,
};

/* A plan of one sink setting of method m (its own receiving half discarding), 1 MiB, 2 recorded
 * runs after warmup, from memory or a file, its rows into csv. */
static void sink_plan(struct run_plan *o, struct method *m, uint64_t warmup, int src_memory,
		      const char *csv)
{
	ts_plan_defaults(o, CMD_RUN);
	o->methods[0] = m;
	o->nmethods = 1;
	o->sizes.v[0] = 1 << 20;
	o->sizes.n = 1;
	o->runs = 2;
	o->warmup = warmup;
	o->src_memory = src_memory;
	o->sink = 1;
	o->sink_by = SINK_METHOD;
	o->workdir = dir;
	o->csv = csv;
}

/* A sink whose receiver gets one byte wrong: its check run fails the series, no row is left. */
static void test_check_run_catches_a_wrong_byte(void)
{
	char csv[128];
	snprintf(csv, sizeof(csv), "%s/check.csv", dir);
	unlink(csv);
	struct method bad = { "corrupts", "test", &producer_pipe, &consumer_corrupts };
	for (int memory = 0; memory <= 1; memory++) {
		struct run_plan o;
		sink_plan(&o, &bad, (uint64_t)memory, memory, csv);	/* warm-up or not: both */
		struct series s = { 0 };
		struct bx_error err = { 0, "" };
		CU_ASSERT_EQUAL(runner_execute(&o, &s, &err), BX_EXIT_FAILURE);
		CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "differs from source"));
		CU_ASSERT_EQUAL(s.n, 0);
		CU_ASSERT_FALSE(ts_exists(csv));
		series_free(&s);
		/* --no-verify: no check run, and the rows say nothing was verified. */
		o.verify = 0;
		CU_ASSERT_EQUAL(runner_execute(&o, &s, &err), 0);
		CU_ASSERT_EQUAL(s.n, 2);
		for (size_t i = 0; i < s.n; i++) {
			CU_ASSERT_EQUAL(s.records[i].verified, 0);
			CU_ASSERT_STRING_EQUAL(s.records[i].verify_by, "-");
		}
		series_free(&s);
		unlink(csv);
	}
}

/* The order of a sink setting's transfers: a receiver like pipe's that first appends one
 * letter to order_log, 'F' when it receives into a regular file (the check run) and 'S' when
 * into the sink.  The receiver is a forked child, so the log is a file, opened O_APPEND. */
static char order_log[128];

static int logs_order_prepare(struct half_ctx *ctx)
{
	struct stat st;
	int rc = consumer_pipe.prepare(ctx);
	int fd = open(order_log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (rc == 0 && (fd < 0 || fstat(ctx->file_fd, &st) < 0 ||
			write(fd, S_ISREG(st.st_mode) ? "F" : "S", 1) != 1))
		rc = -EIO;
	if (fd >= 0)
		close(fd);
	return rc;
}

static const struct half_ops consumer_logs_order = {
	.name = "logs-order", .channel = CHANNEL_PIPE, .does = "logs where it receives, like pipe",
	.prepare = logs_order_prepare, .transfer = like_pipe_transfer, .release = like_pipe_release,
};

/* The check run comes extra, before the setting's first transfer, never in a warm-up's place:
 * its file and its read-back touch as much other memory as the transfer's size, and on a
 * paravirtualised guest the sender's next pass over the source was measured to cost more
 * (doc/details.md), so a warm-up must come between it and the first recorded run.
 * --warmup 0: it comes right before the first. */
static void test_check_run_comes_before_the_warm_up(void)
{
	char csv[128];
	snprintf(csv, sizeof(csv), "%s/order.csv", dir);
	snprintf(order_log, sizeof(order_log), "%s/order.log", dir);
	struct method m = { "logs-order", "test", &producer_pipe, &consumer_logs_order };
	static const char *const expect[] = { "FSS", "FSSS", "FSSSS" };	/* warm-up 0, 1, 2 */
	for (uint64_t warmup = 0; warmup <= 2; warmup++) {
		unlink(order_log);
		unlink(csv);
		struct run_plan o;
		sink_plan(&o, &m, warmup, 1, csv);
		struct series s = { 0 };
		struct bx_error err = { 0, "" };
		CU_ASSERT_EQUAL(runner_execute(&o, &s, &err), 0);
		CU_ASSERT_EQUAL(s.n, 2);
		for (size_t i = 0; i < s.n; i++)
			CU_ASSERT_EQUAL(s.records[i].verified, 1);
		series_free(&s);
		char *got = ts_read_file(order_log, NULL);
		CU_ASSERT_PTR_NOT_NULL_FATAL(got);
		CU_ASSERT_STRING_EQUAL(got, expect[warmup]);
		free(got);
		unlink(order_log);
		unlink(csv);
	}
}

/* ---- --busy-poll --------------------------------------------------------------------- */

/* A receiving half that fails unless its end of the channel is non-blocking (want 1) or
 * blocking (want 0), then receives like pipe's. */
static int want_nonblocking;

static int checks_flags_transfer(struct half_ctx *ctx)
{
	int flags = fcntl(ctx->chan_fd, F_GETFL);
	if (flags < 0 || ((flags & O_NONBLOCK) != 0) != want_nonblocking)
		return half_fail(ctx, "fcntl(F_GETFL): the channel's blocking mode", EPROTO);
	return consumer_pipe.transfer(ctx);
}

static const struct half_ops consumer_checks_flags = {
	.name = "checks-flags", .channel = CHANNEL_PIPE, .does = "checks O_NONBLOCK, then like pipe",
	.prepare = like_pipe_prepare, .transfer = checks_flags_transfer, .release = like_pipe_release,
};

static void test_busy_poll_makes_the_channel_nonblocking(void)
{
	char src[128], dst[128];
	snprintf(src, sizeof(src), "%s/bp-src", dir);
	snprintf(dst, sizeof(dst), "%s/bp-dst", dir);
	CU_ASSERT_EQUAL_FATAL(ts_write_file(src, 1 << 20, 5), 0);
	for (int busy = 0; busy <= 1; busy++) {
		struct transfer_spec spec = {
			.method = methods_find("pipe"), .src_path = src, .dst_path = dst,
			.chunk = 65536, .verify = 1, .busy_poll = busy,
			.consumer = &consumer_checks_flags,
		};
		verify_hash_path(src, &spec.src_hash, NULL);
		want_nonblocking = busy;
		struct run_record rec;
		struct bx_error err = { 0, "" };
		CU_ASSERT_EQUAL(harness_transfer(&spec, &rec, &err), 0);
		if (err.msg[0])
			fprintf(stderr, "\n  busy %d: %s\n", busy, err.msg);
		CU_ASSERT_EQUAL(rec.busy_poll, (uint64_t)busy);
		CU_ASSERT_STRING_EQUAL(rec.consumer, "checks-flags");
		CU_ASSERT_EQUAL(rec.verified, 1);
	}
	unlink(src);
	unlink(dst);
}

/* The other end of a pipe, freed once the call under test has made its first attempt. */
struct unblocker {
	int fd;			/* read end (drain) or write end (fill) */
	int drain;		/* 1: read what is there; 0: write `len` bytes */
	size_t len;
	_Atomic uint64_t *attempts;	/* the call's syscall counter */
};

static void *unblock(void *arg)
{
	struct unblocker *u = arg;
	while (atomic_load(u->attempts) < 1)
		;	/* the call has met the full (or empty) pipe at least once */
	char buf[65536];
	memset(buf, 0x42, sizeof(buf));
	size_t done = 0;
	while (done < u->len) {
		ssize_t n = u->drain ? read(u->fd, buf, sizeof(buf)) :
				       write(u->fd, buf, u->len - done < sizeof(buf) ? u->len - done :
						     sizeof(buf));
		if (n > 0)
			done += (size_t)n;
		else if (n < 0 && errno != EAGAIN && errno != EINTR)
			break;
	}
	return NULL;
}

/* 1 when page i of [base, ...) is in this process's page tables (/proc/self/pagemap's bit 63),
 * 0 when not, -1 when pagemap cannot be read. */
static int page_present(const unsigned char *base, size_t i)
{
	int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	uint64_t entry = 0;
	off_t at = (off_t)(((uintptr_t)base / 4096 + i) * sizeof(entry));
	ssize_t n = pread(fd, &entry, sizeof(entry), at);
	close(fd);
	return n == (ssize_t)sizeof(entry) ? (int)(entry >> 63) : -1;
}

/* io_user_touch maps every page of the range into this process, the last partial one too, and
 * changes no byte: shared memory another process has written (a memfd's pages, never mapped
 * here before) keeps its contents. */
static void test_user_touch_maps_every_page_and_keeps_the_bytes(void)
{
	enum { PAGES = 16 };
	size_t len = (PAGES - 1) * 4096 + 1;	/* the last page by one byte */
	int fd = memfd_create("test-user-touch", MFD_CLOEXEC);
	CU_ASSERT_FATAL(fd >= 0);
	static unsigned char want[PAGES * 4096];
	source_fill(want, sizeof(want), 0, 41);
	CU_ASSERT_FATAL(io_pwrite_all(fd, want, sizeof(want), 0, NULL) == 0);
	unsigned char *map = mmap(NULL, sizeof(want), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	CU_ASSERT_FATAL(map != MAP_FAILED);
	int before = page_present(map, 0);
	if (before < 0) {
		fprintf(stderr, "  (skipped: /proc/self/pagemap cannot be read here)\n");
		munmap(map, sizeof(want));
		return;
	}
	CU_ASSERT_EQUAL(before, 0);	/* else the test could not tell the touch did it */
	io_user_touch(map, len);
	size_t present = 0;
	for (size_t i = 0; i < PAGES; i++)
		present += page_present(map, i) == 1;
	CU_ASSERT_EQUAL(present, PAGES);
	CU_ASSERT_EQUAL(memcmp(map, want, sizeof(want)), 0);
	munmap(map, sizeof(want));
}

/* io_write_all on a full non-blocking pipe and io_read_full on an empty one: EAGAIN is asked
 * again, never returned. */
static void test_io_loops_ask_again_on_eagain(void)
{
	int p[2];
	CU_ASSERT_EQUAL_FATAL(pipe2(p, O_NONBLOCK), 0);
	char buf[65536];
	memset(buf, 0, sizeof(buf));
	size_t filled = 0;
	for (ssize_t n; (n = write(p[1], buf, sizeof(buf))) > 0;)
		filled += (size_t)n;
	CU_ASSERT_TRUE_FATAL(filled > 0);
	_Atomic uint64_t attempts = 0;
	struct unblocker u = { p[0], 1, filled + 4096, &attempts };
	pthread_t t;
	pthread_create(&t, NULL, unblock, &u);
	CU_ASSERT_EQUAL(io_write_all(p[1], buf, 4096, (uint64_t *)&attempts), 0);
	CU_ASSERT_TRUE(attempts >= 2);	/* the first met a full pipe */
	pthread_join(t, NULL);
	/* Now empty: a read of 8 KiB waits (by asking again) for a writer. */
	attempts = 0;
	struct unblocker w = { p[1], 0, 8192, &attempts };
	pthread_create(&t, NULL, unblock, &w);
	CU_ASSERT_EQUAL(io_read_full(p[0], buf, 8192, (uint64_t *)&attempts), 8192);
	CU_ASSERT_TRUE(attempts >= 2);
	pthread_join(t, NULL);
	close(p[0]);
	close(p[1]);
}

/* The read sink's own loop on an empty non-blocking pipe asks again too. */
static void test_read_sink_asks_again_on_eagain(void)
{
	int p[2];
	CU_ASSERT_EQUAL_FATAL(pipe2(p, O_NONBLOCK), 0);
	const char *why;
	const struct half_ops *sink = sink_half_for(SINK_READ, CHANNEL_PIPE, &consumer_pipe, &why);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sink);
	struct half_ctx ctx;
	memset(&ctx, 0, sizeof(ctx));
	ctx.file_fd = -1;
	ctx.chan_fd = p[0];
	ctx.back_fd = -1;
	ctx.size = 16384;
	ctx.chunk = 4096;
	ctx.fault_at_bytes = UINT64_MAX;
	CU_ASSERT_EQUAL_FATAL(sink->prepare(&ctx), 0);
	_Atomic uint64_t *attempts = (_Atomic uint64_t *)&ctx.syscalls;
	struct unblocker w = { p[1], 0, 16384, attempts };
	pthread_t t;
	pthread_create(&t, NULL, unblock, &w);
	CU_ASSERT_EQUAL(sink->transfer(&ctx), 0);
	CU_ASSERT_EQUAL(ctx.bytes_done, 16384);
	CU_ASSERT_TRUE(ctx.syscalls >= 2);
	pthread_join(t, NULL);
	sink->release(&ctx);
	close(p[0]);
	close(p[1]);
}

/* End to end: --busy-poll rows say so, and are verified. */
static void test_busy_poll_rows(void)
{
	struct ts_result *r = malloc(sizeof(*r));
	struct run_record *recs;
	static const char *const extras[] = { "--method pipe --sink-by read --busy-poll",
					      "--method unix --sink-by splice --busy-poll",
					      "--method cma --sink-by read --busy-poll",
					      "--method vmsplice --sink --busy-poll" };
	for (size_t k = 0; k < sizeof(extras) / sizeof(extras[0]); k++) {
		size_t n = memory_rows(extras[k], 1, &recs, r);
		CU_ASSERT_EQUAL(r->status, 0);
		CU_ASSERT_EQUAL(n, 2);
		for (size_t i = 0; i < n; i++) {
			CU_ASSERT_EQUAL(recs[i].busy_poll, 1);
			CU_ASSERT_EQUAL(recs[i].verified, 1);
		}
		free(recs);
	}
	free(r);
}

int register_memory_suite(void)
{
	static const struct test_case cases[] = {
		{ "source_is_the_generated_data", test_source_is_the_generated_data },
		{ "huge_is_measured", test_huge_is_measured },
		{ "buffer_offset_is_recorded_as_used", test_buffer_offset_is_recorded_as_used },
		{ "every_memory_method_to_file", test_every_memory_method_to_file },
		{ "read_sink_memory_to_memory", test_read_sink_memory_to_memory },
		{ "splice_sink", test_splice_sink },
		{ "refusals", test_refusals },
		{ "check_run_catches_a_wrong_byte", test_check_run_catches_a_wrong_byte },
		{ "check_run_comes_before_the_warm_up", test_check_run_comes_before_the_warm_up },
		{ "busy_poll_makes_the_channel_nonblocking",
		  test_busy_poll_makes_the_channel_nonblocking },
		{ "io_loops_ask_again_on_eagain", test_io_loops_ask_again_on_eagain },
		{ "user_touch_maps_every_page_and_keeps_the_bytes",
		  test_user_touch_maps_every_page_and_keeps_the_bytes },
		{ "read_sink_asks_again_on_eagain", test_read_sink_asks_again_on_eagain },
		{ "busy_poll_rows", test_busy_poll_rows },
	};
	return TS_ADD_SUITE_WITH("memory", suite_init, suite_clean, cases);
}
