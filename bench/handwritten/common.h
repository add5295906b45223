/*
 * bench/handwritten/common.h - what the hand-written transfer programs share: a whole-size
 * source buffer filled before the clock starts, the start handshake, and the one line of
 * figures each run prints.  No harness: the point of these programs is to be the minimal loop
 * a reader would write, so bench/ipc_vs_handwritten.sh can set bulkxfer's matching settings
 * beside them and see what bulkxfer's own machinery costs.
 *
 * Each program: fork; the child (receiver) prepares, writes one byte to `ready`; the parent
 * (sender) reads it, takes t0 (CLOCK_MONOTONIC, shared by both processes) and starts its loop;
 * the receiver takes t1 after its last byte and sends t1 and its CPU seconds back.  With
 * runs=N (timed_runs) a program makes one untimed transfer, then N timed ones, each with its
 * own channel and its own fork, from the one source.  Printed, a line per timed transfer:
 *   wall_s producer_user_s producer_sys_s consumer_user_s consumer_sys_s producer_minflt
 *   consumer_minflt producer_vcsw producer_ivcsw consumer_vcsw consumer_ivcsw
 * (each side's counts from its start to its last byte, as bulkxfer's columns of those names).
 * wall_s is t1 - t0, the same span bulkxfer's wall_s measures (barrier release to the
 * receiver's last byte).
 */
#ifndef HANDWRITTEN_COMMON_H
#define HANDWRITTEN_COMMON_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* A side's resource use (getrusage): CPU seconds, minor faults, voluntary and involuntary
 * context switches; as a count since a start, or the start itself. */
struct usage {
	double user_s, sys_s;
	long minflt, vcsw, ivcsw;
};

struct figures {
	double t_end;
	struct usage used;
};

static inline double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* This process's usage so far, or (since non-NULL) so far minus since. */
static inline struct usage usage_now(const struct usage *since)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	struct usage u = {
		(double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6,
		(double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6,
		ru.ru_minflt, ru.ru_nvcsw, ru.ru_nivcsw,
	};
	if (since) {
		u.user_s -= since->user_s, u.sys_s -= since->sys_s;
		u.minflt -= since->minflt, u.vcsw -= since->vcsw, u.ivcsw -= since->ivcsw;
	}
	return u;
}

static inline void die(const char *what)
{
	fprintf(stderr, "%s: %s\n", what, strerror(errno));
	exit(1);
}

/* A buffer of size bytes starting offset bytes past a page start (0: page-aligned), as bulkxfer's
 * --buffer-offset places its own: a copy's speed can depend on it (host/alignment.h). */
static inline unsigned char *placed_buffer(size_t size, size_t offset)
{
	void *p = NULL;
	if (posix_memalign(&p, 4096, size + (offset ? 4096 : 0)) != 0)
		die("posix_memalign(buffer)");
	return (unsigned char *)p + offset;
}

/* The generated source, size bytes from an anonymous mapping, starting offset bytes past a page
 * start; huge: ask for transparent huge pages.  Left in the state bulkxfer's --src memory is in
 * when its clock starts (transfer/memory_source.c), so the pair differs only by the harness:
 * not inherited by the forked receiver (MADV_DONTFORK: no copy-on-write page tables), and read
 * once by the kernel (written into a scratch memfd, 1 MiB at a time over the same 1 MiB).  The
 * second matters on a paravirtualised guest: the kernel's first access to each user page is a
 * fault the host fills in, and without it this program's first write() of each page paid it
 * inside the clock (pipe_rw 512M moved about half as fast as with it, on such a guest). */
static inline unsigned char *placed_source_buffer(size_t size, int huge, size_t offset)
{
	unsigned char *base = mmap(NULL, size + (offset ? 4096 : 0), PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED)
		die("mmap(source)");
	unsigned char *p = base + offset;
	if (huge)
		madvise(base, size, MADV_HUGEPAGE);
	madvise(base, size + (offset ? 4096 : 0), MADV_DONTFORK);
	uint64_t x = 0x9e3779b97f4a7c15ULL;
	for (size_t i = 0; i + 8 <= size; i += 8) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		memcpy(p + i, &x, 8);
	}
	int fd = memfd_create("handwritten-touch", MFD_CLOEXEC);
	if (fd < 0)
		die("memfd_create");
	for (size_t off = 0; off < size; off += 1 << 20) {
		size_t n = size - off < (1u << 20) ? size - off : (1u << 20);
		if (pwrite(fd, p + off, n, 0) != (ssize_t)n)
			die("pwrite(touch)");
	}
	close(fd);
	return p;
}

static inline unsigned char *source_buffer(size_t size, int huge)
{
	return placed_source_buffer(size, huge, 0);
}

/* runs=N among the arguments from argv[first] on: N timed transfers after one untimed warm-up
 * transfer in the same process, as bulkxfer's --runs N follows its warm-up (its check run);
 * each timed one prints its line.  0 when absent: one timed transfer, no warm-up. */
