/*
 * steady.h - making every run start from the same state, outside the timed region:
 *   settle  the previous run's dirty pages written back (syncfs, then Dirty + Writeback low);
 *   warm    the source resident in the page cache (mincore; re-read when it is not);
 *   cold    the source evicted instead (POSIX_FADV_DONTNEED), for --cold;
 *   prime   the pages the run will allocate used and freed just before it (see steady.c).
 */
#ifndef BX_STEADY_H
#define BX_STEADY_H

#include <stdint.h>

#define SETTLE_DIRTY_LIMIT (64ULL << 20)	/* Dirty + Writeback below this counts as settled */
#define SETTLE_TIMEOUT_S 30.0

/* syncfs() the filesystem holding path, then wait until Dirty + Writeback in /proc/meminfo is
 * below SETTLE_DIRTY_LIMIT or SETTLE_TIMEOUT_S passed.  Returns the seconds it took. */
double steady_settle(const char *path);

/* Write about bytes into a new unnamed file in dir and drop it, so the pages a run's destination
 * is about to allocate were in use a moment ago (see steady.c for why a file and not anonymous
 * memory).  Capped so the page cache of the source (cached_bytes) is not pushed out; best effort:
 * a full disk ends it early.  Returns the seconds it took (0 when nothing was primed). */
double steady_prime(const char *dir, uint64_t bytes, uint64_t cached_bytes);

/* Percentage (0..100) of the file at path resident in the page cache, by mincore(); 100 for an
 * empty file, -1 when it cannot be told. */
double steady_resident_pct(const char *path);

/* Read the whole file so it is resident.  Returns 0 or -errno. */
int steady_warm(const char *path);

/* Write the file's dirty pages back, then drop its pages from the page cache.  Returns 0 or
 * -errno. */
int steady_evict(const char *path);

#endif
