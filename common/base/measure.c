/*
 * measure.c - clocks and rusage deltas (see measure.h).
 */
#include "base/measure.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static double timeval_s(struct timeval tv)
{
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

double measure_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double measure_cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void measure_take(struct measure_snapshot *snap)
{
	/* the clock first: a forked child's first clock read faults the vDSO's page in, which
	 * belongs before the snapshot, not in the counts that follow it */
	snap->mono_s = measure_now();
	getrusage(RUSAGE_SELF, &snap->usage);
}

void measure_delta(const struct measure_snapshot *before, const struct measure_snapshot *after,
		   struct half_figures *out)
{
	const struct rusage *a = &before->usage, *b = &after->usage;
	out->start_s = before->mono_s;
	out->end_s = after->mono_s;
	out->wall_s = after->mono_s - before->mono_s;
	out->user_s = timeval_s(b->ru_utime) - timeval_s(a->ru_utime);
	out->sys_s = timeval_s(b->ru_stime) - timeval_s(a->ru_stime);
	out->vcsw = b->ru_nvcsw - a->ru_nvcsw;
	out->ivcsw = b->ru_nivcsw - a->ru_nivcsw;
	out->minflt = b->ru_minflt - a->ru_minflt;
	out->majflt = b->ru_majflt - a->ru_majflt;
	out->maxrss_kb = measure_peak_rss_kb();
}

void measure_reset_peak_rss(void)
{
	int fd = open("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		ssize_t ignored = write(fd, "5", 1);
		(void)ignored;
		close(fd);
	}
}

int64_t measure_peak_rss_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	if (!f)
		return -1;
	char line[256];
	long long kb = -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "VmHWM:", 6) == 0 && sscanf(line + 6, "%lld", &kb) == 1)
			break;
	fclose(f);
	return kb;
}
