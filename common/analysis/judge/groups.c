/*
 * groups.c - grouping runs and summarising each group (see groups.h).
 */
#include "analysis/judge/groups.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "base/output_file.h"
#include "base/units.h"

int groups_holds(const struct group *g, const struct run_record *r)
{
	/* the numbers first: the scans over a pooled file's records mostly fail there, cheaply */
	return g->bytes == r->bytes && g->chunk == r->chunk && g->slots == r->slots &&
	       g->pipe_size == r->pipe_size && g->spin_us == r->spin_us &&
	       g->busy_poll == r->busy_poll && strcmp(g->method, r->method) == 0 &&
	       strcmp(g->series, r->series) == 0 && strcmp(g->producer, r->producer) == 0 &&
	       strcmp(g->consumer, r->consumer) == 0 && strcmp(g->source, r->source) == 0 &&
	       strcmp(g->sink_by, r->sink_by) == 0;
}

/* The quantities summarised per group, each pulled out of a record by one function. */
typedef double (*record_value)(const struct run_record *r);

static double per_gib(const struct run_record *r, double seconds)
{
	return r->bytes ? seconds / ((double)r->bytes / GIB_BYTES) : 0;
}
static double v_gib(const struct run_record *r) { return r->gib_per_s; }
static double v_wall(const struct run_record *r) { return r->wall_s; }
static double v_pct(const struct run_record *r) { return r->pct_of_floor; }
static double v_floor(const struct run_record *r) { return r->floor_gib_per_s; }
static double v_scpu(const struct run_record *r) { return r->producer_fig.user_s + r->producer_fig.sys_s; }
static double v_rcpu(const struct run_record *r) { return r->consumer_fig.user_s + r->consumer_fig.sys_s; }
static double v_cpu_gib(const struct run_record *r) { return per_gib(r, v_scpu(r) + v_rcpu(r)); }

double groups_run_cpu_s(const struct run_record *r)
{
	return v_scpu(r) + v_rcpu(r);
}

double groups_run_cpu_per_gib(const struct run_record *r)
{
	return v_cpu_gib(r);
}
static double v_suser(const struct run_record *r) { return per_gib(r, r->producer_fig.user_s); }
static double v_ssys(const struct run_record *r) { return per_gib(r, r->producer_fig.sys_s); }
static double v_ruser(const struct run_record *r) { return per_gib(r, r->consumer_fig.user_s); }
static double v_rsys(const struct run_record *r) { return per_gib(r, r->consumer_fig.sys_s); }
static double v_ssc(const struct run_record *r) { return (double)r->producer_fig.syscalls; }
static double v_rsc(const struct run_record *r) { return (double)r->consumer_fig.syscalls; }
static double v_ssc_gib(const struct run_record *r) { return per_gib(r, v_ssc(r)); }
static double v_rsc_gib(const struct run_record *r) { return per_gib(r, v_rsc(r)); }
static double bytes_per(const struct run_record *r, double calls) { return calls > 0 ? (double)r->bytes / calls : 0; }
static double v_sbpc(const struct run_record *r) { return bytes_per(r, v_ssc(r)); }
static double v_rbpc(const struct run_record *r) { return bytes_per(r, v_rsc(r)); }
static double v_scsw(const struct run_record *r) { return per_gib(r, (double)(r->producer_fig.vcsw + r->producer_fig.ivcsw)); }
static double v_rcsw(const struct run_record *r) { return per_gib(r, (double)(r->consumer_fig.vcsw + r->consumer_fig.ivcsw)); }
static double v_sflt(const struct run_record *r) { return per_gib(r, (double)(r->producer_fig.minflt + r->producer_fig.majflt)); }
static double v_rflt(const struct run_record *r) { return per_gib(r, (double)(r->consumer_fig.minflt + r->consumer_fig.majflt)); }
/* the kernel's count: -1 where it was not counted (an older file, a counter refused) */
static double kernel_per_gib(const struct run_record *r, int64_t calls) { return calls < 0 ? -1 : per_gib(r, (double)calls); }
static double v_sksc_gib(const struct run_record *r) { return kernel_per_gib(r, r->producer_fig.kernel_syscalls); }
static double v_rksc_gib(const struct run_record *r) { return kernel_per_gib(r, r->consumer_fig.kernel_syscalls); }
static double v_rep(const struct run_record *r) { return r->reported_mib; }
static double v_steal(const struct run_record *r) { return r->steal_s; }

