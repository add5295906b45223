/*
 * memory_source.h - `--src memory`: the producer sends from a buffer in its own memory, filled
 * once with the generated data (source.h) before any clock starts, so no file is read and a
 * transfer measures the channel alone.
 *
 * The buffer is private anonymous memory marked MADV_DONTFORK: the consumer, a forked child,
 * never inherits it (fork copies no page tables of it, and no copy-on-write can hit the
 * producer's reads).  With huge pages asked for it is hugetlbfs memory where pages are
 * reserved, else transparent huge pages (madvise), and what it got is measured from
 * /proc/self/smaps, never assumed.  With lock it is mlock()ed, so the host or reclaim cannot
 * take it back between runs.
 */
#ifndef BX_MEMORY_SOURCE_H
#define BX_MEMORY_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "base/errors.h"

struct memory_source {
	unsigned char *buf;	/* size bytes of source data; NULL when none */
	void *base;		/* the mapping buf lies in (buf is base + the offset asked for) */
	uint64_t size;
	size_t map_len;		/* what was mapped (hugetlbfs rounds up to whole huge pages) */
	uint64_t hash;		/* XXH3-64 of the bytes, as verify.h hashes a file */
	const char *pages;	/* "normal", "thp" (at least half of it in transparent huge
				 * pages, measured) or "hugetlb" */
	double huge_pct;	/* share of the buffer in huge pages, measured */
	int locked;		/* mlock()ed */
};

/* Map, fill (seed: source.h's data, so a file made with the same seed holds the same bytes)
 * and hash size bytes, starting offset bytes (0-4095, --buffer-offset) past a page start.
 * huge: ask for huge pages; lock: mlock the buffer.  Returns 0, or
 * BX_EXIT_USAGE with *err filled when the memory cannot be had (mmap, mlock refused: found
 * before any byte moves). */
int memory_source_create(struct memory_source *ms, uint64_t size, uint64_t seed, int huge,
			 int lock, uint32_t offset, struct bx_error *err);

/* Unmap it (ms may be all zero). */
void memory_source_free(struct memory_source *ms);

/* What a buffer's rows call its pages: "hugetlb" (hugetlbfs memory), else "thp" when at least
 * half of it is in transparent huge pages (huge_pct, measured), else "normal". */
const char *memory_pages_kind(int hugetlb, double huge_pct);

/* The percentage of [addr, addr + len) that /proc/self/smaps counts as AnonHugePages (or as
 * hugetlb memory), or -1 when the mapping is not found.  For memory_source and the tests. */
double memory_huge_pct(const void *addr, size_t len);

#endif
