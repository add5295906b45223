/*
 * test_faults.c - reliability: nothing is lost, nothing hangs, nothing leaks, whatever happens
 * during a run.  The source truncated under a transfer (with and without a read lease); for
 * every method, at every fault point (BULKXFER_FAULT: start, half-way, end), the consumer
 * SIGKILLed, either half's call failing with EIO, and bulkxfer SIGKILLed while either half is
 * held there; SIGINT and SIGTERM; a destination past RLIMIT_FSIZE or on a full filesystem; two
 * runs at once.  Kills at random moments are a soak (test_soak.c, `make soak`), not this suite:
 * every test here reaches its moment by a handshake (a fault point, held in a named transfer
 * where a series must have rows first), never by sleeping.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/verify.h"
#include "test_support.h"
#include "transfer/fault_inject.h"
#include "transfer/harness.h"

static char dir[64];

static int faults_init(void)
{
	ts_make_tempdir(dir, sizeof(dir));
	ts_become_subreaper();
	return dir[0] ? 0 : -1;
}

static int faults_clean(void)
{
	ts_remove_tree(dir);
	return 0;
}

/* Entries in dir other than the ones named in keep (NULL-terminated). */
static int stray_files(const char *const keep[])
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int strays = 0;
	while (d && (e = readdir(d))) {
		const char *name = e->d_name;
		if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
			continue;
		int kept = 0;
		for (int i = 0; keep[i]; i++)
			kept |= strcmp(name, keep[i]) == 0;
		if (!kept) {
			fprintf(stderr, "\n  stray file: %s\n", name);
			strays++;
		}
	}
	if (d)
		closedir(d);
	return strays;
}

static void path_in_dir(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, "%s/%s", dir, name);
}

/* ---- the source changes under a transfer ------------------------------------------------- */

/* The helper process that changes the source when the test half says so. */
enum change { CHANGE_OPEN_TRUNC, CHANGE_FTRUNCATE };
static int trigger[2];
static const struct half_ops *wrapped;

/* Tell the helper to change the source, wait until it shows (or the lease signal stops us),
 * then run the real loop, which must now fail. */
static int changing_transfer(struct half_ctx *ctx)
{
	if (write(trigger[1], "t", 1) != 1)
		return half_fail(ctx, "write(trigger)", errno);
	for (int i = 0; i < 1000; i++) {
		struct stat st;
		if (fstat(ctx->file_fd, &st) == 0 && (uint64_t)st.st_size != ctx->size)
			break;
		usleep(1000);
	}
	return wrapped->transfer(ctx);
}

static int changing_prepare(struct half_ctx *ctx)
{
	return wrapped->prepare ? wrapped->prepare(ctx) : 0;
}

static void changing_release(struct half_ctx *ctx)
{
	if (wrapped->release)
		wrapped->release(ctx);
}

static void source_changes(const char *method, enum change how, const char *expect)
{
	char src[128], dst[128];
	path_in_dir(src, sizeof(src), "changing-src");
	path_in_dir(dst, sizeof(dst), "changing-dst");
	CU_ASSERT_EQUAL_FATAL(ts_write_file(src, 32 << 20, 4), 0);
	const struct method *real = methods_find(method);
	wrapped = real->producer;
	struct half_ops changing = *real->producer;
	changing.prepare = changing_prepare;
	changing.transfer = changing_transfer;
	changing.release = changing_release;
	struct method m = { method, "test", &changing, real->consumer };

	/* Without a lease: the test holds the source open for writing, so none can be granted. */
	int writer = how == CHANGE_FTRUNCATE ? open(src, O_RDWR) : -1;
	CU_ASSERT_EQUAL_FATAL(pipe(trigger), 0);
	pid_t helper = fork();
	if (helper == 0) {
		char byte;
		if (read(trigger[0], &byte, 1) == 1) {
			if (how == CHANGE_FTRUNCATE) {
				if (ftruncate(writer, 4096) < 0)
					_exit(1);
			} else {
				int fd = open(src, O_WRONLY | O_TRUNC);	/* blocks on the lease */
				if (fd >= 0)
					close(fd);
			}
		}
		_exit(0);
	}
	struct transfer_spec spec = { .method = &m, .src_path = src, .dst_path = dst,
				      .chunk = 65536, .slots = 4, .verify = 1 };
	verify_hash_path(src, &spec.src_hash, NULL);
	struct run_record rec;
	struct bx_error err = { 0, "" };
	int rc = harness_transfer(&spec, &rec, &err);
	close(trigger[1]);	/* a helper still waiting for its cue gives up */
	int status;
	CU_ASSERT_TRUE(ts_wait_for(helper, 60, &status));
	close(trigger[0]);
	if (writer >= 0)
		close(writer);
	CU_ASSERT_EQUAL(rc, BX_EXIT_FAILURE);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "source changed during the transfer"));
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, expect));
	if (rc != BX_EXIT_FAILURE || !strstr(err.msg, expect))
		fprintf(stderr, "\n  %s: rc %d '%s'\n", method, rc, err.msg);
	unlink(src);
	unlink(dst);
}

