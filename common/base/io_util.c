/*
 * io_util.c - EINTR- and short-transfer-proof read/write loops, and output files that are
 * never written through a symbolic link (see io_util.h).
 */
#include "base/io_util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static inline void bump(uint64_t *counter)
{
	if (counter)
		(*counter)++;
}

/* write() (offset NULL) or pwrite() at *offset, until all of buf is out. */
static int write_loop(int fd, const void *buf, size_t len, off_t *offset, uint64_t *syscalls)
{
	const char *p = buf;
	while (len > 0) {
		ssize_t n = offset ? pwrite(fd, p, len, *offset) : write(fd, p, len);
		bump(syscalls);
		if (n < 0) {
			if (io_retry(errno))
				continue;
			return -errno;
		}
		p += n;
		len -= (size_t)n;
		if (offset)
			*offset += n;
	}
	return 0;
}

int io_write_all(int fd, const void *buf, size_t len, uint64_t *syscalls)
{
	return write_loop(fd, buf, len, NULL, syscalls);
}

int io_pwrite_all(int fd, const void *buf, size_t len, off_t offset, uint64_t *syscalls)
{
	return write_loop(fd, buf, len, &offset, syscalls);
}

ssize_t io_read_full(int fd, void *buf, size_t len, uint64_t *syscalls)
{
	char *p = buf;
	size_t got = 0;
	while (got < len) {
		ssize_t n = read(fd, p + got, len - got);
		bump(syscalls);
		if (n < 0) {
			if (io_retry(errno))
				continue;
			return -errno;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

const char *io_open_error(int e)
{
	return e == ELOOP ? "it is a symbolic link, which could point anywhere (refused)" :
			    strerror(e);
}

#define KERNEL_TOUCH_STEP (1u << 20)

int io_kernel_read(const void *p, size_t len)
{
	int fd = memfd_create("bulkxfer-touch", MFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	int rc = 0;
	for (size_t off = 0; rc == 0 && off < len; off += KERNEL_TOUCH_STEP) {
		size_t n = len - off < KERNEL_TOUCH_STEP ? len - off : KERNEL_TOUCH_STEP;
		rc = io_pwrite_all(fd, (const char *)p + off, n, 0, NULL);
	}
	close(fd);
	return rc;
}

void io_user_touch(void *p, size_t len)
{
	for (size_t off = 0; off < len; off += 4096)
		__atomic_fetch_or((volatile unsigned char *)p + off, 0, __ATOMIC_RELAXED);
}

int io_kernel_write(void *p, size_t len)
{
	int fd = open("/dev/zero", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	int rc = 0;
	for (size_t off = 0; rc == 0 && off < len;) {
		size_t want = len - off < KERNEL_TOUCH_STEP ? len - off : KERNEL_TOUCH_STEP;
		ssize_t n = read(fd, (char *)p + off, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			rc = n < 0 ? -errno : -EIO;
		else
			off += (size_t)n;
	}
	close(fd);
	return rc;
}
