/*
 * syscall_count.h - the kernel's own count of the system calls a process makes, beside the count
 * a half keeps of the calls its loop issues (half_ctx.syscalls): a check that the harness counts
 * what happens, and a count of the calls no half knows it makes.  Where tracefs is mounted, the
 * raw_syscalls:sys_enter tracepoint counted by perf_event_open (every system call of the
 * process); else /proc/self/io's syscr + syscw (the read and write families only: read, write,
 * their vector and positioned forms, sendfile); else nothing, said so.  bulkxfer never mounts
 * tracefs itself: that is the machine's owner's choice.
 */
#ifndef BX_SYSCALL_COUNT_H
#define BX_SYSCALL_COUNT_H

#include <stdint.h>

enum syscall_counter {
	SYSCALL_COUNTER_NONE,		/* not counted */
	SYSCALL_COUNTER_TRACEPOINT,	/* raw_syscalls:sys_enter: every call */
	SYSCALL_COUNTER_IO,		/* /proc/self/io syscr + syscw: reads and writes only */
};

struct syscall_count {
	enum syscall_counter by;
	int fd;			/* the perf event (TRACEPOINT), else -1 */
	uint64_t io_at_start;	/* syscr + syscw at start (IO) */
};

/* Pick the best counter this machine allows and open it, disabled (before the clock: opening
 * costs calls of its own).  The tracepoint only when tracepoint_ok: it counts every call, but
 * its handler runs inside each one, a cost of the measurement itself (vmsplice of 512 MiB in
 * 256 KiB calls moved about 7% less with it on a paravirtualised guest), so the harness asks
 * for it in profiled runs only, which are disturbed by their sampler anyway; /proc/self/io's
 * counts cost nothing.  Never fails: c->by says what will count. */
void syscall_count_open(struct syscall_count *c, int tracepoint_ok);

/* Start counting (the first thing before the counted work). */
void syscall_count_start(struct syscall_count *c);

/* Stop counting and return the calls made since start, or -1 when not counted.  The counter's
 * own calls are not included. */
int64_t syscall_count_stop(struct syscall_count *c);

/* Close what open opened. */
void syscall_count_close(struct syscall_count *c);

/* The counter's name for runs.csv ("tracepoint", "io", "-") and its words for a reader. */
const char *syscall_counter_id(enum syscall_counter by);
const char *syscall_counter_words(enum syscall_counter by);

/* The counter named id (syscall_counter_id), SYSCALL_COUNTER_NONE for anything else. */
enum syscall_counter syscall_counter_from_id(const char *id);

#endif
