/*
 * test_uring.c - the io_uring methods (issue 23): each moves an odd-sized file byte-exact at
 * several queue depths and chunks (a chain or a batch that ends early, a last short chunk),
 * counts the io_uring_enter calls it makes, records its queue depth (by default, one that fits
 * the chunk); uring-zc counts its notifications; a refused io_uring (or zero-copy send) is said
 * in list, a usage error when named, a skip when left to 'all' (injected with BULKXFER_URING_FAIL
 * / _ZC_FAIL, the refusals a sysctl or a seccomp filter gives, never left to the machine).  The
 * fault points, outside kills, soak and big suites run every method, these included.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog/methods.h"
#include "record/results.h"
#include "test_support.h"
#include "transfer/uring.h"

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

/* Run `bulkxfer run --workdir D --csv D/u.csv <line>` (BULKXFER_URING_FAIL=fail when not
 * NULL) and read its rows into *recs (caller frees). */
static size_t uring_rows(const char *line, const char *env, const char *fail,
			 struct run_record **recs, struct ts_result *r)
{
	char csv[128], cmd[1024];
	snprintf(csv, sizeof(csv), "%s/u.csv", dir);
	unlink(csv);
	snprintf(cmd, sizeof(cmd), "run --workdir %s --csv %s %s", dir, csv, line);
	if (env)
		setenv(env, fail, 1);
	size_t n = ts_run_rows(r, cmd, csv, recs);
	if (env)
		unsetenv(env);
	unlink(csv);
	return n;
}

/* 1 where io_uring works here; else the test named `what` is said skipped, with why, and 0. */
static int uring_usable_else_skip(const char *what)
{
	char why[256];
	if (uring_probe(why, sizeof(why)) == 0)
		return 1;
	ts_skip(what, why);
	return 0;
}

