/*
 * ipc_alone.c - memory-to-memory figures for `bulkxfer limits` (see ipc_alone.h).
 */
#include "run/ipc_alone.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis/judge/stats.h"
#include "base/cleanup.h"
#include "base/units.h"
#include "run/plan.h"
#include "run/runner.h"

static const struct {
	const char *method, *what;
} measured[IPC_ALONE_METHODS] = {
	{ "pipe", "write() from memory -> pipe -> read() into memory" },
	{ "unix", "write() from memory -> AF_UNIX socket -> read() into memory" },
	{ "shm", "memcpy() from memory -> ring slot -> memcpy() into memory" },
};

/* The median of what pick gives for the records of method (0 when none). */
static double median_of(const struct series *s, const char *method, int cpu)
{
	double *v = malloc(s->n * sizeof(*v) + 1);
	size_t n = 0;
	for (size_t i = 0; v && i < s->n; i++) {
		const struct run_record *r = &s->records[i];
		if (strcmp(r->method, method) != 0)
			continue;
		double gib = (double)r->bytes / GIB_BYTES;
		v[n++] = cpu ? (r->producer_fig.user_s + r->producer_fig.sys_s + r->consumer_fig.user_s +
				r->consumer_fig.sys_s) / gib : r->gib_per_s;
	}
	double m = n ? stats_median_inplace(v, n) : 0;
	free(v);
	return m;
}

int ipc_alone_measure(const struct run_plan *base, uint64_t size,
		      struct ipc_alone_figure out[IPC_ALONE_METHODS], struct bx_error *err)
{
	struct run_plan o = *base;
	const char *workdir = base->workdir;
	o.nmethods = 0;
	for (size_t i = 0; i < IPC_ALONE_METHODS; i++)
		o.methods[o.nmethods++] = methods_find(measured[i].method);
	/* a receiver that keeps the data: DRAM to DRAM, as the memcpy beside it */
	runner_plan_memory_to_memory(&o, size, IPC_ALONE_MAX_BYTES, SINK_KEEP);
	o.chunks.v[0] = IPC_ALONE_CHUNK;
	o.chunks.n = 1;
	o.runs = IPC_ALONE_RUNS;
	o.warmup = 1;
	o.workdir = workdir;
	o.series = "limits";
	char csv[PATH_MAX];
	snprintf(csv, sizeof(csv), "%s/.bulkxfer-limits-%ld.csv", workdir, (long)getpid());
	o.csv = csv;
	cleanup_add_path(csv);
	struct series s = { 0 };
	int rc = runner_execute(&o, &s, err);
	unlink(csv);
	cleanup_forget_path(csv);
	for (size_t i = 0; i < IPC_ALONE_METHODS; i++) {
		out[i].method = measured[i].method;
		out[i].what = measured[i].what;
		out[i].gib_s = rc == 0 ? median_of(&s, measured[i].method, 0) : 0;
		out[i].cpu_s_per_gib = rc == 0 ? median_of(&s, measured[i].method, 1) : 0;
		out[i].runs = 0;
		for (size_t k = 0; rc == 0 && k < s.n; k++)
			out[i].runs += strcmp(s.records[k].method, measured[i].method) == 0;
	}
	series_free(&s);
	return rc;
}

int ipc_alone_print(FILE *out, const struct run_plan *base, uint64_t size, double memcpy_gib_s)
{
	struct ipc_alone_figure f[IPC_ALONE_METHODS];
	struct bx_error err = { 0, "" };
	int rc = ipc_alone_measure(base, size, f, &err);
	if (rc) {
		bx_print_error("%s", err.msg);
		return rc;
	}
	char chunk[32], bytes[32];
	fprintf(out, "the channel alone, memory to memory (--src memory --dst memory, %s chunks, "
		"%s, median of %d verified runs):\n",
		units_format_chunk(IPC_ALONE_CHUNK, chunk, sizeof(chunk)),
		units_format_size(size < IPC_ALONE_MAX_BYTES ? size : IPC_ALONE_MAX_BYTES, bytes,
				  sizeof(bytes)), IPC_ALONE_RUNS);
	for (size_t i = 0; i < IPC_ALONE_METHODS; i++) {
		if (f[i].runs == 0) {
			fprintf(out, "  %-28s  not measured here (skipped)\n", f[i].method);
			continue;
		}
		fprintf(out, "  %-5s %8.2f GiB/s, %6.3f CPU s/GiB", f[i].method, f[i].gib_s,
			f[i].cpu_s_per_gib);
		if (memcpy_gib_s > 0)
			fprintf(out, ", %5.1f%% of memcpy, DRAM to DRAM", 100 * f[i].gib_s / memcpy_gib_s);
		fprintf(out, "   (%s)\n", f[i].what);
	}
	return BX_EXIT_OK;
}
