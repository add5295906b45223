/*
 * floor.c - the physical floor (see floor.h).
 */
#include "host/floor.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/measure.h"
#include "base/tempfile.h"
#include "base/units.h"
#include "host/steady.h"

#define MEMCPY_PASSES 4
#define FLOOR_CHUNK (1UL << 20)

static void copy_movsb(void *dst, const void *src, size_t n)
{
#if defined(__x86_64__)
	__asm__ volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
#else
	memcpy(dst, src, n);
#endif
}

/* Best GiB/s of MEMCPY_PASSES copies of bytes with copy(). */
static double best_copy(void (*copy)(void *, const void *, size_t), char *dst, const char *src,
			size_t bytes)
{
	double best = 0;
	for (int pass = 0; pass < MEMCPY_PASSES; pass++) {
		double t = measure_now();
		copy(dst, src, bytes);
		double s = measure_now() - t;
		if (s > 0 && (double)bytes / GIB_BYTES / s > best)
			best = (double)bytes / GIB_BYTES / s;
	}
	return best;
}

static void copy_glibc(void *dst, const void *src, size_t n)
{
	memcpy(dst, src, n);
	__asm__ volatile("" : : "r"(dst) : "memory");	/* the copy must happen */
}

const uint64_t floor_reused_bytes[REUSED_BUFFERS] = {
	4 << 10, 16 << 10, 64 << 10, 256 << 10, 1 << 20, 4 << 20,
};

/* The buffer size a copy_reused_into pass uses (best_copy's copy takes no size of its own). */
static size_t reused_size;

/* src's n bytes copied, reused_size at a time, all into dst's first reused_size bytes. */
static void copy_reused_into(void *dst, const void *src, size_t n)
{
	for (size_t off = 0; off < n; off += reused_size)
		copy_glibc(dst, (const char *)src + off, n - off < reused_size ? n - off : reused_size);
}

/* The kernel's warm copy: src written into a memfd, then pread() back into dst (present,
 * bytes long), 1 MiB a call, best of MEMCPY_PASSES; GiB/s, or 0 when it cannot be measured. */
static double kernel_copy(char *dst, const char *src, size_t bytes)
{
	int fd = memfd_create("bulkxfer-floor", MFD_CLOEXEC);
	int ok = fd >= 0;
	for (size_t off = 0; ok && off < bytes; off += FLOOR_CHUNK)
		ok = pwrite(fd, src + off, FLOOR_CHUNK, (off_t)off) == (ssize_t)FLOOR_CHUNK;
	double best = 0;
	for (int pass = 0; ok && pass < MEMCPY_PASSES; pass++) {
		double t = measure_now();
		for (size_t off = 0; ok && off < bytes; off += FLOOR_CHUNK)
			ok = pread(fd, dst + off, FLOOR_CHUNK, (off_t)off) == (ssize_t)FLOOR_CHUNK;
		double s = measure_now() - t;
		if (ok && s > 0 && (double)bytes / GIB_BYTES / s > best)
			best = (double)bytes / GIB_BYTES / s;
	}
	if (fd >= 0)
		close(fd);
	return ok ? best : 0;
}

void floor_memcpy(struct machine_limits *l)
{
	size_t bytes = LIMITS_MEMCPY_BYTES;
	/* MAP_POPULATE: page faults are not what is measured here. */
	char *a = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE,
		       -1, 0);
	char *b = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE,
		       -1, 0);
	if (a == MAP_FAILED || b == MAP_FAILED) {
		l->memcpy_gib_s = l->movsb_gib_s = l->kernel_copy_gib_s = 0;
		memset(l->memcpy_reused_gib_s, 0, sizeof(l->memcpy_reused_gib_s));
	} else {
		memset(a, 0x5a, bytes);
		l->memcpy_gib_s = best_copy(copy_glibc, b, a, bytes);
		/* a quarter of the source is still far beyond any cache, at a quarter of the
		 * time: six buffer sizes, four passes each */
		for (size_t i = 0; i < REUSED_BUFFERS; i++) {
			reused_size = (size_t)floor_reused_bytes[i];
			l->memcpy_reused_gib_s[i] = best_copy(copy_reused_into, b, a, bytes / 4);
		}
#if defined(__x86_64__)
		l->movsb_gib_s = best_copy(copy_movsb, b, a, bytes);
#else
		l->movsb_gib_s = 0;
#endif
		/* the same present destination, so the two rates compare */
		l->kernel_copy_gib_s = kernel_copy(b, a, bytes);
	}
	if (a != MAP_FAILED)
		munmap(a, bytes);
	if (b != MAP_FAILED)
		munmap(b, bytes);
}

double floor_read(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	char *buf = malloc(FLOOR_CHUNK);
	if (fd < 0 || !buf) {
		if (fd >= 0)
			close(fd);
		free(buf);
		return 0;
	}
	uint64_t total = 0;
	double t = measure_now();
	for (;;) {
		ssize_t n = read(fd, buf, FLOOR_CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		total += (uint64_t)n;
	}
	double s = measure_now() - t;
	close(fd);
	free(buf);
	return s > 0 ? (double)total / GIB_BYTES / s : 0;
}

int floor_dst(const char *dir, uint64_t size, double *gib_s, struct bx_error *err)
{
	double s = 0;
	int rc = temp_file_write_dropped(dir, size, &s);
	*gib_s = rc == 0 && s > 0 ? (double)size / GIB_BYTES / s : 0;
	if (rc < 0)
		return bx_fail(err, BX_EXIT_FAILURE, "destination floor: cannot write a file in '%s': %s",
			       dir, strerror(-rc));
	return 0;
}

int floor_dst_prepared(const char *dir, uint64_t size, int settle, int prime, double *gib_s,
		       struct bx_error *err)
{
	if (settle)
		steady_settle(dir);
	if (prime)
		steady_prime(dir, size, size);
	return floor_dst(dir, size, gib_s, err);
}

int floor_dst_pair(const char *dir, uint64_t size, int settle, double *unprimed, double *primed,
		   struct bx_error *err)
{
	int rc = 0;
	for (int pass = 0; pass < 2 && rc == 0; pass++) {
		rc = floor_dst_prepared(dir, size, settle, 0, unprimed, err);
		if (rc == 0)
			rc = floor_dst_prepared(dir, size, settle, 1, primed, err);
	}
	return rc;
}