static void test_round_trips(void)
{
	if (!uring_usable_else_skip("uring/round_trips"))
		return;
	struct ts_result *r = malloc(sizeof(*r));
	struct run_record *recs;
	static const char *const methods[] = { "uring", "uring-splice", "uring-zc" };
	/* the last: a chunk cut into pipe-sized pieces (17 and a bit in a 4 KiB pipe) */
	static const struct { const char *depth, *chunk, *more; } settings[] = {
		{ "1", "64K", "" }, { "3", "16K", "" }, { "8", "64K,1M", "" },
		{ "2", "70000", "--pipe-size 4K" },
	};
	/* 3 MiB + 13: the last chunk is short, and no depth divides the chunks evenly */
	char zc_why[256];
	int zc_usable = uring_zc_probe(zc_why, sizeof(zc_why)) == 0;
	if (!zc_usable)	/* io_uring without zero-copy sends (before 6.0): that one is skipped */
		ts_skip("uring/round_trips uring-zc", zc_why);
	for (size_t m = 0; m < sizeof(methods) / sizeof(methods[0]); m++)
		for (size_t k = 0; k < sizeof(settings) / sizeof(settings[0]); k++) {
			if (!zc_usable && strcmp(methods[m], "uring-zc") == 0)
				continue;
			char line[256];
			snprintf(line, sizeof(line), "--method %s --size 3145741 --runs 2 --warmup 0 "
				 "--queue-depth %s --chunk %s %s", methods[m], settings[k].depth,
				 settings[k].chunk, settings[k].more);
			size_t n = uring_rows(line, NULL, NULL, &recs, r);
			size_t chunks = strchr(settings[k].chunk, ',') ? 2 : 1;
			CU_ASSERT_EQUAL(r->status, 0);
			CU_ASSERT_EQUAL(n, 2 * chunks);
			if (r->status)
				fprintf(stderr, "\n  %s: %s\n", line, r->err);
			for (size_t i = 0; i < n; i++) {
				CU_ASSERT_EQUAL(recs[i].verified, 1);
				CU_ASSERT_EQUAL(recs[i].queue_depth, strtoull(settings[k].depth, NULL, 10));
				/* every enter moves at least one operation: no more enters than
				 * operations (a read and a write a piece, twice for retries; a pipe
				 * moves a chunk larger than itself a pipe's worth at a time), and
				 * at least one */
				uint64_t piece = recs[i].chunk < recs[i].pipe_size || !recs[i].pipe_size ?
						 recs[i].chunk : recs[i].pipe_size;	/* a pipe's worth */
				uint64_t ops = 4 * (recs[i].bytes / piece + 1);
				CU_ASSERT_TRUE(recs[i].producer_fig.syscalls >= 1 &&
					       recs[i].producer_fig.syscalls <= ops);
				if (strcmp(methods[m], "uring-zc") == 0) {
					/* one notification per send, at least one send a chunk */
					CU_ASSERT_TRUE(recs[i].producer_fig.zc_notifs >=
						       (recs[i].bytes + recs[i].chunk - 1) / recs[i].chunk);
					CU_ASSERT_TRUE(recs[i].producer_fig.zc_copied <=
						       recs[i].producer_fig.zc_notifs);
				} else {
					CU_ASSERT_TRUE(recs[i].consumer_fig.syscalls >= 1 &&
						       recs[i].consumer_fig.syscalls <= ops);
					CU_ASSERT_EQUAL(recs[i].producer_fig.zc_notifs, 0);
				}
			}
			free(recs);
		}
	/* A pipe of one page under 6 KiB chunks: the sender writes each chunk as a page and half
	 * a page, so the receiver's page-sized reads bring a page, then half of one, and start at
	 * half pages of its ring of three chunks (18 KiB, no whole number of pages): the read
	 * that starts half a page short of the ring's end must stop there, never run past it. */
	size_t short_reads = uring_rows("--method uring --size 3145741 --runs 1 --warmup 0 "
					"--queue-depth 3 --chunk 6K --pipe-size 4K",
					NULL, NULL, &recs, r);
	CU_ASSERT_EQUAL(r->status, 0);
	CU_ASSERT_EQUAL(short_reads, 1);
	if (short_reads == 1)
		CU_ASSERT_EQUAL(recs[0].verified, 1);
	free(recs);
	/* Memory to memory (uring's own halves: linked writes from the source, linked reads into
	 * the kept destination), at every depth; chains of 4 in a 64 KiB pipe, and chunks larger
	 * than the pipe (one-page, or 1 MiB into 64 KiB) cut into pipe-sized pieces. */
	static const char *const in_memory[] = {
		"--queue-depth 1 --chunk 64K", "--queue-depth 3 --chunk 16K --pipe-size 4K",
		"--queue-depth 8 --chunk 16K,1M --pipe-size 64K",
	};
	for (size_t k = 0; k < sizeof(in_memory) / sizeof(in_memory[0]); k++) {
		char line[256];
		snprintf(line, sizeof(line), "--method uring --src memory --dst memory --size 3145741 "
			 "--runs 2 --warmup 0 %s", in_memory[k]);
		size_t n = uring_rows(line, NULL, NULL, &recs, r);
		CU_ASSERT_EQUAL(r->status, 0);
		CU_ASSERT_EQUAL(n, strchr(in_memory[k], ',') ? 4 : 2);
		if (r->status)
			fprintf(stderr, "\n  %s: %s\n", line, r->err);
		for (size_t i = 0; i < n; i++) {
			CU_ASSERT_EQUAL(recs[i].verified, 1);
			CU_ASSERT_STRING_EQUAL(recs[i].verify_by, "kept");
			CU_ASSERT_STRING_EQUAL(recs[i].sink_by, "keep");
			CU_ASSERT_TRUE(recs[i].producer_fig.syscalls >= 1);
		}
		free(recs);
	}
	/* The other methods say no queue depth. */
	size_t n = uring_rows("--method pipe --size 1M --runs 1 --warmup 0", NULL, NULL, &recs, r);
	CU_ASSERT_EQUAL(n, 1);
	if (n == 1)
		CU_ASSERT_EQUAL(recs[0].queue_depth, 0);
	free(recs);
	free(r);
}

static void test_queue_depth_bounds(void)
{
	struct ts_result *r = malloc(sizeof(*r));
	struct run_record *recs;
	uring_rows("--method uring --size 1M --queue-depth 0", NULL, NULL, &recs, r);
	CU_ASSERT_EQUAL(r->status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->err, "--queue-depth '0': must be at least 1"));
	free(recs);
	uring_rows("--method uring --size 1M --queue-depth 257", NULL, NULL, &recs, r);
	CU_ASSERT_EQUAL(r->status, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->err, "--queue-depth '257': too large"));
	free(recs);
	free(r);
}

/* How a chain on a pipe is cut.  A chunk the pipe holds: a chunk an operation, as many as the
 * pipe holds whole, at least 1, at most the depth.  A chunk larger than the pipe: a pipe's worth
 * an operation (one asking for more comes back short and has the kernel cancel the rest of its
 * chain), the chunk's pieces in one chain, at most URING_MAX_CHAIN.  Not a pipe: a chunk an
 * operation, the depth of them. */
