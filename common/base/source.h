/*
 * source.h - test data: deterministic, incompressible pseudo-random bytes.
 *
 * Byte k of a source depends only on (seed, k): the 8-byte word at offset 8*i is
 * splitmix64(seed + (i + 1) * golden ratio), little endian.  So the same seed always gives the
 * same file, any piece can be generated (or checked) independently, and no compressing or
 * deduplicating layer can shortcut the transfer.
 */
#ifndef BX_SOURCE_H
#define BX_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#define SOURCE_DEFAULT_SEED 1

/* Fill buf with the len source bytes that start at offset (a multiple of 8) for seed. */
void source_fill(void *buf, size_t len, uint64_t offset, uint64_t seed);

/* Write size source bytes for seed into fd from offset 0 (the file should be empty).
 * Returns 0 or -errno (ENOSPC, EFBIG, EIO ...). */
int source_write(int fd, uint64_t size, uint64_t seed);

#endif