static void test_source_truncated_under_lease(void)
{
	static const char *methods[] = { "shm", "pipe", "splice", "mmap-write", "vmsplice", "cma" };
	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		source_changes(methods[i], CHANGE_OPEN_TRUNC, "lease break");
}

static void test_source_truncated_without_lease(void)
{
	/* Mapped sources fault; read and splice sources come up short. */
	source_changes("shm", CHANGE_FTRUNCATE, "SIGBUS");
	source_changes("shm-whole", CHANGE_FTRUNCATE, "SIGBUS");
	/* write() from a shrunken mapping: the kernel's copy faults (EFAULT), no signal. */
	source_changes("mmap-write", CHANGE_FTRUNCATE, "size went from");
	source_changes("pipe", CHANGE_FTRUNCATE, "size went from 33554432 to 4096");
	source_changes("splice", CHANGE_FTRUNCATE, "size went from");
	source_changes("sendfile", CHANGE_FTRUNCATE, "size went from");
}

/* ---- faults at named points (BULKXFER_FAULT) ------------------------------------------- */

/* Where a half is stopped, killed or failed: every point of fault_inject.h.  The byte point is
 * half-way through the FAULT_SIZE file. */
static const char *const fault_points[] = { "start", "bytes=512K", "end" };
#define FAULT_SIZE "1M"
#define FAULT_WAIT_S 60	/* a bound for what takes milliseconds, not a guess at a moment */
#define CONSUMER_GONE_S 10	/* a consumer whose bulkxfer died is SIGKILLed by the kernel */

struct fault_case {
	const char *method;
	char fault[64];
	char log[128], csv[128];
	int shm_before;
};

static pid_t start_fault_run(struct fault_case *fc, const char *side, const char *point,
			     const char *action)
{
	snprintf(fc->fault, sizeof(fc->fault), "%s:%s:%s", side, point, action);
	path_in_dir(fc->log, sizeof(fc->log), "fault.log");
	path_in_dir(fc->csv, sizeof(fc->csv), "fault.csv");
	fc->shm_before = ts_count_shm_objects();
	const char *argv[] = { "bulkxfer", "run", "--method", fc->method, "--size", FAULT_SIZE,
			       "--chunk", "64K", "--runs", "1", "--warmup", "0", "--no-prime",
			       "--no-settle", "--workdir", dir, "--csv", fc->csv, NULL };
	return ts_spawn_bulkxfer_fault(argv, fc->log, fc->fault);
}

static void report_case(const struct fault_case *fc, const char *what)
{
	FILE *f = fopen(fc->log, "r");
	char buf[512] = "";
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
	buf[n] = '\0';
	if (f)
		fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	fprintf(stderr, "\n  %s %s: %s; bulkxfer said '%s'\n", fc->method, fc->fault, what, buf);
}

/* What every faulted run must leave: no row, nothing in the workdir but its log, nothing new in
 * /dev/shm and no process, zombies included (bulkxfer, reaped by the caller, was the last). */
static int check_nothing_left(const struct fault_case *fc)
{
	const char *const keep[] = { "fault.log", NULL };
	int rows_ok = ts_count_lines(fc->csv) <= 0, strays = stray_files(keep);
	int shm_ok = ts_count_shm_objects() == fc->shm_before, procs = ts_reap_leftovers();
	CU_ASSERT_TRUE(rows_ok);
	CU_ASSERT_EQUAL(strays, 0);
	CU_ASSERT_TRUE(shm_ok);
	CU_ASSERT_EQUAL(procs, 0);
	if (!rows_ok || strays || !shm_ok || procs)
		report_case(fc, "left something behind");
	unlink(fc->csv);
	unlink(fc->log);
	return rows_ok && !strays && shm_ok && !procs;
}