static void test_chain_fits_the_pipe(void)
{
	int fds[2];
	CU_ASSERT_EQUAL_FATAL(pipe(fds), 0);
	CU_ASSERT_TRUE(fcntl(fds[1], F_SETPIPE_SZ, 64 * 1024) >= 64 * 1024);
	unsigned capacity = (unsigned)fcntl(fds[1], F_GETPIPE_SZ);
	struct uring_chain c = uring_chain_for(fds[1], 1 << 20, 8);
	CU_ASSERT_EQUAL(c.op, capacity);
	CU_ASSERT_EQUAL(c.links, ((1u << 20) + capacity - 1) / capacity);
	c = uring_chain_for(fds[1], capacity + 1, 8);	/* a piece and one byte: two operations */
	CU_ASSERT_EQUAL(c.op, capacity);
	CU_ASSERT_EQUAL(c.links, 2);
	c = uring_chain_for(fds[0], 64 * 1024, 8);
	CU_ASSERT_EQUAL(c.op, 64 * 1024);
	CU_ASSERT_EQUAL(c.links, capacity / (64 * 1024));
	CU_ASSERT_EQUAL(uring_chain_for(fds[1], 16 * 1024, 8).links, capacity / (16 * 1024));
	CU_ASSERT_EQUAL(uring_chain_for(fds[1], 16 * 1024, 3).links, 3);
	CU_ASSERT_EQUAL(uring_chain_for(fds[1], 4096, 256).links, capacity / 4096);
	CU_ASSERT_EQUAL(fcntl(fds[1], F_SETPIPE_SZ, 4096), 4096);
	c = uring_chain_for(fds[0], 16 * 1024, 3);
	CU_ASSERT_EQUAL(c.op, 4096);
	CU_ASSERT_EQUAL(c.links, 4);
	c = uring_chain_for(fds[0], 1 << 30, 8);	/* 262144 pieces: the cap */
	CU_ASSERT_EQUAL(c.op, 4096);
	CU_ASSERT_EQUAL(c.links, URING_MAX_CHAIN);
	close(fds[0]);
	close(fds[1]);
	int devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
	CU_ASSERT_TRUE_FATAL(devnull >= 0);
	c = uring_chain_for(devnull, 1 << 20, 8);
	CU_ASSERT_EQUAL(c.op, 1 << 20);
	CU_ASSERT_EQUAL(c.links, 8);
	close(devnull);
}

/* Without --queue-depth: 8 chunks, or as many as fit in 2 MiB where that is fewer, at least 2;
 * with it, what was asked; the rows record the depth used. */
static void test_default_depth_fits_the_buffers(void)
{
	CU_ASSERT_EQUAL(uring_queue_depth(0, 4096), 8);
	CU_ASSERT_EQUAL(uring_queue_depth(0, 256 * 1024), 8);
	CU_ASSERT_EQUAL(uring_queue_depth(0, 256 * 1024 + 1), 7);
	CU_ASSERT_EQUAL(uring_queue_depth(0, 512 * 1024), 4);
	CU_ASSERT_EQUAL(uring_queue_depth(0, 1 << 20), 2);
	CU_ASSERT_EQUAL(uring_queue_depth(0, 3 << 20), 2);
	CU_ASSERT_EQUAL(uring_queue_depth(0, 0), 8);
	CU_ASSERT_EQUAL(uring_queue_depth(5, 1 << 20), 5);	/* --queue-depth wins */
	if (!uring_usable_else_skip("uring/default_depth_fits_the_buffers rows"))
		return;
	struct ts_result *r = malloc(sizeof(*r));
	struct run_record *recs;
	size_t n = uring_rows("--method uring --size 3145741 --runs 1 --warmup 0 --chunk 64K,1M",
			      NULL, NULL, &recs, r);
	CU_ASSERT_EQUAL(r->status, 0);
	CU_ASSERT_EQUAL(n, 2);
	for (size_t i = 0; i < n; i++) {
		CU_ASSERT_EQUAL(recs[i].verified, 1);
		CU_ASSERT_EQUAL(recs[i].queue_depth, recs[i].chunk == 65536 ? 8 : 2);
	}
	free(recs);
	free(r);
}

/* io_uring refused: named, a usage error with the reason; left to 'all', skipped, the rest
 * run; list says it. */
