/*
 * steady.c - the run-to-run state bulkxfer controls (see steady.h).
 *
 * Why prime: on a VM with free page reporting the host takes back pages a few seconds after the
 * guest frees them, and every page a run then allocates (the destination's page cache, the ring,
 * buffers) has to be faulted back from the host: the same transfer ran 4-6x slower after ten
 * idle seconds on the development VM.  Touching about twice the transfer's size just before the
 * run brings those pages back into the guest first.  It is done in two passes of half each: pages
 * freed by one pass merge into large free blocks that the allocator hands out last, so a single
 * pass leaves the run to meet the host's pages anyway (measured: one pass of 2 GiB before a 1 GiB
 * write, 0.46 GB/s; two passes of 1 GiB, 5.2 GB/s; nothing, 0.44 GB/s).  The touching happens in
 * throwaway children so bulkxfer's own peak RSS (a CSV column) stays honest.
 */
#include "steady.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "measure.h"

#define PRIME_HEADROOM (512ULL << 20)	/* MemAvailable the prime leaves untouched */
#define WARM_BUFFER (4UL << 20)

/* A field of /proc/meminfo in bytes, or 0. */
static uint64_t meminfo(const char *field)
{
	FILE *f = fopen("/proc/meminfo", "r");
	if (!f)
		return 0;
	char line[256];
	size_t len = strlen(field);
	uint64_t kb = 0;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, field, len) == 0 && line[len] == ':') {
			kb = strtoull(line + len + 1, NULL, 10);
			break;
		}
	fclose(f);
	return kb * 1024;
}

double steady_settle(const char *path)
{
	double start = measure_now();
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		syncfs(fd);
		close(fd);
	}
	while (meminfo("Dirty") + meminfo("Writeback") > SETTLE_DIRTY_LIMIT &&
	       measure_now() - start < SETTLE_TIMEOUT_S) {
		struct timespec nap = { 0, 20 * 1000 * 1000 };
		nanosleep(&nap, NULL);
	}
	return measure_now() - start;
}

double steady_prime(uint64_t bytes, uint64_t cached_bytes)
{
	uint64_t available = meminfo("MemAvailable");
	uint64_t keep = cached_bytes + PRIME_HEADROOM;
	if (available <= keep)
		return 0;
	if (bytes > available - keep)
		bytes = available - keep;
	if (bytes == 0)
		return 0;
	double start = measure_now();
	for (int pass = 0; pass < 2; pass++) {
		pid_t pid = fork();
		if (pid == 0) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);	/* never outlive bulkxfer */
			/* MAP_POPULATE faults every page in; exiting hands them all back at once. */
			void *p = mmap(NULL, bytes / 2, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
			_exit(p == MAP_FAILED ? 1 : 0);
		}
		if (pid > 0)
			while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
				;
	}
	return measure_now() - start;
}

double steady_resident_pct(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (st.st_size == 0) {
		close(fd);
		return 100;
	}
	double pct = -1;
	void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t pages = ((size_t)st.st_size + page - 1) / page;
	unsigned char *vec = malloc(pages);
	if (map != MAP_FAILED && vec && mincore(map, (size_t)st.st_size, vec) == 0) {
		size_t resident = 0;
		for (size_t i = 0; i < pages; i++)
			resident += vec[i] & 1;
		pct = 100.0 * (double)resident / (double)pages;
	}
	free(vec);
	if (map != MAP_FAILED)
		munmap(map, (size_t)st.st_size);
	close(fd);
	return pct;
}

int steady_warm(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	char *buf = malloc(WARM_BUFFER);
	int rc = buf ? 0 : -ENOMEM;
	while (rc == 0) {
		ssize_t n = read(fd, buf, WARM_BUFFER);
		if (n < 0 && errno != EINTR)
			rc = -errno;
		if (n == 0)
			break;
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

int steady_page_reporting(void)
{
	struct stat st;
	return stat("/sys/module/page_reporting", &st) == 0;
}
