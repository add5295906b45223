/*
 * syscall_count.c - the kernel's count of a process's system calls (see syscall_count.h).
 */
#include "base/syscall_count.h"

#include <fcntl.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Where tracefs may be mounted: its own mount point, then under debugfs. */
static const char *const tracepoint_ids[] = {
	"/sys/kernel/tracing/events/raw_syscalls/sys_enter/id",
	"/sys/kernel/debug/tracing/events/raw_syscalls/sys_enter/id",
};

static long read_tracepoint_id(void)
{
	for (size_t i = 0; i < sizeof(tracepoint_ids) / sizeof(tracepoint_ids[0]); i++) {
		FILE *f = fopen(tracepoint_ids[i], "re");
		long id = -1;
		if (!f)
			continue;
		if (fscanf(f, "%ld", &id) != 1)
			id = -1;
		fclose(f);
		if (id >= 0)
			return id;
	}
	return -1;
}

/* syscr + syscw of this process, read with one read() (which syscr counts: the caller takes
 * that one off), or -1. */
static int64_t io_calls(void)
{
	int fd = open("/proc/self/io", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	char buf[512];
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	const char *r = strstr(buf, "syscr: "), *w = strstr(buf, "syscw: ");
	if (!r || !w)
		return -1;
	return (int64_t)(strtoull(r + 7, NULL, 10) + strtoull(w + 7, NULL, 10));
}

void syscall_count_open(struct syscall_count *c, int tracepoint_ok)
{
	memset(c, 0, sizeof(*c));
	c->fd = -1;
	long id = tracepoint_ok ? read_tracepoint_id() : -1;
	if (id >= 0) {
		struct perf_event_attr a;
		memset(&a, 0, sizeof(a));
		a.type = PERF_TYPE_TRACEPOINT;
		a.size = sizeof(a);
		a.config = (uint64_t)id;
		a.disabled = 1;
		a.inherit = 1;	/* the threads a half starts make calls of the side's too */
		c->fd = (int)syscall(SYS_perf_event_open, &a, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
		if (c->fd >= 0) {
			c->by = SYSCALL_COUNTER_TRACEPOINT;
			return;
		}
	}
	if (io_calls() >= 0)
		c->by = SYSCALL_COUNTER_IO;
}

void syscall_count_start(struct syscall_count *c)
{
	if (c->by == SYSCALL_COUNTER_TRACEPOINT) {
		ioctl(c->fd, PERF_EVENT_IOC_RESET, 0);
		ioctl(c->fd, PERF_EVENT_IOC_ENABLE, 0);
	} else if (c->by == SYSCALL_COUNTER_IO) {
		int64_t v = io_calls();
		c->io_at_start = v >= 0 ? (uint64_t)v : 0;
		if (v < 0)
			c->by = SYSCALL_COUNTER_NONE;
	}
}

int64_t syscall_count_stop(struct syscall_count *c)
{
	if (c->by == SYSCALL_COUNTER_TRACEPOINT) {
		/* The disabling ioctl is itself a call the event sees: one to take off. */
		ioctl(c->fd, PERF_EVENT_IOC_DISABLE, 0);
		uint64_t n = 0;
		if (read(c->fd, &n, sizeof(n)) != (ssize_t)sizeof(n))
			return -1;
		return n > 0 ? (int64_t)n - 1 : 0;
	}
	if (c->by == SYSCALL_COUNTER_IO) {
		int64_t v = io_calls();
		/* the read() of the end's own look is counted in v */
		return v >= 0 && (uint64_t)v > c->io_at_start ? v - (int64_t)c->io_at_start - 1 : -1;
	}
	return -1;
}

void syscall_count_close(struct syscall_count *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

const char *syscall_counter_id(enum syscall_counter by)
{
	return by == SYSCALL_COUNTER_TRACEPOINT ? "tracepoint" : by == SYSCALL_COUNTER_IO ? "io" :
										     "-";
}

const char *syscall_counter_words(enum syscall_counter by)
{
	return by == SYSCALL_COUNTER_TRACEPOINT ?
		       "the raw_syscalls:sys_enter tracepoint, every system call" :
	       by == SYSCALL_COUNTER_IO ?
		       "/proc/self/io's syscr + syscw, reads and writes only (the every-call "
		       "tracepoint is kept to profiled runs: its handler runs inside each call)" :
		       "not counted by the kernel here";
}

enum syscall_counter syscall_counter_from_id(const char *id)
{
	return strcmp(id, "tracepoint") == 0 ? SYSCALL_COUNTER_TRACEPOINT :
	       strcmp(id, "io") == 0 ? SYSCALL_COUNTER_IO : SYSCALL_COUNTER_NONE;
}