/* Wait for bulkxfer to end by itself; 1 with *status, or 0 (killed, reported) when it hangs. */
static int wait_bulkxfer(const struct fault_case *fc, pid_t pid, int *status)
{
	if (ts_wait_for(pid, FAULT_WAIT_S, status))
		return 1;
	report_case(fc, "still running after " "60 s");
	kill(pid, SIGKILL);
	ts_wait_for(pid, FAULT_WAIT_S, status);
	return 0;
}

/* A method this kernel cannot do is skipped, as bulkxfer itself skips it. */
static int unsupported_here(const struct fault_case *fc)
{
	if (!ts_file_contains(fc->log, "unsupported here"))
		return 0;
	fprintf(stderr, "\n  (%s: unsupported here, not tested)", fc->method);
	return 1;
}

/* (a) The consumer is SIGKILLed at the point: bulkxfer exits 1 naming the signal.  Returns 1
 * when the case held. */
static int consumer_killed_at(const char *method, const char *side, const char *point)
{
	(void)side;
	struct fault_case fc = { .method = method };
	pid_t pid = start_fault_run(&fc, "consumer", point, "kill");
	int status = 0, ok = wait_bulkxfer(&fc, pid, &status);
	if (ok && !unsupported_here(&fc)) {
		ok = WIFEXITED(status) && WEXITSTATUS(status) == 1 &&
		     ts_file_contains(fc.log, "consumer") &&
		     ts_file_contains(fc.log, "killed by signal 9");
		CU_ASSERT_TRUE(ok);
		if (!ok)
			report_case(&fc, "not reported as the consumer's SIGKILL");
	}
	return check_nothing_left(&fc) && ok;
}

/* (b) side's call fails with EIO at the point: bulkxfer exits 1 naming that side and call. */
static int half_fails_at(const char *method, const char *side, const char *point)
{
	struct fault_case fc = { .method = method };
	pid_t pid = start_fault_run(&fc, side, point, "eio");
	int status = 0, ok = wait_bulkxfer(&fc, pid, &status);
	if (ok && !unsupported_here(&fc)) {
		char who[64];
		snprintf(who, sizeof(who), "%s: %s: ", method, side);
		ok = WIFEXITED(status) && WEXITSTATUS(status) == 1 && ts_file_contains(fc.log, who) &&
		     ts_file_contains(fc.log,
				      "[injected by BULKXFER_FAULT] failed: Input/output error");
		CU_ASSERT_TRUE(ok);
		if (!ok)
			report_case(&fc, "not reported as that side's failed call");
	}
	return check_nothing_left(&fc) && ok;
}

/* The pid of the consumer of bulkxfer pid once it is stopped at its fault point, or 0 when it
 * never is (bulkxfer ended, or FAULT_WAIT_S passed). */
static pid_t held_consumer(pid_t pid)
{
	pid_t consumer = ts_wait_first_child(pid, FAULT_WAIT_S);
	return consumer > 0 && ts_wait_state_stopped(consumer, FAULT_WAIT_S) ? consumer : 0;
}

/* (c) bulkxfer is SIGKILLed while side's half is held (SIGSTOP) at the point: its consumer
 * dies with it (one held there by PR_SET_PDEATHSIG's SIGKILL) and nothing is left. */
