/*
 * source.c - generate test data fast (see source.h).  splitmix64 costs a few cycles per 8 bytes,
 * so generation runs at several GB/s and writing into the page cache is the bottleneck.
 */
#include "base/source.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/io_util.h"

#define SOURCE_BLOCK_BYTES (4UL << 20)
#define GOLDEN_GAMMA 0x9E3779B97F4A7C15ULL

static inline uint64_t splitmix64_mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

void source_fill(void *buf, size_t len, uint64_t offset, uint64_t seed)
{
	unsigned char *p = buf;
	uint64_t word_index = offset / 8;
	while (len >= 8) {
		uint64_t w = splitmix64_mix(seed + (word_index + 1) * GOLDEN_GAMMA);
		memcpy(p, &w, 8);	/* x86 and arm64 Linux are little endian */
		p += 8;
		len -= 8;
		word_index++;
	}
	if (len > 0) {
		uint64_t w = splitmix64_mix(seed + (word_index + 1) * GOLDEN_GAMMA);
		memcpy(p, &w, len);
	}
}

int source_write(int fd, uint64_t size, uint64_t seed)
{
	void *block;
	if (posix_memalign(&block, 4096, SOURCE_BLOCK_BYTES) != 0)
		return -ENOMEM;
	int rc = 0;
	for (uint64_t off = 0; off < size && rc == 0; off += SOURCE_BLOCK_BYTES) {
		size_t n = (size_t)io_min_u64(SOURCE_BLOCK_BYTES, size - off);
		source_fill(block, n, off, seed);
		rc = io_pwrite_all(fd, block, n, (off_t)off, NULL);
	}
	free(block);
	return rc;
}