static const struct {
	const char *name;	/* prefix of its columns in the summary CSV */
	size_t offset;		/* of the struct stats_summary inside struct group */
	record_value value;
} quantities[] = {
	{ "gib_per_s", offsetof(struct group, gib), v_gib },
	{ "wall_s", offsetof(struct group, wall), v_wall },
	{ "pct_of_floor", offsetof(struct group, pct_of_floor), v_pct },
	{ "floor_gib_per_s", offsetof(struct group, floor), v_floor },
	{ "sender_cpu_s", offsetof(struct group, sender_cpu), v_scpu },
	{ "receiver_cpu_s", offsetof(struct group, receiver_cpu), v_rcpu },
	{ "cpu_s_per_gib", offsetof(struct group, cpu_per_gib), v_cpu_gib },
	{ "sender_user_s_per_gib", offsetof(struct group, sender_user_per_gib), v_suser },
	{ "sender_sys_s_per_gib", offsetof(struct group, sender_sys_per_gib), v_ssys },
	{ "receiver_user_s_per_gib", offsetof(struct group, receiver_user_per_gib), v_ruser },
	{ "receiver_sys_s_per_gib", offsetof(struct group, receiver_sys_per_gib), v_rsys },
	{ "sender_syscalls", offsetof(struct group, sender_syscalls), v_ssc },
	{ "receiver_syscalls", offsetof(struct group, receiver_syscalls), v_rsc },
	{ "sender_syscalls_per_gib", offsetof(struct group, sender_syscalls_per_gib), v_ssc_gib },
	{ "receiver_syscalls_per_gib", offsetof(struct group, receiver_syscalls_per_gib), v_rsc_gib },
	{ "sender_kernel_syscalls_per_gib", offsetof(struct group, sender_kernel_syscalls_per_gib), v_sksc_gib },
	{ "receiver_kernel_syscalls_per_gib", offsetof(struct group, receiver_kernel_syscalls_per_gib), v_rksc_gib },
	{ "sender_bytes_per_syscall", offsetof(struct group, sender_bytes_per_syscall), v_sbpc },
	{ "receiver_bytes_per_syscall", offsetof(struct group, receiver_bytes_per_syscall), v_rbpc },
	{ "sender_csw_per_gib", offsetof(struct group, sender_csw_per_gib), v_scsw },
	{ "receiver_csw_per_gib", offsetof(struct group, receiver_csw_per_gib), v_rcsw },
	{ "sender_faults_per_gib", offsetof(struct group, sender_faults_per_gib), v_sflt },
	{ "receiver_faults_per_gib", offsetof(struct group, receiver_faults_per_gib), v_rflt },
	{ "reported_mib", offsetof(struct group, reported_mib), v_rep },
	{ "steal_s", offsetof(struct group, steal), v_steal },
};
#define NQUANTITIES (sizeof(quantities) / sizeof(quantities[0]))

uint64_t groups_bytes_per_call(uint64_t chunk, uint64_t pipe_size)
{
	if (chunk != 0 && chunk != CHUNK_REST)
		return chunk;
	return pipe_size ? pipe_size : 65536;
}

int groups_pipe_cuts_chunk(const struct group *g)
{
	return g->pipe_size > 0 && g->pipe_size < g->chunk;
}

int groups_run_host_took(const struct run_record *r)
{
	return r->reported_mib >= GROUPS_HOST_TOOK_MIB;	/* -1 (not counted) is not taken */
}

int groups_run_host_stole(const struct run_record *r)
{
	return r->wall_s > 0 && r->steal_s >= GROUPS_HOST_STOLE_CPU * r->wall_s;
}

/* Counts the runs the host disturbed, and how steady the group is over the rest: a method is
 * judged on its own only by the runs nothing outside it slowed.  members[0..k) are the indices
 * of the group's records. */
