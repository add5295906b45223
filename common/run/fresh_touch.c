/*
 * fresh_touch.c - a fresh memset, sampled and split (see fresh_touch.h).
 */
#include "run/fresh_touch.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "analysis/profile/categories.h"
#include "analysis/profile/first_touch.h"
#include "analysis/profile/profile_out.h"
#include "base/measure.h"
#include "base/units.h"
#include "record/stack_counts.h"
#include "sampling/sampler.h"

#define FRESH_TOUCH_BYTES (256ULL << 20)

int fresh_touch_print(FILE *out, double memcpy_gib_s)
{
	char *p = mmap(NULL, FRESH_TOUCH_BYTES, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return -errno;
	madvise(p, FRESH_TOUCH_BYTES, MADV_NOHUGEPAGE);	/* one fault per 4 KiB page */
	char why[256] = "";
	struct sampler s;
	int sampling = sampler_probe(why, sizeof(why)) == 0 && sampler_open(&s, 0) == 0;
	double t = measure_cpu_now();
	if (sampling)
		sampler_enable(&s);
	memset(p, 0x5a, FRESH_TOUCH_BYTES);
	__asm__ volatile("" : : "r"(p) : "memory");	/* the memset must happen */
	if (sampling)
		sampler_disable(&s);
	double cpu_s = measure_cpu_now() - t;
	munmap(p, FRESH_TOUCH_BYTES);
	char size[32];
	fprintf(out, "a first touch (memset over %s of fresh memory, sampled): %.3f s CPU, %.2f GiB/s\n",
		units_format_size(FRESH_TOUCH_BYTES, size, sizeof(size)), cpu_s,
		cpu_s > 0 ? (double)FRESH_TOUCH_BYTES / GIB_BYTES / cpu_s : 0);
	if (!sampling) {
		fprintf(out, "  (not sampled: %s)\n", why[0] ? why : "the sampler could not open");
		return 0;
	}
	struct stack_counts sc;
	struct sampler_result res;
	memset(&sc, 0, sizeof(sc));
	int rc = sampler_collect(&s, &sc, &res);
	sampler_close(&s);
	struct profile_row row;
	memset(&row, 0, sizeof(row));
	if (rc == 0)
		profile_categorize(&sc, row.samples);
	stack_counts_free(&sc);
	for (int c = 0; c < CAT_COUNT; c++)
		row.total += row.samples[c];
	if (row.total == 0) {
		fprintf(out, "  (no samples: the memset was shorter than the sampling period)\n");
		return 0;
	}
	for (int c = 0; c < CAT_COUNT; c++)
		row.cpu_s[c] = res.sampled_s * (double)row.samples[c] / (double)row.total;
	struct copy_bytes bytes = { (double)FRESH_TOUCH_BYTES, 0 };
	struct copy_rates rates = { memcpy_gib_s, 0 };
	first_touch_split(&row, &bytes, &rates);
	fprintf(out, "  where it went (%llu samples; the memset's own samples beyond what its bytes "
		"cost at the warm memcpy rate are first touch):\n", (unsigned long long)row.total);
	for (int c = 0; c < CAT_COUNT; c++)
		if (row.samples[c] * 50 >= row.total)	/* 2% and more */
			fprintf(out, "    %-52s %6.3f s  %3.0f%%\n", category_label((enum category)c),
				row.cpu_s[c], 100.0 * (double)row.samples[c] / (double)row.total);
	return 0;
}
