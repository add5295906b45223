/*
 * floor.h - what the machine can do at all, measured on the same filesystem and size as the
 * transfers: the floor every method is judged against.
 *   memcpy      one core copying between two prefaulted buffers too big for the caches, with
 *               glibc's memcpy and with `rep movsb` (the copy the kernel uses);
 *   read        read() of the cached source into a buffer (what a reading half can reach);
 *   destination one process write()-ing the same bytes from memory into a new file in the
 *               destination's directory: no IPC at all.  pct_of_floor is against this one.
 */
#ifndef BX_FLOOR_H
#define BX_FLOOR_H

#include <stdint.h>

#include "base/errors.h"

#define LIMITS_MEMCPY_BYTES (256ULL << 20)

/* The reused buffers one core's memcpy is measured into (the sweep's chunks): the working set
 * of a discarding reader, which copies each chunk into one buffer of that size. */
#define REUSED_BUFFERS 6
extern const uint64_t floor_reused_bytes[REUSED_BUFFERS];

struct machine_limits {
	double memcpy_gib_s;		/* glibc memcpy, best of several passes: DRAM to DRAM */
	double memcpy_reused_gib_s[REUSED_BUFFERS];	/* glibc memcpy of the same bytes from
							 * DRAM into one reused buffer of
							 * floor_reused_bytes[i], over and over */
	double movsb_gib_s;		/* rep movsb; 0 where the CPU has no such instruction */
	double kernel_copy_gib_s;	/* the kernel copying cached pages into prefaulted user
					 * memory (pread of a memfd, 1 MiB a call); 0: not measured */
	double read_gib_s;		/* read() of the cached source; 0 when not measured */
	double dst_floor_gib_s;		/* write() of size bytes into a new file in dst_dir */
};

/* Copy bandwidth of one core with glibc memcpy and rep movsb, and the kernel's own copy into
 * the same present buffer (pread() of a filled memfd, 1 MiB a call): the warm rates.  Also
 * glibc memcpy of the same source into each reused buffer of floor_reused_bytes. */
void floor_memcpy(struct machine_limits *l);

/* read() the (cached) file at path once; GiB/s, or 0 on error. */
double floor_read(const char *path);

/* write() size bytes of source data into a new unnamed file in dir, 1 MiB per call; GiB/s.
 * Returns 0 on success, or BX_EXIT_FAILURE with *err filled. */
int floor_dst(const char *dir, uint64_t size, double *gib_s, struct bx_error *err);

/* floor_dst in the state a run finds: after steady_settle(dir) when settle, and after priming
 * size bytes through a scratch file when prime.  Same return convention. */
int floor_dst_prepared(const char *dir, uint64_t size, int settle, int prime, double *gib_s,
		       struct bx_error *err);

/* Whether priming helps here: the floor written unprimed, primed, unprimed, primed, and the
 * second pair returned (whichever write comes first pays for memory that sat idle, whichever
 * comes second profits from the first's, so only the second pair compares fairly).
 * Returns 0 or BX_EXIT_FAILURE with *err filled. */
int floor_dst_pair(const char *dir, uint64_t size, int settle, double *unprimed, double *primed,
		   struct bx_error *err);

#endif
