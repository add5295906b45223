/*
 * primitives.c - unit costs measured directly (see primitives.h).
 */
#include "host/primitives.h"

#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/measure.h"

#define PASSES 3
#define SYSCALLS 50000
#define FAULT_BYTES (16UL << 20)
#define ROUND_TRIPS 5000

static double best_of(double (*once)(void))
{
	double best = 0;
	for (int p = 0; p < PASSES; p++) {
		double v = once();
		if (v > 0 && (best == 0 || v < best))
			best = v;
	}
	return best;
}

static double syscall_once(void)
{
	double t = measure_cpu_now();
	for (int i = 0; i < SYSCALLS; i++)
		syscall(SYS_getppid);	/* glibc caches nothing for it: a real entry and exit */
	return (measure_cpu_now() - t) / SYSCALLS;
}

static double fault_once(void)
{
	char *p = mmap(NULL, FAULT_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return 0;
	madvise(p, FAULT_BYTES, MADV_NOHUGEPAGE);	/* one fault per 4 KiB page, as counted */
	long page = sysconf(_SC_PAGESIZE);
	double t = measure_cpu_now();
	for (size_t off = 0; off < FAULT_BYTES; off += (size_t)page)
		p[off] = 1;
	double s = (measure_cpu_now() - t) / (double)(FAULT_BYTES / (size_t)page);
	munmap(p, FAULT_BYTES);
	return s;
}

static double wakeup_once(void)
{
	int ping[2], pong[2];
	if (pipe(ping) < 0)
		return 0;
	if (pipe(pong) < 0) {
		close(ping[0]);
		close(ping[1]);
		return 0;
	}
	pid_t child = fork();
	if (child == 0) {
		/* Only its own ends stay open, so the parent's close is an EOF it sees. */
		close(ping[1]);
		close(pong[0]);
		char b;
		while (read(ping[0], &b, 1) == 1 && write(pong[1], &b, 1) == 1)
			;
		_exit(0);
	}
	close(ping[0]);
	close(pong[1]);
	ping[0] = pong[1] = -1;
	double s = 0;
	if (child > 0) {
		char b = 'p';
		double t = measure_now();
		int i;
		for (i = 0; i < ROUND_TRIPS; i++)
			if (write(ping[1], &b, 1) != 1 || read(pong[0], &b, 1) != 1)
				break;
		s = i == ROUND_TRIPS ? (measure_now() - t) / ROUND_TRIPS / 2 : 0;
	}
	close(ping[1]);	/* the child sees EOF and exits */
	close(pong[0]);
	if (child > 0)
		waitpid(child, NULL, 0);
	return s;
}

void primitives_measure(struct primitive_costs *out)
{
	memset(out, 0, sizeof(*out));
	out->syscall_s = best_of(syscall_once);
	out->fault_s = best_of(fault_once);
	out->wakeup_s = best_of(wakeup_once);
}