static int bulkxfer_killed_at(const char *method, const char *side, const char *point)
{
	struct fault_case fc = { .method = method };
	int producer_held = strcmp(side, "producer") == 0;
	pid_t pid = start_fault_run(&fc, side, point, "stop");
	/* The handshake: the held half is seen stopped before anything is killed. */
	pid_t consumer = 0;
	int held = producer_held ? ts_wait_stopped(pid, FAULT_WAIT_S) : 0;
	if (producer_held)
		consumer = ts_first_child(pid);	/* alive, or a zombie not yet reaped */
	else
		held = (consumer = held_consumer(pid)) > 0;
	int status = 0;
	if (!held) {
		int ok = wait_bulkxfer(&fc, pid, &status) && unsupported_here(&fc);
		if (!ok) {
			CU_FAIL("the half was never held at its point");
			report_case(&fc, "never held at its point");
		}
		return check_nothing_left(&fc) && ok;
	}
	kill(pid, SIGKILL);
	int ok = ts_wait_for(pid, FAULT_WAIT_S, &status) && WIFSIGNALED(status) &&
		 WTERMSIG(status) == SIGKILL;
	CU_ASSERT_TRUE(ok);
	/* bulkxfer is reaped, so its consumer is ours now (subreaper) and must go at once. */
	int cstatus = 0;
	int gone = consumer <= 0 || ts_wait_for(consumer, CONSUMER_GONE_S, &cstatus);
	CU_ASSERT_TRUE(gone);
	if (gone && !producer_held)
		CU_ASSERT_TRUE(WIFSIGNALED(cstatus) && WTERMSIG(cstatus) == SIGKILL);
	int outlived = ts_reap_orphans(CONSUMER_GONE_S);
	CU_ASSERT_EQUAL(outlived, 0);
	gone &= outlived == 0;
	if (!gone)
		report_case(&fc, "the consumer outlived bulkxfer");
	return check_nothing_left(&fc) && ok && gone;
}

/* Run one kind of case for every method, side and point; the first case that fails ends the
 * test (it names the defect; the others would repeat it, each after a time-out). */
static void every_method_side_and_point(int (*one)(const char *, const char *, const char *),
					int both_sides)
{
	static const char *const sides[] = { "consumer", "producer" };
	for (size_t m = 0; m < methods_count(); m++)
		for (size_t s = 0; s < (both_sides ? 2u : 1u) && ts_method_usable(methods_at(m)); s++)
			for (size_t p = 0; p < sizeof(fault_points) / sizeof(fault_points[0]); p++)
				if (!one(methods_at(m)->name, sides[s], fault_points[p]))
					return;
}

static void test_consumer_killed_at_each_point(void)
{
	every_method_side_and_point(consumer_killed_at, 0);
}

static void test_half_fails_at_each_point(void)
{
	every_method_side_and_point(half_fails_at, 1);
}

static void test_bulkxfer_killed_at_each_point(void)
{
	every_method_side_and_point(bulkxfer_killed_at, 1);
}

/* ---- SIGINT and SIGTERM ------------------------------------------------------------------- */

/* The consumer bulkxfer (pid) has forked, once it is stopped: its pid, or 0 when bulkxfer
 * ended or none stopped within seconds. */
static pid_t stopped_consumer(pid_t pid, double seconds)
{
	for (int i = 0; i < (int)(seconds * 100) && ts_alive(pid); i++) {
		pid_t c = ts_first_child(pid);
		char path[64];
		snprintf(path, sizeof(path), "/proc/%ld/stat", (long)c);
		if (c > 0 && ts_proc_state(path) == 'T')
			return c;
		usleep(10000);
	}
	return 0;
}

/* bulkxfer COMMAND (a long series of pipe, shm and splice runs) interrupted by sig while fault
 * (SIDE:POINT:stop:2) holds one half of its second transfer, so the signal lands at that named
 * point, after the first run's row is written; a stopped bulkxfer is continued after the
 * signal is sent, so it takes the signal there. */
