/*
 * io_util.h - read and write loops that survive short transfers and EINTR, and count the system
 * calls they make so a half can report how many its transfer loop issued.
 */
#ifndef BX_IO_UTIL_H
#define BX_IO_UTIL_H

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <sys/types.h>

/* Write all len bytes of buf to fd.  Returns 0, or -errno of the first write that failed.
 * *syscalls (may be NULL) is bumped once per write() call, retries included. */
int io_write_all(int fd, const void *buf, size_t len, uint64_t *syscalls);

/* Read until len bytes or end of file.  Returns the number of bytes read (less than len only
 * at end of file) or -errno.  *syscalls as for io_write_all. */
ssize_t io_read_full(int fd, void *buf, size_t len, uint64_t *syscalls);

/* pwrite() all len bytes at offset; same contract as io_write_all. */
int io_pwrite_all(int fd, const void *buf, size_t len, off_t offset, uint64_t *syscalls);

/* Have the kernel itself read every byte of [p, p + len) (io_kernel_read: written into a
 * scratch memfd, over the same 1 MiB) or write every byte of it (io_kernel_write: read() of
 * /dev/zero), before a clock starts.  Why: on a paravirtualised guest whose hypervisor shadows
 * user and kernel page tables apart, the kernel's first access to each user page is a fault
 * the host fills in, invisible to the guest's counters; a buffer only user code has touched
 * still pays it inside the first timed read() or write() through it.  Returns 0 or -errno. */
int io_kernel_read(const void *p, size_t len);
int io_kernel_write(void *p, size_t len);

/* Write each page of [p, p + len) once from user code without changing its contents (an atomic
 * or of 0 on one byte a page, so a process sharing the memory may use it meanwhile), before a
 * clock starts.  The other half of io_kernel_read's reason: even after the kernel has put a
 * page in this process's page tables (MADV_POPULATE_WRITE) or accessed it itself, the
 * process's own first access from user code traps to the hypervisor, which fills in its own
 * entry for the page: several microseconds a page, in no guest fault count. */
void io_user_touch(void *p, size_t len);

/* Why an output could not be opened, for a reader: ELOOP (output_file_open, the --csv check)
 * says the name is a symbolic link, refused; anything else is strerror(e). */
const char *io_open_error(int e);

/* 1 when a call that failed with err should simply be made again: interrupted by a signal
 * (EINTR), or a non-blocking channel end (--busy-poll) with nothing to read or no room to
 * write yet (EAGAIN): asking again at once is what polling is. */
static inline int io_retry(int err)
{
	return err == EINTR || err == EAGAIN;
}

/* Returns a <= b ? a : b for the 64-bit byte counts every half juggles. */
static inline uint64_t io_min_u64(uint64_t a, uint64_t b)
{
	return a <= b ? a : b;
}

/* Returns a >= b ? a : b. */
static inline uint64_t io_max_u64(uint64_t a, uint64_t b)
{
	return a >= b ? a : b;
}

#endif