static void count_host_effects(struct group *g, const struct run_record *records,
			       const size_t *members, size_t k)
{
	double lo = 0, hi = 0;
	g->host_took = g->host_stole = g->left_alone = 0;
	for (size_t m = 0; m < k; m++) {
		const struct run_record *r = &records[members[m]];
		int took = groups_run_host_took(r), stole = groups_run_host_stole(r);
		g->host_took += took;
		g->host_stole += stole;
		if (took || stole || r->gib_per_s <= 0)
			continue;
		if (g->left_alone++ == 0)
			lo = hi = r->gib_per_s;
		lo = r->gib_per_s < lo ? r->gib_per_s : lo;
		hi = r->gib_per_s > hi ? r->gib_per_s : hi;
	}
	g->left_alone_ratio = g->left_alone >= 2 ? hi / lo : 0;
}

static void summarise(struct group *g, const struct run_record *records, const size_t *members,
		      size_t k, double *scratch)
{
	for (size_t q = 0; q < NQUANTITIES; q++) {
		for (size_t m = 0; m < k; m++)
			scratch[m] = quantities[q].value(&records[members[m]]);
		stats_summarize(scratch, k, (struct stats_summary *)((char *)g + quantities[q].offset));
	}
	g->n = k;
	count_host_effects(g, records, members, k);
	g->noisy = stats_is_noisy(&g->gib);
}

/* One text field of a key, its NUL included so that "ab","c" and "a","bc" hash apart. */
static uint64_t hash_field(uint64_t h, const char *s)
{
	return bx_hash_bytes(h, s, strlen(s) + 1);
}
/* A record's and a group's key hash alike: the same fields, in the same order. */
#define KEY_HASH(x)                                                                              \
	do {                                                                                     \
		h = hash_field(h, (x)->series);                                                  \
		h = hash_field(h, (x)->method);                                                  \
		h = hash_field(h, (x)->producer);                                                \
		h = hash_field(h, (x)->consumer);                                                \
		const uint64_t nums[] = { (x)->bytes,	  (x)->chunk,	(x)->slots,               \
					  (x)->pipe_size, (x)->spin_us, (uint64_t)(x)->busy_poll }; \
		h = bx_hash_bytes(h, nums, sizeof(nums));                                        \
		h = hash_field(h, (x)->source);                                                  \
		h = hash_field(h, (x)->sink_by);                                                 \
	} while (0)

static uint64_t key_hash(const struct run_record *r)
{
	uint64_t h = BX_HASH_SEED;
	KEY_HASH(r);
	return h;
}

static uint64_t group_hash(const struct group *g)
{
	uint64_t h = BX_HASH_SEED;
	KEY_HASH(g);
	return h;
}

static void group_key_of(struct group *g, const struct run_record *r)
{
	snprintf(g->series, sizeof(g->series), "%s", r->series);
	snprintf(g->method, sizeof(g->method), "%s", r->method);
	snprintf(g->producer, sizeof(g->producer), "%s", r->producer);
	snprintf(g->consumer, sizeof(g->consumer), "%s", r->consumer);
	g->bytes = r->bytes;
	g->chunk = r->chunk;
	g->slots = r->slots;
	g->pipe_size = r->pipe_size;
	g->spin_us = r->spin_us;
	snprintf(g->source, sizeof(g->source), "%s", r->source);
	snprintf(g->sink_by, sizeof(g->sink_by), "%s", r->sink_by);
	snprintf(g->kernel_syscalls_by, sizeof(g->kernel_syscalls_by), "%s", r->kernel_syscalls_by);
	g->busy_poll = r->busy_poll;
}

/* List each bucket's records, in file order: of[i] is record i's bucket (< nb); on return the
 * indices of bucket b's records are members[start[b] .. start[b + 1]).  start has nb + 1
 * entries, zeroed by the caller. */
static void list_members(const size_t *of, size_t n, size_t nb, size_t *start, size_t *members)
{
	for (size_t i = 0; i < n; i++)
		start[of[i] + 1]++;
	for (size_t b = 0; b < nb; b++)
		start[b + 1] += start[b];
	/* start[b] counts up as bucket b's records are placed; then start[b - 1] (or 0) is again
	 * its first */
	for (size_t i = 0; i < n; i++)
		members[start[of[i]]++] = i;
	for (size_t b = nb; b > 0; b--)
		start[b] = start[b - 1];
	start[0] = 0;
}

