/*
 * alignment.h - where a buffer sits in its page, measured: the cost of a copy against the
 * distance between its destination and its source within a page.  On some CPUs (the
 * development VM's AMD EPYC among them) a `rep movsb` or glibc memcpy whose destination is a
 * few bytes past the source within a page runs several times slower than one at 0, 32 or 64
 * bytes; malloc() serves large buffers at a page start plus 16 bytes, so a program that
 * copies between a malloc'd buffer and page-aligned memory can fall on the slow side.
 */
#ifndef BX_ALIGNMENT_H
#define BX_ALIGNMENT_H

#include <stddef.h>
#include <stdint.h>

#define ALIGNMENT_MAX_OFFSETS 32
/* An offset is slow when its copy costs this many times the median of all the offsets. */
#define ALIGNMENT_SLOW_RATIO 1.5

/* The seconds per GiB a copy costs whose destination sits offset bytes past the source within
 * a page (0-4095); ctx is the function's own.  alignment_memcpy_cost measures it; the tests
 * pass a double. */
typedef double (*alignment_cost_fn)(uint32_t offset, void *ctx);

struct alignment_sweep {
	size_t n;
	uint32_t offsets[ALIGNMENT_MAX_OFFSETS];
	double s_per_gib[ALIGNMENT_MAX_OFFSETS];
	double median;			/* of every offset's cost */
	size_t nslow;			/* offsets costing ALIGNMENT_SLOW_RATIO x the median or more */
	uint32_t slow_lo, slow_hi;	/* the smallest and largest slow offset */
	double ratio_lo, ratio_hi;	/* the slow offsets' costs over the fast ones' median */
};

/* Measure cost at every offset of a fixed list (0, 1, 4, 8, ... 31, 32, 40, ... 4088) and find
 * the slow ones into *out. */
void alignment_sweep_run(alignment_cost_fn cost, void *ctx, struct alignment_sweep *out);

/* The real cost: glibc memcpy of 256 KiB from a page-aligned source to a destination offset
 * bytes past a page start, the best of several passes (ctx unused).  0 when memory cannot be
 * had. */
double alignment_memcpy_cost(uint32_t offset, void *ctx);

/* The kernel's copy: pread() of 256 KiB from a memfd's page-aligned pages into a buffer offset
 * bytes past a page start (copy_to_user, the copy a pipe's or a file's read makes), the best
 * of several passes (ctx unused); 0 when it cannot run. */
double alignment_read_cost(uint32_t offset, void *ctx);

/* One line for a reader, into buf[len]: "copies whose destination is 1-31 bytes past the
 * source within a page run 6.1-15x slower here", or that no offset slowed them.  Returns buf. */
const char *alignment_sentence(const struct alignment_sweep *s, char *buf, size_t len);

#endif
