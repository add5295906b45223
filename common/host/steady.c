/*
 * steady.c - the run-to-run state bulkxfer controls (see steady.h).
 *
 * Why prime: on a VM that hands free pages back to its host, every page a run allocates (above
 * all the destination's page cache) may have to be faulted back from the host first, and the copy
 * into it runs at the host's pace: the same 1.4 GiB write ran at 0.34-0.45 GB/s after ten idle
 * seconds and at 4.5-5.0 GB/s right after another write of the same size had been deleted, on
 * the development VM (kernel 6.18, free page reporting).  Pages freed a moment ago are still in
 * the guest and the allocator hands them out first, so the prime is the run's own allocation
 * done once beforehand: write as many bytes into a scratch file on the destination's filesystem,
 * drop it, and start at once (after a gap of 2 s the effect was gone).  Anonymous memory does
 * not do it: touching and freeing twice the size in anonymous pages left the same write at
 * 0.37-0.44 GB/s there, no better than nothing, though it helped on the VM the issue was filed
 * from.  perf showed where the time goes: copy_folio_from_iter_atomic, the copy into the new
 * page-cache folios.
 */
#include "host/steady.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/io_util.h"
#include "base/measure.h"
#include "base/tempfile.h"
#include "host/sysinfo.h"

#define PRIME_HEADROOM (512ULL << 20)	/* MemAvailable the prime leaves untouched */
#define WARM_BUFFER (4UL << 20)

double steady_settle(const char *path)
{
	double start = measure_now();
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		syncfs(fd);
		close(fd);
	}
	while (sysinfo_meminfo_bytes("Dirty") + sysinfo_meminfo_bytes("Writeback") > SETTLE_DIRTY_LIMIT &&
	       measure_now() - start < SETTLE_TIMEOUT_S) {
		struct timespec nap = { 0, 20 * 1000 * 1000 };
		nanosleep(&nap, NULL);
	}
	return measure_now() - start;
}

double steady_prime(const char *dir, uint64_t bytes, uint64_t cached_bytes)
{
	uint64_t available = sysinfo_meminfo_bytes("MemAvailable");
	uint64_t keep = cached_bytes + PRIME_HEADROOM;
	if (available <= keep)
		return 0;
	if (bytes > available - keep)
		bytes = available - keep;
	if (bytes == 0)
		return 0;
	/* Best effort: where no file can be made nothing was written and the time is 0 (the run
	 * goes on unprimed); a full disk only ends the prime early. */
	double took = 0;
	temp_file_write_dropped(dir, bytes, &took);
	return took;
}

/* The residency of an open regular file: *vec gets one byte per page (bit 0 = resident) and
 * *pages their count.  Returns 0, or -1 when mincore cannot tell (then nothing to free). */
static int residency(int fd, uint64_t size, unsigned char **vec, size_t *pages)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	*pages = (size_t)((size + page - 1) / page);
	*vec = NULL;
	void *map = mmap(NULL, (size_t)size, PROT_READ, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED)
		return -1;
	*vec = malloc(*pages);
	int rc = *vec && mincore(map, (size_t)size, *vec) == 0 ? 0 : -1;
	munmap(map, (size_t)size);
	if (rc < 0) {
		free(*vec);
		*vec = NULL;
	}
	return rc;
}

/* An open regular file and its size, or -1. */
static int open_regular(const char *path, uint64_t *size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0) {
		int saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	*size = (uint64_t)st.st_size;
	return fd;
}

double steady_resident_pct(const char *path)
{
	uint64_t size = 0;
	int fd = open_regular(path, &size);
	if (fd < 0)
		return -1;
	double pct = size == 0 ? 100 : -1;
	unsigned char *vec;
	size_t pages;
	if (size > 0 && residency(fd, size, &vec, &pages) == 0) {
		size_t resident = 0;
		for (size_t i = 0; i < pages; i++)
			resident += vec[i] & 1;
		pct = 100.0 * (double)resident / (double)pages;
		free(vec);
	}
	close(fd);
	return pct;
}

/* read() [offset, end) of fd through buf.  Returns 0 or -errno. */
static int read_range(int fd, char *buf, uint64_t offset, uint64_t end)
{
	while (offset < end) {
		ssize_t n = pread(fd, buf, (size_t)io_min_u64(WARM_BUFFER, end - offset), (off_t)offset);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			break;
		offset += (uint64_t)n;
	}
	return 0;
}

int steady_warm(const char *path)
{
	uint64_t size = 0;
	int fd = open_regular(path, &size);
	if (fd < 0)
		return -errno;
	char *buf = malloc(WARM_BUFFER);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	/* Only the pages that left are read back: a guest that trims idle page cache takes a few
	 * percent of the source between runs (seen: 1-5% of 1.4 GiB), and re-reading all of it
	 * before every run cost 0.3 s each. */
	unsigned char *vec;
	size_t pages;
	int rc = 0;
	if (size > 0 && residency(fd, size, &vec, &pages) == 0) {
		uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);
		for (size_t i = 0; i < pages && rc == 0;) {
			if (vec[i] & 1) {
				i++;
				continue;
			}
			size_t j = i;
			while (j < pages && !(vec[j] & 1))
				j++;
			rc = read_range(fd, buf, (uint64_t)i * page, io_min_u64((uint64_t)j * page, size));
			i = j;
		}
		free(vec);
	} else {
		posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
		rc = read_range(fd, buf, 0, size);
	}
	free(buf);
	close(fd);
	return rc;
}

int steady_evict(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	/* Only clean pages can be dropped: a freshly generated source is written back first. */
	fdatasync(fd);
	int rc = posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
	close(fd);
	return -rc;
}
