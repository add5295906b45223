/*
 * memory_source.c - the producer's in-memory source (see memory_source.h).
 */
#include "transfer/memory_source.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <xxhash.h>

#include "base/io_util.h"
#include "base/source.h"
#include "base/units.h"

#define HUGE_PAGE (2ULL << 20)

double memory_huge_pct(const void *addr, size_t len)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	if (!f || len == 0) {
		if (f)
			fclose(f);
		return -1;
	}
	char line[512];
	int inside = 0, found = 0;
	unsigned long start, end, kb;
	uint64_t huge_kb = 0;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx ", &start, &end) == 2) {
			/* A mapping's first line (no field line parses as two hex numbers joined
			 * by '-'); madvise may split the buffer into several, so each VMA inside
			 * the range counts. */
			inside = start >= (unsigned long)addr && end <= (unsigned long)addr + len;
			found |= inside;
			continue;
		}
		if (!inside)
			continue;
		if (sscanf(line, "AnonHugePages: %lu kB", &kb) == 1 ||
		    sscanf(line, "Private_Hugetlb: %lu kB", &kb) == 1 ||
		    sscanf(line, "Shared_Hugetlb: %lu kB", &kb) == 1)
			huge_kb += kb;
	}
	fclose(f);
	if (!found)
		return -1;
	double pct = 100.0 * (double)huge_kb * 1024 / (double)len;
	return pct > 100 ? 100 : pct;
}

const char *memory_pages_kind(int hugetlb, double huge_pct)
{
	if (hugetlb)
		return "hugetlb";
	return huge_pct >= 50 ? "thp" : "normal";
}

/* hugetlbfs memory of whole huge pages, else NULL (none reserved, or not configured).  Never
 * MAP_NORESERVE: without a reservation the first touch of a missing page is a SIGBUS. */
static void *map_hugetlb(size_t *len)
{
	size_t rounded = (*len + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
	void *p = mmap(NULL, rounded, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	*len = rounded;
	return p;
}

int memory_source_create(struct memory_source *ms, uint64_t size, uint64_t seed, int huge,
			 int lock, uint32_t offset, struct bx_error *err)
{
	memset(ms, 0, sizeof(*ms));
	char human[32];
	units_format_size(size, human, sizeof(human));
	if (size == 0 || size > SIZE_MAX / 2)
		return bx_fail(err, BX_EXIT_USAGE, "--src memory: cannot hold %s in memory", human);
	size_t len = (size_t)size + (offset ? 4096 : 0);	/* room to start offset bytes on */
	void *p = NULL;
	ms->pages = "normal";
	if (huge && (p = map_hugetlb(&len)) != NULL) {
		ms->pages = "hugetlb";
	} else {
		len = (size_t)size + (offset ? 4096 : 0);
		p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return bx_fail(err, BX_EXIT_USAGE, "--src memory: cannot map %s: %s", human,
				       strerror(errno));
		/* Asked for or refused, so the pages are bulkxfer's choice, not the host's default
		 * (THP "always" would give a 4 MiB source huge pages unasked); measured below: the
		 * kernel may refuse either. */
		madvise(p, len, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
	}
	ms->base = p;
	ms->buf = (unsigned char *)p + (offset & 4095);
	ms->map_len = len;
	ms->size = size;
	/* The consumer is a forked child: it must not inherit (and so share copy-on-write) the
	 * producer's source.  cma's consumer reads it through process_vm_readv, not the mapping. */
	madvise(p, len, MADV_DONTFORK);
	if (lock && mlock(p, len) < 0) {
		int e = errno;
		memory_source_free(ms);
		return bx_fail(err, BX_EXIT_USAGE, "--lock: mlock of the %s source failed: %s (raise "
			       "RLIMIT_MEMLOCK, ulimit -l, or drop --lock)", human, strerror(e));
	}
	ms->locked = lock;
	source_fill(ms->buf, (size_t)size, 0, seed);
	ms->hash = XXH3_64bits(ms->buf, (size_t)size);
	/* read once by the kernel too, before any clock: the first run is not the one to pay the
	 * hypervisor's first kernel access to each page (io_kernel_read), whatever --warmup is */
	int rc = io_kernel_read(ms->buf, (size_t)size);
	if (rc < 0) {
		memory_source_free(ms);
		return bx_fail(err, BX_EXIT_USAGE, "--src memory: cannot have the kernel read the "
			       "source once: %s", strerror(-rc));
	}
	ms->huge_pct = memory_huge_pct(p, len);
	if (ms->huge_pct < 0)
		ms->huge_pct = 0;
	ms->pages = memory_pages_kind(strcmp(ms->pages, "hugetlb") == 0, ms->huge_pct);
	return 0;
}

void memory_source_free(struct memory_source *ms)
{
	if (ms->base)
		munmap(ms->base, ms->map_len);
	memset(ms, 0, sizeof(*ms));
}