static void interrupt_with(const char *command, int sig, int expected_status, const char *fault)
{
	char csv[128], log[128];
	path_in_dir(csv, sizeof(csv), "sig.csv");
	path_in_dir(log, sizeof(log), "sig.log");
	unlink(csv);
	const char *argv[] = { "bulkxfer", command, "--method", "pipe,shm,splice", "--size", "16M",
			       "--chunk", "64K", "--runs", "1000", "--warmup", "0", "--workdir", dir,
			       "--csv", csv, NULL };
	pid_t pid = ts_spawn_bulkxfer_fault(argv, log, fault);
	int producer_held = strncmp(fault, "producer:", 9) == 0;
	pid_t consumer = producer_held ? 0 : stopped_consumer(pid, 60);
	int held = producer_held ? ts_wait_stopped(pid, 60) : consumer > 0;
	CU_ASSERT_TRUE(held);
	if (!held)
		fprintf(stderr, "\n  %s held by %s: never stopped there\n", command, fault);
	CU_ASSERT_TRUE(ts_count_lines(csv) >= 2);	/* the first run's row is in */
	if (producer_held)
		consumer = ts_first_child(pid);
	kill(pid, sig);
	if (producer_held)
		kill(pid, SIGCONT);
	int status = 0;
	CU_ASSERT_TRUE_FATAL(ts_wait_for(pid, 5, &status));
	CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == expected_status);
	if (consumer > 0)
		CU_ASSERT_TRUE(ts_wait_for(consumer, 2, &status) || !ts_alive(consumer));
	/* A consumer forked as the signal came is orphaned to us: it must die, and be reaped. */
	CU_ASSERT_EQUAL(ts_reap_orphans(CONSUMER_GONE_S), 0);
	CU_ASSERT_TRUE(ts_csv_rows_intact(csv) >= 1);	/* complete rows kept, none torn */
	const char *const keep[] = { "sig.csv", "sig.log", NULL };
	CU_ASSERT_EQUAL(stray_files(keep), 0);
	unlink(csv);
	unlink(log);
}

/* BULKXFER_FAULT's optional transfer: a whole number from 1, else a usage error. */
static void test_fault_transfer_parses(void)
{
	static const char *const bad[] = { "consumer:start:kill:0", "consumer:start:kill:",
					   "consumer:start:kill:x", "consumer:start:kill:2x",
					   "producer:end:stopp:2", NULL };
	struct bx_error err;
	for (const char *const *b = bad; *b; b++) {
		CU_ASSERT_EQUAL(fault_inject_configure(*b, &err), BX_EXIT_USAGE);
		CU_ASSERT_EQUAL(fault_inject_bytes_threshold(CHANNEL_CONSUMER_SIDE), UINT64_MAX);
	}
	CU_ASSERT_EQUAL(fault_inject_configure("consumer:bytes=1M:stop", &err), 0);
	CU_ASSERT_EQUAL(fault_inject_bytes_threshold(CHANNEL_CONSUMER_SIDE), 1 << 20);
	CU_ASSERT_EQUAL(fault_inject_bytes_threshold(CHANNEL_PRODUCER_SIDE), UINT64_MAX);
	CU_ASSERT_EQUAL(fault_inject_configure("consumer:bytes=1M:stop:7", &err), 0);
	fault_inject_configure(NULL, &err);	/* disarmed again for the suites after this one */
}

/* Each signal and command at its own point: the consumer held half-way or at its end (the
 * producer blocked on it), bulkxfer itself held half-way through its sending or before the
 * start barrier. */
static void test_sigint_and_sigterm(void)
{
	int shm_before = ts_count_shm_objects();
	interrupt_with("run", SIGINT, 130, "consumer:bytes=4M:stop:2");
	interrupt_with("run", SIGTERM, 143, "producer:bytes=4M:stop:2");
	interrupt_with("sweep", SIGTERM, 143, "consumer:end:stop:2");
	interrupt_with("sweep", SIGINT, 130, "producer:start:stop:2");
	CU_ASSERT_EQUAL(ts_count_shm_objects(), shm_before);
}

/* ---- the destination fills up ------------------------------------------------------------- */

/* Run every method src -> dst; each must fail with expect, remove dst and record nothing. */
static void every_method_fails(const char *src, const char *dst, long fsize_limit,
			       const char *const expect[])
{
	char csv[128];
	path_in_dir(csv, sizeof(csv), "full.csv");
	struct ts_result *r = malloc(sizeof(*r));
	for (size_t m = 0; m < methods_count(); m++) {
		if (!ts_method_usable(methods_at(m)))
			continue;
		const char *argv[] = { "bulkxfer", "run", "--method", methods_at(m)->name, "--src", src,
				       "--dst", dst, "--runs", "1", "--warmup", "0", "--chunk", "64K",
				       "--csv", csv, NULL };
		ts_run_bulkxfer_limited(r, argv, fsize_limit);
		int matched = 0;
		for (int i = 0; expect[i]; i++)
			matched |= strstr(r->err, expect[i]) != NULL;
		CU_ASSERT_TRUE(r->exited && r->status == 1 && matched);
		if (!(r->exited && r->status == 1 && matched))
			fprintf(stderr, "\n  %s: exit %d '%s'\n", methods_at(m)->name, r->status, r->err);
		CU_ASSERT_FALSE(ts_exists(dst));	/* the partial destination is gone */
		CU_ASSERT_TRUE(ts_count_lines(csv) <= 0);	/* nothing recorded */
	}
	free(r);
}