/* One pass puts each record in its group (a hash of the key: a pooled file of a million rows
 * and thousands of groups took hours by searching the groups for each record), a counting sort
 * lists each group's records in file order, and each group is summarised from its own list. */
int groups_build(const struct run_record *records, size_t n, struct group **groups,
		 size_t *ngroups)
{
	*groups = NULL;
	*ngroups = 0;
	size_t nslots = 16;
	while (nslots < 2 * n)
		nslots *= 2;
	struct group *gs = calloc(n ? n : 1, sizeof(*gs));
	double *scratch = malloc((n ? n : 1) * sizeof(double));
	size_t *slots = calloc(nslots, sizeof(size_t));	/* group index + 1; 0 = empty */
	/* each record's group (calloc: gcc cannot see the loop below fill it before use) */
	size_t *of = calloc(n ? n : 1, sizeof(size_t));
	size_t *start = calloc(n + 1, sizeof(size_t));	/* each group's first in members */
	size_t *members = malloc((n ? n : 1) * sizeof(size_t));
	int rc = -ENOMEM;
	if (!gs || !scratch || !slots || !of || !start || !members)
		goto out;
	size_t ng = 0;
	for (size_t i = 0; i < n; i++) {
		const struct run_record *r = &records[i];
		size_t h = key_hash(r) & (nslots - 1);
		while (slots[h] && !groups_holds(&gs[slots[h] - 1], r))
			h = (h + 1) & (nslots - 1);
		if (!slots[h]) {
			group_key_of(&gs[ng], r);
			slots[h] = ++ng;
		}
		of[i] = slots[h] - 1;
	}
	list_members(of, n, ng, start, members);
	for (size_t g = 0; g < ng; g++)
		summarise(&gs[g], records, members + start[g], start[g + 1] - start[g], scratch);
	*groups = gs;
	*ngroups = ng;
	gs = NULL;
	rc = 0;
out:
	free(gs);
	free(scratch);
	free(slots);
	free(of);
	free(start);
	free(members);
	return rc;
}

int groups_index(const struct run_record *records, size_t n, const struct group *groups,
		 size_t ng, size_t **start_out, size_t **members_out)
{
	*start_out = *members_out = NULL;
	size_t nslots = 16;
	while (nslots < 2 * ng)
		nslots *= 2;
	size_t *slots = calloc(nslots, sizeof(size_t));	/* group index + 1; 0 = empty */
	size_t *of = malloc((n ? n : 1) * sizeof(size_t));	/* each record's group; ng: none */
	size_t *start = calloc(ng + 2, sizeof(size_t));
	size_t *members = malloc((n ? n : 1) * sizeof(size_t));
	if (!slots || !of || !start || !members) {
		free(slots);
		free(of);
		free(start);
		free(members);
		return -ENOMEM;
	}
	for (size_t g = 0; g < ng; g++) {
		size_t h = group_hash(&groups[g]) & (nslots - 1);
		while (slots[h])
			h = (h + 1) & (nslots - 1);
		slots[h] = g + 1;
	}
	for (size_t i = 0; i < n; i++) {
		size_t h = key_hash(&records[i]) & (nslots - 1);
		while (slots[h] && !groups_holds(&groups[slots[h] - 1], &records[i]))
			h = (h + 1) & (nslots - 1);
		of[i] = slots[h] ? slots[h] - 1 : ng;
	}
	list_members(of, n, ng + 1, start, members);	/* bucket ng: records in no group */
	free(slots);
	free(of);
	*start_out = start;
	*members_out = members;
	return 0;
}

const struct group *groups_find(const struct group *groups, size_t n, const char *series,
				const char *method)
{
	for (size_t i = 0; i < n; i++)
		if ((!series || strcmp(groups[i].series, series) == 0) &&
		    strcmp(groups[i].method, method) == 0)
			return &groups[i];
	return NULL;
}