static void test_refused_io_uring(void)
{
	struct ts_result *r = malloc(sizeof(*r));
	struct run_record *recs;
	size_t n = uring_rows("--method pipe,uring --size 1M --runs 1", URING_FAIL_ENV, "EPERM", &recs,
			      r);
	CU_ASSERT_EQUAL(r->status, 2);
	CU_ASSERT_EQUAL(n, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->err, "bulkxfer: uring cannot run here: io_uring_queue_init"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r->err, "Operation not permitted"));
	free(recs);
	n = uring_rows("--size 1M --runs 1 --warmup 0", URING_FAIL_ENV, "ENOSYS", &recs, r);
	CU_ASSERT_EQUAL(r->status, 0);
	size_t uring = 0;
	for (size_t i = 0; i < n; i++)
		uring += strncmp(recs[i].method, "uring", 5) == 0;
	CU_ASSERT_EQUAL(uring, 0);
	CU_ASSERT_TRUE(n >= methods_count() - 5);	/* the others ran (some may be unsupported) */
	CU_ASSERT_PTR_NOT_NULL(strstr(r->err, "uring-splice: producer: io_uring_queue_init failed: "
				      "Function not implemented: unsupported here, skipped"));
	free(recs);
	setenv(URING_FAIL_ENV, "EPERM", 1);
	const char *list[] = { "bulkxfer", "list", NULL };
	ts_run_bulkxfer(r, list);
	unsetenv(URING_FAIL_ENV);
	CU_ASSERT_EQUAL(r->status, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "io_uring: NOT usable here: io_uring_queue_init: "
				      "Operation not permitted"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "UNSUPPORTED here: uring: "));
	free(r);
}

/* Zero-copy refused: uring-zc says so and refuses, never sends by copying instead. */
static void test_refused_zero_copy(void)
{
	struct ts_result *r = malloc(sizeof(*r));
	struct run_record *recs;
	size_t n = uring_rows("--method uring-zc --size 1M --runs 1", URING_ZC_FAIL_ENV, "EOPNOTSUPP",
			      &recs, r);
	CU_ASSERT_EQUAL(r->status, 2);
	CU_ASSERT_EQUAL(n, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->err, "uring-zc cannot run here: the kernel refuses io_uring "
				      "zero-copy sends on TCP sockets"));
	free(recs);
	/* Left to 'all': skipped at its first send, nothing moved, no row. */
	n = uring_rows("--size 1M --runs 1 --warmup 0", URING_ZC_FAIL_ENV, "EOPNOTSUPP", &recs, r);
	CU_ASSERT_EQUAL(r->status, 0);
	for (size_t i = 0; i < n; i++)
		CU_ASSERT_STRING_NOT_EQUAL(recs[i].method, "uring-zc");
	CU_ASSERT_PTR_NOT_NULL(strstr(r->err, "uring-zc: io_uring send_zc(socket): Operation not "
				      "supported: unsupported here, skipped"));
	free(recs);
	setenv(URING_ZC_FAIL_ENV, "EOPNOTSUPP", 1);
	const char *list[] = { "bulkxfer", "list", NULL };
	ts_run_bulkxfer(r, list);
	unsetenv(URING_ZC_FAIL_ENV);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->out, "io_uring: usable here, but uring-zc is not: the kernel "
				      "refuses"));
	free(r);
}

/* io_uring's splice into the destination is the same splice as splice's receiver: the kernel
 * copies the pipe's pages into the page cache (iter_file_splice_write, seen in a profile of the
 * io-wq worker), so its theory says one CPU copy in the kernel, not page references. */
static void test_uring_splice_receiver_copies_like_splice(void)
{
	const struct half_ops *u = methods_find("uring-splice")->consumer;
	const struct half_ops *s = methods_find("splice")->consumer;
	CU_ASSERT_EQUAL(u->cpu_copies, s->cpu_copies);
	CU_ASSERT_EQUAL(u->page_refs, s->page_refs);
	CU_ASSERT_PTR_NOT_NULL(strstr(u->path, "in kernel"));
}

int register_uring_suite(void)
{
	static const struct test_case cases[] = {
		{ "round_trips", test_round_trips },
		{ "queue_depth_bounds", test_queue_depth_bounds },
		{ "chain_fits_the_pipe", test_chain_fits_the_pipe },
		{ "default_depth_fits_the_buffers", test_default_depth_fits_the_buffers },
		{ "refused_io_uring", test_refused_io_uring },
		{ "refused_zero_copy", test_refused_zero_copy },
		{ "uring_splice_receiver_copies_like_splice",
		  test_uring_splice_receiver_copies_like_splice },
	};
	return TS_ADD_SUITE_WITH("uring", suite_init, suite_clean, cases);
}