static void test_destination_too_large(void)
{
	char src[128], dst[128];
	path_in_dir(src, sizeof(src), "fsize-src");
	path_in_dir(dst, sizeof(dst), "fsize-dst");
	CU_ASSERT_EQUAL_FATAL(ts_write_file(src, 4 << 20, 8), 0);
	static const char *const expect[] = { "File too large", NULL };
	every_method_fails(src, dst, 1 << 20, expect);
	unlink(src);
}

/* The filesystem fills up during the transfer: the preflight saw room for the 4 MiB
 * destination on an 8 MiB tmpfs, then, while the producer is held at its start point, another
 * file takes 6 MiB of it.  Every method must fail with ENOSPC, remove the partial destination
 * and record nothing. */
static void test_destination_filesystem_full(void)
{
	char src[128], mnt[128], dst[160], filler[160], csv[128], log[128];
	path_in_dir(src, sizeof(src), "full-src");
	path_in_dir(mnt, sizeof(mnt), "small-tmpfs");
	path_in_dir(csv, sizeof(csv), "full.csv");
	path_in_dir(log, sizeof(log), "full.log");
	snprintf(dst, sizeof(dst), "%s/dst", mnt);
	snprintf(filler, sizeof(filler), "%s/filler", mnt);
	mkdir(mnt, 0755);
	if (mount("bulkxfer-test", mnt, "tmpfs", 0, "size=8m") < 0) {
		char why[128];
		snprintf(why, sizeof(why), "no tmpfs could be mounted here (%s): ENOSPC case",
			 strerror(errno));
		ts_skip("faults/destination_filesystem_full", why);
		rmdir(mnt);
		return;
	}
	CU_ASSERT_EQUAL_FATAL(ts_write_file(src, 4 << 20, 8), 0);
	for (size_t m = 0; m < methods_count(); m++) {
		if (!ts_method_usable(methods_at(m)))
			continue;
		const char *name = methods_at(m)->name;
		const char *argv[] = { "bulkxfer", "run", "--method", name, "--src", src, "--dst", dst,
				       "--runs", "1", "--warmup", "0", "--chunk", "64K", "--no-prime",
				       "--csv", csv, NULL };
		pid_t pid = ts_spawn_bulkxfer_fault(argv, log, "producer:start:stop");
		int held = ts_wait_stopped(pid, 60);
		CU_ASSERT_TRUE(held);
		if (held)
			CU_ASSERT_EQUAL(ts_write_file(filler, 6 << 20, 9), 0);
		kill(pid, SIGCONT);
		int status = 0;
		CU_ASSERT_TRUE_FATAL(ts_wait_for(pid, 60, &status));
		int ok = WIFEXITED(status) && WEXITSTATUS(status) == 1 &&
			 (ts_file_contains(log, "No space left on device") ||
			  ts_file_contains(log, "filesystem is full"));
		CU_ASSERT_TRUE(ok);
		if (!ok)
			fprintf(stderr, "\n  %s: exit %d, not ENOSPC\n", name,
				WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		CU_ASSERT_FALSE(ts_exists(dst));	/* the partial destination is gone */
		CU_ASSERT_TRUE(ts_count_lines(csv) <= 0);	/* nothing recorded */
		unlink(filler);
		unlink(log);
	}
	umount(mnt);
	rmdir(mnt);
	unlink(src);
}

/* ---- two at once ------------------------------------------------------------------------- */

static void test_two_runs_at_once(void)
{
	char csv[128], log1[128], log2[128];
	path_in_dir(csv, sizeof(csv), "both.csv");
	path_in_dir(log1, sizeof(log1), "both1.log");
	path_in_dir(log2, sizeof(log2), "both2.log");
	const char *argv[] = { "bulkxfer", "run", "--method", "all", "--size", "2M", "--runs", "2",
			       "--warmup", "0", "--chunk", "64K", "--workdir", dir, "--csv", csv, NULL };
	int shm_before = ts_count_shm_objects();
	pid_t a = ts_spawn_bulkxfer(argv, log1), b = ts_spawn_bulkxfer(argv, log2);
	int sa = -1, sb = -1;
	CU_ASSERT_TRUE(ts_wait_for(a, 60, &sa));
	CU_ASSERT_TRUE(ts_wait_for(b, 60, &sb));
	CU_ASSERT_TRUE(WIFEXITED(sa) && WEXITSTATUS(sa) == 0);
	CU_ASSERT_TRUE(WIFEXITED(sb) && WEXITSTATUS(sb) == 0);
	const char *logs[2] = { log1, log2 };
	int status[2] = { sa, sb };
	for (int i = 0; i < 2; i++)
		if (!WIFEXITED(status[i]) || WEXITSTATUS(status[i]) != 0) {
			char line[512] = "";
			FILE *f = fopen(logs[i], "r");
			while (f && fgets(line, sizeof(line), f))
				if (strncmp(line, "bulkxfer: ", 10) == 0)
					fprintf(stderr, "\n  run %d: %s", i + 1, line);
			if (f)
				fclose(f);
		}
	CU_ASSERT_EQUAL(ts_csv_rows_intact(csv), 2 * 2 * (long)ts_usable_methods());
	CU_ASSERT_EQUAL(ts_count_shm_objects(), shm_before);
	const char *const keep[] = { "both.csv", "both1.log", "both2.log", NULL };
	CU_ASSERT_EQUAL(stray_files(keep), 0);
	unlink(csv);
	unlink(log1);
	unlink(log2);
}

/* The census that fails a suite for a leftover process finds one, ended or alive, and one
 * that outlived its parent (as a script's pipeline can outlive the script): the runner is a
 * subreaper, so the orphan is its child.  Each is made to be there by a pipe handshake. */
static void test_census_finds_leftover_processes(void)
{
	int hold[2], told[2];
	CU_ASSERT_EQUAL_FATAL(pipe(hold), 0);
	CU_ASSERT_EQUAL_FATAL(pipe(told), 0);
	pid_t ended = fork();
	if (ended == 0)
		_exit(0);
	pid_t parent = fork();
	if (parent == 0) {
		if (fork() == 0) {	/* the orphan: says it is there, then waits to be killed */
			close(hold[1]);
			char c = 1;
			(void)!write(told[1], &c, 1);
			(void)!read(hold[0], &c, 1);
			_exit(0);
		}
		_exit(0);
	}
	close(told[1]);
	char c;
	CU_ASSERT_EQUAL(read(told[0], &c, 1), 1);
	CU_ASSERT_EQUAL(waitpid(parent, NULL, 0), parent);	/* the orphan is ours from here */
	fprintf(stderr, "\n  (the next two 'left behind' lines are this test's own)");
	CU_ASSERT_EQUAL(ts_reap_leftovers(), 2);
	CU_ASSERT_EQUAL(waitpid(-1, NULL, WNOHANG), -1);
	CU_ASSERT_EQUAL(errno, ECHILD);
	close(hold[0]);
	close(hold[1]);
	close(told[0]);
}

int register_faults_suite(void)
{
	static const struct test_case cases[] = {
		{ "source_truncated_under_lease", test_source_truncated_under_lease },
		{ "source_truncated_without_lease", test_source_truncated_without_lease },
		{ "consumer_killed_at_each_point", test_consumer_killed_at_each_point },
		{ "half_fails_at_each_point", test_half_fails_at_each_point },
		{ "bulkxfer_killed_at_each_point", test_bulkxfer_killed_at_each_point },
		{ "fault_transfer_parses", test_fault_transfer_parses },
		{ "sigint_and_sigterm", test_sigint_and_sigterm },
		{ "destination_too_large", test_destination_too_large },
		{ "destination_filesystem_full", test_destination_filesystem_full },
		{ "two_runs_at_once", test_two_runs_at_once },
		{ "census_finds_leftover_processes", test_census_finds_leftover_processes },
	};
	return TS_ADD_SUITE_WITH("faults", faults_init, faults_clean, cases);
}