static inline int timed_runs(int argc, char **argv, int first)
{
	for (int i = first; i < argc; i++)
		if (strncmp(argv[i], "runs=", 5) == 0 && atoi(argv[i] + 5) > 0)
			return atoi(argv[i] + 5);
	return 0;
}

/* How many transfers a program with runs makes (the untimed one first), and whether the
 * run-th of them (from 0) is timed and printed. */
static inline int transfers_to_make(int runs)
{
	return runs ? runs + 1 : 1;
}

static inline int transfer_is_timed(int runs, int run)
{
	return !runs || run > 0;
}

/* The channel of the pipe programs: a pipe in p of psize bytes (F_SETPIPE_SZ), both ends
 * O_NONBLOCK when nonblock. */
static inline void open_channel_pipe(int p[2], size_t psize, int nonblock)
{
	if (pipe(p) < 0)
		die("pipe");
	if (fcntl(p[1], F_SETPIPE_SZ, (int)psize) < 0)
		die("F_SETPIPE_SZ");
	if (nonblock && (fcntl(p[0], F_SETFL, O_NONBLOCK) < 0 ||
			 fcntl(p[1], F_SETFL, O_NONBLOCK) < 0))
		die("O_NONBLOCK");
}

static inline size_t parse_size(const char *s)
{
	char *end;
	double v = strtod(s, &end);
	switch (*end) {
	case 'K': case 'k': v *= 1024; break;
	case 'M': case 'm': v *= 1024 * 1024; break;
	case 'G': case 'g': v *= 1024.0 * 1024 * 1024; break;
	}
	return (size_t)v;
}

/* fork() for the receiver, each side keeping only its ends of ready and back, so a side that
 * dies is an end of file to the other, never a wait for ever; the receiver also dies with the
 * sender.  Returns the child's pid in the sender, 0 in the receiver. */
static inline pid_t fork_receiver(int ready[2], int back[2])
{
	pid_t parent = getpid();
	pid_t child = fork();
	if (child < 0)
		die("fork");
	if (child == 0) {
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
			_exit(1);	/* the sender is gone already */
		close(ready[0]);
		close(back[0]);
	} else {
		close(ready[1]);
		close(back[1]);
	}
	return child;
}

/* The receiver's start, once it is prepared: its usage so far into *start, then one byte on
 * ready_fd, which lets the sender start its clock. */
static inline void receiver_ready(int ready_fd, struct usage *start)
{
	*start = usage_now(NULL);
	if (write(ready_fd, "r", 1) != 1)
		die("write(ready)");
}

/* The receiver's end, right after its last byte: its end time and its usage since start sent
 * back on back_fd; the child exits. */
static inline void receiver_done(int back_fd, const struct usage *start)
{
	struct figures f;
	f.t_end = now_s();
	f.used = usage_now(start);
	if (write(back_fd, &f, sizeof(f)) != sizeof(f))
		die("write(back)");
	_exit(0);
}

/* The sender's start: waits for the receiver's byte on ready_fd, then its usage so far into
 * *start; returns t0, the clock's start. */
static inline double sender_start(int ready_fd, struct usage *start)
{
	char byte;
	ssize_t n = read(ready_fd, &byte, 1);
	if (n == 0) {
		fprintf(stderr, "read(ready): the receiver ended before it was ready\n");
		exit(1);
	}
	if (n != 1)
		die("read(ready)");
	*start = usage_now(NULL);
	return now_s();
}

/* The sender's end, right after its last byte: its usage since start, the receiver's figures
 * read from back_fd, the child reaped, and (when print: not a warm-up) the one line printed:
 *   wall_s producer_user_s producer_sys_s consumer_user_s consumer_sys_s
 *   producer_minflt consumer_minflt producer_vcsw producer_ivcsw consumer_vcsw consumer_ivcsw */
static inline void sender_done(int back_fd, pid_t child, double t0, const struct usage *start,
			       int print)
{
	struct usage tx = usage_now(start);
	struct figures rx;
	ssize_t n = read(back_fd, &rx, sizeof(rx));
	if (n >= 0 && n != (ssize_t)sizeof(rx)) {
		fprintf(stderr, "read(back): the receiver ended without its figures\n");
		exit(1);
	}
	if (n < 0)
		die("read(back)");
	waitpid(child, NULL, 0);
	if (print)
		printf("%.9f %.6f %.6f %.6f %.6f %ld %ld %ld %ld %ld %ld\n", rx.t_end - t0,
		       tx.user_s, tx.sys_s, rx.used.user_s, rx.used.sys_s, tx.minflt, rx.used.minflt,
		       tx.vcsw, tx.ivcsw, rx.used.vcsw, rx.used.ivcsw);
	fflush(stdout);
}

#endif
