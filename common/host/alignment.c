/*
 * alignment.c - the cost of a copy against where its destination sits (see alignment.h).
 *
 * Why the best of several passes (and of two sweeps): one pass of 256 KiB lasts tens of microseconds, and on a
 * shared host a pass can lose its CPU; the fastest pass is what the placement allows.  Why 256
 * KiB: a pipe method's chunk at its best here, larger than the caches closest to the core, so
 * what is timed is the copy's stream, not a cache hit.
 */
#include "host/alignment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/measure.h"
#include "base/units.h"

#define COPY_BYTES (256u << 10)
#define PASSES 24

static const uint32_t sweep_offsets[] = { 0, 1, 4, 8, 12, 16, 24, 31, 32, 40, 48, 63, 64, 96,
					  128, 256, 1024, 2048, 4032, 4064, 4080, 4088 };

static int compare(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median_of(double *v, size_t n)
{
	qsort(v, n, sizeof(v[0]), compare);
	return n == 0 ? 0 : n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

void alignment_sweep_run(alignment_cost_fn cost, void *ctx, struct alignment_sweep *out)
{
	memset(out, 0, sizeof(*out));
	double sorted[ALIGNMENT_MAX_OFFSETS], fast[ALIGNMENT_MAX_OFFSETS];
	/* Two sweeps over the list, each offset's cheaper one kept: a moment the host took the
	 * CPU from one offset's passes does not make it look slow. */
	out->n = sizeof(sweep_offsets) / sizeof(sweep_offsets[0]);
	for (int sweep = 0; sweep < 2; sweep++)
		for (size_t i = 0; i < out->n; i++) {
			double c = cost(sweep_offsets[i], ctx);
			out->offsets[i] = sweep_offsets[i];
			if (sweep == 0 || (c > 0 && c < out->s_per_gib[i]))
				out->s_per_gib[i] = c;
		}
	for (size_t i = 0; i < out->n; i++)
		sorted[i] = out->s_per_gib[i];
	out->median = median_of(sorted, out->n);
	size_t nfast = 0;
	for (size_t i = 0; i < out->n; i++)
		if (out->median > 0 && out->s_per_gib[i] >= ALIGNMENT_SLOW_RATIO * out->median) {
			if (out->nslow++ == 0)
				out->slow_lo = out->offsets[i];
			out->slow_hi = out->offsets[i];
		} else {
			fast[nfast++] = out->s_per_gib[i];
		}
	double base = median_of(fast, nfast);
	for (size_t i = 0; i < out->n && base > 0; i++) {
		if (out->s_per_gib[i] < ALIGNMENT_SLOW_RATIO * out->median)
			continue;
		double r = out->s_per_gib[i] / base;
		if (out->ratio_lo == 0 || r < out->ratio_lo)
			out->ratio_lo = r;
		if (r > out->ratio_hi)
			out->ratio_hi = r;
	}
}

double alignment_memcpy_cost(uint32_t offset, void *ctx)
{
	(void)ctx;
	size_t len = COPY_BYTES + 4096;
	/* MAP_POPULATE: page faults are not what is measured here. */
	char *src = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS |
			 MAP_POPULATE, -1, 0);
	char *dst = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS |
			 MAP_POPULATE, -1, 0);
	double best = 0;
	if (src != MAP_FAILED && dst != MAP_FAILED) {
		memset(src, 0x5a, len);
		memset(dst, 0, len);
		for (int pass = 0; pass < PASSES; pass++) {
			double t = measure_now();
			memcpy(dst + (offset & 4095), src, COPY_BYTES);
			__asm__ volatile("" : : "r"(dst) : "memory");	/* the copy must happen */
			double s = measure_now() - t;
			if (s > 0 && (best == 0 || s < best))
				best = s;
		}
	}
	if (src != MAP_FAILED)
		munmap(src, len);
	if (dst != MAP_FAILED)
		munmap(dst, len);
	return best > 0 ? best / ((double)COPY_BYTES / GIB_BYTES) : 0;
}

double alignment_read_cost(uint32_t offset, void *ctx)
{
	(void)ctx;
	size_t len = COPY_BYTES + 4096;
	int fd = memfd_create("bulkxfer-alignment", MFD_CLOEXEC);
	char *dst = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS |
			 MAP_POPULATE, -1, 0);
	double best = 0;
	if (fd >= 0 && dst != MAP_FAILED) {
		memset(dst, 0x5a, len);
		if (write(fd, dst, COPY_BYTES) == (ssize_t)COPY_BYTES) {
			for (int pass = 0; pass < PASSES; pass++) {
				double t = measure_now();
				ssize_t got = pread(fd, dst + (offset & 4095), COPY_BYTES, 0);
				double s = measure_now() - t;
				if (got == (ssize_t)COPY_BYTES && s > 0 && (best == 0 || s < best))
					best = s;
			}
		}
	}
	if (fd >= 0)
		close(fd);
	if (dst != MAP_FAILED)
		munmap(dst, len);
	return best > 0 ? best / ((double)COPY_BYTES / GIB_BYTES) : 0;
}

const char *alignment_sentence(const struct alignment_sweep *s, char *buf, size_t len)
{
	if (s->n == 0 || s->median <= 0)
		snprintf(buf, len, "the copy against its place in a page was not measured");
	else if (s->nslow == 0)
		snprintf(buf, len, "no place of a copy's destination within a page against its source "
			 "slowed it here (%zu offsets from 0 to %u bytes)", s->n, s->offsets[s->n - 1]);
	else
		snprintf(buf, len, "copies whose destination is %u-%u bytes past the source within a "
			 "page run %.1f-%.1fx slower here (%zu of %zu offsets)", s->slow_lo, s->slow_hi,
			 s->ratio_lo, s->ratio_hi, s->nslow, s->n);
	return buf;
}