static void put_stats(FILE *f, const struct stats_summary *s)
{
	fprintf(f, ",%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g", s->median, s->mean, s->stddev, s->min,
		s->max, s->median_ci_low, s->median_ci_high);
}

int groups_write_csv(const char *path, const struct group *groups, size_t n)
{
	static const char *stats[] = { "median", "mean", "stddev", "min", "max", "median_ci_low",
				       "median_ci_high" };
	struct output_file out;
	FILE *f = output_file_open(&out, path);
	if (!f)
		return -errno;
	fprintf(f, "series,method,producer,consumer,bytes,chunk,slots,pipe_size,spin_us,source,"
		"sink_by,busy_poll,runs,noisy,host_took,host_stole,left_alone,left_alone_max_min");
	for (size_t q = 0; q < NQUANTITIES; q++)
		for (size_t s = 0; s < sizeof(stats) / sizeof(stats[0]); s++)
			fprintf(f, ",%s_%s", quantities[q].name, stats[s]);
	fputc('\n', f);
	for (size_t i = 0; i < n; i++) {
		const struct group *g = &groups[i];
		fprintf(f, "%s,%s,%s,%s,%llu,%llu,%llu,%llu,%llu,%s,%s,%llu,%zu,%d,%zu,%zu,%zu,%.6g",
			g->series, g->method, g->producer, g->consumer, (unsigned long long)g->bytes,
			/* --chunk rest as runs.csv writes it: 0, a size no chunk has */
			g->chunk == CHUNK_REST ? 0ULL : (unsigned long long)g->chunk,
			(unsigned long long)g->slots,
			(unsigned long long)g->pipe_size, (unsigned long long)g->spin_us, g->source,
			g->sink_by, (unsigned long long)g->busy_poll, g->n,
			g->noisy, g->host_took, g->host_stole, g->left_alone, g->left_alone_ratio);
		for (size_t q = 0; q < NQUANTITIES; q++)
			put_stats(f, (const struct stats_summary *)((const char *)g + quantities[q].offset));
		fputc('\n', f);
	}
	return output_file_close(&out, 1);
}

int groups_is_sweep(const char *series)
{
	size_t len = strlen(series);
	return len >= 5 && strcmp(series + len - 5, "sweep") == 0;
}

void groups_host_counts(const struct group *groups, size_t n, size_t *took, size_t *stole)
{
	*took = *stole = 0;
	for (size_t i = 0; i < n; i++) {
		*took += groups[i].host_took;
		*stole += groups[i].host_stole;
	}
}

int groups_is_profile(const char *series)
{
	size_t len = strlen(series);
	return len >= 8 && strcmp(series + len - 8, "-profile") == 0;
}

/* Not a sweep, and the method's own halves on a file (not memory to memory, issue 22). */
static int plain(const struct group *g)
{
	return !groups_is_sweep(g->series) && strncmp(g->source, "memory", 6) != 0 &&
	       strcmp(g->sink_by, "read") != 0 && strcmp(g->sink_by, "splice") != 0;
}

int groups_first_plain_of_method(const struct group *groups, size_t n, size_t i)
{
	if (i >= n || !plain(&groups[i]))
		return 0;
	for (size_t k = 0; k < i; k++)
		if (strcmp(groups[k].method, groups[i].method) == 0 && plain(&groups[k]))
			return 0;
	return 1;
}

double groups_side_cpu_per_gib(const struct group *g, int producer)
{
	const struct stats_summary *cpu = producer ? &g->sender_cpu : &g->receiver_cpu;
	return cpu->median / (g->bytes ? (double)g->bytes / GIB_BYTES : 1);
}

double groups_cpu_per_run(const struct group *g)
{
	return g->cpu_per_gib.median * (g->bytes ? (double)g->bytes / GIB_BYTES : 1);
}

void groups_side_cpu_split(const struct group *g, int producer, double *user, double *sys)
{
	double u = producer ? g->sender_user_per_gib.median : g->receiver_user_per_gib.median;
	double k = producer ? g->sender_sys_per_gib.median : g->receiver_sys_per_gib.median;
	double total = groups_side_cpu_per_gib(g, producer);
	double share = u + k > 0 ? u / (u + k) : 0;
	*user = total * share;
	*sys = total - *user;
}
